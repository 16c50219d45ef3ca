import { afterEach, describe, expect, it } from 'vitest';
import { SessionBudgetError } from '../errors';
import { defaultLimits, type StoreFactory } from './store.contract';
import type { CallEvent, SessionAccess, Store } from './types';

/**
 * The contract of a session call's caller and event (types.ts SessionCall), which both stores
 * honour: the token checked, the session's budget charged and the event announced in the same
 * step as the work, with nothing written when the caller is refused.
 */

const item = { sku: 'IPH15PRO-256', name: 'iPhone 15 Pro', price: 999.99, category: 'smartphone' };
const item2 = { sku: 'SM-S24', name: 'Galaxy S24', price: 0.1, category: 'smartphone' };

let seq = 0;
const newId = () => `call-${process.pid}-${Date.now()}-${++seq}`;

const owner: SessionAccess = { tokenHash: 'owner-hash' };
const stranger: SessionAccess = { tokenHash: 'someone-else' };
const event = (data: Record<string, unknown>, counters = {}): CallEvent => ({
  timestamp: new Date().toISOString(),
  data,
  counters,
});

/** Opens fresh stores for one describe block (reads slide on every call) and closes them. */
function storeOpener(factory: StoreFactory): () => Promise<Store> {
  const opened: { close(): Promise<void> }[] = [];
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((o) => o.close()));
  });
  return async () => {
    const made = await factory({ ...defaultLimits, touchIntervalMs: 0 });
    opened.push(made);
    const [store] = made.stores;
    if (!store) throw new Error('factory returned no store');
    return store;
  };
}

export function sessionCallsContract(name: string, factory: StoreFactory): void {
  describe(`Session calls contract: ${name}`, () => {
    const open = storeOpener(factory);
    async function session(store: Store): Promise<string> {
      const id = newId();
      await store.createSession(id, owner.tokenHash, Date.now());
      return id;
    }

    it("does the work for the session's own token only; a stranger reads as a missing session", async () => {
      const store = await open();
      const id = await session(store);
      expect(await store.cartAdd(id, item, 1, Date.now(), { access: stranger })).toBeNull();
      expect(await store.cartClear(id, Date.now(), { access: stranger })).toBeNull();
      expect(
        await store.cartSetQuantity(id, item.sku, 5, Date.now(), { access: stranger }),
      ).toBeNull();
      expect(
        await store.updatePreferences(id, { preferred_brands: ['Sony'] }, Date.now(), {
          access: stranger,
        }),
      ).toBeNull();
      expect(await store.getCart(id, stranger)).toBeNull();
      expect(await store.getPreferences(id, stranger)).toBeNull();
      expect(await store.getSession(id, stranger)).toBeNull();
      // Nothing the stranger tried was written, and nothing was announced.
      expect(await store.getCart(id)).toEqual([]);
      expect(await store.getPreferences(id)).toEqual({});
      expect(await store.readSessionEvents(id, undefined, 10)).toEqual([]);

      expect(await store.cartAdd(id, item, 2, Date.now(), { access: owner })).toHaveLength(1);
      expect((await store.getCart(id, owner))?.[0]?.quantity).toBe(2);
      expect((await store.getSession(id, owner))?.cart[0]?.quantity).toBe(2);
      expect(
        await store.cartAdd('no-such-session', item, 1, Date.now(), { access: owner }),
      ).toBeNull();
    });

    it("charges the owner's budget in the same step, refusing with nothing written", async () => {
      const store = await open();
      const id = await session(store);
      const budget = { name: 'write' as const, points: 2, windowMs: 60_000 };
      const access = { ...owner, budget };
      // A stranger's attempts spend nothing of the owner's budget.
      for (let i = 0; i < 3; i++) {
        expect(
          await store.cartAdd(id, item, 1, Date.now(), { access: { ...stranger, budget } }),
        ).toBeNull();
      }
      await store.cartAdd(id, item, 1, Date.now(), { access });
      await store.cartAdd(id, item, 1, Date.now(), { access });
      const refused = store.cartAdd(id, item, 1, Date.now(), {
        access,
        event: event({ action: 'add' }),
      });
      await expect(refused).rejects.toBeInstanceOf(SessionBudgetError);
      await expect(refused).rejects.toMatchObject({ code: 'RATE_LIMITED', budget: 'write' });
      expect((await store.getCart(id))?.[0]?.quantity).toBe(2);
      expect(await store.readSessionEvents(id, undefined, 10)).toEqual([]);
      // authenticate charges the same budget, for the owner only.
      expect(await store.authenticate(id, Date.now(), stranger.tokenHash, budget)).not.toBeNull();
      await expect(
        store.authenticate(id, Date.now(), owner.tokenHash, budget),
      ).rejects.toBeInstanceOf(SessionBudgetError);
      // Reads carry no budget and still work.
      expect(await store.getCart(id, owner)).toHaveLength(1);
    });

    it('refills the budget after its window', async () => {
      const store = await open();
      const id = await session(store);
      const access = { ...owner, budget: { name: 'query' as const, points: 1, windowMs: 300 } };
      expect(
        await store.authenticate(id, Date.now(), owner.tokenHash, access.budget),
      ).not.toBeNull();
      const refused = await store
        .authenticate(id, Date.now(), owner.tokenHash, access.budget)
        .catch((err: unknown) => err);
      expect(refused).toBeInstanceOf(SessionBudgetError);
      expect((refused as SessionBudgetError).extra.retryAfterSeconds).toBe(1);
      await new Promise((r) => setTimeout(r, 350));
      expect(
        await store.authenticate(id, Date.now(), owner.tokenHash, access.budget),
      ).not.toBeNull();
    });

    it('announces a cart write in both logs, with the lines, count and subtotal', async () => {
      const store = await open();
      const id = await session(store);
      const start = await store.lastGlobalEventId();
      const before = await store.readOverview(Date.now(), 60_000, 1);
      await store.cartAdd(id, item, 1, Date.now(), {
        access: owner,
        event: event({ action: 'add', sku: item.sku }, { cart_adds: 1 }),
      });
      await store.cartAdd(id, item2, 3, Date.now(), {
        access: owner,
        event: event({ action: 'add', sku: item2.sku }, { cart_adds: 1 }),
      });
      await store.cartSetQuantity(id, 'not-in-cart', 2, Date.now(), {
        access: owner,
        event: event({ action: 'set', sku: 'not-in-cart' }),
      });
      const own = await store.readSessionEvents(id, undefined, 10);
      expect(own.map((e) => e.type)).toEqual(['cart.updated', 'cart.updated']);
      expect(own[1]?.data).toEqual({
        action: 'add',
        sku: item2.sku,
        items: [
          { ...item, quantity: 1 },
          { ...item2, quantity: 3 },
        ],
        item_count: 4,
        // Cents-exact, as the cart API computes it: 999.99 + 3 x 0.10.
        subtotal: 1000.29,
      });
      const global = (
        await store.readGlobalEvents(start === '0-0' ? undefined : start, 100)
      ).filter((e) => e.sessionId === id);
      expect(global.map((e) => e.sessionEventId)).toEqual(own.map((e) => e.sessionEventId));
      expect(global[1]?.data).toEqual(own[1]?.data);
      const after = await store.readOverview(Date.now(), 60_000, 1);
      expect((after.counters.cart_adds ?? 0) - (before.counters.cart_adds ?? 0)).toBe(2);
      expect(after.activeSessions).toBeGreaterThan(before.activeSessions);

      await store.cartClear(id, Date.now(), { access: owner, event: event({ action: 'clear' }) });
      const cleared = (await store.readSessionEvents(id, undefined, 10)).at(-1);
      expect(cleared?.data).toEqual({ action: 'clear', items: [], item_count: 0, subtotal: 0 });
    });

    it('announces a new session and merged preferences', async () => {
      const store = await open();
      const id = newId();
      await store.createSession(id, owner.tokenHash, Date.now(), {
        event: event({}, { sessions_created: 1 }),
      });
      // A taken id announces nothing.
      await store.createSession(id, 'other', Date.now(), { event: event({}) });
      await store.updatePreferences(id, { preferred_brands: ['Sony'] }, Date.now());
      await store.updatePreferences(id, { budget_range: '100-500' }, Date.now(), {
        access: owner,
        event: event({}),
      });
      const own = await store.readSessionEvents(id, undefined, 10);
      expect(own.map((e) => [e.type, e.data])).toEqual([
        ['session.created', {}],
        [
          'preferences.updated',
          { preferences: { preferred_brands: ['Sony'], budget_range: '100-500' } },
        ],
      ]);
    });

    it('slides a session read by its owner, once per touch interval', async () => {
      const store = await open();
      const id = newId();
      await store.createSession(id, owner.tokenHash, 1000);
      await store.getCart(id, stranger);
      expect((await store.getSession(id))?.meta.lastActive).toBe(1000);
      await store.getCart(id, owner);
      expect((await store.getSession(id))?.meta.lastActive).toBeGreaterThan(1000);
    });
  });
}

const turnMessages = (q: string, a: string) => [
  { role: 'user' as const, content: q, timestamp: new Date().toISOString() },
  { role: 'assistant' as const, content: a, timestamp: new Date().toISOString() },
];
const turnFacts = { topics: ['laptops'], cached: false, llmCall: false, injection: false };

export function turnCallsContract(name: string, factory: StoreFactory): void {
  describe(`Turn calls contract: ${name}`, () => {
    const open = storeOpener(factory);

    it("opens a turn for the session's own token only, charging its question budget", async () => {
      const store = await open();
      const id = newId();
      await store.createSession(id, owner.tokenHash, Date.now());
      expect(await store.loadTurnContext(id, 10, { access: stranger })).toBeNull();
      const budget = { name: 'query' as const, points: 1, windowMs: 60_000 };
      const opening = await store.loadTurnContext(id, 10, { access: { ...owner, budget } });
      expect(opening).toMatchObject({ preferences: {}, history: [], shown: [] });
      expect(opening?.cached).toBeUndefined();
      await expect(
        store.loadTurnContext(id, 10, { access: { ...owner, budget } }),
      ).rejects.toBeInstanceOf(SessionBudgetError);
    });

    it('records a turn with its events, dashboard counters and topics in one step', async () => {
      const store = await open();
      const id = newId();
      await store.createSession(id, owner.tokenHash, Date.now());
      const start = await store.lastGlobalEventId();
      const before = await store.readOverview(Date.now(), 60_000, 1);
      const events = [
        {
          type: 'message.added',
          ...event({ role: 'user', topics: ['laptops'] }, { questions: 1 }),
        },
        { type: 'message.added', ...event({ role: 'assistant' }, { answers: 1 }) },
        { type: 'cache.hit', ...event({ question: 'laptops?' }, { cache_hits: 1 }) },
      ];
      const recorded = await store.recordTurn(
        id,
        { messages: turnMessages('laptops?', 'Here are laptops.'), ...turnFacts },
        Date.now(),
        { events },
      );
      expect(recorded).toBe(true);
      const own = await store.readSessionEvents(id, undefined, 10);
      expect(own.map((e) => [e.type, e.data])).toEqual(events.map((e) => [e.type, e.data]));
      const global = (
        await store.readGlobalEvents(start === '0-0' ? undefined : start, 100)
      ).filter((e) => e.sessionId === id);
      expect(global.map((e) => e.sessionEventId)).toEqual(own.map((e) => e.sessionEventId));
      const after = await store.readOverview(Date.now(), 60_000, 1);
      const delta = (field: string) => (after.counters[field] ?? 0) - (before.counters[field] ?? 0);
      expect([delta('questions'), delta('answers'), delta('cache_hits')]).toEqual([1, 1, 1]);
      expect(after.topTopics.find((t) => t.word === 'laptops')?.count).toBeGreaterThanOrEqual(1);
      expect(
        (after.messagesPerMinute.at(-1)?.count ?? 0) -
          (before.messagesPerMinute.at(-1)?.count ?? 0),
      ).toBe(2);
      // Without events, a turn announces nothing and counts nothing globally.
      await store.recordTurn(id, { messages: turnMessages('q', 'a'), ...turnFacts }, Date.now());
      expect(await store.readSessionEvents(id, undefined, 10)).toHaveLength(3);
      expect((await store.readOverview(Date.now(), 60_000, 1)).counters.questions).toBe(
        after.counters.questions,
      );
      // A missing session records nothing and announces nothing.
      expect(
        await store.recordTurn('no-such-session', { messages: [], ...turnFacts }, Date.now(), {
          events,
        }),
      ).toBe(false);
    });

    it("caches a turn's answer for the session or for all, and finds it when the next turn opens", async () => {
      const store = await open();
      const [a, b] = [newId(), newId()];
      for (const id of [a, b]) await store.createSession(id, owner.tokenHash, Date.now());
      const hash = `h-${newId()}`;
      const turn = { messages: turnMessages('q', 'a'), ...turnFacts };
      await store.recordTurn(a, turn, Date.now(), {
        cache: { shared: false, hash, value: 'for a only', ttlSeconds: 60 },
      });
      expect(
        (await store.loadTurnContext(a, 5, { access: owner, cacheHash: hash }))?.cached,
      ).toEqual({
        session: 'for a only',
        shared: null,
      });
      expect(
        (await store.loadTurnContext(b, 5, { access: owner, cacheHash: hash }))?.cached,
      ).toEqual({
        session: null,
        shared: null,
      });
      await store.recordTurn(b, turn, Date.now(), {
        cache: { shared: true, hash, value: 'for all', ttlSeconds: 1 },
      });
      expect(
        (await store.loadTurnContext(b, 5, { access: owner, cacheHash: hash }))?.cached,
      ).toEqual({
        session: null,
        shared: 'for all',
      });
      expect(await store.cacheGet(null, hash)).toBe('for all');
      expect(await store.cacheGet(a, hash)).toBe('for a only');
      await new Promise((r) => setTimeout(r, 1100));
      expect(
        (await store.loadTurnContext(a, 5, { access: owner, cacheHash: hash }))?.cached,
      ).toEqual({
        session: 'for a only',
        shared: null,
      });
    });
  });
}
