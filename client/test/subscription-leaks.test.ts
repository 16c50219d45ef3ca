import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../server/test/support/app';
import { type RedisHandle, startRedis } from '../../server/test/support/redis-server';
import { createRealtimeAisleClient } from '../src/index';

const timers = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;

describe('1,000 subscribe/unsubscribe cycles', () => {
  let redis: RedisHandle;
  let app: TestApp;
  beforeAll(async () => {
    redis = await startRedis();
    app = await startTestApp({ REDIS_URL: redis.url });
  });
  afterAll(async () => {
    await app?.close();
    await redis?.stop();
  });

  it('leave no listeners, timers, subscription slots or Redis connections behind', async () => {
    const rt = createRealtimeAisleClient({ url: app.url });
    const raw = new Redis(redis.url);
    try {
      const { session_id: sessionId } = await rt.api.session.create.mutate({});
      // Warm up: one cycle opens the socket and the instance's blocking tail connection.
      await cycle(rt, sessionId);
      const clientsBefore = String(await raw.client('LIST'))
        .trim()
        .split('\n').length;
      const timersBefore = timers();
      for (let i = 0; i < 1000; i++) await cycle(rt, sessionId);
      await expect.poll(() => app.services.events.listenerCount, { timeout: 5000 }).toBe(0);
      // With nobody listening the tail loop stops after its current block.
      await expect.poll(() => app.services.events.tailing, { timeout: 10_000 }).toBe(false);
      const clientsAfter = String(await raw.client('LIST'))
        .trim()
        .split('\n').length;
      expect(clientsAfter).toBe(clientsBefore);
      expect(timers()).toBeLessThanOrEqual(timersBefore + 2);
      const sockets = [...app.ws.wss.clients];
      expect(sockets).toHaveLength(1);
      // 1,000 cycles on one connection capped at 20 subscriptions: slots were all released.
      // Still serving after all that.
      await cycle(rt, sessionId);
    } finally {
      raw.disconnect();
      await rt.close();
    }
  }, 120_000);
});

/** Subscribe, wait for the first (backlog) event, unsubscribe. */
function cycle(rt: ReturnType<typeof createRealtimeAisleClient>, sessionId: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const sub = rt.api.session.events.subscribe(
      { sessionId },
      {
        onData: () => {
          sub.unsubscribe();
          resolve();
        },
        onError: reject,
      },
    );
  });
}
