/**
 * The store bench compares RedisStore with the ideal direct equivalent of each operation; the
 * two must hold and answer the same data for that to mean anything.
 */
import type { ChatMessage } from '@aisle/shared';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectRedis, waitUntilReady } from '../../server/src/store/redis/connection';
import { RedisStore } from '../../server/src/store/redis/redis-store';
import { type RedisHandle, startRedis } from '../../server/test/support/redis-server';
import {
  CONVERSATION_TTL_MS,
  type IdealScripts,
  idealGetSession,
  idealKeys,
  loadIdealScripts,
  plainRedis,
  SESSION_TTL_MS,
  slidingKeys,
  TOUCH_INTERVAL_MS,
} from './direct-redis';

let redis: RedisHandle;
let direct: Redis;
let scripts: IdealScripts;
let store: RedisStore;

beforeAll(async () => {
  redis = await startRedis();
  direct = await plainRedis(redis.url);
  scripts = await loadIdealScripts(direct);
  const client = connectRedis({ url: redis.url, commandTimeoutMs: 1000 });
  await waitUntilReady(client, 5000);
  store = new RedisStore(
    client,
    {
      sessionTtlMs: SESSION_TTL_MS,
      conversationTtlMs: CONVERSATION_TTL_MS,
      touchIntervalMs: TOUCH_INTERVAL_MS,
      maxHistory: 500,
      maxTopics: 200,
      maxSessionCache: 200,
      maxSessions: 10_000,
    },
    'tstore',
  );
});

afterAll(async () => {
  await store?.close();
  direct?.disconnect();
  await redis?.stop();
});

const ITEMS = [
  { sku: 'A-1', name: 'Phone A', price: 199.99, category: 'smartphone' },
  { sku: 'B-2', name: 'Phone B', price: 349.5, category: 'smartphone' },
];

describe('the ideal direct operations', () => {
  it('hold and read back the same session as RedisStore', async () => {
    const id = 'same-data';
    const k = idealKeys('tideal', id);
    const now = Date.now();
    const messages: ChatMessage[] = [
      {
        role: 'user',
        content: 'a phone with a good camera',
        timestamp: new Date(now).toISOString(),
      },
      { role: 'assistant', content: 'Here are two.', timestamp: new Date(now).toISOString() },
    ];
    const topics = ['phone', 'camera', 'phone'];

    await store.createSession(id, 'hash', now);
    await store.updatePreferences(id, { budget_range: '500-1000' }, now);
    await scripts.run('create_session', slidingKeys(k), now, 'hash');
    await direct.hset(k.session, 'p:budget_range', JSON.stringify('500-1000'));
    for (const [i, item] of [...ITEMS, ITEMS[0]].entries()) {
      if (!item) continue;
      await store.cartAdd(id, item, i + 1, now + i);
      await scripts.run('cart_add', slidingKeys(k), now + i, item.sku, JSON.stringify(item), i + 1);
    }
    await store.recordTurn(
      id,
      { messages, topics, cached: false, llmCall: false, injection: false },
      now,
    );
    await scripts.run(
      'record_turn',
      [...slidingKeys(k), k.history, k.shown],
      now,
      CONVERSATION_TTL_MS,
      500,
      200,
      messages.length,
      ...messages.flatMap((m) => [Date.parse(m.timestamp), m.role, JSON.stringify(m)]),
      ...topics,
    );

    const ours = await store.getSession(id);
    const ideal = await idealGetSession(scripts, 'tideal', id);
    expect(ideal?.meta).toEqual(ours?.meta);
    expect(ideal?.preferences).toEqual(ours?.preferences);
    expect(ideal?.cart).toEqual(ours?.cart);
    expect(ideal?.topTopics).toEqual(ours?.analytics.topTopics);
    expect(ideal?.counters).toEqual({ cart_adds: 3, user_messages: 1, assistant_messages: 1 });
    expect(ours?.analytics).toMatchObject({ cartAdds: 3, userMessages: 1, assistantMessages: 1 });
    expect(await idealGetSession(scripts, 'tideal', 'missing')).toBeNull();

    const auth = await scripts.run('authenticate', slidingKeys(k), now, TOUCH_INTERVAL_MS, 'hash');
    expect(auth).toEqual(['hash', String(now), String(now)]);
  });
});
