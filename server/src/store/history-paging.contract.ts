import type { ChatMessage } from '@aisle/shared';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultLimits, type StoreFactory } from './store.contract';
import type { HistoryPage, Store, StoreLimits } from './types';

/**
 * Paging history back with the position each page returns must yield every message exactly
 * once, in the store's order, however many messages share a millisecond (the score is
 * ts * 1000 + seq % 1000, so past 1000 in one millisecond even scores repeat) and however
 * writers interleave. Both store test files run this with their factory.
 */

const BASE = Date.parse('2026-01-01T00:00:00Z');
let sessions = 0;
const newId = () => `paging-${process.pid}-${Date.now()}-${++sessions}`;

const message = (i: number, ts: number): ChatMessage => ({
  role: i % 2 === 0 ? 'user' : 'assistant',
  content: `m${i}`,
  timestamp: new Date(ts).toISOString(),
});

async function record(store: Store, id: string, messages: ChatMessage[]): Promise<void> {
  const turn = { messages, topics: [], cached: false, llmCall: false, injection: false };
  expect(await store.recordTurn(id, turn, BASE)).toBe(true);
}

/** Every page from the newest back, following `next`; fails on a page that does not advance. */
async function pageBack(
  store: Store,
  id: string,
  limit: number,
  first: Omit<HistoryPage, 'limit'> = {},
): Promise<{ messages: ChatMessage[]; pages: number }> {
  const pages: ChatMessage[][] = [];
  let page: HistoryPage = { limit, ...first };
  for (;;) {
    const got = await store.getMessages(id, page);
    if (!got) throw new Error('session vanished while paging');
    expect(got.messages.length).toBeLessThanOrEqual(limit);
    pages.unshift(got.messages);
    if (got.next === null) break;
    expect(got.messages.length).toBe(limit);
    if (pages.length > 10_000) throw new Error('paging does not end');
    page = { ...page, olderThan: got.next };
  }
  return { messages: pages.flat(), pages: pages.length };
}

const contents = (messages: ChatMessage[]) => messages.map((m) => m.content);

/** Chronological: timestamps never go backwards. */
function expectChronological(messages: ChatMessage[]): void {
  const ts = messages.map((m) => Date.parse(m.timestamp));
  expect(ts.every((t, i) => i === 0 || (ts[i - 1] as number) <= t)).toBe(true);
}

export function historyPagingContract(name: string, factory: StoreFactory): void {
  describe(`History paging contract: ${name}`, () => {
    const opened: { close(): Promise<void> }[] = [];
    afterEach(async () => {
      await Promise.all(opened.splice(0).map((o) => o.close()));
    });
    async function open(limits: Partial<StoreLimits> = {}, connections = 1) {
      const made = await factory({ ...defaultLimits, maxHistory: 5000, ...limits }, connections);
      opened.push(made);
      return made.stores;
    }

    it('returns every message once when many share a millisecond (the audit case)', async () => {
      const [store] = await open();
      if (!store) throw new Error('no store');
      const id = newId();
      await store.createSession(id, 'h', BASE);
      // 40 messages, four to a millisecond, written one per call as a busy session does.
      for (let i = 0; i < 40; i++) await record(store, id, [message(i, BASE + Math.floor(i / 4))]);
      const { messages } = await pageBack(store, id, 3);
      expect(contents(messages)).toEqual(Array.from({ length: 40 }, (_, i) => `m${i}`));
    });

    it('pages over repeated scores: 1,100 messages in one millisecond', async () => {
      const [store] = await open();
      if (!store) throw new Error('no store');
      const id = newId();
      await store.createSession(id, 'h', BASE);
      const all = Array.from({ length: 1100 }, (_, i) => message(i, BASE));
      for (let i = 0; i < all.length; i += 100) await record(store, id, all.slice(i, i + 100));
      const whole = await store.getMessages(id, { limit: 2000 });
      expect(whole?.messages).toHaveLength(1100);
      expect(whole?.next).toBeNull();
      for (const limit of [1, 7, 100]) {
        const { messages } = await pageBack(store, id, limit);
        expect(messages).toEqual(whole?.messages);
      }
    });

    it('property: any history, any page size, every message exactly once, in order', async () => {
      const stores = await open({}, 3);
      const history = fc.record({
        // Milliseconds between consecutive messages: mostly 0, so bursts share one.
        gaps: fc.array(fc.oneof(fc.constant(0), fc.constant(0), fc.nat({ max: 3 })), {
          maxLength: 150,
        }),
        turnSize: fc.integer({ min: 1, max: 3 }),
        limit: fc.integer({ min: 1, max: 30 }),
        concurrent: fc.boolean(),
      });
      await fc.assert(
        fc.asyncProperty(history, async ({ gaps, turnSize, limit, concurrent }) => {
          const id = newId();
          await stores[0]?.createSession(id, 'h', BASE);
          let ts = BASE;
          const all = gaps.map((gap, i) => {
            ts += gap;
            return message(i, ts);
          });
          const turns: ChatMessage[][] = [];
          for (let i = 0; i < all.length; i += turnSize) turns.push(all.slice(i, i + turnSize));
          if (concurrent) {
            // Writers on several connections: seq no longer follows timestamp order.
            await Promise.all(
              turns.map((t, i) => record(stores[i % stores.length] as Store, id, t)),
            );
          } else {
            for (const t of turns) await record(stores[0] as Store, id, t);
          }
          const reader = stores[1 % stores.length] as Store;
          const whole = await reader.getMessages(id, { limit: all.length + 1 });
          const { messages } = await pageBack(reader, id, limit);
          expect(messages).toEqual(whole?.messages);
          expect([...contents(messages)].sort()).toEqual([...contents(all)].sort());
          expectChronological(messages);
          if (!concurrent) expect(contents(messages)).toEqual(contents(all));
        }),
        { numRuns: 60 },
      );
    });

    it('keeps every older message while writers append during paging', async () => {
      const stores = await open({}, 3);
      const [writer, reader] = stores;
      if (!writer || !reader) throw new Error('no store');
      const id = newId();
      await writer.createSession(id, 'h', BASE);
      const start = Date.now();
      const old = Array.from({ length: 90 }, (_, i) => message(i, start + Math.floor(i / 10)));
      for (let i = 0; i < old.length; i += 2) await record(writer, id, old.slice(i, i + 2));
      let writing = true;
      const writes = (async () => {
        for (let i = 0; writing && i < 300; i++) {
          await record(writer, id, [message(1000 + i, Date.now() + 1000)]);
        }
      })();
      const first = await reader.getMessages(id, { limit: 4 });
      const rest = first?.next
        ? await pageBack(reader, id, 4, { olderThan: first.next })
        : { messages: [] };
      writing = false;
      await writes;
      const seen = [...(rest.messages ?? []), ...(first?.messages ?? [])];
      expect(new Set(contents(seen)).size).toBe(seen.length);
      for (const m of old) expect(contents(seen)).toContain(m.content);
    });

    it('still honours before (strictly older than the instant), alone and with a position', async () => {
      const [store] = await open();
      if (!store) throw new Error('no store');
      const id = newId();
      await store.createSession(id, 'h', BASE);
      const all = Array.from({ length: 30 }, (_, i) => message(i, BASE + Math.floor(i / 5)));
      await record(store, id, all);
      const before = BASE + 3; // m15..m19 are at BASE + 3: excluded, like everything after
      const expected = contents(all.slice(0, 15));
      const one = await store.getMessages(id, { limit: 100, before });
      expect(contents(one?.messages ?? [])).toEqual(expected);
      expect(one?.next).toBeNull();
      const { messages } = await pageBack(store, id, 4, { before });
      expect(contents(messages)).toEqual(expected);
    });

    it('continues from a position whose message was trimmed or never existed', async () => {
      const [store] = await open({ maxHistory: 10 });
      if (!store) throw new Error('no store');
      const id = newId();
      await store.createSession(id, 'h', BASE);
      for (let i = 0; i < 10; i++) await record(store, id, [message(i, BASE)]);
      const newest = await store.getMessages(id, { limit: 2 });
      const page = await store.getMessages(id, { limit: 2, olderThan: newest?.next ?? undefined });
      expect(contents(page?.messages ?? [])).toEqual(['m6', 'm7']);
      // Five more push m0..m4 out; the position of m6 still leads to what is older and left.
      for (let i = 10; i < 15; i++) await record(store, id, [message(i, BASE)]);
      const olderThan = page?.next ?? undefined;
      const rest = await store.getMessages(id, { limit: 10, ...(olderThan ? { olderThan } : {}) });
      expect(contents(rest?.messages ?? [])).toEqual(['m5']);
      expect(rest?.next).toBeNull();
      const empty = await store.getMessages(id, { limit: 3, olderThan: { score: 0, seq: 0 } });
      expect(empty).toEqual({ messages: [], next: null });
    });
  });
}
