import type { IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { applyWSSHandler } from '@trpc/server/adapters/ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import { appRouter } from '../src/routers';
import { MAX_BATCH_SIZE } from '../src/transport/body';
import { wsContextFactory } from '../src/transport/ws';
import { startTestApp, type TestApp } from './support/app';

/**
 * Our WebSocket handler speaks tRPC's protocol: the same conversations, sent at once to it
 * and to tRPC's own `applyWSSHandler` (serving the same appRouter over the same services),
 * get byte-identical replies, errors and closes included.
 */
const ADMIN = 'admin-token-protocol-test-1';

describe("the WebSocket handler, beside tRPC's applyWSSHandler", () => {
  let app: TestApp;
  let reference: WebSocketServer;
  let referenceUrl: string;
  let session: { session_id: string; session_token: string };

  beforeAll(async () => {
    app = await startTestApp({ ADMIN_TOKEN: ADMIN, WS_MAX_SUBSCRIPTIONS_PER_CONNECTION: '20' });
    reference = new WebSocketServer({ port: 0, host: '127.0.0.1' });
    await new Promise((r) => reference.once('listening', r));
    const context = wsContextFactory(app.deps, { maxSubscriptionsPerConnection: 20 });
    applyWSSHandler({
      wss: reference,
      router: appRouter,
      maxBatchSize: MAX_BATCH_SIZE,
      keepAlive: { enabled: false },
      createContext: ({ req, info }) =>
        context({ req: req as IncomingMessage, connectionParams: info.connectionParams }),
    });
    referenceUrl = `ws://127.0.0.1:${(reference.address() as AddressInfo).port}/trpc`;
    session = (await app.rest('POST', '/api/v1/shopping/session', { body: {} })).body.data;
  });
  afterAll(async () => {
    for (const ws of reference?.clients ?? []) ws.terminate();
    await new Promise((r) => reference?.close(r));
    await app?.close();
  });

  /** One client on each server, fed the same frames; replies kept as raw text, in order. */
  async function pair(query = '?connectionParams=1') {
    const open = async (url: string) => {
      const ws = new WebSocket(url + query);
      const replies: string[] = [];
      const closed = new Promise<number>((r) => ws.once('close', (code) => r(code)));
      ws.on('message', (data) => replies.push(data.toString()));
      await new Promise((resolve, reject) => {
        ws.once('open', resolve);
        ws.once('error', reject);
      });
      return { ws, replies, closed };
    };
    const ours = await open(`${app.url.replace('http', 'ws')}/trpc`);
    const theirs = await open(referenceUrl);
    let consumed = 0; // replies already compared
    return {
      send(frame: unknown) {
        const text = typeof frame === 'string' ? frame : JSON.stringify(frame);
        ours.ws.send(text);
        theirs.ws.send(text);
      },
      /** Waits until both have said `count` more things (and a little longer), returns them. */
      async expectSame(count: number): Promise<string[]> {
        const start = consumed;
        for (let i = 0; i < 200; i++) {
          if (ours.replies.length >= start + count && theirs.replies.length >= start + count) {
            break;
          }
          await sleep(10);
        }
        await sleep(50);
        expect(ours.replies.slice(start)).toEqual(theirs.replies.slice(start));
        expect(ours.replies.length - start).toBe(count);
        consumed = ours.replies.length;
        return ours.replies.slice(start);
      },
      async closedAlike() {
        const [a, b] = await Promise.all([ours.closed, theirs.closed]);
        expect(a).toBe(b);
      },
      close() {
        ours.ws.close();
        theirs.ws.close();
      },
    };
  }

  const cartAdd = async () => {
    const r = await app.rest('POST', `/api/v1/shopping/session/${session.session_id}/cart/add`, {
      token: session.session_token,
      body: { sku: 'IPH15-128', quantity: 1 },
    });
    expect(r.status).toBe(200);
  };

  it('serves calls, subscriptions, stops and errors identically', async () => {
    const c = await pair();
    c.send({ method: 'connectionParams', data: { sessionToken: session.session_token } });
    const sid = { sessionId: session.session_id };
    c.send({ id: 1, method: 'query', params: { path: 'cart.get', input: { json: sid } } });
    expect(JSON.parse((await c.expectSame(1))[0] ?? '')).toMatchObject({ id: 1, result: {} });
    c.send({
      id: 2,
      jsonrpc: '2.0',
      method: 'query',
      params: { path: 'preferences.get', input: { json: sid } },
    });
    await c.expectSame(1);

    // A subscription: started, the backlog (session.created), then a live event.
    c.send({
      id: 3,
      method: 'subscription',
      params: { path: 'session.events', input: { json: sid } },
    });
    const backlog = await c.expectSame(2);
    expect(backlog[1]).toContain('"session.created"');
    await cartAdd();
    expect((await c.expectSame(1))[0]).toContain('"cart.updated"');
    // The same id again while it runs; then stopped by the client.
    c.send({
      id: 3,
      method: 'subscription',
      params: { path: 'session.events', input: { json: sid } },
    });
    expect((await c.expectSame(1))[0]).toContain('Duplicate id 3');
    c.send({ id: 3, method: 'subscription.stop' });
    expect(await c.expectSame(1)).toEqual(['{"id":3,"result":{"type":"stopped"}}']);

    // Resuming with lastEventId (the client's reconnect path) replays after that id only.
    const firstId = JSON.parse(backlog[1] ?? '').result.id as string;
    c.send({
      id: 4,
      method: 'subscription',
      params: { path: 'session.events', input: { json: sid }, lastEventId: firstId },
    });
    const replay = await c.expectSame(2);
    expect(replay[1]).toContain('"cart.updated"');
    c.send({ id: 4, method: 'subscription.stop' });
    await c.expectSame(1);

    // Domain and protocol errors.
    const add = (id: number, sku: string) => ({
      id,
      method: 'mutation',
      params: { path: 'cart.add', input: { json: { ...sid, sku } } },
    });
    c.send(add(5, 'NOT-A-SKU'));
    expect((await c.expectSame(1))[0]).toContain('UNKNOWN_SKU');
    c.send({ id: 6, method: 'query', params: { path: 'nope.nothing', input: { json: {} } } });
    expect((await c.expectSame(1))[0]).toContain('NOT_FOUND');
    c.send({ id: 7, method: 'query', params: { path: 'cart.get', input: { json: {} } } });
    expect((await c.expectSame(1))[0]).toContain('sessionId');
    c.send({ id: 8, method: 'subscription', params: { path: 'cart.get', input: { json: sid } } });
    await c.expectSame(1);
    c.send('this is not json');
    expect((await c.expectSame(1))[0]).toContain('PARSE_ERROR');
    c.send({ id: 9, method: 'bogus', params: {} });
    expect((await c.expectSame(1))[0]).toContain('"id":null');
    c.send(Array.from({ length: MAX_BATCH_SIZE + 1 }, (_, i) => add(100 + i, 'IPH15-128')));
    expect((await c.expectSame(MAX_BATCH_SIZE + 1))[0]).toContain('Batch call exceeds');
    // A batch: each call answered on its own (an idempotent write, so both servers agree).
    const setOne = {
      id: 200,
      method: 'mutation',
      params: {
        path: 'cart.setQuantity',
        input: { json: { ...sid, sku: 'IPH15-128', quantity: 1 } },
      },
    };
    c.send([setOne, add(201, 'NOT-A-SKU')]);
    await c.expectSame(2);
    c.send('PING');
    expect(await c.expectSame(1)).toEqual(['PONG']);
    c.close();
  });

  it('refuses wrong credentials identically, on calls and on subscriptions', async () => {
    const c = await pair();
    c.send({ method: 'connectionParams', data: { sessionToken: 'not-the-token' } });
    const input = { json: { sessionId: session.session_id } };
    c.send({ id: 1, method: 'subscription', params: { path: 'session.events', input } });
    // A wrong token is refused as if the session did not exist (no existence oracle).
    expect((await c.expectSame(1))[0]).toContain('SESSION_NOT_FOUND');
    c.send({
      id: 2,
      method: 'subscription',
      params: { path: 'admin.events', input: { json: {} } },
    });
    expect((await c.expectSame(1))[0]).toContain('UNAUTHORIZED');
    c.close();

    const none = await pair('');
    none.send({ id: 1, method: 'query', params: { path: 'cart.get', input } });
    expect((await none.expectSame(1))[0]).toContain('UNAUTHORIZED');
    none.close();
  });

  it('answers malformed connection params with one error, then closes', async () => {
    const c = await pair();
    c.send({ method: 'connectionParams', data: { sessionToken: 42 } });
    expect((await c.expectSame(1))[0]).toContain('Invalid connection params shape');
    await c.closedAlike();
    const d = await pair();
    d.send('{"method":');
    expect((await d.expectSame(1))[0]).toContain('PARSE_ERROR');
    await d.closedAlike();
  });

  it('delivers admin events identically to both', async () => {
    const c = await pair();
    c.send({ method: 'connectionParams', data: { adminToken: ADMIN } });
    c.send({
      id: 'a',
      method: 'subscription',
      params: { path: 'admin.events', input: { json: {} } },
    });
    await c.expectSame(1);
    // A JSON-RPC-style client of the same feed on the same connection.
    c.send({
      id: 'b',
      jsonrpc: '2.0',
      method: 'subscription',
      params: { path: 'admin.events', input: { json: {} } },
    });
    await c.expectSame(1);
    await cartAdd();
    const [event, rpcEvent] = await c.expectSame(2);
    expect(JSON.parse(event ?? '')).toMatchObject({
      id: 'a',
      result: { type: 'data', data: { json: { data: { type: 'cart.updated' } } } },
    });
    expect(JSON.parse(rpcEvent ?? '')).toMatchObject({ id: 'b', jsonrpc: '2.0' });
    c.close();
  });
});
