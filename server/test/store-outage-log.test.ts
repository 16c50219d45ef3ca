import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { captureLogger } from '../src/logging/capture';
import { startTestApp, type TestApp } from './support/app';
import { startRedis } from './support/redis-server';

/** A session created every 20 ms until `stop()`: the statuses, in order. */
function steadyTraffic(app: TestApp) {
  const statuses: number[] = [];
  let flowing = true;
  const traffic = (async () => {
    while (flowing) {
      const res = await app.rest('POST', '/api/v1/shopping/session', { body: {} });
      statuses.push(res.status);
      await sleep(20);
    }
  })();
  return {
    statuses,
    stop: async () => {
      flowing = false;
      await traffic;
    },
  };
}

describe('store outages in the log', () => {
  it('one warn when Redis goes away and one info when it is back, while requests flow', async () => {
    await using redis = await startRedis();
    const logs = captureLogger('info');
    await using app = await startTestApp(
      { REDIS_URL: redis.url, REDIS_COMMAND_TIMEOUT_MS: '200' },
      { log: logs.log },
    );
    const { statuses, stop } = steadyTraffic(app);

    while (statuses.length < 3) await sleep(10);
    const before = statuses.length;
    await redis.stop();
    // Long enough for many failed requests and several reconnect attempts.
    await sleep(1500);
    const during = statuses.length;
    await redis.start();
    const back = Date.now();
    while (statuses.at(-1) !== 200 && Date.now() - back < 10_000) await sleep(20);
    await sleep(200);
    await stop();

    expect(
      statuses.slice(0, before).every((s) => s === 200),
      statuses.join(),
    ).toBe(true);
    expect(statuses.filter((s) => s === 503).length).toBeGreaterThan(10);
    expect(statuses.length).toBeGreaterThan(during);
    expect(statuses.at(-1)).toBe(200);

    const lines = logs.lines();
    const down = lines.filter((l) => l.msg === 'store unavailable');
    const up = lines.filter((l) => l.msg === 'store recovered');
    expect(down).toHaveLength(1);
    expect(up).toHaveLength(1);
    expect(down[0]).toMatchObject({ level: 'warn', store: 'redis', detail: 'connection lost' });
    expect(up[0]).toMatchObject({ level: 'info', store: 'redis' });
    expect(up[0]?.outage_ms).toBeGreaterThanOrEqual(1500);
    // Neither is a request's line: no request id.
    expect(down[0]?.reqId).toBeUndefined();
    expect(up[0]?.reqId).toBeUndefined();
    // Nothing else at warn or error for the failed requests (503s are answers, not faults).
    expect(lines.filter((l) => l.level === 'warn' || l.level === 'error')).toHaveLength(1);
  });

  it('a Redis that stalls with its connection open (SIGSTOP) is one outage too', async () => {
    await using redis = await startRedis();
    const logs = captureLogger('info');
    await using app = await startTestApp(
      { REDIS_URL: redis.url, REDIS_COMMAND_TIMEOUT_MS: '200' },
      { log: logs.log },
    );
    const { statuses, stop } = steadyTraffic(app);
    while (statuses.length < 3) await sleep(10);
    redis.pause();
    await sleep(1500);
    redis.resume();
    const back = Date.now();
    while (statuses.at(-1) !== 200 && Date.now() - back < 10_000) await sleep(20);
    await sleep(200);
    await stop();

    expect(statuses.filter((s) => s === 503).length).toBeGreaterThan(3);
    expect(statuses.at(-1)).toBe(200);
    const down = logs.lines().filter((l) => l.msg === 'store unavailable');
    const up = logs.lines().filter((l) => l.msg === 'store recovered');
    expect(down).toHaveLength(1);
    expect(up).toHaveLength(1);
    expect(down[0]?.detail).toBe('no reply within REDIS_COMMAND_TIMEOUT_MS (200 ms)');
    expect(up[0]?.outage_ms).toBeGreaterThanOrEqual(1000);
  });

  it('a clean shutdown is not an outage', async () => {
    await using redis = await startRedis();
    const logs = captureLogger('debug');
    const app = await startTestApp({ REDIS_URL: redis.url }, { log: logs.log });
    await app.close();
    await sleep(100);
    expect(logs.lines().filter((l) => l.msg.startsWith('store '))).toEqual([]);
  });
});
