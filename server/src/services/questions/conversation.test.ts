/**
 * Conversation state through the QuestionService, on the embedded store and a real
 * redis-server: a follow-up refines the last search ("Show me TVs" -> "only Samsung" ->
 * "under $500"), on a catalog shaped like a real store's export and on the demo catalog,
 * with the local provider and with a model's structured output (OpenAI-compatible stub).
 */
import type { ProductCard, QueryResult } from '@aisle/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/support/app';
import { STORE_KINDS, type StoreKind, useRedisServer } from '../../../test/support/both-stores';
import { type Catalog, createCatalog, createDemoCatalog } from '../../catalog';
import { type OpenAIStub, startOpenAIStub } from '../../llm/testing/openai-stub';
import { STORE_LIKE_PRODUCTS } from './store-like-catalog';

const redis = useRedisServer();

/**
 * An app on the given store serving the given catalog, its provider built from that catalog
 * as in production (the local one, or the model configured in `llmEnv`).
 */
function useApp(
  kind: StoreKind,
  catalog: Catalog,
  llmEnv?: () => Record<string, string>,
): () => TestApp {
  let app: TestApp | undefined;
  beforeAll(async () => {
    const env = { ...llmEnv?.(), ...(kind === 'redis' ? { REDIS_URL: redis().url } : {}) };
    app = await startTestApp(env, { catalog });
  });
  afterAll(async () => {
    await app?.close();
  });
  return () => {
    if (!app) throw new Error('the app is not started yet');
    return app;
  };
}

/** One shopper's conversation: the session is created by the first question. */
function conversation(app: TestApp) {
  let session: { id: string; token: string } | undefined;
  const ask = async (q: string): Promise<QueryResult> => {
    const result = await app.services.questions.answer(
      { q, ...(session ? { sessionId: session.id } : {}) },
      session?.token,
    );
    session ??= { id: result.session_id, token: result.session_token ?? '' };
    return result;
  };
  const sessionId = () => {
    if (!session) throw new Error('no question asked yet');
    return session.id;
  };
  const state = async () => app.services.store.loadTurnContext(sessionId(), 1);
  return Object.assign(ask, { state, sessionId });
}

const skus = (r: QueryResult) => r.products.map((p) => p.sku);
const brands = (r: QueryResult) => new Set(r.products.map((p) => p.brand));
const prices = (r: QueryResult) => r.products.map((p) => p.price);
const inPath = (level: string) => (p: ProductCard) => p.category_path?.includes(level) === true;

describe.each(STORE_KINDS)('conversation state on a store-like catalog (%s store)', (kind) => {
  const catalog = createCatalog(STORE_LIKE_PRODUCTS);
  const app = useApp(kind, catalog);

  it('"Show me TVs" -> "only Samsung" -> "under $500" stays on TVs, never Samsung phones', async () => {
    const ask = conversation(app());
    const tvs = await ask('Show me TVs');
    expect(tvs.products.some((p) => p.category === 'Flat-Panel TVs')).toBe(true);

    const samsung = await ask('only Samsung');
    expect(brands(samsung)).toEqual(new Set(['Samsung']));
    expect(samsung.products.some((p) => p.category === 'Flat-Panel TVs')).toBe(true);
    expect(samsung.products.filter(inPath('Cell Phones'))).toEqual([]);

    const under = await ask('under $500');
    expect(brands(under)).toEqual(new Set(['Samsung']));
    expect(Math.max(...prices(under))).toBeLessThanOrEqual(500);
    expect(skus(under)).toContain('TV-SAM-32');
    expect(skus(under)).not.toContain('PH-SAM-A15');
    expect((await ask.state())?.search?.query).toMatchObject({
      brands: ['Samsung'],
      maxPrice: 500,
    });
  });

  it('"laptops under $500" -> "anything from Lenovo instead?" keeps the budget', async () => {
    const ask = conversation(app());
    const laptops = await ask('laptops under $500');
    expect(laptops.products.every(inPath('Laptops'))).toBe(true);

    const lenovo = await ask('anything from Lenovo instead?');
    expect(lenovo.products.length).toBeGreaterThan(0);
    expect(brands(lenovo)).toEqual(new Set(['Lenovo']));
    expect(Math.max(...prices(lenovo))).toBeLessThanOrEqual(500);
    expect(lenovo.products.every(inPath('Laptops'))).toBe(true);

    // Another brand swaps the brand again; the budget and the kind of product stay.
    const hp = await ask('what about HP?');
    expect(hp.products.length).toBeGreaterThan(0);
    expect(Math.max(...prices(hp))).toBeLessThanOrEqual(500);
    expect(hp.products.every(inPath('Laptops'))).toBe(true);
    expect((await ask.state())?.search?.query).toMatchObject({ brands: ['HP'], maxPrice: 500 });
  });

  it('"something cheaper?" and "more expensive ones" move the budget past what was shown', async () => {
    const ask = conversation(app());
    const premium = await ask('TVs over $1000');
    expect(Math.min(...prices(premium))).toBeGreaterThanOrEqual(1000);

    const cheaper = await ask('something cheaper?');
    expect(cheaper.products.length).toBeGreaterThan(1);
    expect(Math.max(...prices(cheaper))).toBeLessThan(Math.min(...prices(premium)));
    expect(cheaper.products.every(inPath('TV & Home Theater'))).toBe(true);

    const pricier = await ask('show me more expensive ones');
    expect(pricier.products.length).toBeGreaterThan(0);
    expect(Math.min(...prices(pricier))).toBeGreaterThan(Math.max(...prices(cheaper)));
    expect(pricier.products.every(inPath('TV & Home Theater'))).toBe(true);
  });

  it('"compare the first two" and "tell me more about the second one" point at what was shown', async () => {
    const ask = conversation(app());
    const tvs = await ask('Show me TVs');
    expect(tvs.products.length).toBeGreaterThanOrEqual(2);
    expect(skus(await ask('compare the first two'))).toEqual(skus(tvs).slice(0, 2));
    expect(skus(await ask('tell me more about the second one'))).toEqual([skus(tvs)[1]]);
  });

  it('words added to the search narrow it, unless only a search of their own finds them', async () => {
    const ask = conversation(app());
    await ask('Show me flat-panel TVs');
    const oled = await ask('any OLED ones?');
    expect(skus(oled)).toContain('TV-LG-55');
    expect(oled.products.every((p) => p.category === 'Flat-Panel TVs')).toBe(true);

    // No TV says bluetooth: the words are a search of their own, not "TVs, closest match".
    const bluetooth = await ask('anything with bluetooth?');
    expect(skus(bluetooth)).toEqual(['SPK-JBL-FLIP6']);
    expect((await ask.state())?.search?.query.category).toBeUndefined();
  });

  it('a new category named starts a fresh search: no brand or budget carried over', async () => {
    const ask = conversation(app());
    await ask('Samsung TVs under $500');
    const laptops = await ask('laptops');
    expect(laptops.products.length).toBeGreaterThan(0);
    expect(laptops.products.every(inPath('Laptops'))).toBe(true);
    const query = (await ask.state())?.search?.query;
    expect(query).toBeDefined();
    expect(query?.brands).toBeUndefined();
    expect(query?.maxPrice).toBeUndefined();
  });

  it('never serves a plain answer to a session it would refine, nor a refined one to others', async () => {
    // A shopper with no earlier search: "only Samsung" is every Samsung product, cached.
    const stranger = await conversation(app())('only Samsung');
    expect(stranger.products.some(inPath('Cell Phones'))).toBe(true);
    expect((await conversation(app())('only Samsung')).cached).toBe(true);

    // After TVs, the same words refine the search: the stranger's answer is not this one.
    const first = conversation(app());
    await first('Show me TVs');
    const samsungTvs = await first('only Samsung');
    expect(samsungTvs.cached).toBe(false);
    expect(samsungTvs.products.some(inPath('Cell Phones'))).toBe(false);
    // A repeated fresh question holds whatever came before: served from the cache.
    expect((await first('Show me TVs')).cached).toBe(true);

    // Refining after a cached answer works: the replay recorded its search too.
    const second = conversation(app());
    expect((await second('Show me TVs')).cached).toBe(true);
    const again = await second('only Samsung');
    expect(again.cached).toBe(false);
    expect(skus(again)).toEqual(skus(samsungTvs));
  });
});

describe.each(STORE_KINDS)('conversation state on the demo catalog (%s store)', (kind) => {
  const catalog = createDemoCatalog();
  const app = useApp(kind, catalog);
  const lenovoLaptops = catalog
    .all()
    .filter((p) => p.brand === 'Lenovo' && p.category === 'laptop')
    .map((p) => p.price);

  it('"Show me TVs" -> "only Samsung" -> "under $500"', async () => {
    const ask = conversation(app());
    await ask('Show me TVs');
    const samsung = await ask('only Samsung');
    expect(samsung.products.map((p) => [p.brand, p.category])).toEqual(
      samsung.products.map(() => ['Samsung', 'tv']),
    );
    const under = await ask('under $500');
    expect(under.products.length).toBeGreaterThan(0);
    for (const p of under.products) {
      expect([p.brand, p.category]).toEqual(['Samsung', 'tv']);
      expect(p.price).toBeLessThanOrEqual(500);
    }
  });

  it('"laptops under $500" -> "anything from Lenovo instead?": Lenovo laptops nearest the budget', async () => {
    const ask = conversation(app());
    await ask('laptops under $500');
    const lenovo = await ask('anything from Lenovo instead?');
    expect(lenovo.products.every((p) => p.brand === 'Lenovo' && p.category === 'laptop')).toBe(
      true,
    );
    // No Lenovo laptop is under $500: the closest to the budget comes first, said plainly.
    expect(lenovo.products[0]?.price).toBe(Math.min(...lenovoLaptops));
    expect(lenovo.answer).toMatch(/\$500/);
  });

  it('"cheapest phones" -> "something cheaper?" -> "compare the first two" -> "the second one"', async () => {
    const ask = conversation(app());
    const cheapest = await ask('cheapest phones');
    const cheaper = await ask('something cheaper?');
    // Still phones (before, "something cheaper?" showed a $15.99 case).
    expect(cheaper.products.length).toBeGreaterThan(1);
    expect(cheaper.products.every((p) => p.category === 'smartphone')).toBe(true);
    // Nothing is cheaper than the cheapest phone: what comes closest, not an invented match.
    expect(cheaper.products[0]?.sku).toBe(cheapest.products[0]?.sku);
    const compared = await ask('compare the first two');
    expect(skus(compared)).toEqual(skus(cheaper).slice(0, 2));
    expect(skus(await ask('tell me more about the second one'))).toEqual([skus(cheaper)[1]]);
  });

  it('preferences still apply to a refinement', async () => {
    const ask = conversation(app());
    await ask('Show me headphones');
    await app().services.store.updatePreferences(
      ask.sessionId(),
      { budget_range: '0-300' },
      Date.now(),
    );
    const sony = await ask('only Sony');
    expect(sony.products.length).toBeGreaterThan(0);
    for (const p of sony.products) {
      expect([p.brand, p.category]).toEqual(['Sony', 'headphones']);
      expect(p.price).toBeLessThanOrEqual(300);
    }
  });
  it('a budget the preferences gave follows the preferences when they change', async () => {
    const ask = conversation(app());
    const prefs = app().services.store;
    await ask('hi');
    await prefs.updatePreferences(ask.sessionId(), { budget_range: '0-300' }, Date.now());
    const cheap = await ask('Show me headphones');
    expect(Math.max(...prices(cheap))).toBeLessThanOrEqual(300);
    await prefs.updatePreferences(ask.sessionId(), { budget_range: '300-600' }, Date.now());
    const sony = await ask('only Sony');
    expect(sony.products.length).toBeGreaterThan(0);
    for (const p of sony.products) {
      expect([p.brand, p.category]).toEqual(['Sony', 'headphones']);
      expect(p.price).toBeGreaterThanOrEqual(300);
      expect(p.price).toBeLessThanOrEqual(600);
    }
  });
});

describe('conversation state with a model’s structured output (OpenAI-compatible stub)', () => {
  /** What the model reads each question as: only what the question itself says. */
  const readings: Record<string, Record<string, unknown>> = {
    'Show me TVs': { category: 'tv' },
    'only Samsung': { brands: ['Samsung'] },
    'under $500': { maxPrice: 500 },
  };
  let stub: OpenAIStub;
  beforeAll(async () => {
    stub = await startOpenAIStub((call) => {
      if (!call.body.tools?.length) return { chunks: ['Here ', 'you ', 'go.'] };
      const last = JSON.stringify(call.body.messages?.at(-1)?.content ?? '');
      const question = Object.keys(readings).find((q) => last.includes(q)) ?? '';
      return {
        toolCall: {
          arguments: { intent: 'product_inquiry', query: readings[question] ?? {} },
        },
      };
    });
  });
  afterAll(async () => {
    await stub?.close();
  });
  const app = useApp('memory', createDemoCatalog(), () => ({
    LLM_PROVIDER: 'openai',
    OPENAI_API_KEY: 'sk-test',
    OPENAI_BASE_URL: stub.url,
    OPENAI_MODEL: 'gpt-4o-mini',
    OPENAI_TIMEOUT_MS: '3000',
  }));

  it('refines the model’s reading of each follow-up with the last search', async () => {
    const ask = conversation(app());
    await ask('Show me TVs');
    await ask('only Samsung');
    const under = await ask('under $500');
    expect(under.answer).toBe('Here you go.');
    expect(under.products.length).toBeGreaterThan(0);
    for (const p of under.products) {
      expect([p.brand, p.category]).toEqual(['Samsung', 'tv']);
      expect(p.price).toBeLessThanOrEqual(500);
    }
  });
});
