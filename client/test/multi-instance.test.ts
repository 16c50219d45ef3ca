import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../server/test/support/app';
import { slowProvider } from '../../server/test/support/providers';
import { type RedisHandle, startRedis } from '../../server/test/support/redis-server';
import { startServerProcess } from '../../server/test/support/server-process';
import { createAisleClient, createRealtimeAisleClient, SessionTokens } from '../src/index';

const ADMIN = 'admin-token-for-two-instances';

describe('two server processes on one Redis', () => {
  it('delivers to a subscriber on one process the events caused through another', async () => {
    const redis = await startRedis();
    const env = { REDIS_URL: redis.url, ADMIN_TOKEN: ADMIN, REDIS_PREFIX: 'two-processes' };
    const a = await startServerProcess(env);
    const b = await startServerProcess(env);
    const tokens = new SessionTokens();
    const onB = createAisleClient({ url: b.url, tokens });
    const onA = createRealtimeAisleClient({ url: a.url, tokens });
    try {
      const { session_id: sessionId } = await onB.session.create.mutate({});
      const seen: string[] = [];
      const sub = onA.api.session.events.subscribe(
        { sessionId },
        { onData: (e) => seen.push(e.data.type) },
      );
      await sleep(200);
      await onB.cart.add.mutate({ sessionId, sku: 'IPH15PRO-256' });
      await expect.poll(() => seen, { timeout: 5000 }).toEqual(['session.created', 'cart.updated']);
      sub.unsubscribe();
    } finally {
      await onA.close();
      await a.stop();
      await b.stop();
      await redis.stop();
    }
  }, 60_000);
});

describe('two server instances on one Redis', () => {
  let redis: RedisHandle;
  let a: TestApp;
  let b: TestApp;
  const slow = slowProvider({ tokens: 30, delayMs: 15 });

  beforeAll(async () => {
    redis = await startRedis();
    const env = { REDIS_URL: redis.url, ADMIN_TOKEN: ADMIN, REDIS_PREFIX: 'shared-two' };
    a = await startTestApp(env, { provider: slow.provider });
    b = await startTestApp(env, { provider: slow.provider });
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await redis?.stop();
  });

  it('delivers to a subscriber on A the events caused through B', async () => {
    const tokens = new SessionTokens();
    const onB = createAisleClient({ url: b.url, tokens });
    const { session_id: sessionId } = await onB.session.create.mutate({});
    const onA = createRealtimeAisleClient({ url: a.url, tokens });
    const admin = createRealtimeAisleClient({ url: a.url, realtime: { adminToken: ADMIN } });
    try {
      const seen: string[] = [];
      const adminSeen: string[] = [];
      const sub = onA.api.session.events.subscribe(
        { sessionId },
        { onData: (e) => seen.push(e.data.type) },
      );
      const adminSub = admin.api.admin.events.subscribe(
        {},
        {
          onData: (e) => adminSeen.push(`${e.data.type}:${e.data.session_id}`),
        },
      );
      await sleep(200);
      await onB.cart.add.mutate({ sessionId, sku: 'IPH15PRO-256' });
      await onB.preferences.update.mutate({ sessionId, device_type: 'laptop' });
      await expect
        .poll(() => seen, { timeout: 5000 })
        .toEqual(['session.created', 'cart.updated', 'preferences.updated']);
      await expect.poll(() => adminSeen, { timeout: 5000 }).toContain(`cart.updated:${sessionId}`);
      sub.unsubscribe();
      adminSub.unsubscribe();
    } finally {
      await onA.close();
      await admin.close();
    }
  });

  it('resumes on B an answer stream started on A, without a second model call', async () => {
    const tokens = new SessionTokens();
    const http = createAisleClient({ url: a.url, tokens });
    const { session_id: sessionId } = await http.session.create.mutate({});
    const before = { ...slow.counter };
    const onA = createRealtimeAisleClient({ url: a.url, tokens });
    const got: { id: string; type: string; text?: string }[] = [];
    const sub = onA.api.shopping.queryStream.subscribe(
      { q: 'show me laptops', sessionId },
      {
        onData: ({ id, data }) =>
          got.push({ id, type: data.type, ...(data.type === 'token' ? { text: data.text } : {}) }),
      },
    );
    await expect
      .poll(() => got.filter((e) => e.type === 'token').length, { timeout: 5000 })
      .toBeGreaterThanOrEqual(5);
    // The connection drops mid-answer.
    sub.unsubscribe();
    await onA.close();
    const lastId = got.at(-1)?.id as string;
    const onB = createRealtimeAisleClient({ url: b.url, tokens });
    try {
      const rest: { type: string; text?: string; answer?: string }[] = [];
      await new Promise<void>((resolve, reject) => {
        const s = onB.api.shopping.queryStream.subscribe(
          { q: 'show me laptops', sessionId, lastEventId: lastId },
          {
            onData: ({ data }) => {
              rest.push(data);
              if (data.type === 'done') {
                s.unsubscribe();
                resolve();
              }
            },
            onError: reject,
          },
        );
      });
      const text = [...got, ...rest]
        .filter((e) => e.type === 'token')
        .map((e) => e.text)
        .join('');
      const done = rest.at(-1);
      expect(done?.type).toBe('done');
      expect(text).toBe(done?.answer);
      expect(text.split(' ')).toHaveLength(30);
      expect(slow.counter.answer - before.answer).toBe(1);
      // The turn was stored once, complete.
      const conv = await http.session.conversation.query({ sessionId });
      expect(conv.conversation.map((m) => m.role)).toEqual(['user', 'assistant']);
      expect(conv.conversation[1]?.interrupted).toBeUndefined();
    } finally {
      await onB.close();
    }
  });

  it("refuses to resume someone else's answer", async () => {
    const stranger = createRealtimeAisleClient({ url: b.url, sessionToken: 'y'.repeat(43) });
    try {
      // A stream id the stranger learned cannot be read with another session's token.
      const mine = createRealtimeAisleClient({ url: a.url });
      const ids: string[] = [];
      await new Promise<void>((resolve, reject) => {
        const s = mine.api.shopping.queryStream.subscribe(
          { q: 'hi there' },
          {
            onData: ({ id, data }) => {
              ids.push(id);
              if (data.type === 'done') {
                s.unsubscribe();
                resolve();
              }
            },
            onError: reject,
          },
        );
      });
      await mine.close();
      const err = await new Promise<unknown>((resolve) => {
        stranger.api.shopping.queryStream.subscribe(
          { q: 'hi there', lastEventId: ids[0] as string },
          { onData: () => resolve(new Error('unexpected data')), onError: resolve },
        );
      });
      // Another session's answer: refused as if that session did not exist.
      expect(err).toMatchObject({ data: { code: 'NOT_FOUND', appCode: 'SESSION_NOT_FOUND' } });
    } finally {
      await stranger.close();
    }
  });
});
