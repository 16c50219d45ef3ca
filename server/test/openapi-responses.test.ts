import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './support/app';
import { type Exchange, openApiProblems, readDocumented } from './support/openapi-check';

/**
 * The check every REST suite runs through `app.rest()` (support/openapi-check.ts): here it is
 * shown to fail on what the document does not say, each case a real answer of a running server
 * with one thing changed; and the paths the other suites do not reach go through it too.
 */
const API = '/api/v1/shopping';
const METRICS_TOKEN = 'metrics-token-for-openapi-tests';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ METRICS_TOKEN });
});
afterAll(async () => {
  await app?.close();
});

/** One real exchange, unchecked, for the cases below to spoil. */
async function exchange(method: string, path: string, init: RequestInit = {}): Promise<Exchange> {
  const res = await fetch(`${app.url}${path}`, { method, ...init });
  return { method, url: res.url, status: res.status, headers: res.headers, text: await res.text() };
}

const json = (body: unknown): RequestInit => ({
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

const withHeaders = (x: Exchange, change: (h: Headers) => void): Exchange => {
  const headers = new Headers(x.headers);
  change(headers);
  return { ...x, headers };
};

describe('the OpenAPI response check', () => {
  it('passes real answers as they are', async () => {
    const created = await exchange('POST', `${API}/session`, json({}));
    expect(openApiProblems(created)).toEqual([]);
    const stream = await exchange('POST', `${API}/query/stream`, json({ q: 'laptops' }));
    expect(openApiProblems(stream)).toEqual([]);
  });

  it('fails a body that misses a required field or has a wrong type', async () => {
    const created = await exchange('POST', `${API}/session`, json({}));
    const body = JSON.parse(created.text);
    const noToken = { ...body, data: { session_id: body.data.session_id } };
    expect(openApiProblems({ ...created, text: JSON.stringify(noToken) }).join()).toMatch(
      /session_token/,
    );
    const noData = { success: true };
    expect(openApiProblems({ ...created, text: JSON.stringify(noData) }).join()).toMatch(/data/);
    const wrongType = { ...body, data: { ...body.data, session_id: 42 } };
    expect(openApiProblems({ ...created, text: JSON.stringify(wrongType) }).join()).toMatch(
      /session_id must be string/,
    );
  });

  it('fails an error code the status does not carry, or one that does not exist', async () => {
    const missing = await exchange('GET', `${API}/session/s_nobody_here_at_all_12345/cart`);
    expect(missing.status).toBe(401);
    expect(openApiProblems(missing)).toEqual([]);
    const spoil = (code: string) => missing.text.replace('"UNAUTHORIZED"', `"${code}"`);
    // A real code, but not one this operation answers 401 with.
    const conflict = openApiProblems({ ...missing, text: spoil('CONFLICT') }).join();
    expect(conflict).toMatch(/\/error\/code must be equal to one of the allowed values/);
    expect(conflict).toContain('{"allowedValues":["UNAUTHORIZED"]}');
    // No code at all: the document's ErrorCode enum refuses it too.
    const made = openApiProblems({ ...missing, text: spoil('NO_SUCH_CODE') }).join();
    expect(made).toContain('"STORE_UNAVAILABLE"');
  });

  it('fails an undocumented status, path, method or content type', async () => {
    const created = await exchange('POST', `${API}/session`, json({}));
    expect(openApiProblems({ ...created, status: 418 })).toEqual([
      expect.stringMatching(/status 418 is not documented for POST/),
    ]);
    expect(openApiProblems({ ...created, url: `${app.url}${API}/sessions` })).toEqual([
      `${API}/sessions is not a documented path`,
    ]);
    const html = withHeaders(created, (h) => h.set('content-type', 'text/html'));
    expect(openApiProblems(html).join()).toMatch(/content type text\/html/);
    const put = await exchange('PUT', `${API}/session`, json({}));
    expect(put.status).toBe(405);
    expect(openApiProblems(put)).toEqual([]);
    const wrongAllow = withHeaders(put, (h) => h.set('allow', 'POST, DELETE'));
    expect(openApiProblems(wrongAllow).join()).toMatch(/Allow: POST, DELETE/);
  });

  it('holds a test to its word: a path it calls undocumented must not be in the document', async () => {
    const nope = await exchange('GET', `${API}/nope`);
    expect(openApiProblems(nope, { undocumentedPath: true })).toEqual([]);
    const cart = await exchange('GET', `${API}/session/s_nobody_here_at_all_12345/cart`);
    expect(openApiProblems(cart, { undocumentedPath: true })).toEqual([
      `${API}/session/s_nobody_here_at_all_12345/cart is documented (as ${API}/session/{id}/cart)`,
    ]);
  });

  it('fails a missing required header, and an API header the response does not declare', async () => {
    const created = await exchange('POST', `${API}/session`, json({}));
    const bare = withHeaders(created, (h) => h.delete('x-session-token'));
    expect(openApiProblems(bare)).toEqual(['required header X-Session-Token is missing']);
    const { session_token: token, session_id: id } = JSON.parse(created.text).data;
    const cart = await exchange('GET', `${API}/session/${id}/cart`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(openApiProblems(cart)).toEqual([]);
    const leaked = withHeaders(cart, (h) => h.set('x-session-token', token));
    expect(openApiProblems(leaked)).toEqual(['header x-session-token is not documented']);
    const limited = {
      ...cart,
      status: 429,
      text: '{"success":false,"error":{"code":"RATE_LIMITED","message":"slow down"}}',
    };
    expect(openApiProblems(limited)).toEqual(['required header Retry-After is missing']);
    const badRetry = withHeaders(limited, (h) => h.set('retry-after', 'soon'));
    expect(openApiProblems(badRetry).join()).toMatch(/Retry-After: soon/);
  });

  it('fails a stream event the document does not describe, or whose data is wrong', async () => {
    const stream = await exchange('POST', `${API}/query/stream`, json({ q: 'laptops' }));
    expect(stream.text).toContain('event: token');
    const badToken = stream.text.replace(
      /event: token\ndata: \{"text":/,
      'event: token\ndata: {"txt":',
    );
    expect(openApiProblems({ ...stream, text: badToken }).join()).toMatch(
      /event \d+ \(token\) data: body does not match.*text/,
    );
    const unknown = `${stream.text}event: progress\ndata: {}\n\n`;
    expect(openApiProblems({ ...stream, text: unknown }).join()).toMatch(/\(progress\)/);
    const notJson = stream.text.replace(/event: meta\ndata: \{/, 'event: meta\ndata: x{');
    expect(openApiProblems({ ...stream, text: notJson }).join()).toMatch(
      /\(meta\) data: body is not JSON/,
    );
    expect(openApiProblems({ ...stream, text: '' })).toEqual(['the event stream is empty']);
  });
});

describe('the paths other suites do not reach, checked against the document', () => {
  it('streams an answer whose every event is documented', async () => {
    const res = await fetch(`${app.url}${API}/query/stream`, {
      method: 'POST',
      ...json({ q: 'What smartwatches do you have?' }),
    });
    const text = await readDocumented(res, 'POST');
    expect(text).toMatch(/^id: [\w-]+~1\nevent: meta\n/);
    expect(text).toMatch(/event: done\ndata: .*\n\n$/);
  });

  it('serves /metrics behind METRICS_TOKEN as documented', async () => {
    const closed = await app.rest('GET', '/metrics');
    expect(closed.status).toBe(401);
    const open = await app.rest('GET', '/metrics', { token: METRICS_TOKEN });
    expect(open.status).toBe(200);
    expect(open.headers.get('content-type')).toContain('text/plain');
  });

  it('answers HEAD and other methods on the fixed paths as documented', async () => {
    expect((await app.rest('HEAD', '/health')).status).toBe(200);
    expect((await app.rest('HEAD', '/api/v1/openapi.json')).status).toBe(200);
    expect((await app.rest('POST', '/health/live', { body: {} })).status).toBe(405);
    expect((await app.rest('DELETE', `${API}/query`)).status).toBe(405);
  });

  it('serves the document it checks against', async () => {
    const doc = await app.rest('GET', '/api/v1/openapi.json');
    expect(doc.body.servers).toEqual([{ url: '/', description: expect.any(String) }]);
  });
});
