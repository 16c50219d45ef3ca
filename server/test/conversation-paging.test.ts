import { randomUUID } from 'node:crypto';
import type { ChatMessage } from '@aisle/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStore, type Store } from '../src/store';
import { defaultLimits } from '../src/store/store.contract';
import { startTestApp, type TestApp } from './support/app';
import { type RedisHandle, startRedis } from './support/redis-server';

const API = '/api/v1/shopping';
let redis: RedisHandle;
beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  await redis?.stop();
});

describe.each(['memory', 'redis'] as const)('conversation paging over REST on %s', (kind) => {
  let app: TestApp;
  let store: Store;
  beforeAll(async () => {
    store = await createStore({
      ...(kind === 'redis' ? { redisUrl: redis.url } : {}),
      redisPrefix: `t${randomUUID().slice(0, 8)}`,
      limits: { ...defaultLimits, maxHistory: 1000 },
    });
    app = await startTestApp({}, { store });
  });
  afterAll(async () => {
    await app?.close();
  });

  async function session() {
    const r = await app.rest('POST', `${API}/session`, { body: {} });
    return r.body.data as { session_id: string; session_token: string };
  }

  /** Follows next_cursor from the newest page back; returns the pages, oldest first, joined. */
  async function pageAll(id: string, token: string, limit: number) {
    const pages: ChatMessage[][] = [];
    let query = `limit=${limit}`;
    for (let n = 0; n < 1000; n++) {
      const r = await app.rest('GET', `${API}/session/${id}/conversation?${query}`, { token });
      expect(r.status).toBe(200);
      pages.unshift(r.body.data.conversation);
      const next = r.body.data.next_cursor as string | null;
      expect(next === null || typeof next === 'string').toBe(true);
      if (next === null) return pages.flat();
      query = `limit=${limit}&cursor=${encodeURIComponent(next)}`;
    }
    throw new Error('paging does not end');
  }

  it('returns every message exactly once, following next_cursor', async () => {
    const { session_id: id, session_token: token } = await session();
    // Real turns, asked at once so several land in one millisecond...
    const questions = Array.from({ length: 20 }, (_, i) => `do you have phones number ${i}?`);
    const asked = await Promise.all(
      questions.map((q) => app.rest('POST', `${API}/query`, { body: { q, sessionId: id }, token })),
    );
    expect(asked.every((r) => r.status === 200)).toBe(true);
    // ...and 40 more stored in bursts of four per millisecond, as the audit found them.
    const at = Date.now();
    for (let i = 0; i < 40; i++) {
      const message: ChatMessage = {
        role: 'user',
        content: `burst ${i}`,
        timestamp: new Date(at + Math.floor(i / 4)).toISOString(),
      };
      const turn = {
        messages: [message],
        topics: [],
        cached: false,
        llmCall: false,
        injection: false,
      };
      expect(await store.recordTurn(id, turn, at)).toBe(true);
    }
    const whole = await app.rest('GET', `${API}/session/${id}/conversation?limit=100`, { token });
    expect(whole.body.data.count).toBe(80);
    expect(whole.body.data.next_cursor).toBeNull();
    for (const limit of [1, 3, 7]) {
      const paged = await pageAll(id, token, limit);
      expect(paged).toEqual(whole.body.data.conversation);
    }
  });

  it('keeps before as documented: strictly older than the instant', async () => {
    const { session_id: id, session_token: token } = await session();
    const at = Date.parse('2026-01-01T00:00:00Z');
    const messages = Array.from({ length: 6 }, (_, i) => ({
      role: 'user' as const,
      content: `m${i}`,
      timestamp: new Date(at + Math.floor(i / 2)).toISOString(),
    }));
    await store.recordTurn(
      id,
      { messages, topics: [], cached: false, llmCall: false, injection: false },
      at,
    );
    const before = encodeURIComponent(new Date(at + 2).toISOString());
    const r = await app.rest('GET', `${API}/session/${id}/conversation?before=${before}&limit=3`, {
      token,
    });
    expect(r.body.data.conversation.map((m: ChatMessage) => m.content)).toEqual(['m1', 'm2', 'm3']);
    const next = encodeURIComponent(r.body.data.next_cursor);
    const rest = await app.rest(
      'GET',
      `${API}/session/${id}/conversation?before=${before}&limit=3&cursor=${next}`,
      { token },
    );
    expect(rest.body.data).toMatchObject({ count: 1, next_cursor: null });
    // A sub-millisecond instant: a message at .001 is older than .0015.
    const fine = encodeURIComponent(new Date(at + 1).toISOString().replace('Z', '5Z'));
    const r2 = await app.rest('GET', `${API}/session/${id}/conversation?before=${fine}`, { token });
    expect(r2.body.data.conversation.map((m: ChatMessage) => m.content)).toEqual([
      'm0',
      'm1',
      'm2',
      'm3',
    ]);
  });

  it('refuses a cursor it did not issue with 400 naming the field', async () => {
    const { session_id: id, session_token: token } = await session();
    const forged = Buffer.from('not:a:cursor').toString('base64url');
    for (const bad of [
      '',
      '%%%',
      'a b',
      forged,
      'x'.repeat(200),
      Buffer.from('1e400:1').toString('base64url'),
    ]) {
      const r = await app.rest(
        'GET',
        `${API}/session/${id}/conversation?cursor=${encodeURIComponent(bad)}`,
        { token },
      );
      expect(r.status, bad).toBe(400);
      expect(r.body.error.code).toBe('VALIDATION_ERROR');
      expect(r.body.error.issues[0].path).toBe('cursor');
    }
  });

  it('documents cursor and next_cursor in the OpenAPI document', async () => {
    const doc = (await app.rest('GET', '/api/v1/openapi.json')).body;
    const op = doc.paths['/api/v1/shopping/session/{id}/conversation'].get;
    const cursor = op.parameters.find((p: { name: string }) => p.name === 'cursor');
    expect(cursor).toMatchObject({ in: 'query', required: false });
    expect(JSON.stringify(op.responses)).toContain('next_cursor');
  });
});
