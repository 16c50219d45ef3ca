import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionKeys } from '../src/store/keys';
import { startTestApp, type TestApp } from './support/app';
import { type RedisHandle, startRedis } from './support/redis-server';
import { startTcpProxy } from './support/tcp-proxy';

/**
 * A write whose outcome the client never learned (timed out, or its connection dropped after
 * the script was sent) may have run once; it must never run twice through a resend.
 */
const API = '/api/v1/shopping';
const TIMEOUT_MS = 600;
const SKU = 'IPH15PRO-256';

let redis: RedisHandle;
let raw: Redis;
beforeAll(async () => {
  redis = await startRedis();
  raw = new Redis(redis.url);
});
afterAll(async () => {
  raw?.disconnect();
  redis?.resume();
  await redis?.stop();
});

async function newSession(app: TestApp) {
  const r = await app.rest('POST', `${API}/session`, { body: {} });
  expect(r.status).toBe(200);
  return { id: r.body.data.session_id as string, token: r.body.data.session_token as string };
}

/** The quantity the cart holds once the store answers again (0 when the add never ran). */
async function quantityOnceBack(app: TestApp, s: { id: string; token: string }) {
  let quantity: number | undefined;
  await expect
    .poll(
      async () => {
        const r = await app.rest('GET', `${API}/session/${s.id}/cart`, { token: s.token });
        quantity = r.body.data?.items?.[0]?.quantity ?? 0;
        return r.status;
      },
      { timeout: 10_000, interval: 100 },
    )
    .toBe(200);
  return quantity;
}

describe('a cart add whose reply is lost is applied at most once', () => {
  it('Redis paused (SIGSTOP) while the add is in flight: 503 in time, then 0 or 1 adds', async () => {
    if (!redis.owned) throw new Error('This test needs a redis-server binary it can pause');
    await using app = await startTestApp({
      REDIS_URL: redis.url,
      REDIS_COMMAND_TIMEOUT_MS: String(TIMEOUT_MS),
    });
    const s = await newSession(app);
    redis.pause();
    let add: Awaited<ReturnType<TestApp['rest']>>;
    const started = performance.now();
    try {
      add = await app.rest('POST', `${API}/session/${s.id}/cart/add`, {
        token: s.token,
        body: { sku: SKU },
      });
    } finally {
      redis.resume();
    }
    expect(performance.now() - started).toBeLessThan(TIMEOUT_MS * 1.5);
    expect(add.status).toBe(503);
    expect(add.body.error.code).toBe('STORE_UNAVAILABLE');
    expect([0, 1]).toContain(await quantityOnceBack(app, s));
  });

  it('the connection drops after the script ran but before its reply: 503, applied once', async () => {
    await using proxy = await startTcpProxy({ host: '127.0.0.1', port: redis.port });
    const prefix = `t${randomUUID().slice(0, 8)}`;
    await using app = await startTestApp({
      REDIS_URL: proxy.url,
      REDIS_PREFIX: prefix,
      REDIS_COMMAND_TIMEOUT_MS: '5000',
    });
    const s = await newSession(app);
    proxy.dropRepliesAfter(SKU); // only the cart add carries the SKU
    const pending = app.rest('POST', `${API}/session/${s.id}/cart/add`, {
      token: s.token,
      body: { sku: SKU },
    });
    // Cut only once Redis has run the script: the reply alone is lost.
    const cart = sessionKeys(prefix, s.id).cart;
    await expect.poll(() => raw.hlen(cart), { timeout: 5000, interval: 10 }).toBe(1);
    proxy.cut();
    const add = await pending;
    await sleep(200); // time for a resend on the new connection, were there one
    expect({
      status: add.status,
      code: add.body.error?.code,
      quantity: await quantityOnceBack(app, s),
    }).toEqual({
      status: 503,
      code: 'STORE_UNAVAILABLE',
      quantity: 1,
    });
  });
});
