import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTrpcHttpHandler } from '../src/transport/trpc-http-handler';
import { startTestApp, type TestApp } from './support/app';

/**
 * The single-call path (transport/trpc-http-single.ts) answers exactly as tRPC's own handler
 * does: the same calls, made once to the app (which takes the single-call path) and once to a
 * server running only tRPC's handler over the same app, get the same status, body and
 * headers, successes and failures alike.
 */
let app: TestApp;
let reference: Server;
let referenceUrl: string;

beforeAll(async () => {
  // Low per-session write budget, so a 429 with Retry-After is among the compared answers.
  app = await startTestApp({ RATE_LIMIT_ENABLED: 'true', RATE_LIMIT_WRITE_PER_MINUTE: '3' });
  const handler = createTrpcHttpHandler(app.deps);
  reference = createServer((req, res) => void handler(req, res));
  await new Promise<void>((r) => reference.listen(0, '127.0.0.1', r));
  referenceUrl = `http://127.0.0.1:${(reference.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((r) => reference?.close(r));
  await app?.[Symbol.asyncDispose]();
});

interface Call {
  method: 'GET' | 'POST';
  path: string;
  /** GET: the `input` parameter; POST: the body (a string is sent as is). */
  input?: unknown;
  token?: string;
  contentType?: string;
}

async function call(base: string, c: Call) {
  const query =
    c.method === 'GET' && c.input !== undefined
      ? `?input=${encodeURIComponent(JSON.stringify(c.input))}`
      : '';
  const res = await fetch(`${base}/trpc/${c.path}${query}`, {
    method: c.method,
    headers: {
      ...(c.method === 'POST' ? { 'content-type': c.contentType ?? 'application/json' } : {}),
      ...(c.token ? { authorization: `Bearer ${c.token}` } : {}),
    },
    ...(c.method === 'POST' && c.input !== undefined
      ? { body: typeof c.input === 'string' ? c.input : JSON.stringify(c.input) }
      : {}),
  });
  return {
    status: res.status,
    contentType: res.headers.get('content-type'),
    vary: res.headers.get('vary'),
    retryAfter: res.headers.get('retry-after'),
    body: await res.json(),
  };
}

/** The same call to both servers, one after the other (each may change the session). */
async function both(c: Call) {
  const ours = await call(app.url, c);
  const theirs = await call(referenceUrl, c);
  return { ours, theirs };
}

async function newSession() {
  const { ours } = await both({ method: 'POST', path: 'session.create', input: { json: {} } });
  const created = ours.body.result.data.json as { session_id: string; session_token: string };
  return { id: created.session_id, token: created.session_token };
}

describe('tRPC single calls answer as tRPC itself does', () => {
  it('successes: a mutation, a query with input, a query of another session shape', async () => {
    const s = await newSession();
    const add = await both({
      method: 'POST',
      path: 'cart.add',
      input: { json: { sessionId: s.id, sku: 'IPH15-128', quantity: 1 } },
      token: s.token,
    });
    expect(add.ours.status).toBe(200);
    // The second add (on the reference) saw the first: quantities differ, shapes do not.
    expect(add.ours.body.result.data.json.items[0].quantity).toBe(1);
    expect(add.theirs.body.result.data.json.items[0].quantity).toBe(2);
    const get = await both({
      method: 'GET',
      path: 'cart.get',
      input: { json: { sessionId: s.id } },
      token: s.token,
    });
    expect(get.ours).toEqual(get.theirs);
    const info = await both({
      method: 'GET',
      path: 'session.info',
      input: { json: { sessionId: s.id } },
      token: s.token,
    });
    expect(info.ours.status).toBe(200);
    expect(info.ours.body.result.data.json.session_info.cart_item_count).toBe(2);
    expect(info.ours.body.result.data.json.session_info).toEqual(
      info.theirs.body.result.data.json.session_info,
    );
    const catalog = await both({ method: 'GET', path: 'catalog.info' });
    expect(catalog.ours).toEqual(catalog.theirs);
  });

  it('failures: token, session, SKU, validation, bad JSON, bad input parameter', async () => {
    const s = await newSession();
    const cases: Call[] = [
      { method: 'GET', path: 'cart.get', input: { json: { sessionId: s.id } } },
      { method: 'GET', path: 'cart.get', input: { json: { sessionId: s.id } }, token: 'nope' },
      {
        method: 'POST',
        path: 'cart.add',
        input: { json: { sessionId: s.id, sku: 'NO-SUCH-SKU', quantity: 1 } },
        token: s.token,
      },
      {
        method: 'POST',
        path: 'cart.add',
        input: { json: { sessionId: s.id, sku: 'IPH15-128', quantity: 'two' } },
        token: s.token,
      },
      { method: 'POST', path: 'cart.add', input: { json: { sku: 'IPH15-128' } }, token: s.token },
      {
        method: 'GET',
        path: 'cart.get',
        input: { json: { sessionId: 'bad id!' } },
        token: s.token,
      },
    ];
    for (const c of cases) {
      const { ours, theirs } = await both(c);
      expect(ours, `${c.method} ${c.path} ${JSON.stringify(c.input)}`).toEqual(theirs);
      expect(ours.status).toBeGreaterThanOrEqual(400);
    }
    // A body that is not JSON: the same status and codes (tRPC words the message itself).
    const bad = await both({ method: 'POST', path: 'cart.add', input: '{oops', token: s.token });
    expect(bad.ours.status).toBe(bad.theirs.status);
    expect(bad.ours.body.error.json.data.code).toBe(bad.theirs.body.error.json.data.code);
    expect(bad.ours.body.error.json.data.appCode).toBe(bad.theirs.body.error.json.data.appCode);
  });

  it('a spent session budget: 429 with the same Retry-After', async () => {
    const s = await newSession();
    const add = {
      method: 'POST' as const,
      path: 'cart.add',
      input: { json: { sessionId: s.id, sku: 'IPH15-128', quantity: 1 } },
      token: s.token,
    };
    // Three writes per minute, shared by both servers (one store): the fourth is refused.
    await call(app.url, add);
    await call(referenceUrl, add);
    await call(app.url, add);
    const ours = await call(app.url, add);
    const theirs = await call(referenceUrl, add);
    expect(ours.status).toBe(429);
    expect(ours.retryAfter).not.toBeNull();
    expect({ ...ours, retryAfter: null }).toEqual({ ...theirs, retryAfter: null });
    expect(Math.abs(Number(ours.retryAfter) - Number(theirs.retryAfter))).toBeLessThanOrEqual(1);
  });

  it('leaves batches, streams and unknown paths to tRPC', async () => {
    const batch = await fetch(
      `${app.url}/trpc/catalog.info?batch=1&input=${encodeURIComponent('{"0":{"json":null}}')}`,
    );
    expect(batch.status).toBe(200);
    expect(Array.isArray(await batch.json())).toBe(true);
    const unknown = await both({ method: 'GET', path: 'no.such.procedure' });
    expect(unknown.ours).toEqual(unknown.theirs);
    const wrongMethod = await both({ method: 'GET', path: 'cart.add' });
    expect(wrongMethod.ours).toEqual(wrongMethod.theirs);
  });
});
