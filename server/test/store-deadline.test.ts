import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './support/app';
import { type RedisHandle, startRedis } from './support/redis-server';

const API = '/api/v1/shopping';
const TIMEOUT_MS = 1000;

let redis: RedisHandle;
beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  redis?.resume();
  await redis?.stop();
});

async function timed(app: TestApp, method: string, path: string, opts = {}) {
  const started = performance.now();
  const r = await app.rest(method, path, opts);
  return { ...r, ms: Math.round(performance.now() - started) };
}

/**
 * A stalled Redis (SIGSTOP: sockets open, no answers) must cost a request at most one
 * REDIS_COMMAND_TIMEOUT_MS, also when other requests are already waiting on the store.
 */
describe('a paused Redis (SIGSTOP): one store deadline per request', () => {
  it.each([
    ['rate limits off', { RATE_LIMIT_ENABLED: 'false' }],
    ['rate limits on', { RATE_LIMIT_ENABLED: 'true' }],
  ])(
    'answers every kind of request 503 within 1.5x REDIS_COMMAND_TIMEOUT_MS (%s)',
    async (_, env) => {
      if (!redis.owned) throw new Error('This test needs a redis-server binary it can pause');
      await using app = await startTestApp({
        REDIS_URL: redis.url,
        REDIS_COMMAND_TIMEOUT_MS: String(TIMEOUT_MS),
        ...env,
      });
      const created = await app.rest('POST', `${API}/session`, { body: {} });
      const { session_id: id, session_token: token } = created.body.data;
      redis.pause();
      try {
        const requests = {
          write: () =>
            timed(app, 'POST', `${API}/session/${id}/cart/add`, {
              token,
              body: { sku: 'IPH15PRO-256' },
            }),
          question: () =>
            timed(app, 'POST', `${API}/query`, {
              token,
              body: { q: 'cheap headphones', sessionId: id },
            }),
          'session create': () => timed(app, 'POST', `${API}/session`, { body: {} }),
          'health ready': () => timed(app, 'GET', '/health/ready'),
        };
        const seen: Record<string, { status: number; ms: number; code?: string }> = {};
        for (const [name, send] of Object.entries(requests)) {
          // Another request already waiting on the store, as under any load.
          const earlier = timed(app, 'GET', `${API}/session/${id}/cart`, { token });
          await new Promise((r) => setTimeout(r, TIMEOUT_MS / 3));
          const r = await send();
          await earlier;
          seen[name] = { status: r.status, ms: r.ms, code: r.body?.error?.code };
        }
        for (const [name, r] of Object.entries(seen)) {
          expect(r.status, name).toBe(503);
          expect(r.ms, name).toBeLessThan(TIMEOUT_MS * 1.5);
        }
      } finally {
        redis.resume();
      }
    },
  );
});
