import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RedisHandle, startRedis } from '../../../test/support/redis-server';
import { StoreUnavailableError } from '../../errors';
import { historyPagingContract } from '../history-paging.contract';
import { sessionKeys } from '../keys';
import { sessionCallsContract, turnCallsContract } from '../session-calls.contract';
import { defaultLimits, type StoreFactory, storeContract } from '../store.contract';
import { connectRedis, waitUntilReady } from './connection';
import { RedisStore, type RedisStoreOptions } from './redis-store';

let redis: RedisHandle;
beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  await redis?.stop();
});

async function openStore(
  prefix: string,
  limits = defaultLimits,
  commandTimeoutMs = 500,
  options: RedisStoreOptions = {},
) {
  const client = connectRedis({ url: redis.url, commandTimeoutMs });
  await waitUntilReady(client, 5000);
  return new RedisStore(client, limits, prefix, undefined, options);
}

const redisStores =
  (options: RedisStoreOptions = {}): StoreFactory =>
  async (limits, connections = 1) => {
    const prefix = `t-${randomUUID()}`;
    const stores = await Promise.all(
      Array.from({ length: connections }, () => openStore(prefix, limits, 500, options)),
    );
    return { stores, close: async () => void (await Promise.all(stores.map((s) => s.close()))) };
  };
storeContract('redis', redisStores());
historyPagingContract('redis', redisStores());
sessionCallsContract('redis, global writes in the script', redisStores());
// The layout Redis Cluster gets (global keys in other slots), exercised on one node.
sessionCallsContract('redis, global writes pipelined', redisStores({ globalWrites: 'pipelined' }));
turnCallsContract('redis, global writes in the script', redisStores());
turnCallsContract('redis, global writes pipelined', redisStores({ globalWrites: 'pipelined' }));

describe('RedisStore specifics', () => {
  it('keeps every key of a session under one hash tag, each with a TTL', async () => {
    const prefix = `t-${randomUUID()}`;
    const store = await openStore(prefix);
    const id = 'tagged-session-1';
    const now = Date.now();
    await store.createSession(id, 'h', now);
    await store.cartAdd(id, { sku: 'A', name: 'A', price: 1, category: 'x' }, 1, now);
    await store.updatePreferences(id, { device_type: 'laptop' }, now);
    await store.cacheSet(id, 'q', 'answer', 60);
    await store.recordTurn(
      id,
      {
        messages: [{ role: 'user', content: 'hi', timestamp: new Date(now).toISOString() }],
        topics: ['hi'],
        shown: ['A'],
        cached: false,
        llmCall: false,
        injection: false,
      },
      now,
    );
    const raw = new Redis(redis.url);
    const keys = await raw.keys(`${prefix}:*`);
    // meta (with preferences and counters), cart, topics, cache, history, shown (no event given).
    expect(keys.length).toBeGreaterThanOrEqual(6);
    for (const key of keys) {
      expect(key).toContain(`{${id}}`);
      expect(await raw.pttl(key)).toBeGreaterThan(0);
    }
    const k = sessionKeys(prefix, id);
    expect(await raw.pttl(k.history)).toBeLessThanOrEqual(defaultLimits.conversationTtlMs);
    expect(await raw.pttl(k.meta)).toBeGreaterThan(defaultLimits.conversationTtlMs);
    raw.disconnect();
    await store.close();
  });

  it('reads the products shown as stored before the search was kept, and ignores garbage', async () => {
    const prefix = `t-${randomUUID()}`;
    const store = await openStore(prefix);
    const id = 'legacy-shown';
    await store.createSession(id, 'h', Date.now());
    const raw = new Redis(redis.url);
    const k = sessionKeys(prefix, id);
    await raw.set(k.shown, '["A","B"]');
    expect(await store.loadTurnContext(id, 5)).toEqual({
      preferences: {},
      history: [],
      shown: ['A', 'B'],
    });
    await raw.set(k.shown, '{"skus":["A"],"search":{"query":{"sort":"cheapest"}}}');
    expect((await store.loadTurnContext(id, 5))?.shown).toEqual([]);
    await raw.set(k.shown, 'not json');
    expect((await store.loadTurnContext(id, 5))?.shown).toEqual([]);
    raw.disconnect();
    await store.close();
  });

  it('slides exactly the keys of the session each operation is responsible for', async () => {
    const prefix = `t-${randomUUID()}`;
    const store = await openStore(prefix);
    const id = 'sliding-session';
    const now = Date.now();
    const item = { sku: 'A', name: 'A', price: 1, category: 'x' };
    const turn = (shown: string[]) => ({
      messages: [{ role: 'user' as const, content: 'hi', timestamp: new Date(now).toISOString() }],
      topics: ['hi'],
      shown,
      cached: false,
      llmCall: false,
      injection: false,
    });
    await store.createSession(id, 'h', now);
    await store.cartAdd(id, item, 1, now);
    await store.updatePreferences(id, { device_type: 'laptop' }, now);
    await store.cacheSet(id, 'q', 'answer', 60);
    await store.recordTurn(id, turn(['A']), now);
    await store.appendEvent({
      type: 'x',
      sessionId: id,
      timestamp: new Date(now).toISOString(),
      data: {},
    });

    const raw = new Redis(redis.url);
    const keys = Object.entries(sessionKeys(prefix, id));
    const shortTtl = 5000;
    /** Which keys an operation slid: past the short TTL every key was given before it. */
    async function slidBy(op: () => Promise<unknown>) {
      for (const [, key] of keys) await raw.pexpire(key, shortTtl);
      await op();
      const slid: Record<string, 'session' | 'conversation'> = {};
      for (const [name, key] of keys) {
        const ttl = await raw.pttl(key);
        if (ttl > defaultLimits.conversationTtlMs) slid[name] = 'session';
        else if (ttl > shortTtl) slid[name] = 'conversation';
      }
      return slid;
    }
    const session = (...names: string[]) =>
      Object.fromEntries(names.map((n) => [n, 'session' as const]));
    const sliding = ['meta', 'cart', 'topics', 'events', 'cache'];

    const later = now + 10 * defaultLimits.touchIntervalMs;
    expect(await slidBy(() => store.authenticate(id, later, 'h'))).toEqual(session(...sliding));
    expect(await slidBy(() => store.updatePreferences(id, {}, later))).toEqual(session(...sliding));
    expect(await slidBy(() => store.cartAdd(id, item, 1, later))).toEqual(session(...sliding));
    expect(await slidBy(() => store.cartSetQuantity(id, 'A', 3, later))).toEqual(
      session(...sliding),
    );
    expect(await slidBy(() => store.recordTurn(id, turn(['A']), later))).toEqual({
      ...session(...sliding),
      history: 'conversation',
      shown: 'conversation',
    });
    expect(await slidBy(() => store.cacheSet(id, 'q2', 'answer', 60))).toEqual(session('cache'));
    expect(
      await slidBy(() =>
        store.appendEvent({
          type: 'x',
          sessionId: id,
          timestamp: new Date(later).toISOString(),
          data: {},
        }),
      ),
    ).toEqual(session('events'));
    // The cart is gone, so it cannot show a TTL.
    expect(await slidBy(() => store.cartClear(id, later))).toEqual(
      session(...sliding.filter((n) => n !== 'cart')),
    );
    raw.disconnect();
    await store.close();
  });

  it('runs its scripts again after Redis forgets them (SCRIPT FLUSH)', async () => {
    const store = await openStore(`t-${randomUUID()}`);
    const id = 'flushed-scripts';
    const item = { sku: 'A', name: 'A', price: 1, category: 'x' };
    expect(await store.createSession(id, 'h', Date.now())).toBe(true);
    expect(await store.cartAdd(id, item, 1, Date.now())).toHaveLength(1);
    const raw = new Redis(redis.url);
    await raw.script('FLUSH');
    raw.disconnect();
    const [first] = (await store.cartAdd(id, item, 2, Date.now())) ?? [];
    expect(first?.quantity).toBe(3);
    await store.close();
  });

  it('fails fast with STORE_UNAVAILABLE while Redis is down and recovers without a restart', async () => {
    if (!redis.owned) throw new Error('This test needs a redis-server binary it can stop');
    const store = await openStore(`t-${randomUUID()}`, defaultLimits, 300);
    const id = 'outage-session';
    await store.createSession(id, 'h', Date.now());
    await redis.stop();
    const started = Date.now();
    await expect(
      store.cartAdd(id, { sku: 'A', name: 'A', price: 1, category: 'x' }, 1, Date.now()),
    ).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect(store.ping()).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE' });
    expect(Date.now() - started).toBeLessThan(3000);
    await redis.start();
    // Data is gone with the killed server (no persistence in tests); the connection is back.
    let recovered = false;
    for (let i = 0; i < 100 && !recovered; i++) {
      recovered = await store.ping().then(
        () => true,
        () => false,
      );
      if (!recovered) await sleep(50);
    }
    expect(recovered).toBe(true);
    expect(await store.createSession(id, 'h', Date.now())).toBe(true);
    expect(
      await store.cartAdd(id, { sku: 'A', name: 'A', price: 1, category: 'x' }, 1, Date.now()),
    ).toHaveLength(1);
    await store.close();
  });
});
