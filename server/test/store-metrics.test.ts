import { Redis } from 'ioredis';
import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { createStoreMetrics } from '../src/metrics/store-metrics';
import { createStore } from '../src/store';
import { instrumentStore, STORE_OPERATIONS } from '../src/store/instrumented-store';
import { DEFAULT_EVENT_LIMITS, type Store } from '../src/store/types';
import { startTestApp } from './support/app';
import { useRedisServer } from './support/both-stores';
import { sample, scrapeText, seriesOf } from './support/prometheus';

const redis = useRedisServer();
const API = '/api/v1/shopping';
const LIMITS = {
  sessionTtlMs: 60_000,
  conversationTtlMs: 60_000,
  touchIntervalMs: 0,
  maxHistory: 50,
  maxTopics: 20,
  maxSessionCache: 20,
  maxSessions: 100,
  events: DEFAULT_EVENT_LIMITS,
};

const count = (text: string, operation: string) =>
  sample(text, 'aisle_store_call_duration_seconds_count', { operation, store: 'redis' }) ?? 0;
const errors = (text: string, operation: string) =>
  sample(text, 'aisle_store_errors_total', { operation, store: 'redis' }) ?? 0;

describe('store call metrics (a real redis-server)', () => {
  it('times each store call by operation and counts failures, with bounded labels', async () => {
    await using app = await startTestApp({
      REDIS_URL: redis().url,
      REDIS_COMMAND_TIMEOUT_MS: '200',
    });
    const s = (await app.rest('POST', `${API}/session`, { body: {} })).body.data;
    const before = await scrapeText(app.url);
    const cart = await app.rest('GET', `${API}/session/${s.session_id}/cart`, {
      token: s.session_token,
    });
    expect(cart.status).toBe(200);
    const after = await scrapeText(app.url);
    // A cart read is one call: the token is checked in the same step (one round trip).
    expect(count(after, 'authenticate') - count(before, 'authenticate')).toBe(0);
    expect(count(after, 'getCart') - count(before, 'getCart')).toBe(1);
    expect(count(before, 'createSession')).toBe(1);
    expect(errors(after, 'getCart')).toBe(0);

    // Redis stops answering: the call times out, is answered 503, and is counted as failed.
    redis().pause();
    try {
      const down = await app.rest('GET', `${API}/session/${s.session_id}/cart`, {
        token: s.session_token,
      });
      expect(down.status).toBe(503);
    } finally {
      redis().resume();
    }
    const failed = await scrapeText(app.url);
    expect(errors(failed, 'getCart') - errors(after, 'getCart')).toBe(1);
    expect(count(failed, 'getCart') - count(after, 'getCart')).toBe(1);

    // Labels are operation names and the store kind only: no session id ever.
    const known = new Set<string>(STORE_OPERATIONS);
    for (const name of ['aisle_store_call_duration_seconds_count', 'aisle_store_errors_total']) {
      for (const labels of seriesOf(failed, name)) {
        expect(known.has(labels.operation ?? '')).toBe(true);
        expect(labels.store).toBe('redis');
        expect(JSON.stringify(labels)).not.toContain(s.session_id);
      }
    }
  });

  it('makes exactly the calls of the bare store: same results, same errors, same round trips', async () => {
    const prefix = `w${Date.now().toString(36)}`;
    const bare = await createStore({ redisUrl: redis().url, redisPrefix: prefix, limits: LIMITS });
    const registry = new Registry();
    const wrapped = instrumentStore(
      await createStore({ redisUrl: redis().url, redisPrefix: prefix, limits: LIMITS }),
      { metrics: createStoreMetrics(registry) },
    );
    const probe = new Redis(redis().url);
    // Commands the server processed, less the INFO that asks (it counts itself).
    const commands = async () => {
      const info = await probe.info('stats');
      return Number(/total_commands_processed:(\d+)/.exec(info)?.[1]) - 1;
    };
    try {
      const run = async (store: Store, id: string) => {
        const before = await commands();
        const created = await store.createSession(id, 'hash', 1000);
        const again = await store.createSession(id, 'hash', 1000);
        const snapshot = await store.getSession(id);
        const missing = await store.getCart('s_nobody');
        const used = (await commands()) - before - 1; // the first INFO's own count
        return { created, again, snapshot, missing, used };
      };
      const a = await run(bare, 's_bare_0000000000000000000');
      const b = await run(wrapped, 's_wrap_0000000000000000000');
      expect(b.created).toBe(a.created);
      expect(b.again).toBe(false);
      expect(b.missing).toBe(a.missing);
      expect(b.snapshot?.meta.tokenHash).toBe(a.snapshot?.meta.tokenHash);
      expect(b.used).toBe(a.used);
      expect(a.used).toBeGreaterThan(0);
      expect(wrapped.kind).toBe('redis');
      expect(typeof wrapped.createRateLimiter).toBe('function');

      // An error comes back unchanged (same class and message) and is counted.
      await bare.close();
      await wrapped.close();
      const bareError = await bare.getCart('s_x').catch((e: unknown) => e);
      const wrappedError = await wrapped.getCart('s_x').catch((e: unknown) => e);
      expect(wrappedError).toBeInstanceOf(Error);
      expect((wrappedError as Error).constructor).toBe((bareError as Error).constructor);
      expect((wrappedError as Error).message).toBe((bareError as Error).message);
      const text = await registry.metrics();
      expect(sample(text, 'aisle_store_errors_total', { operation: 'getCart' })).toBe(1);
      expect(
        sample(text, 'aisle_store_call_duration_seconds_count', { operation: 'createSession' }),
      ).toBe(2);
    } finally {
      probe.disconnect();
    }
  });
});
