import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RedisHandle, startRedis } from '../../../test/support/redis-server';
import { MemoryStore } from '../memory/memory-store';
import { defaultLimits } from '../store.contract';
import {
  ACTIVE_INDEX_KEPT_MS,
  type CallEvent,
  GLOBAL_TOPICS_KEPT,
  type StoreLimits,
  type TurnEvent,
} from '../types';
import { connectRedis, waitUntilReady } from './connection';
import { RedisStore } from './redis-store';

/**
 * Nothing Aisle writes grows without bound: a session's keys all expire with it, and the global
 * keys (the active-session index, the topic counts) are trimmed by the writes themselves.
 */
let redis: RedisHandle;
let raw: Redis;
beforeAll(async () => {
  redis = await startRedis();
  raw = new Redis(redis.url);
});
afterAll(async () => {
  raw?.disconnect();
  await redis?.stop();
});

async function openStore(prefix: string, limits: Partial<StoreLimits> = {}) {
  const client = connectRedis({ url: redis.url, commandTimeoutMs: 1000 });
  await waitUntilReady(client, 5000);
  return new RedisStore(client, { ...defaultLimits, ...limits }, prefix);
}

const event = (data: Record<string, unknown> = {}, counters = {}): CallEvent => ({
  timestamp: new Date().toISOString(),
  data,
  counters,
});
const turnEvent = (role: string): TurnEvent => ({
  type: 'message.added',
  ...event({ role }, { [role === 'user' ? 'questions' : 'answers']: 1 }),
});
const item = { sku: 'A-1', name: 'A', price: 10, category: 'x' };

async function keysOf(prefix: string): Promise<string[]> {
  return raw.keys(`${prefix}:*`);
}

describe('the keyspace stays bounded', () => {
  it('returns to its starting size once sessions expire (per-minute counts expire in 2 h)', async () => {
    const prefix = `kb-${randomUUID().slice(0, 8)}`;
    const store = await openStore(prefix, {
      sessionTtlMs: 400,
      conversationTtlMs: 300,
      touchIntervalMs: 0,
    });
    // One session first, so the global keys exist before counting.
    const warm = `warm-${randomUUID()}`;
    await store.createSession(warm, 'h', Date.now(), { event: event() });
    await store.recordTurn(
      warm,
      {
        messages: [{ role: 'user', content: 'hi', timestamp: new Date().toISOString() }],
        topics: ['warm'],
        cached: false,
        llmCall: false,
        injection: false,
      },
      Date.now(),
      {
        events: [turnEvent('user')],
        cache: { shared: true, hash: 'warm', value: 'v', ttlSeconds: 1 },
      },
    );
    await sleep(1200);
    const isMinute = (k: string) => k.startsWith(`${prefix}:mpm:`);
    const start = (await keysOf(prefix)).filter((k) => !isMinute(k)).sort();

    for (let i = 0; i < 40; i++) {
      const id = `s-${i}-${randomUUID()}`;
      const access = { tokenHash: 'h' };
      await store.createSession(id, 'h', Date.now(), { event: event({}, { sessions_created: 1 }) });
      await store.cartAdd(id, item, 1, Date.now(), { access, event: event({ action: 'add' }) });
      await store.updatePreferences(id, { device_type: 'laptop' }, Date.now(), {
        access,
        event: event(),
      });
      await store.recordTurn(
        id,
        {
          messages: [
            { role: 'user', content: `q${i}`, timestamp: new Date().toISOString() },
            { role: 'assistant', content: `a${i}`, timestamp: new Date().toISOString() },
          ],
          topics: [`topic${i % 5}`],
          shown: ['A-1'],
          cached: false,
          llmCall: false,
          injection: false,
        },
        Date.now(),
        {
          events: [turnEvent('user'), turnEvent('assistant')],
          cache: { shared: false, hash: `q${i}`, value: 'answer', ttlSeconds: 60 },
        },
      );
      await store.getSession(id, access);
    }
    expect((await keysOf(prefix)).length).toBeGreaterThan(start.length + 40 * 5);
    await sleep(700);
    const after = await keysOf(prefix);
    expect(after.filter((k) => !isMinute(k)).sort()).toEqual(start);
    for (const k of after.filter(isMinute)) {
      const ttl = await raw.ttl(k);
      expect(ttl).toBeGreaterThan(0);
      expect(ttl).toBeLessThanOrEqual(7200);
    }
    await store.close();
  });

  it('trims the active-session index to a day on every write to it, inline and pipelined', async () => {
    for (const globalWrites of ['inline', 'pipelined'] as const) {
      const prefix = `ka-${randomUUID().slice(0, 8)}`;
      const client = connectRedis({ url: redis.url, commandTimeoutMs: 1000 });
      await waitUntilReady(client, 5000);
      const store = new RedisStore(client, defaultLimits, prefix, undefined, { globalWrites });
      const t0 = Date.now();
      const later = t0 + ACTIVE_INDEX_KEPT_MS + 60_000;
      await store.createSession('old', 'h', t0, { event: event() });
      await store.createSession('new', 'h', later, { event: event() });
      expect(await raw.zrange(`${prefix}:active`, '0', '-1')).toEqual(['new']);
      await store.recordActivity({
        sessionId: 'newer',
        now: later + ACTIVE_INDEX_KEPT_MS + 60_000,
        counters: {},
        topics: [],
        messages: 0,
      });
      expect(await raw.zrange(`${prefix}:active`, '0', '-1')).toEqual(['newer']);
      await store.close();
    }
  });

  it(`keeps the ${GLOBAL_TOPICS_KEPT} most frequent global topic words`, async () => {
    const prefix = `kt-${randomUUID().slice(0, 8)}`;
    const store = await openStore(prefix);
    const id = `t-${randomUUID()}`;
    await store.createSession(id, 'h', Date.now());
    const turn = (topics: string[]) =>
      store.recordTurn(
        id,
        { messages: [], topics, cached: false, llmCall: false, injection: false },
        Date.now(),
        { events: [turnEvent('user')] },
      );
    // 'popular' is counted twice before the flood: it is among the kept.
    await turn(['popular']);
    await turn(['popular']);
    const total = GLOBAL_TOPICS_KEPT + 500;
    for (let from = 0; from < total; from += 1000) {
      await turn(Array.from({ length: Math.min(1000, total - from) }, (_, i) => `w${from + i}`));
    }
    expect(await raw.zcard(`${prefix}:topics`)).toBe(GLOBAL_TOPICS_KEPT);
    expect(await raw.zscore(`${prefix}:topics`, 'popular')).toBe('2');
    await store.close();
  });

  it('holds the same bounds in the Lua scripts as in types.ts', () => {
    const lua = readFileSync(new URL('./lua/_request.lua', import.meta.url), 'utf8');
    expect(lua).toContain(`local ACTIVE_INDEX_KEPT_MS = ${ACTIVE_INDEX_KEPT_MS}`);
    expect(lua).toContain(`local GLOBAL_TOPICS_KEPT = ${GLOBAL_TOPICS_KEPT}`);
  });

  it('bounds the memory store alike (its sweep)', async () => {
    let now = Date.now();
    const store = new MemoryStore(defaultLimits, () => now);
    await store.recordActivity({ sessionId: 'old', now, counters: {}, topics: [], messages: 0 });
    const words = Array.from({ length: GLOBAL_TOPICS_KEPT + 10 }, (_, i) => `w${i}`);
    await store.recordActivity({
      sessionId: 'x',
      now,
      counters: {},
      topics: ['popular'],
      messages: 0,
    });
    await store.recordActivity({
      sessionId: 'x',
      now,
      counters: {},
      topics: ['popular', ...words],
      messages: 0,
    });
    now += ACTIVE_INDEX_KEPT_MS + 1000;
    await store.recordActivity({ sessionId: 'new', now, counters: {}, topics: [], messages: 0 });
    store.boundGlobals();
    const overview = await store.readOverview(now, 2 * ACTIVE_INDEX_KEPT_MS, 1);
    expect(overview.activeSessions).toBe(1);
    expect(overview.topTopics[0]).toEqual({ word: 'popular', count: 2 });
    // Private, read here only to show the bound held (the overview shows ten).
    expect((store as unknown as { globalTopics: Map<string, number> }).globalTopics.size).toBe(
      GLOBAL_TOPICS_KEPT,
    );
    await store.close();
  });
});
