import { describe, expect, it } from 'vitest';
import type { AnswerInput } from '../types';
import { context, PHONES, VOCABULARY } from '../understand/test-fixtures';
import { outlineOfNames } from './catalog-outline';
import { composeAnswer } from './compose-answer';
import { createLocalProvider } from './local-provider';

const collect = async (it: AsyncIterable<string>) => {
  const chunks: string[] = [];
  for await (const c of it) chunks.push(c);
  return chunks;
};

describe('createLocalProvider', () => {
  const provider = createLocalProvider({ catalogVocabulary: VOCABULARY });

  it('is named local and understands with the deterministic parser', async () => {
    expect(provider.name).toBe('local');
    const u = await provider.understand('Samsung phones under 500', context());
    expect(u.intent).toBe('product_inquiry');
    expect(u.query).toMatchObject({ category: 'smartphone', brands: ['Samsung'], maxPrice: 500 });
  });

  it('reads the vocabulary lazily when given a function', async () => {
    let categories = ['tv'];
    const lazy = createLocalProvider({ catalogVocabulary: () => ({ brands: [], categories }) });
    expect((await lazy.understand('a laptop', context())).query.category).toBeUndefined();
    categories = ['laptop'];
    expect((await lazy.understand('a laptop', context())).query.category).toBe('laptop');
  });

  it('streams the composed answer word by word', async () => {
    const input: AnswerInput = {
      question: 'phones',
      understanding: await provider.understand('phones', context()),
      products: PHONES,
      alternatives: false,
      documents: [],
      context: context(),
      currency: 'USD',
    };
    const chunks = await collect(provider.answer(input));
    expect(chunks.length).toBeGreaterThan(20);
    expect(chunks.join('')).toBe(composeAnswer(input, outlineOfNames(VOCABULARY.categories)));
  });

  it('stops when the signal aborts, and refuses to start when already aborted', async () => {
    const input: AnswerInput = {
      question: 'hi',
      understanding: await provider.understand('hi', context()),
      products: [],
      alternatives: false,
      documents: [],
      context: context(),
      currency: 'USD',
    };
    const controller = new AbortController();
    const seen: string[] = [];
    for await (const chunk of provider.answer(input, controller.signal)) {
      seen.push(chunk);
      if (seen.length === 3) controller.abort();
    }
    expect(seen).toHaveLength(3);
    await expect(provider.understand('hi', context(), AbortSignal.abort())).rejects.toThrow();
    expect(await collect(provider.answer(input, AbortSignal.abort()))).toEqual([]);
  });
});
