import { afterAll, beforeAll } from 'vitest';
import { startTestApp, type TestApp } from './app';
import { type RedisHandle, startRedis } from './redis-server';

/** The stores every API behaviour is checked on: the embedded one and a real redis-server. */
export const STORE_KINDS = ['memory', 'redis'] as const;
export type StoreKind = (typeof STORE_KINDS)[number];

/** A real redis-server for this test file, on a free port, stopped after its tests. */
export function useRedisServer(): () => RedisHandle {
  let redis: RedisHandle | undefined;
  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(async () => {
    await redis?.stop();
  });
  return () => {
    if (!redis) throw new Error('redis-server is not started yet (use it inside a test or hook)');
    return redis;
  };
}

/**
 * A test app on the given store for the enclosing `describe` (started before its tests, closed
 * after), with `env` on top of the test defaults. Returned as a stand-in that forwards to the
 * started app, so suites use it like the app itself.
 */
export function useTestApp(
  kind: StoreKind,
  redis: () => RedisHandle,
  env: Record<string, string> = {},
): TestApp {
  let app: TestApp | undefined;
  beforeAll(async () => {
    app = await startTestApp({ ...env, ...(kind === 'redis' ? { REDIS_URL: redis().url } : {}) });
  });
  afterAll(async () => {
    await app?.close();
  });
  return new Proxy({} as TestApp, {
    get(_, key) {
      if (!app) throw new Error('the test app is not started yet (use it inside a test or hook)');
      return Reflect.get(app, key);
    },
  });
}
