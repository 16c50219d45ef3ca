/**
 * The Redis work counter on a known workload: what it reports must be what the client sent,
 * or a regression in round trips would go unseen.
 */
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RedisHandle, startRedis } from '../../server/test/support/redis-server';
import { plainRedis } from './direct-redis';
import { countRedisWork } from './redis-commands';

let redis: RedisHandle;
let client: Redis;

beforeAll(async () => {
  redis = await startRedis();
  client = await plainRedis(redis.url);
});

afterAll(async () => {
  client?.disconnect();
  await redis?.stop();
});

const SCRIPT = "redis.call('HSET', KEYS[1], 'n', 1); return redis.call('PEXPIRE', KEYS[1], 1000)";

describe('countRedisWork', () => {
  it('counts round trips, top-level commands and what scripts ran, per request', async () => {
    const work = await countRedisWork({
      url: redis.url,
      requests: 4,
      sessionIds: ['s1'],
      run: async (i) => {
        // Three sequential round trips: a script on the session, a MULTI, then a pipelined
        // batch of two global writes.
        await client.eval(SCRIPT, 1, `t:s:{s1}:${i}`);
        await client.multi().get('t:s:{s1}').hgetall('t:s:{s1}:prefs').exec();
        await Promise.all([client.incr('t:stats'), client.xadd('t:events', '*', 'sid', 's1')]);
        // A stray command during one request (a background poll, say) moves only the means.
        if (i === 0) await client.get('t:docs:version');
      },
    });
    expect(work.requests).toBe(4);
    expect(work.roundTrips).toBe(3);
    expect(work.topLevel).toBe(4);
    expect(work.sessionTopLevel).toBe(2);
    expect(work.otherTopLevel).toBe(2);
    expect(work.inScripts).toBe(2);
    expect(work.byLabel.get('EVAL (1 keys)')).toEqual({
      perRequest: 1,
      inside: new Map([
        ['HSET', 1],
        ['PEXPIRE', 1],
      ]),
    });
    expect(work.byLabel.get('MULTI [GET HGETALL] EXEC')?.perRequest).toBe(1);
    expect(work.byLabel.get('INCR')?.perRequest).toBe(1);
    expect(work.byLabel.get('XADD')?.perRequest).toBe(1);
    expect(work.byLabel.get('GET')?.perRequest).toBe(0.25);
  });
});
