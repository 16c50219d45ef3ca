import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './support/app';
import { readDocumented } from './support/openapi-check';
import { slowProvider } from './support/providers';

const HEADERS_MS = 500;
const BODY_IDLE_MS = 500;
const REQUEST_MS = 1500;
/** Node checks its header and request timers on an interval: allow for one tick and a load spike. */
const SLACK_MS = 700;

interface Stalled {
  /** How long the server kept the socket open, and what it said before closing it. */
  closed: Promise<{ ms: number; reply: string }>;
  destroy(): void;
}

/** A raw client that sends `head`, then (optionally) a byte every `trickleMs`, and never finishes. */
function stallingClient(app: TestApp, head: string, trickleMs?: number): Stalled {
  const socket = connect(app.port, '127.0.0.1');
  const started = performance.now();
  let reply = '';
  let trickle: NodeJS.Timeout | undefined;
  socket.setEncoding('utf8');
  socket.on('data', (d: string) => {
    reply += d;
  });
  socket.on('error', () => {});
  socket.write(head);
  if (trickleMs) trickle = setInterval(() => socket.write('a'), trickleMs);
  const closed = new Promise<{ ms: number; reply: string }>((resolve) => {
    socket.on('close', () => {
      clearInterval(trickle);
      resolve({ ms: performance.now() - started, reply });
    });
  });
  return { closed, destroy: () => socket.destroy() };
}

/** Resolves with the close, or with `null` once `ms` passed with the socket still open. */
function closedWithin(s: Stalled, ms: number) {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<null>((r) => {
    timer = setTimeout(() => r(null), ms);
  });
  return Promise.race([s.closed, late]).finally(() => {
    clearTimeout(timer);
    s.destroy();
  });
}

const partialBody = (path: string) =>
  `POST ${path} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"q":"`;

describe('slow clients cannot hold sockets', () => {
  const env = {
    HTTP_HEADERS_TIMEOUT_MS: String(HEADERS_MS),
    HTTP_BODY_IDLE_TIMEOUT_MS: String(BODY_IDLE_MS),
    HTTP_REQUEST_TIMEOUT_MS: String(REQUEST_MS),
  };

  it('closes a connection whose headers never finish, and keeps serving others', async () => {
    await using app = await startTestApp(env);
    const slow = Array.from({ length: 20 }, () =>
      stallingClient(app, 'GET /health HTTP/1.1\r\nHost: x\r\nX-Slow: '),
    );
    expect((await app.rest('GET', '/health')).status).toBe(200);
    const results = await Promise.all(slow.map((s) => closedWithin(s, HEADERS_MS + SLACK_MS)));
    for (const r of results) expect(r, 'socket still open').not.toBeNull();
    expect((await app.rest('GET', '/health')).status).toBe(200);
  });

  it.each([
    ['the REST adapter', '/api/v1/shopping/query'],
    ['tRPC', '/trpc/session.create'],
  ])('answers 408 to a body that stops arriving (%s)', async (_, path) => {
    await using app = await startTestApp(env);
    const slow = stallingClient(app, partialBody(path));
    const r = await closedWithin(slow, BODY_IDLE_MS + SLACK_MS);
    expect(r, 'socket still open').not.toBeNull();
    expect(r?.reply).toMatch(/^HTTP\/1\.1 408 /);
    expect((await app.rest('POST', '/api/v1/shopping/session', { body: {} })).status).toBe(200);
  });

  it('closes a body that trickles in forever once the request timeout passes', async () => {
    await using app = await startTestApp(env);
    const slow = stallingClient(app, partialBody('/api/v1/shopping/query'), BODY_IDLE_MS / 5);
    const r = await closedWithin(slow, REQUEST_MS + SLACK_MS);
    expect(r, 'socket still open').not.toBeNull();
    expect(r?.ms).toBeGreaterThan(REQUEST_MS - 100); // it was not idle: only the total cut it
    expect((await app.rest('GET', '/health')).status).toBe(200);
  });

  it('does not cut a slow answer once its request has arrived', async () => {
    const { provider } = slowProvider({ tokens: 10, delayMs: 100 });
    await using app = await startTestApp({ ...env, HTTP_REQUEST_TIMEOUT_MS: '600' }, { provider });
    const stream = await fetch(`${app.url}/api/v1/shopping/query/stream`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ q: 'cheap headphones' }),
    });
    expect(stream.status).toBe(200);
    await new Promise((r) => setTimeout(r, 900));
    expect(await readDocumented(stream, 'POST')).toContain('event: done');
  });
});
