import { afterEach, describe, expect, it } from 'vitest';
import { retrieveProducts } from '../assistant/retrieve';
import { createCatalog } from '../catalog/catalog';
import { ELECTRONICS_STORE } from '../catalog/vocabulary/fixtures';
import { createOpenAIProvider } from './openai-provider';
import { context } from './testing/fixtures';
import { type OpenAIStub, startOpenAIStub } from './testing/openai-stub';
import { buildUnderstandMessages, STORE_WORDS_MAX } from './understand-prompt';

const catalog = createCatalog(ELECTRONICS_STORE);

let stub: OpenAIStub | undefined;
afterEach(async () => {
  await stub?.close();
  stub = undefined;
});

describe('the understanding prompt', () => {
  it("lists the store's own categories and brands, bounded, and no fixed category list", () => {
    const [system] = buildUnderstandMessages('a tv', context(), catalog.vocabulary.top(3));
    const text = String(system?.content);
    expect(text).toContain('<store_categories>');
    expect(text).toContain('"Laptops"');
    expect(text).toContain('"Apple®"');
    expect(text).not.toContain('smartphone, laptop, tablet');
    const many = { categories: Array.from({ length: 500 }, (_, i) => `c${i}`), brands: [] };
    const bounded = String(buildUnderstandMessages('x', context(), many)[0]?.content);
    expect(bounded).toContain(`"c${STORE_WORDS_MAX - 1}"`);
    expect(bounded).not.toContain(`"c${STORE_WORDS_MAX}"`);
  });

  it("sends the store's words to the model and resolves its reading like the local one", async () => {
    stub = await startOpenAIStub([
      {
        toolCall: {
          arguments: {
            intent: 'product_inquiry',
            query: { text: '', category: 'Television', brands: ['INSIGNIA'], sort: 'price_asc' },
          },
        },
      },
    ]);
    const provider = createOpenAIProvider({
      apiKey: 'sk-test',
      baseURL: stub.url,
      model: 'gpt-4o-mini',
      timeoutMs: 5_000,
      maxConcurrency: 2,
      contextTokens: 3_000,
      storeWords: () => catalog.vocabulary.top(STORE_WORDS_MAX),
    });
    const ctx = context();
    const understanding = await provider.understand('cheapest insignia telly?', ctx);
    const system = String(stub.calls[0]?.body.messages?.[0]?.content);
    expect(system).toContain('"Flat-Panel TVs"');
    expect(system).toContain('"Samsung®"');
    // "Television" and "INSIGNIA" are not the store's spellings: resolved all the same.
    const r = retrieveProducts(understanding, ctx, catalog);
    expect(r.products.map((p) => p.sku)).toEqual(['tv3']);
    expect(r.alternatives).toBe(false);
  });
});
