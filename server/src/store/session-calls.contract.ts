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

export function sessionCallsContract(name: string, factory: StoreFactory): void {
  describe(`Session calls contract: ${name}`, () => {
    const opened: { close(): Promise<void> }[] = [];
    afterEach(async () => {
      await Promise.all(opened.splice(0).map((o) => o.close()));
    });
    async function open(): Promise<Store> {
      const made = await factory({ ...defaultLimits, touchIntervalMs: 0 });
      opened.push(made);
      const [store] = made.stores;
      if (!store) throw new Error('factory returned no store');
      return store;
    }
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
