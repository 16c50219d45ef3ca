import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startOpenAIStub } from '../src/llm/testing/openai-stub';
import { captureLogger, type LogLine } from '../src/logging/capture';
import { requestIdOf } from '../src/logging/request-id';
import { sessionHash } from '../src/logging/session-hash';
import { startTestApp } from './support/app';

const API = '/api/v1/shopping';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Polls until `find` returns something: access lines are written when the response closes. */
async function waitFor<T>(find: () => T | undefined, what: string, ms = 3000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const found = find();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`no ${what} within ${ms} ms`);
    await sleep(10);
  }
}

const accessLine = (lines: LogLine[], reqId: string) =>
  lines.find((l) => l.msg === 'request' && l.reqId === reqId);

describe('access lines for HTTP requests', () => {
  it('REST: method, route template, status, duration, bytes, request id, session hash, ip', async () => {
    const logs = captureLogger('info');
    await using app = await startTestApp({}, { log: logs.log });
    const res = await app.rest('POST', `${API}/query`, {
      body: { q: 'cheap laptops' },
      headers: { 'x-request-id': 'rest-req-1' },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-request-id')).toBe('rest-req-1');
    const line = await waitFor(() => accessLine(logs.lines(), 'rest-req-1'), 'access line');
    expect(line).toMatchObject({
      level: 'info',
      kind: 'http',
      method: 'POST',
      route: `${API}/query`,
      status: 200,
      ip: '127.0.0.1',
      session: sessionHash(res.body.data.session_id),
    });
    expect(line.duration_ms).toBeGreaterThan(0);
    // On the wire, headers included: at least the body that was sent.
    expect(line.bytes).toBeGreaterThan(JSON.stringify(res.body).length);

    // A path with an id is logged by its template, never the id itself.
    const id: string = res.body.data.session_id;
    const token: string = res.body.data.session_token;
    const cart = await app.rest('GET', `${API}/session/${id}/cart`, { token });
    const reqId = cart.headers.get('x-request-id') ?? '';
    expect(reqId).toMatch(UUID);
    const cartLine = await waitFor(() => accessLine(logs.lines(), reqId), 'cart line');
    expect(cartLine).toMatchObject({ route: `${API}/session/{id}/cart`, status: 200 });
    expect(logs.text()).not.toContain(id);

    const missing = await app.rest('GET', `${API}/nope`, { undocumentedPath: true });
    expect(missing.status).toBe(404);
    const missingId = missing.headers.get('x-request-id') ?? '';
    const missingLine = await waitFor(() => accessLine(logs.lines(), missingId), '404 line');
    expect(missingLine).toMatchObject({ route: `${API}/(unknown)`, status: 404 });
    expect(missingLine.session).toBeUndefined();
  });

  it('tRPC over HTTP, SSE, /health and /metrics echo X-Request-Id and get their line', async () => {
    const logs = captureLogger('info');
    await using app = await startTestApp({}, { log: logs.log });

    const trpc = await fetch(`${app.url}/trpc/shopping.query`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'trpc-1' },
      body: JSON.stringify({ json: { q: 'headphones' } }),
    });
    expect(trpc.status).toBe(200);
    expect(trpc.headers.get('x-request-id')).toBe('trpc-1');
    const trpcBody = (await trpc.json()) as { result: { data: { json: { session_id: string } } } };
    expect(await waitFor(() => accessLine(logs.lines(), 'trpc-1'), 'tRPC line')).toMatchObject({
      method: 'POST',
      route: '/trpc/shopping.query',
      status: 200,
      session: sessionHash(trpcBody.result.data.json.session_id),
    });

    const sse = await app.rest('POST', `${API}/query/stream`, {
      body: { q: 'laptops' },
      headers: { 'x-request-id': 'sse-1' },
    });
    expect(sse.status).toBe(200);
    expect(sse.headers.get('content-type')).toContain('text/event-stream');
    expect(sse.headers.get('x-request-id')).toBe('sse-1');
    const sseLine = await waitFor(() => accessLine(logs.lines(), 'sse-1'), 'SSE line');
    expect(sseLine).toMatchObject({ route: `${API}/query/stream`, status: 200 });
    expect(sseLine.bytes).toBeGreaterThan(String(sse.body).length);
    expect(sseLine.session).toMatch(/^[0-9a-f]{12}$/);

    for (const path of ['/health', '/health/ready', '/metrics', '/api/v1/openapi.json']) {
      const res = await fetch(`${app.url}${path}`, { headers: { 'x-request-id': `p${path}` } });
      await res.arrayBuffer();
      expect(res.headers.get('x-request-id')).toBe(`p${path}`);
      expect(await waitFor(() => accessLine(logs.lines(), `p${path}`), path)).toMatchObject({
        method: 'GET',
        route: path,
        status: 200,
      });
    }
  });

  it('keeps a sane X-Request-Id and replaces one that could forge log fields or split headers', () => {
    expect(requestIdOf('abc-123_x.y:z')).toBe('abc-123_x.y:z');
    expect(requestIdOf(['first-id', 'second'])).toBe('first-id');
    for (const bad of ['', 'has space', 'a"b', 'x'.repeat(129), 'line\nbreak', 'é']) {
      expect(requestIdOf(bad)).toMatch(UUID);
    }
    expect(requestIdOf(undefined)).toMatch(UUID);
  });

  it('an insane X-Request-Id gets a fresh one, echoed and logged', async () => {
    const logs = captureLogger('info');
    await using app = await startTestApp({}, { log: logs.log });
    const res = await fetch(`${app.url}/health`, { headers: { 'x-request-id': 'a'.repeat(200) } });
    const id = res.headers.get('x-request-id') ?? '';
    expect(id).toMatch(UUID);
    await waitFor(() => accessLine(logs.lines(), id), 'line with the new id');
  });
});

describe('access lines for WebSocket connections', () => {
  it('logs open and close (code, duration, messages, bytes) with the upgrade request id', async () => {
    const logs = captureLogger('debug');
    await using app = await startTestApp({}, { log: logs.log });
    const ws = new WebSocket(`${app.url.replace('http', 'ws')}/trpc`, {
      headers: { 'x-request-id': 'ws-req-1' },
    });
    const upgradeId = new Promise<string | undefined>((resolve) =>
      ws.once('upgrade', (res) => resolve(res.headers['x-request-id'] as string | undefined)),
    );
    await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
    expect(await upgradeId).toBe('ws-req-1');
    const replies: string[] = [];
    ws.on('message', (d) => replies.push(d.toString()));
    ws.send(
      JSON.stringify({
        id: 1,
        method: 'mutation',
        params: { path: 'shopping.query', input: { json: { q: 'sony headphones' } } },
      }),
    );
    await waitFor(() => replies.find((r) => r.includes('"id":1')), 'reply');
    ws.close(1000, 'bye');

    const lines = () => logs.lines().filter((l) => l.reqId === 'ws-req-1');
    const opened = await waitFor(() => lines().find((l) => l.msg === 'websocket opened'), 'open');
    expect(opened).toMatchObject({ level: 'info', kind: 'ws', event: 'open', route: '/trpc' });
    const closed = await waitFor(() => lines().find((l) => l.msg === 'websocket closed'), 'close');
    expect(closed).toMatchObject({ kind: 'ws', event: 'close', code: 1000, messages_in: 1 });
    expect(closed.duration_ms).toBeGreaterThanOrEqual(0);
    expect(closed.bytes_in).toBeGreaterThan(0);
    expect(closed.bytes_out).toBeGreaterThan(0);
    const reply = JSON.parse(replies[0] ?? '{}');
    expect(closed.session).toBe(sessionHash(reply.result.data.json.session_id));
    // The question's service lines ran in the connection's scope.
    expect(lines().find((l) => l.msg === 'question understood')).toMatchObject({
      intent: 'product_inquiry',
      brands: ['Sony'],
    });
  });
});

describe('refused WebSocket upgrades', () => {
  it('an address over its connection cap gets 429 and a refused line', async () => {
    const logs = captureLogger('info');
    await using app = await startTestApp({ WS_MAX_CONNECTIONS_PER_IP: '1' }, { log: logs.log });
    const url = `${app.url.replace('http', 'ws')}/trpc`;
    const first = new WebSocket(url);
    await new Promise((resolve, reject) => first.once('open', resolve).once('error', reject));
    const second = new WebSocket(url, { headers: { 'x-request-id': 'ws-refused-1' } });
    const status = await new Promise<number | undefined>((resolve) => {
      second.once('unexpected-response', (_req, res) => resolve(res.statusCode));
      second.once('error', () => resolve(undefined));
    });
    expect(status).toBe(429);
    first.close();
    const refused = await waitFor(
      () => logs.lines().find((l) => l.msg === 'websocket refused'),
      'refused line',
    );
    expect(refused).toMatchObject({ kind: 'ws', status: 429, reqId: 'ws-refused-1' });
  });
});

describe('request ids through the services', () => {
  it('service lines carry the reqId of the request that caused them', async () => {
    const logs = captureLogger('debug');
    await using app = await startTestApp({}, { log: logs.log });
    await app.rest('POST', `${API}/query`, {
      body: { q: 'laptops under 1000' },
      headers: { 'x-request-id': 'svc-1' },
    });
    await waitFor(() => accessLine(logs.lines(), 'svc-1'), 'access line');
    const mine = logs.lines().filter((l) => l.reqId === 'svc-1');
    expect(mine.map((l) => l.msg)).toEqual(
      expect.arrayContaining(['answer cache', 'question understood', 'retrieval', 'request']),
    );
    // Lines of one request never take another's id.
    const others = logs.lines().filter((l) => l.msg === 'question understood');
    expect(others).toHaveLength(1);
  });

  it('a 500 is logged as an error with the request id, its stack and no personal data', async () => {
    const logs = captureLogger('info');
    const boom = (_req: unknown, _res: unknown, url: URL) => {
      if (url.pathname !== '/boom') return false;
      throw new Error('broken for jane.doe@example.com');
    };
    await using app = await startTestApp({}, { log: logs.log, extraRoutes: [boom] });
    const res = await fetch(`${app.url}/boom`, { headers: { 'x-request-id': 'err-1' } });
    expect(res.status).toBe(500);
    expect(res.headers.get('x-request-id')).toBe('err-1');
    const error = await waitFor(
      () => logs.lines().find((l) => l.level === 'error' && l.reqId === 'err-1'),
      'error line',
    );
    expect(error.msg).toBe('request failed');
    expect(error.error).toContain('broken for [email]');
    expect(String(error.stack)).toContain('access-log.test.ts');
    expect(await waitFor(() => accessLine(logs.lines(), 'err-1'), 'access')).toMatchObject({
      status: 500,
      route: '(other)',
    });
    expect(logs.text()).not.toContain('jane.doe');
  });
});

describe('redaction', () => {
  it('tokens, e-mails and card numbers never reach the log, even at debug', async () => {
    const ADMIN = 'admin-token-0123456789abcdef';
    const logs = captureLogger('debug');
    await using app = await startTestApp({ ADMIN_TOKEN: ADMIN }, { log: logs.log });
    const email = 'john.smith@example.org';
    const card = '4111 1111 1111 1111';
    const first = await app.rest('POST', `${API}/query`, {
      body: { q: `laptops please, mail ${email}, card ${card}` },
      headers: { cookie: 'sid=cookie-secret-value' },
    });
    expect(first.status).toBe(200);
    const token: string = first.body.data.session_token;
    const id: string = first.body.data.session_id;
    await app.rest('POST', `${API}/query`, {
      body: { q: `and cheaper ones? ${email}`, sessionId: id },
      token,
      headers: { 'x-session-token': token },
    });
    await app.rest('GET', `${API}/session/${id}/info`, { token });
    await app.rest('GET', `${API}/session/${id}/info`, { token: 'wrong-token-value' });
    await app.rest('GET', `${API}/documents`, { token: ADMIN });
    await sleep(100); // the last access lines
    const text = logs.text();
    expect(logs.lines().filter((l) => l.msg === 'request').length).toBeGreaterThanOrEqual(5);
    expect(logs.lines().some((l) => l.msg === 'question understood')).toBe(true);
    for (const secret of [token, ADMIN, 'wrong-token-value', 'cookie-secret-value', id]) {
      expect(text).not.toContain(secret);
    }
    expect(text).not.toContain(email);
    expect(text).not.toContain('john.smith');
    expect(text).not.toContain('4111');

    // The net under "never log headers or bodies": credential fields are censored by name.
    logs.log.info('fields', {
      authorization: `Bearer ${token}`,
      headers: { 'x-session-token': token, cookie: 'c=1' },
      sessionToken: token,
      input: { adminToken: ADMIN },
    });
    expect(logs.text()).not.toContain(token);
    expect(logs.lines().at(-1)).toMatchObject({
      authorization: '[redacted]',
      headers: { 'x-session-token': '[redacted]', cookie: '[redacted]' },
      input: { adminToken: '[redacted]' },
    });
  });
});

describe('LOG_LEVEL=debug', () => {
  it('adds cache, understanding, retrieval and rate-limit lines; info has none of them', async () => {
    const asked = async (level: 'info' | 'debug') => {
      const logs = captureLogger(level);
      await using app = await startTestApp(
        { RATE_LIMIT_ENABLED: 'true', RATE_LIMIT_QUERY_PER_MINUTE: '2' },
        { log: logs.log },
      );
      const first = await app.rest('POST', `${API}/query`, { body: { q: 'samsung tv under 800' } });
      const body = { q: 'samsung tv under 800', sessionId: first.body.data.session_id };
      const token = first.body.data.session_token;
      await app.rest('POST', `${API}/query`, { body, token });
      await app.rest('POST', `${API}/query`, { body, token });
      const limited = await app.rest('POST', `${API}/query`, { body, token });
      expect(limited.status).toBe(429);
      await sleep(50);
      return logs.lines();
    };
    const info = await asked('info');
    expect(info.filter((l) => l.level === 'debug')).toEqual([]);
    expect(info.filter((l) => l.msg === 'request')).toHaveLength(4);

    const debug = await asked('debug');
    const msgs = debug.map((l) => l.msg);
    expect(msgs).toEqual(
      expect.arrayContaining(['answer cache', 'question understood', 'retrieval', 'rate limited']),
    );
    const cache = debug.filter((l) => l.msg === 'answer cache').map((l) => l.outcome);
    expect(cache).toContain('miss');
    expect(cache).toContain('hit');
    expect(debug.find((l) => l.msg === 'question understood')).toMatchObject({
      level: 'debug',
      intent: 'product_inquiry',
      brands: ['Samsung'],
      budget: { max: 800 },
    });
    const retrieval = debug.find((l) => l.msg === 'retrieval');
    expect(retrieval?.products).toEqual(expect.any(Number));
    expect(retrieval?.documents).toEqual(expect.any(Number));
    expect(debug.find((l) => l.msg === 'rate limited')).toMatchObject({ scope: 'query' });
    // The cache key is logged as a hash prefix, never as the question.
    expect(debug.find((l) => l.msg === 'answer cache')?.key).toMatch(/^[\w-]{16}$/);
  });
});

describe('model calls at debug', () => {
  it('logs each call: provider, model, duration, tokens, outcome; under the request id', async () => {
    const stub = await startOpenAIStub((call) =>
      call.body.tools?.length
        ? {
            toolCall: {
              arguments: {
                intent: 'product_inquiry',
                query: { text: 'laptop', category: 'laptop', sort: 'relevance', limit: 3 },
                references: [],
                followUp: false,
              },
            },
          }
        : { chunks: ['Here ', 'are ', 'three ', 'laptops.'] },
    );
    try {
      const logs = captureLogger('debug');
      await using app = await startTestApp(
        {
          LLM_PROVIDER: 'openai',
          OPENAI_API_KEY: 'sk-test',
          OPENAI_BASE_URL: stub.url,
          OPENAI_MODEL: 'gpt-4o-mini',
        },
        { log: logs.log },
      );
      const res = await app.rest('POST', `${API}/query`, {
        body: { q: 'laptops' },
        headers: { 'x-request-id': 'model-1' },
      });
      expect(res.status).toBe(200);
      const calls = logs.lines().filter((l) => l.msg === 'model call');
      expect(calls).toHaveLength(2);
      expect(calls[0]).toMatchObject({
        level: 'debug',
        reqId: 'model-1',
        provider: 'openai',
        call: 'understand',
        model: 'gpt-4o-mini',
        outcome: 'ok',
        input_tokens: 1,
        output_tokens: 1,
      });
      expect(calls[1]).toMatchObject({ reqId: 'model-1', call: 'answer', outcome: 'ok' });
      expect(calls[1]?.output_tokens).toBeGreaterThanOrEqual(3);
      for (const c of calls) expect(c.duration_ms).toEqual(expect.any(Number));
    } finally {
      await stub.close();
    }
  });
});
