import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { initTRPC } from '@trpc/server';
import { observable } from '@trpc/server/observable';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import { type FeedSink, PUSH, type PushFeed } from '../push-feed';
import { createTrpcWsHandler } from './trpc-ws-handler';

/**
 * The handler with procedures the app does not have (observables, plain generators, one that
 * never ends by itself): what any tRPC router may return from a subscription. The app's own
 * procedures are compared with tRPC's handler in server/test/ws-protocol.test.ts.
 */
const t = initTRPC.create();
let cleanedUp = 0;

/** A feed that pushes (as the app's live feeds do): its sinks, by name, to push into by hand. */
const pushed = new Map<string, { sink: FeedSink<number>; stopped: boolean }>();
function pushFeed(name: string): PushFeed<number> {
  return {
    [PUSH](sink) {
      const entry = { sink, stopped: false };
      pushed.set(name, entry);
      return {
        stop() {
          entry.stopped = true;
        },
      };
    },
    async *[Symbol.asyncIterator]() {},
  };
}

const router = t.router({
  push: t.procedure.input((v) => String(v)).subscription(({ input }) => pushFeed(input)),
  obs: t.procedure.subscription(() =>
    observable<number>((emit) => {
      emit.next(1);
      emit.next(2);
      emit.complete();
      return () => {};
    }),
  ),
  gen: t.procedure.subscription(async function* () {
    yield 'a';
    yield 'b';
  }),
  forever: t.procedure.subscription(async function* ({ signal }) {
    try {
      while (!signal?.aborted) {
        yield 'tick';
        await sleep(5);
      }
    } finally {
      cleanedUp += 1;
    }
  }),
  fails: t.procedure.subscription(async function* () {
    yield 'first';
    throw new Error('feed broke');
  }),
});

/** Waits for a condition (a loaded CI machine is slow), failing after 5 s. */
async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !check(); i++) await sleep(10);
  expect(check()).toBe(true);
}

describe('createTrpcWsHandler with any router', () => {
  let wss: WebSocketServer;
  let url: string;
  beforeAll(async () => {
    wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
    await new Promise((r) => wss.once('listening', r));
    const handler = createTrpcWsHandler({ router, maxBatchSize: 10, createContext: () => ({}) });
    wss.on('connection', (ws, req) => handler.accept(ws, req));
    url = `ws://127.0.0.1:${(wss.address() as AddressInfo).port}/trpc`;
  });
  afterAll(async () => {
    for (const ws of wss.clients) ws.terminate();
    await new Promise((r) => wss.close(r));
  });

  async function client() {
    const ws = new WebSocket(url);
    const replies: { id: unknown; result?: { type: string; data?: unknown }; error?: unknown }[] =
      [];
    ws.on('message', (d) => replies.push(JSON.parse(d.toString())));
    await new Promise((r) => ws.once('open', r));
    const subscribe = (id: number, path: string, input?: string) =>
      ws.send(JSON.stringify({ id, method: 'subscription', params: { path, input } }));
    const of = (id: number) => replies.filter((r) => r.id === id);
    return { ws, subscribe, of };
  }

  it('serves observables and generators to their end', async () => {
    const c = await client();
    c.subscribe(1, 'obs');
    c.subscribe(2, 'gen');
    const kinds = (id: number) => c.of(id).map((r) => r.result?.type ?? 'error');
    await until(() => kinds(1).includes('stopped') && kinds(2).includes('stopped'));
    expect(kinds(1)).toEqual(['started', 'data', 'data', 'stopped']);
    expect(c.of(1).map((r) => r.result?.data)).toEqual([undefined, 1, 2, undefined]);
    expect(kinds(2)).toEqual(['started', 'data', 'data', 'stopped']);
    c.ws.close();
  });

  it('stops a generator on subscription.stop and on close, running its cleanup', async () => {
    const c = await client();
    const before = cleanedUp;
    c.subscribe(1, 'forever');
    c.subscribe(2, 'forever');
    await until(() => c.of(1).length > 1 && c.of(2).length > 1); // started, ticking
    c.ws.send(JSON.stringify({ id: 1, method: 'subscription.stop' }));
    await until(() => c.of(1).at(-1)?.result?.type === 'stopped');
    expect(cleanedUp).toBe(before + 1);
    c.ws.close();
    await until(() => cleanedUp === before + 2);
  });

  it('keeps several pushed subscriptions per connection apart, by id', async () => {
    const c = await client();
    const kinds = (id: number) => c.of(id).map((r) => r.result?.type ?? 'error');
    c.subscribe(1, 'push', 'a');
    c.subscribe(2, 'push', 'b');
    c.subscribe(3, 'push', 'c');
    await until(() => [1, 2, 3].every((id) => kinds(id).includes('started')));
    const feed = (name: string) => pushed.get(name) ?? expect.fail(`no feed ${name}`);
    feed('a').sink.next(10);
    feed('b').sink.next(20);
    feed('c').sink.next(30);
    await until(() => [1, 2, 3].every((id) => kinds(id).includes('data')));
    expect([1, 2, 3].map((id) => c.of(id)[1]?.result?.data)).toEqual([10, 20, 30]);

    // An id in use is refused; a stopped one is stopped alone, and its id is free again.
    c.subscribe(2, 'push', 'dup');
    await until(() => kinds(2).includes('error'));
    c.ws.send(JSON.stringify({ id: 1, method: 'subscription.stop' }));
    await until(() => kinds(1).includes('stopped'));
    expect(feed('a').stopped).toBe(true);
    expect(feed('b').stopped || feed('c').stopped).toBe(false);
    c.subscribe(1, 'push', 'a2');
    await until(() => kinds(1).filter((k) => k === 'started').length === 2);

    // A feed that completes by itself frees its id; closing the socket stops the rest.
    feed('c').sink.complete();
    await until(() => kinds(3).includes('stopped'));
    c.subscribe(3, 'push', 'c2');
    await until(() => kinds(3).filter((k) => k === 'started').length === 2);
    c.ws.close();
    await until(() => ['b', 'a2', 'c2'].every((name) => feed(name).stopped));
    expect(feed('c').stopped).toBe(false); // it ended itself: nothing to stop
  });

  it('reports a feed that fails, then stops it', async () => {
    const c = await client();
    c.subscribe(1, 'fails');
    await until(() => c.of(1).some((r) => r.result?.type === 'stopped'));
    const replies = c.of(1);
    expect(replies.map((r) => r.result?.type ?? 'error')).toEqual([
      'started',
      'data',
      'error',
      'stopped',
    ]);
    expect(JSON.stringify(replies[2]?.error)).toContain('feed broke');
    c.ws.close();
  });
});
