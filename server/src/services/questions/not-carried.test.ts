/**
 * "Do you have the iPhone 6?" through the QuestionService and the REST adapter, on a catalog
 * shaped like a real store's export (no iPhone 6, no 85 inch TV), on the embedded store and a
 * real redis-server: the answer says the store does not carry it in the shopper's words, and
 * the result labels the products as alternatives, also when replayed from the cache.
 */
import type { QueryResult, QueryStreamEvent } from '@aisle/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/support/app';
import { STORE_KINDS, useRedisServer } from '../../../test/support/both-stores';
import { createCatalog } from '../../catalog';
import { STORE_LIKE_PRODUCTS } from './store-like-catalog';

const redis = useRedisServer();

describe.each(STORE_KINDS)('a model or size the store does not carry (%s store)', (kind) => {
  let app: TestApp | undefined;
  beforeAll(async () => {
    app = await startTestApp(kind === 'redis' ? { REDIS_URL: redis().url } : {}, {
      catalog: createCatalog(STORE_LIKE_PRODUCTS),
    });
  });
  afterAll(async () => {
    await app?.close();
  });
  const ask = (q: string): Promise<QueryResult> => {
    if (!app) throw new Error('the app is not started yet');
    return app.services.questions.answer({ q }, undefined);
  };

  it('says the Pixel 6a is not carried and labels what it offers instead', async () => {
    const r = await ask('Do you have the Pixel 6a?');
    expect(r.answer).toMatch(/^We don't carry the Pixel 6a\. The closest alternatives? we have:/);
    expect(r.answer).toContain(
      '**Google Pixel 8a 128GB Unlocked** (Google) — $499 (not the Pixel 6a).',
    );
    expect(r.answer).not.toMatch(/pixel6a|couldn't find an exact match/i);
    expect(r.products.length).toBeGreaterThan(0);
    expect(r.products.some((p) => /pixel 6a/i.test(p.name))).toBe(false);
    expect(r.alternatives).toBe(true);
    expect(r.not_carried).toEqual(['Pixel 6a']);
    expect(r.cached).toBe(false);

    // Another shopper asking the same is served from the cache, labelled the same.
    const again = await ask('Do you have the Pixel 6a?');
    expect(again.cached).toBe(true);
    expect(again.answer).toBe(r.answer);
    expect(again.products).toEqual(r.products);
    expect(again.alternatives).toBe(true);
    expect(again.not_carried).toEqual(['Pixel 6a']);
  });

  it('says a size is not carried in the words the shopper wrote it in', async () => {
    const r = await ask('any 85" TVs?');
    expect(r.answer).toMatch(/^We don't carry anything in 85"\./);
    expect(r.not_carried).toEqual(['85"']);
    for (const p of r.products) expect(p.name).not.toMatch(/\b85"/);
  });

  it('keeps saying so when a follow-up refines the search for it', async () => {
    if (!app) throw new Error('the app is not started yet');
    let session: { id: string; token: string } | undefined;
    const say = async (q: string) => {
      const r = await app?.services.questions.answer(
        { q, ...(session ? { sessionId: session.id } : {}) },
        session?.token,
      );
      if (!r) throw new Error('no answer');
      session ??= { id: r.session_id, token: r.session_token ?? '' };
      return r;
    };
    await say('Show me TVs');
    const big = await say('any 85 inch ones?');
    expect(big.answer).toMatch(/^We don't carry anything in 85 inch\./);
    expect(big.not_carried).toEqual(['85 inch']);
    expect(big.products.length).toBeGreaterThan(0);
    // Still a TV: a Flat-Panel TV is not labelled as being from another category.
    expect(big.answer).not.toContain('from Flat-Panel TVs');

    const cheapest = await say('the cheapest one?');
    expect(cheapest.answer).toMatch(/^We don't carry anything in 85 inch\./);
    expect(cheapest.not_carried).toEqual(['85 inch']);
    expect(cheapest.alternatives).toBe(true);
  });

  it('labels nothing when the store has what was asked for', async () => {
    const r = await ask('iPhone 15');
    expect(r.products[0]?.sku).toBe('PH-APL-15');
    expect(r.answer).not.toMatch(/don't carry/);
    expect(r).not.toHaveProperty('alternatives');
    expect(r).not.toHaveProperty('not_carried');
  });

  it('labels the products in the stream’s meta event too', async () => {
    if (!app) throw new Error('the app is not started yet');
    const events: QueryStreamEvent[] = [];
    for await (const e of app.services.questions.stream({ q: 'Galaxy S21 please' }, undefined)) {
      events.push(e);
    }
    const meta = events.find((e) => e.type === 'meta');
    expect(meta).toMatchObject({ not_carried: ['Galaxy S21'] });
    const done = events.find((e) => e.type === 'done');
    expect(done).toMatchObject({ not_carried: ['Galaxy S21'] });
    expect(done?.type === 'done' && done.answer).toMatch(/^We don't carry the Galaxy S21\./);
  });

  it('carries the labels through the REST response', async () => {
    if (!app) throw new Error('the app is not started yet');
    const r = await app.rest('POST', '/api/v1/shopping/query', {
      body: { q: 'do you sell the moto g7' },
    });
    expect(r.status).toBe(200);
    expect(r.body.data.not_carried).toEqual(['moto g7']);
    expect(r.body.data.alternatives).toBe(true);
    expect(r.body.data.answer).toMatch(/^We don't carry the moto g7\./);
  });
});
