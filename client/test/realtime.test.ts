import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../server/test/support/app';
import { type RedisHandle, startRedis } from '../../server/test/support/redis-server';
import { createAisleClient, createRealtimeAisleClient } from '../src/index';

const ADMIN = 'admin-token-for-realtime-tests';

interface Ev {
  id: string;
  type: string;
  session_id: string;
  data: Record<string, unknown>;
}

/** Collects a subscription's events until `until` says enough (or times out). */
function collect<T>(
  subscribe: (handlers: { onData: (d: T) => void; onError: (e: unknown) => void }) => {
    unsubscribe(): void;
  },
  until: (all: T[]) => boolean,
  timeoutMs = 5000,
): Promise<T[]> {
  return new Promise((resolve, reject) => {
    const all: T[] = [];
    const timer = setTimeout(() => {
      sub.unsubscribe();
      reject(new Error(`timed out with ${all.length} events`));
    }, timeoutMs);
    const sub = subscribe({
      onData(d) {
        all.push(d);
        if (until(all)) {
          clearTimeout(timer);
          sub.unsubscribe();
          resolve(all);
        }
      },
      onError(e) {
        clearTimeout(timer);
        reject(e);
      },
    });
  });
}

let redis: RedisHandle;
beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  await redis?.stop();
});

describe.each(['memory', 'redis'] as const)('realtime over WebSocket (%s store)', (kind) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({
      ADMIN_TOKEN: ADMIN,
      ...(kind === 'redis' ? { REDIS_URL: redis.url } : {}),
    });
  });
  afterAll(async () => {
    await app?.close();
  });

  it('delivers session events caused over HTTP, then resumes exactly after a reconnect', async () => {
    const rt = createRealtimeAisleClient({ url: app.url });
    try {
      const { session_id: sessionId } = await rt.api.session.create.mutate({});
      const firstTwo = collect<{ id: string; data: Ev }>(
        (h) => rt.api.session.events.subscribe({ sessionId }, h),
        (all) => all.length >= 3,
      );
      await sleep(100);
      await rt.api.cart.add.mutate({ sessionId, sku: 'IPH15PRO-256' });
      await rt.api.preferences.update.mutate({ sessionId, budget_range: '500-1000' });
      const got = await firstTwo;
      expect(got.map((e) => e.data.type)).toEqual([
        'session.created',
        'cart.updated',
        'preferences.updated',
      ]);
      expect(got[1]?.data.data).toMatchObject({ subtotal: 999, item_count: 1 });
      const lastSeen = got[1]?.id as string;
      // Events keep flowing while "disconnected"; resuming from an id replays exactly the rest.
      await rt.api.cart.add.mutate({ sessionId, sku: 'IPH15PRO-256' });
      const resumed = await collect<{ id: string; data: Ev }>(
        (h) => rt.api.session.events.subscribe({ sessionId, lastEventId: lastSeen }, h),
        (all) => all.length >= 2,
      );
      expect(resumed.map((e) => e.data.type)).toEqual(['preferences.updated', 'cart.updated']);
      expect(resumed[0]?.id).toBe(got[2]?.id);
      expect(new Set([...got, ...resumed].map((e) => e.id)).size).toBe(4);
    } finally {
      await rt.close();
    }
  });

  it('refuses a subscription without the right token', async () => {
    const owner = createAisleClient({ url: app.url });
    const { session_id: sessionId } = await owner.session.create.mutate({});
    const anon = createRealtimeAisleClient({ url: app.url });
    const other = createRealtimeAisleClient({ url: app.url, sessionToken: 'x'.repeat(43) });
    try {
      await expect(
        collect(
          (h) => anon.api.session.events.subscribe({ sessionId }, h),
          () => true,
        ),
      ).rejects.toMatchObject({ data: { code: 'UNAUTHORIZED' } });
      await expect(
        collect(
          (h) => other.api.session.events.subscribe({ sessionId }, h),
          () => true,
        ),
      ).rejects.toMatchObject({ data: { code: 'NOT_FOUND', appCode: 'SESSION_NOT_FOUND' } });
      await expect(
        collect(
          (h) => anon.api.admin.events.subscribe({}, h),
          () => true,
        ),
      ).rejects.toMatchObject({ data: { code: 'UNAUTHORIZED' } });
    } finally {
      await anon.close();
      await other.close();
    }
  });

  it('ends a session feed when the session is deleted', async () => {
    const rt = createRealtimeAisleClient({ url: app.url });
    try {
      const { session_id: sessionId } = await rt.api.session.create.mutate({});
      const feed = collect<{ data: Ev }>(
        (h) => rt.api.session.events.subscribe({ sessionId }, h),
        (all) => all.some((e) => e.data.type === 'session.deleted'),
      );
      await sleep(100);
      await rt.api.session.delete.mutate({ sessionId });
      expect((await feed).at(-1)?.data.type).toBe('session.deleted');
    } finally {
      await rt.close();
    }
  });

  it('feeds admins every session, and streams an answer over WebSocket', async () => {
    const admin = createRealtimeAisleClient({ url: app.url, realtime: { adminToken: ADMIN } });
    const shopper = createRealtimeAisleClient({ url: app.url });
    try {
      const feed = collect<{ data: Ev }>(
        (h) => admin.api.admin.events.subscribe({}, h),
        (all) =>
          all.some((e) => e.data.type === 'message.added' && e.data.data.role === 'assistant'),
      );
      await sleep(150);
      const tracked = await collect<{
        id: string;
        data: { type: string; text?: string; answer?: string };
      }>(
        (h) => shopper.api.shopping.queryStream.subscribe({ q: 'Which tablets do you have?' }, h),
        (all) => all.at(-1)?.data.type === 'done',
      );
      const events = tracked.map((t) => t.data);
      expect(events[0]?.type).toBe('meta');
      const text = events
        .filter((e) => e.type === 'token')
        .map((e) => e.text)
        .join('');
      expect(text).toBe(events.at(-1)?.answer);
      const adminSeen = await feed;
      expect(adminSeen.map((e) => e.data.type)).toContain('session.created');
    } finally {
      await admin.close();
      await shopper.close();
    }
  });
});

describe('session expiry on an open connection', () => {
  it('announces session.expired and stops serving the feed', async () => {
    await using app = await startTestApp({
      SESSION_TTL_SECONDS: '1',
      CONVERSATION_TTL_SECONDS: '1',
      ADMIN_TOKEN: ADMIN,
    });
    const rt = createRealtimeAisleClient({ url: app.url });
    const admin = createRealtimeAisleClient({ url: app.url, realtime: { adminToken: ADMIN } });
    try {
      const { session_id: sessionId } = await rt.api.session.create.mutate({});
      const adminSeen: string[] = [];
      const adminSub = admin.api.admin.events.subscribe(
        {},
        { onData: (e) => adminSeen.push(e.data.type) },
      );
      const feed = await collect<{ data: Ev }>(
        (h) => rt.api.session.events.subscribe({ sessionId }, h),
        (all) => all.some((e) => e.data.type === 'session.expired'),
        8000,
      );
      expect(feed.map((e) => e.data.type)).toEqual(['session.created', 'session.expired']);
      await expect.poll(() => adminSeen, { timeout: 3000 }).toContain('session.expired');
      adminSub.unsubscribe();
      await expect(rt.api.session.info.query({ sessionId })).rejects.toMatchObject({
        data: { code: 'NOT_FOUND' },
      });
    } finally {
      await rt.close();
      await admin.close();
    }
  });
});
