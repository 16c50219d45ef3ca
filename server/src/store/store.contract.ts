import { setTimeout as sleep } from 'node:timers/promises';
import type { ChatMessage } from '@aisle/shared';
import { afterEach, describe, expect, it } from 'vitest';
import type { Store, StoreLimits } from './types';

/**
 * The contract both stores honour. Each store's test file runs it with a factory that builds
 * fresh stores (on Redis: several connections to one server) for the given limits.
 */
export type StoreFactory = (
  limits: StoreLimits,
  connections?: number,
) => Promise<{ stores: Store[]; close(): Promise<void> }>;

export const defaultLimits: StoreLimits = {
  sessionTtlMs: 60_000,
  conversationTtlMs: 30_000,
  touchIntervalMs: 1000,
  maxHistory: 50,
  maxTopics: 20,
  maxSessionCache: 10,
  maxSessions: 1000,
};

const item = { sku: 'IPH15PRO-256', name: 'iPhone 15 Pro', price: 999, category: 'smartphone' };
const item2 = { sku: 'SM-S24', name: 'Galaxy S24', price: 799, category: 'smartphone' };

let seq = 0;
const newId = () => `sess-${process.pid}-${Date.now()}-${++seq}`;

const msg = (role: 'user' | 'assistant', content: string, ts: number): ChatMessage => ({
  role,
  content,
  timestamp: new Date(ts).toISOString(),
});

export function storeContract(name: string, factory: StoreFactory): void {
  describe(`Store contract: ${name}`, () => {
    const opened: { close(): Promise<void> }[] = [];
    afterEach(async () => {
      await Promise.all(opened.splice(0).map((o) => o.close()));
    });
    async function open(limits: Partial<StoreLimits> = {}, connections = 1) {
      const made = await factory({ ...defaultLimits, ...limits }, connections);
      opened.push(made);
      const [store] = made.stores;
      if (!store) throw new Error('factory returned no store');
      return { store, stores: made.stores };
    }

    it('creates a session once and authenticates it', async () => {
      const { store } = await open();
      const id = newId();
      expect(await store.createSession(id, 'hash-1', 1000)).toBe(true);
      expect(await store.createSession(id, 'hash-2', 2000)).toBe(false);
      expect(await store.authenticate(id, 1000, 'hash-1')).toEqual({
        tokenHash: 'hash-1',
        createdAt: 1000,
        lastActive: 1000,
      });
      expect(await store.authenticate('missing-session', 1000, 'hash-1')).toBeNull();
    });

    it('checks existence without touching', async () => {
      const { store } = await open({ sessionTtlMs: 400, touchIntervalMs: 0 });
      const id = newId();
      await store.createSession(id, 'h', Date.now());
      expect(await store.sessionExists(id)).toBe(true);
      expect(await store.sessionExists('missing-session')).toBe(false);
      await sleep(250);
      expect(await store.sessionExists(id)).toBe(true);
      await sleep(250);
      expect(await store.sessionExists(id)).toBe(false);
    });

    it('throttles the touch on reads', async () => {
      const { store } = await open({ touchIntervalMs: 1000 });
      const id = newId();
      await store.createSession(id, 'h', 10_000);
      expect((await store.authenticate(id, 10_500, 'h'))?.lastActive).toBe(10_000);
      expect((await store.authenticate(id, 11_000, 'h'))?.lastActive).toBe(11_000);
      expect((await store.getSession(id))?.meta.lastActive).toBe(11_000);
    });

    it('lets only the owner token touch: a stranger keeps nothing alive', async () => {
      const { store } = await open({ sessionTtlMs: 600, touchIntervalMs: 0 });
      const id = newId();
      await store.createSession(id, 'h', Date.now());
      await sleep(350);
      // Someone else's attempts read the session but neither move last_active nor slide it.
      const seen = await store.authenticate(id, Date.now(), 'not-the-hash');
      expect(seen?.tokenHash).toBe('h');
      expect((await store.getSession(id))?.meta.lastActive).toBe(seen?.lastActive);
      await sleep(350);
      expect(await store.authenticate(id, Date.now(), 'not-the-hash')).toBeNull();
    });

    it('expires an idle session, and activity slides the expiry', async () => {
      const { store } = await open({
        sessionTtlMs: 600,
        conversationTtlMs: 600,
        touchIntervalMs: 0,
      });
      const idle = newId();
      const active = newId();
      await store.createSession(idle, 'h', Date.now());
      await store.createSession(active, 'h', Date.now());
      await sleep(350);
      await store.cartAdd(active, item, 1, Date.now());
      await sleep(350);
      expect(await store.authenticate(idle, Date.now(), 'h')).toBeNull();
      expect(await store.getSession(idle)).toBeNull();
      expect((await store.getCart(active))?.[0]?.quantity).toBe(1);
    });

    it('expires history alone: session, preferences, cart and analytics stay', async () => {
      const { store } = await open({ sessionTtlMs: 10_000, conversationTtlMs: 300 });
      const id = newId();
      const now = Date.now();
      await store.createSession(id, 'h', now);
      await store.updatePreferences(id, { budget_range: '500-1000' }, now);
      await store.cartAdd(id, item, 2, now);
      await store.recordTurn(
        id,
        {
          messages: [msg('user', 'show phones', now), msg('assistant', 'Here are phones', now)],
          topics: ['phone'],
          shown: ['IPH15PRO-256'],
          cached: false,
          llmCall: false,
          injection: false,
        },
        now,
      );
      expect((await store.getMessages(id, { limit: 10 }))?.messages).toHaveLength(2);
      await sleep(500);
      expect((await store.getMessages(id, { limit: 10 }))?.messages).toEqual([]);
      const ctx = await store.loadTurnContext(id, 10);
      expect(ctx).toEqual({ preferences: { budget_range: '500-1000' }, history: [], shown: [] });
      const snap = await store.getSession(id);
      expect(snap?.meta.conversationCount).toBe(2);
      expect(snap?.cart).toEqual([{ ...item, quantity: 2 }]);
      expect(snap?.analytics.userMessages).toBe(1);
      expect(snap?.analytics.assistantMessages).toBe(1);
      expect(snap?.analytics.topTopics).toEqual([{ word: 'phone', count: 1 }]);
    });

    it('merges preference updates', async () => {
      const { store } = await open();
      const id = newId();
      await store.createSession(id, 'h', 1);
      expect(await store.getPreferences(id)).toEqual({});
      await store.updatePreferences(
        id,
        { budget_range: '500-1000', preferred_brands: ['Apple'] },
        2,
      );
      const merged = await store.updatePreferences(
        id,
        { preferred_brands: ['Apple', 'Samsung'], device_type: 'smartphone' },
        3,
      );
      expect(merged).toEqual({
        budget_range: '500-1000',
        preferred_brands: ['Apple', 'Samsung'],
        device_type: 'smartphone',
      });
      expect(await store.getPreferences(id)).toEqual(merged);
      expect(await store.updatePreferences('missing-session', { device_type: 'x' }, 4)).toBeNull();
    });

    it('keeps cart lines: add merges quantities, set, remove, clear', async () => {
      const { store } = await open();
      const id = newId();
      await store.createSession(id, 'h', 1);
      expect(await store.getCart(id)).toEqual([]);
      await store.cartAdd(id, item, 1, 2);
      await store.cartAdd(id, item2, 1, 3);
      expect(await store.cartAdd(id, item, 2, 4)).toEqual([
        { ...item, quantity: 3 },
        { ...item2, quantity: 1 },
      ]);
      expect(await store.cartSetQuantity(id, item2.sku, 5, 5)).toEqual({
        found: true,
        cart: [
          { ...item, quantity: 3 },
          { ...item2, quantity: 5 },
        ],
      });
      expect((await store.cartSetQuantity(id, 'NOPE', 5, 6))?.found).toBe(false);
      expect(await store.cartSetQuantity(id, item.sku, 0, 7)).toEqual({
        found: true,
        cart: [{ ...item2, quantity: 5 }],
      });
      expect((await store.cartRemove(id, item.sku, 8))?.found).toBe(false);
      expect(await store.cartRemove(id, item2.sku, 9)).toEqual({ found: true, cart: [] });
      await store.cartAdd(id, item, 1, 10);
      expect(await store.cartClear(id, 11)).toEqual([]);
      expect(await store.getCart(id)).toEqual([]);
      const analytics = (await store.getSession(id))?.analytics;
      expect(analytics?.cartAdds).toBe(4);
      expect(analytics?.cartRemoves).toBe(2);
    });

    it('answers null for every operation on a missing session', async () => {
      const { store } = await open();
      const id = 'never-created';
      expect(await store.getSession(id)).toBeNull();
      expect(await store.getCart(id)).toBeNull();
      expect(await store.cartAdd(id, item, 1, 1)).toBeNull();
      expect(await store.cartRemove(id, item.sku, 1)).toBeNull();
      expect(await store.cartSetQuantity(id, item.sku, 2, 1)).toBeNull();
      expect(await store.cartClear(id, 1)).toBeNull();
      expect(await store.getMessages(id, { limit: 5 })).toBeNull();
      expect(await store.loadTurnContext(id, 5)).toBeNull();
      expect(await store.getPreferences(id)).toBeNull();
      const turn = { messages: [], topics: [], cached: false, llmCall: false, injection: false };
      expect(await store.recordTurn(id, turn, 1)).toBe(false);
      expect(await store.deleteSession(id)).toBe(false);
      // A write must not resurrect a missing session.
      expect(await store.authenticate(id, 1, 'h')).toBeNull();
    });

    it('pages history newest-last, with limit and before, and bounds it', async () => {
      const { store } = await open({ maxHistory: 6 });
      const id = newId();
      await store.createSession(id, 'h', 1);
      const base = Date.parse('2026-01-01T00:00:00Z');
      for (let i = 0; i < 5; i++) {
        await store.recordTurn(
          id,
          {
            messages: [
              msg('user', `q${i}`, base + i * 1000),
              msg('assistant', `a${i}`, base + i * 1000),
            ],
            topics: [],
            cached: false,
            llmCall: false,
            injection: false,
          },
          base + i * 1000,
        );
      }
      const all = (await store.getMessages(id, { limit: 100 }))?.messages;
      expect(all?.map((m) => m.content)).toEqual(['q2', 'a2', 'q3', 'a3', 'q4', 'a4']);
      expect((await store.getMessages(id, { limit: 3 }))?.messages.map((m) => m.content)).toEqual([
        'a3',
        'q4',
        'a4',
      ]);
      const older = await store.getMessages(id, { limit: 2, before: base + 4000 });
      expect(older?.messages.map((m) => m.content)).toEqual(['q3', 'a3']);
      expect(all?.[0]).toEqual(msg('user', 'q2', base + 2000));
      expect((await store.getSession(id))?.meta.conversationCount).toBe(10);
      const ctx = await store.loadTurnContext(id, 2);
      expect(ctx?.history.map((m) => m.content)).toEqual(['q4', 'a4']);
    });

    it('counts topics and reports the five most frequent', async () => {
      const { store } = await open({ maxTopics: 6 });
      const id = newId();
      await store.createSession(id, 'h', 1);
      const words = [
        'phone',
        'phone',
        'phone',
        'laptop',
        'laptop',
        'camera',
        'tv',
        'watch',
        'drone',
      ];
      await store.recordTurn(
        id,
        { messages: [], topics: words, cached: true, llmCall: true, injection: true },
        2,
      );
      const a = (await store.getSession(id))?.analytics;
      expect(a?.topTopics).toEqual([
        { word: 'phone', count: 3 },
        { word: 'laptop', count: 2 },
        { word: 'camera', count: 1 },
        { word: 'drone', count: 1 },
        { word: 'tv', count: 1 },
      ]);
      // The owner's read (token checked in the same step) reports the same five.
      expect((await store.getSession(id, { tokenHash: 'h' }))?.analytics.topTopics).toEqual(
        a?.topTopics,
      );
      expect(a?.cacheHits).toBe(1);
      expect(a?.llmCalls).toBe(1);
      expect(a?.injectionAttempts).toBe(1);
    });

    it('keeps the products last shown until replaced', async () => {
      const { store } = await open();
      const id = newId();
      await store.createSession(id, 'h', 1);
      const base = { messages: [], topics: [], cached: false, llmCall: false, injection: false };
      await store.recordTurn(id, { ...base, shown: ['A', 'B'] }, 2);
      await store.recordTurn(id, base, 3);
      expect((await store.loadTurnContext(id, 5))?.shown).toEqual(['A', 'B']);
      await store.recordTurn(id, { ...base, shown: ['C'] }, 4);
      expect((await store.loadTurnContext(id, 5))?.shown).toEqual(['C']);
    });

    it('keeps the search behind the products shown: stored, replaced and dropped with them', async () => {
      const { store } = await open();
      const id = newId();
      await store.createSession(id, 'h', 1);
      const base = { messages: [], topics: [], cached: false, llmCall: false, injection: false };
      const tvs = {
        query: {
          text: '',
          category: 'Flat-Panel TVs',
          maxPrice: 500,
          sort: 'price_asc' as const,
          limit: 5,
        },
        excludedBrands: ['Vizio'],
        fromPreferences: { price: true },
      };
      await store.recordTurn(id, { ...base, shown: ['A', 'B'], search: tvs }, 2);
      expect(await store.loadTurnContext(id, 5)).toMatchObject({ shown: ['A', 'B'], search: tvs });
      // A turn that shows nothing (a policy question) leaves both as they were.
      await store.recordTurn(id, base, 3);
      expect((await store.loadTurnContext(id, 5))?.search).toEqual(tvs);
      const samsung = { query: { ...tvs.query, brands: ['Samsung'] } };
      await store.recordTurn(id, { ...base, shown: ['C'], search: samsung }, 4);
      expect(await store.loadTurnContext(id, 5)).toMatchObject({ shown: ['C'], search: samsung });
      // Products shown without a search (a cached answer from before): no stale search stays.
      await store.recordTurn(id, { ...base, shown: ['D'] }, 5);
      const ctx = await store.loadTurnContext(id, 5);
      expect(ctx?.shown).toEqual(['D']);
      expect(ctx).not.toHaveProperty('search');
    });

    it('bounds the products shown and expires the search with them', async () => {
      const { store } = await open({ sessionTtlMs: 10_000, conversationTtlMs: 300 });
      const id = newId();
      await store.createSession(id, 'h', Date.now());
      const base = { messages: [], topics: [], cached: false, llmCall: false, injection: false };
      const many = Array.from({ length: 80 }, (_, i) => `SKU-${i}`);
      const search = { query: { text: 'oled', sort: 'relevance' as const, limit: 5 } };
      await store.recordTurn(id, { ...base, shown: many, search }, Date.now());
      const ctx = await store.loadTurnContext(id, 5);
      expect(ctx?.shown).toEqual(many.slice(0, 50));
      expect(ctx?.search).toEqual(search);
      await sleep(500);
      const later = await store.loadTurnContext(id, 5);
      expect(later?.shown).toEqual([]);
      expect(later).not.toHaveProperty('search');
    });

    it('refuses a malformed search before writing anything', async () => {
      const { store } = await open();
      const id = newId();
      await store.createSession(id, 'h', 1);
      const turn = {
        messages: [msg('user', 'tvs', 2)],
        topics: [],
        shown: ['A'],
        search: { query: { text: 'x'.repeat(501), sort: 'relevance' as const, limit: 5 } },
        cached: false,
        llmCall: false,
        injection: false,
      };
      await expect(store.recordTurn(id, turn, 2)).rejects.toThrow();
      expect(await store.loadTurnContext(id, 5)).toEqual({
        preferences: {},
        history: [],
        shown: [],
      });
    });

    it('caches answers shared and per session, with expiry', async () => {
      const { store } = await open({ maxSessionCache: 3 });
      const id = newId();
      await store.createSession(id, 'h', 1);
      await store.cacheSet(null, 'q1', 'shared-answer', 60);
      await store.cacheSet(id, 'q1', 'session-answer', 60);
      expect(await store.cacheGet(null, 'q1')).toBe('shared-answer');
      expect(await store.cacheGet(id, 'q1')).toBe('session-answer');
      expect(await store.cacheGet(id, 'q2')).toBeNull();
      await store.cacheSet(null, 'short', 'x', 1);
      await store.cacheSet(id, 'short', 'x', 1);
      await sleep(1100);
      expect(await store.cacheGet(null, 'short')).toBeNull();
      expect(await store.cacheGet(id, 'short')).toBeNull();
      await store.deleteSession(id);
      expect(await store.cacheGet(id, 'q1')).toBeNull();
      expect(await store.cacheGet(null, 'q1')).toBe('shared-answer');
    });

    it('deletes everything of a session', async () => {
      const { store } = await open();
      const id = newId();
      await store.createSession(id, 'h', 1);
      await store.cartAdd(id, item, 1, 2);
      await store.updatePreferences(id, { device_type: 'laptop' }, 3);
      expect(await store.deleteSession(id)).toBe(true);
      expect(await store.getSession(id)).toBeNull();
      expect(await store.createSession(id, 'h2', 4)).toBe(true);
      expect(await store.getCart(id)).toEqual([]);
      expect(await store.getPreferences(id)).toEqual({});
    });

    it('replaces documents with the same id', async () => {
      const { store } = await open();
      await store.putDocuments([
        { id: 'shipping', title: 'Shipping', text: 'v1' },
        { id: 'returns', title: 'Returns', text: 'r' },
      ]);
      const v1 = await store.documentsVersion();
      await store.putDocuments([{ id: 'shipping', title: 'Shipping', text: 'v2' }]);
      expect(await store.documentsVersion()).toBeGreaterThan(v1);
      const docs = await store.listDocuments();
      expect(docs.map((d) => [d.id, d.text])).toEqual([
        ['returns', 'r'],
        ['shipping', 'v2'],
      ]);
    });

    it('keeps the store’s synonyms: none at first, replaced whole, the version bumped and shared', async () => {
      const { stores } = await open({}, 2);
      const [store, other] = stores;
      if (!store || !other) throw new Error('two stores expected');
      const first = await store.getSynonyms();
      expect(first.synonyms).toBeNull();
      expect(await store.synonymsVersion()).toBe(first.version);
      const set = { synonyms: [['pruner', 'secateurs']], kinds: { shear: ['hedge shear'] } };
      const v1 = await store.setSynonyms(set);
      expect(v1).toBeGreaterThan(first.version);
      expect(await other.getSynonyms()).toEqual({ synonyms: set, version: v1 });
      const v2 = await other.setSynonyms({ synonyms: [['trug', 'garden basket']], kinds: {} });
      expect(v2).toBeGreaterThan(v1);
      expect(await store.synonymsVersion()).toBe(v2);
      expect(await store.getSynonyms()).toEqual({
        synonyms: { synonyms: [['trug', 'garden basket']], kinds: {} },
        version: v2,
      });
      // An empty set is a set: it is not "none" (the file does not seed it again).
      const v3 = await store.setSynonyms({ synonyms: [], kinds: {} });
      expect(await other.getSynonyms()).toEqual({
        synonyms: { synonyms: [], kinds: {} },
        version: v3,
      });
    });

    it('deletes documents by id atomically, bumping the version, and says which were there', async () => {
      const { store } = await open();
      await store.putDocuments([
        { id: 'shipping', title: 'Shipping', text: 's' },
        { id: 'returns', title: 'Returns', text: 'r' },
        { id: 'warranty', title: 'Warranty', text: 'w' },
      ]);
      const v1 = await store.documentsVersion();
      expect(await store.deleteDocuments(['returns', 'nope', 'shipping', 'returns'])).toEqual([
        'returns',
        'shipping',
      ]);
      expect(await store.documentsVersion()).toBeGreaterThan(v1);
      expect((await store.listDocuments()).map((d) => d.id)).toEqual(['warranty']);
      expect(await store.deleteDocuments(['returns'])).toEqual([]);
      expect(await store.deleteDocuments([])).toEqual([]);
      expect((await store.listDocuments()).map((d) => d.id)).toEqual(['warranty']);
      await store.putDocuments([{ id: 'returns', title: 'Returns', text: 'back' }]);
      expect((await store.listDocuments()).map((d) => [d.id, d.text])).toEqual([
        ['returns', 'back'],
        ['warranty', 'w'],
      ]);
    });

    it('rate limits through its limiter', async () => {
      const { store } = await open();
      const limiter = store.createRateLimiter({
        keyPrefix: `t${newId()}`,
        points: 2,
        durationSeconds: 60,
      });
      await limiter.consume('client');
      await limiter.consume('client');
      await expect(limiter.consume('client')).rejects.toMatchObject({ remainingPoints: 0 });
    });

    it('logs events per session and globally, readable after an id', async () => {
      const { store } = await open({ events: { sessionMax: 50, globalMax: 500 } });
      const a = newId();
      const b = newId();
      await store.createSession(a, 'h', Date.now());
      await store.createSession(b, 'h', Date.now());
      const ev = (sessionId: string, n: number) => ({
        type: 'cart.updated',
        sessionId,
        timestamp: new Date().toISOString(),
        data: { n },
      });
      const start = await store.lastGlobalEventId();
      const first = await store.appendEvent(ev(a, 1));
      await store.appendEvent(ev(b, 2));
      const third = await store.appendEvent(ev(a, 3));
      expect(first.sessionEventId).toMatch(/^\d+-\d+$/);
      const all = await store.readSessionEvents(a, undefined, 10);
      expect(all.map((e) => e.data.n)).toEqual([1, 3]);
      expect(all.map((e) => e.sessionEventId)).toEqual([
        first.sessionEventId,
        third.sessionEventId,
      ]);
      expect(
        (await store.readSessionEvents(a, first.sessionEventId, 10)).map((e) => e.data.n),
      ).toEqual([3]);
      const global = await store.readGlobalEvents(start === '0-0' ? undefined : start, 10);
      expect(global.map((e) => [e.sessionId, e.data.n])).toEqual([
        [a, 1],
        [b, 2],
        [a, 3],
      ]);
      // The global entry knows the session entry id, so live delivery can be resumed per session.
      expect(global[2]?.sessionEventId).toBe(third.sessionEventId);
      expect(global[2]?.globalEventId).toBe(third.globalEventId);
      expect(await store.lastGlobalEventId()).toBe(third.globalEventId);
    });

    it('wakes a blocking tail when an event arrives, and times out otherwise', async () => {
      const { store } = await open();
      const id = newId();
      await store.createSession(id, 'h', Date.now());
      const from = await store.lastGlobalEventId();
      const empty = await store.tailGlobalEvents(from, 100, 10);
      expect(empty).toEqual([]);
      const waiting = store.tailGlobalEvents(from, 5000, 10);
      await sleep(50);
      const started = Date.now();
      await store.appendEvent({
        type: 'message.added',
        sessionId: id,
        timestamp: new Date().toISOString(),
        data: {},
      });
      const got = await waiting;
      expect(got.map((e) => e.type)).toEqual(['message.added']);
      expect(Date.now() - started).toBeLessThan(2000);
    });

    it('bounds the event logs', async () => {
      const { store } = await open({ events: { sessionMax: 5, globalMax: 1000 } });
      const id = newId();
      await store.createSession(id, 'h', Date.now());
      for (let n = 0; n < 300; n++) {
        await store.appendEvent({ type: 'x', sessionId: id, timestamp: '', data: { n } });
      }
      // Redis trims approximately (MAXLEN ~), whole macro nodes at a time: bounded, not exact.
      const kept = await store.readSessionEvents(id, undefined, 1000);
      expect(kept.length).toBeLessThan(300);
      expect(kept.at(-1)?.data.n).toBe(299);
    });

    it('keeps an answer log for resuming, read after a sequence number, expiring', async () => {
      const { store } = await open();
      const id = `answer-${newId()}`;
      await store.appendAnswerLog(
        id,
        [
          { seq: 1, event: '{"type":"meta"}' },
          { seq: 2, event: '{"type":"token","text":"Hi"}' },
        ],
        300,
      );
      await store.appendAnswerLog(id, [{ seq: 3, event: '{"type":"done"}' }], 300);
      expect((await store.readAnswerLog(id, 0, 10)).map((e) => e.seq)).toEqual([1, 2, 3]);
      expect(await store.readAnswerLog(id, 2, 10)).toEqual([{ seq: 3, event: '{"type":"done"}' }]);
      expect(await store.readAnswerLog(id, 1, 1)).toHaveLength(1);
      await sleep(450);
      expect(await store.readAnswerLog(id, 0, 10)).toEqual([]);
    });

    it('keeps global dashboard counters without scanning', async () => {
      const { store } = await open();
      const now = Date.now();
      const before = await store.readOverview(now, 60_000, 3);
      await store.recordActivity({
        sessionId: 'dash-a',
        now,
        counters: { questions: 1 },
        topics: ['phone'],
        messages: 2,
      });
      await store.recordActivity({
        sessionId: 'dash-b',
        now,
        counters: { questions: 1, cart_adds: 1 },
        topics: ['phone', 'laptop'],
        messages: 2,
      });
      await store.recordActivity({
        sessionId: 'dash-old',
        now: now - 120_000,
        counters: {},
        topics: [],
        messages: 0,
      });
      const after = await store.readOverview(now, 60_000, 3);
      expect(after.activeSessions - before.activeSessions).toBe(2);
      expect((after.counters.questions ?? 0) - (before.counters.questions ?? 0)).toBe(2);
      expect(after.counters.cart_adds).toBeGreaterThanOrEqual(1);
      expect(after.topTopics[0]?.word).toBe('phone');
      expect(after.messagesPerMinute).toHaveLength(3);
      expect(
        (after.messagesPerMinute.at(-1)?.count ?? 0) -
          (before.messagesPerMinute.at(-1)?.count ?? 0),
      ).toBe(4);
    });

    it('loses no update under 200 concurrent cart adds and message appends', async () => {
      const { stores } = await open({ maxHistory: 1000 }, 8);
      const id = newId();
      const [first] = stores;
      await first?.createSession(id, 'h', 1);
      const pick = (i: number) => stores[i % stores.length] as Store;
      await Promise.all(
        Array.from({ length: 200 }, (_, i) => pick(i).cartAdd(id, item, 1, Date.now())),
      );
      await Promise.all(
        Array.from({ length: 200 }, (_, i) =>
          pick(i).recordTurn(
            id,
            {
              messages: [msg('user', `m${i}`, Date.now())],
              topics: ['phone'],
              cached: false,
              llmCall: false,
              injection: false,
            },
            Date.now(),
          ),
        ),
      );
      const snap = await first?.getSession(id);
      expect(snap?.cart).toEqual([{ ...item, quantity: 200 }]);
      expect(snap?.meta.conversationCount).toBe(200);
      expect(snap?.analytics.userMessages).toBe(200);
      expect(snap?.analytics.topTopics).toEqual([{ word: 'phone', count: 200 }]);
      expect((await first?.getMessages(id, { limit: 1000 }))?.messages).toHaveLength(200);
    });
  });
}
