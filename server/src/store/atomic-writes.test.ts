import { randomUUID } from 'node:crypto';
import type { ChatMessage } from '@aisle/shared';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RedisHandle, startRedis } from '../../test/support/redis-server';
import { sessionKeys } from './keys';
import { MemoryStore } from './memory/memory-store';
import { connectRedis, waitUntilReady } from './redis/connection';
import { RedisStore } from './redis/redis-store';
import { defaultLimits } from './store.contract';
import type { Store, TurnRecord } from './types';

/**
 * Issue 10, item 1, below the API: a store write is whole or absent, and both stores keep the
 * same text, whatever a caller hands them (the API well-forms input; these calls do not).
 */
let redis: RedisHandle;
const prefix = `t-${randomUUID()}`;
const stores: Record<'memory' | 'redis', Store> = {} as Record<'memory' | 'redis', Store>;
beforeAll(async () => {
  redis = await startRedis();
  const client = connectRedis({ url: redis.url, commandTimeoutMs: 2000 });
  await waitUntilReady(client, 5000);
  stores.redis = new RedisStore(client, defaultLimits, prefix);
  stores.memory = new MemoryStore(defaultLimits);
});
afterAll(async () => {
  await Promise.all(Object.values(stores).map((s) => s.close()));
  await redis?.stop();
});

const message = (role: ChatMessage['role'], content: string, timestamp: string): ChatMessage => ({
  role,
  content,
  timestamp,
});

function turn(messages: ChatMessage[]): TurnRecord {
  return {
    messages,
    topics: ['hello'],
    shown: ['A'],
    cached: false,
    llmCall: false,
    injection: false,
  };
}

async function newSession(store: Store): Promise<string> {
  const id = `atomic-${randomUUID()}`;
  expect(await store.createSession(id, 'h', Date.now())).toBe(true);
  return id;
}

/** What a reader sees of a session's writes: counters, history, cart. */
async function observed(store: Store, id: string) {
  const snapshot = await store.getSession(id);
  const history = (await store.getMessages(id, { limit: 100 }))?.messages;
  return {
    count: snapshot?.meta.conversationCount,
    analytics: snapshot?.analytics,
    cart: snapshot?.cart,
    history,
  };
}

describe.each(['memory', 'redis'] as const)('atomic writes on the %s store', (kind) => {
  it('stores a turn whose text holds a lone surrogate whole', async () => {
    const store = stores[kind];
    const id = await newSession(store);
    const at = new Date().toISOString();
    const ok = await store.recordTurn(
      id,
      turn([message('user', 'hello \ud800', at), message('assistant', 'hi \udc00 there', at)]),
      Date.now(),
    );
    expect(ok).toBe(true);
    const seen = await observed(store, id);
    expect(seen.count).toBe(2);
    expect(seen.analytics).toMatchObject({ userMessages: 1, assistantMessages: 1 });
    expect(seen.history?.map((m) => m.content)).toEqual(['hello \ud800', 'hi \udc00 there']);
  });

  it('refuses a malformed turn with nothing written', async () => {
    const store = stores[kind];
    const id = await newSession(store);
    const before = await observed(store, id);
    const at = new Date().toISOString();
    await expect(
      store.recordTurn(
        id,
        turn([message('user', 'fine', at), message('assistant', 'broken', 'not a date')]),
        Date.now(),
      ),
    ).rejects.toThrow();
    expect(await observed(store, id)).toEqual(before);
  });

  it('keeps a cart item with lone surrogates as the same well-formed line in both stores', async () => {
    const store = stores[kind];
    const id = await newSession(store);
    const item = { sku: 'SKU-\ud800', name: 'Phone \udc00', price: 19.99, category: 'phones' };
    await store.cartAdd(id, item, 1, Date.now());
    const cart = await store.cartAdd(id, item, 2, Date.now());
    expect(cart).toEqual([
      { sku: 'SKU-\ufffd', name: 'Phone \ufffd', price: 19.99, category: 'phones', quantity: 3 },
    ]);
    const set = await store.cartSetQuantity(id, 'SKU-\ud800', 5, Date.now());
    expect(set?.cart[0]?.quantity).toBe(5);
    expect((await observed(store, id)).analytics).toMatchObject({ cartAdds: 2 });
  });
});

describe('atomic writes: Redis specifics', () => {
  it('leaves an unreadable stored cart line and the counters untouched', async () => {
    const store = stores.redis;
    const id = await newSession(store);
    const raw = new Redis(redis.url);
    await raw.hset(sessionKeys(prefix, id).cart, 'BAD', '{"quantity": not json');
    const item = { sku: 'BAD', name: 'x', price: 1, category: 'c' };
    await expect(store.cartAdd(id, item, 1, Date.now())).rejects.toThrow(/unreadable/);
    await expect(store.cartSetQuantity(id, 'BAD', 2, Date.now())).rejects.toThrow(/unreadable/);
    const counters = Object.keys(await raw.hgetall(sessionKeys(prefix, id).meta)).filter((f) =>
      f.startsWith('a:'),
    );
    expect(counters).toEqual([]);
    expect(await raw.hget(sessionKeys(prefix, id).cart, 'BAD')).toBe('{"quantity": not json');
    raw.disconnect();
  });

  it('refuses NaN and infinite numbers before the first write', async () => {
    const store = stores.redis;
    const id = await newSession(store);
    const item = { sku: 'N', name: 'n', price: 1, category: 'c' };
    await expect(store.cartAdd(id, item, Number.NaN, Date.now())).rejects.toThrow();
    await expect(store.cartAdd(id, item, Number.POSITIVE_INFINITY, Date.now())).rejects.toThrow();
    const seen = await observed(store, id);
    expect(seen.cart).toEqual([]);
    expect(seen.analytics).toMatchObject({ cartAdds: 0 });
  });
});
