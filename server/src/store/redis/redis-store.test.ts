import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RedisHandle, startRedis } from '../../../test/support/redis-server';
import { StoreUnavailableError } from '../../errors';
import { sessionKeys } from '../keys';
import { defaultLimits, storeContract } from '../store.contract';
import { connectRedis, waitUntilReady } from './connection';
import { RedisStore } from './redis-store';

let redis: RedisHandle;
beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  await redis?.stop();
});

async function openStore(prefix: string, limits = defaultLimits, commandTimeoutMs = 500) {
  const client = connectRedis({ url: redis.url, commandTimeoutMs });
  await waitUntilReady(client, 5000);
  return new RedisStore(client, limits, prefix);
}

storeContract('redis', async (limits, connections = 1) => {
  const prefix = `t-${randomUUID()}`;
  const stores = await Promise.all(
    Array.from({ length: connections }, () => openStore(prefix, limits)),
  );
  return { stores, close: async () => void (await Promise.all(stores.map((s) => s.close()))) };
});

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
    expect(keys.length).toBeGreaterThanOrEqual(7);
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
