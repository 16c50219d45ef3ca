import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startTestApp, type TestApp } from './support/app';
import { sample } from './support/prometheus';

/** Every distinct `route` label value the requests counter carries. */
function routeLabels(text: string): Set<string> {
  const routes = new Set<string>();
  for (const m of text.matchAll(/^aisle_http_requests_total\{[^}]*route="([^"]*)"/gm)) {
    routes.add(m[1] ?? '');
  }
  return routes;
}

async function scrape(app: TestApp, token?: string) {
  const res = await fetch(`${app.url}/metrics`, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  return { status: res.status, type: res.headers.get('content-type'), text: await res.text() };
}

describe('GET /metrics', () => {
  it('counts REST requests by route template and answers by intent, provider and cache', async () => {
    await using app = await startTestApp();
    const first = await app.rest('POST', '/api/v1/shopping/query', { body: { q: 'laptops' } });
    expect(first.status).toBe(200);
    const sessionId: string = first.body.data.session_id;
    const token: string = first.body.data.session_token;
    const again = await app.rest('POST', '/api/v1/shopping/query', {
      body: { q: 'laptops', sessionId },
      token,
    });
    expect(again.status).toBe(200);
    expect(again.body.data.cached).toBe(true);
    expect(
      (await app.rest('GET', `/api/v1/shopping/session/${sessionId}/cart`, { token })).status,
    ).toBe(200);
    const nope = await app.rest('GET', '/api/v1/shopping/nope', { undocumentedPath: true });
    expect(nope.status).toBe(404);

    const { status, type, text } = await scrape(app);
    expect(status).toBe(200);
    expect(type).toContain('text/plain');
    const route = '/api/v1/shopping/query';
    expect(
      sample(text, 'aisle_http_requests_total', { route, method: 'POST', status: '200' }),
    ).toBe(2);
    const cart = '/api/v1/shopping/session/{id}/cart';
    expect(sample(text, 'aisle_http_requests_total', { route: cart, status: '200' })).toBe(1);
    expect(
      sample(text, 'aisle_http_requests_total', {
        route: '/api/v1/shopping/(unknown)',
        status: '404',
      }),
    ).toBe(1);
    expect(
      sample(text, 'aisle_http_request_duration_seconds_count', { route, method: 'POST' }),
    ).toBe(2);
    const intent: string = first.body.data.intent;
    const answers = { intent, provider: 'local' };
    expect(sample(text, 'aisle_answers_total', { ...answers, cached: 'false' })).toBe(1);
    expect(sample(text, 'aisle_answers_total', { ...answers, cached: 'true' })).toBe(1);
    expect(sample(text, 'aisle_answer_cache_total', { result: 'hit' })).toBe(1);
    expect(sample(text, 'aisle_answer_cache_total', { result: 'miss' })).toBe(1);
    expect(sample(text, 'aisle_catalog_products')).toBe(app.services.catalog.size);
    expect(app.services.catalog.size).toBeGreaterThan(0);
    // The default process metrics are there too.
    // (Present, not above 0: the CPU counter starts at the first scrape, which this is.)
    expect(text).toMatch(/^process_cpu_user_seconds_total \d/m);
  });

  it('labels tRPC calls by procedure path and keeps routes bounded across many session ids', async () => {
    await using app = await startTestApp();
    const ids = Array.from({ length: 25 }, (_, i) => `s_${String(i).padStart(24, 'x')}`);
    for (const id of ids) {
      await app.rest('GET', `/api/v1/shopping/session/${id}/conversation`);
      await app.rest('DELETE', `/api/v1/shopping/session/${id}/cart/items/sku-${id}`);
      await fetch(
        `${app.url}/trpc/session.info?input=${encodeURIComponent(JSON.stringify({ sessionId: id }))}`,
      );
      await fetch(`${app.url}/random/${id}`);
      await fetch(`${app.url}/trpc/made.up.${id}`);
    }
    const { text } = await scrape(app);
    const routes = routeLabels(text);
    for (const id of ids) for (const r of routes) expect(r).not.toContain(id);
    expect(routes).toContain('/api/v1/shopping/session/{id}/conversation');
    expect(routes).toContain('/api/v1/shopping/session/{id}/cart/items/{sku}');
    expect(routes).toContain('/trpc/(unknown)');
    expect(routes).toContain('(other)');
    expect([...routes].some((r) => r === '/trpc/session.info')).toBe(true);
    expect(routes.size).toBeLessThanOrEqual(6);
  });

  it('counts rate-limit rejections by scope and open WebSocket connections', async () => {
    await using app = await startTestApp({
      RATE_LIMIT_ENABLED: 'true',
      RATE_LIMIT_QUERY_PER_MINUTE: '2',
    });
    const s = (await app.rest('POST', '/api/v1/shopping/session', { body: {} })).body.data;
    const ask = () =>
      app.rest('POST', '/api/v1/shopping/query', {
        body: { q: 'hi', sessionId: s.session_id },
        token: s.session_token,
      });
    const statuses = [(await ask()).status, (await ask()).status, (await ask()).status];
    expect(statuses).toEqual([200, 200, 429]);

    const ws = new WebSocket(`${app.url.replace('http', 'ws')}/trpc`);
    await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
    const open = await scrape(app);
    expect(sample(open.text, 'aisle_rate_limit_rejections_total', { scope: 'query' })).toBe(1);
    expect(sample(open.text, 'aisle_ws_connections')).toBe(1);
    ws.close();
    await new Promise((resolve) => ws.once('close', resolve));
    await expect.poll(async () => sample((await scrape(app)).text, 'aisle_ws_connections')).toBe(0);
  });

  it('requires METRICS_TOKEN as a bearer when it is set', async () => {
    const secret = 'metrics-secret-0123456789';
    await using app = await startTestApp({ METRICS_TOKEN: secret });
    expect((await scrape(app)).status).toBe(401);
    expect((await scrape(app, 'wrong-token-0123456789')).status).toBe(401);
    const ok = await scrape(app, secret);
    expect(ok.status).toBe(200);
    expect(ok.text).toContain('# TYPE aisle_http_requests_total counter');
    // A scrape refused is itself counted, under its own route and status.
    expect(sample(ok.text, 'aisle_http_requests_total', { route: '/metrics', status: '401' })).toBe(
      2,
    );
  });

  it('keeps each app its own registry', async () => {
    await using a = await startTestApp();
    await using b = await startTestApp();
    await a.rest('GET', '/health');
    const fromB = await scrape(b);
    expect(sample(fromB.text, 'aisle_http_requests_total', { route: '/health' })).toBeUndefined();
    const fromA = await scrape(a);
    expect(sample(fromA.text, 'aisle_http_requests_total', { route: '/health' })).toBe(1);
  });
});
