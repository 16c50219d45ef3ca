import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { STORE_KINDS, useRedisServer, useTestApp } from './support/both-stores';

const API = '/api/v1/shopping';
const redis = useRedisServer();

describe.each(STORE_KINDS)('REST API on the %s store', (kind) => {
  const app = useTestApp(kind, redis);

  it('GET /catalog names the store currency and size, with no token', async () => {
    const r = await app.rest('GET', `${API}/catalog`);
    expect(r.status).toBe(200);
    expect(r.body.data).toEqual({
      currency: 'USD',
      product_count: app.services.catalog.size,
      version: app.services.catalog.version,
    });
    expect(r.body.data.product_count).toBeGreaterThan(0);
  });

  async function newSession(id?: string) {
    const r = await app.rest('POST', `${API}/session`, { body: id ? { sessionId: id } : {} });
    expect(r.status).toBe(200);
    return r.body.data as { session_id: string; session_token: string };
  }

  it('creates a session with a token in the body and the X-Session-Token header', async () => {
    const r = await app.rest('POST', `${API}/session`, { body: {} });
    expect(r.status).toBe(200);
    expect(r.body.success).toBe(true);
    expect(r.body.data.session_id).toMatch(/^[A-Za-z0-9._-]{8,128}$/);
    expect(r.body.data.session_token.length).toBeGreaterThanOrEqual(22);
    expect(r.headers.get('x-session-token')).toBe(r.body.data.session_token);
    const empty = await app.rest('POST', `${API}/session`);
    expect(empty.status).toBe(200);
  });

  it('accepts a client id once, then answers 409', async () => {
    // 22+ characters: a client-chosen id must be unguessable (see session-oracle.test.ts).
    const id = `client-${randomBytes(16).toString('base64url')}`;
    expect((await newSession(id)).session_id).toBe(id);
    const again = await app.rest('POST', `${API}/session`, { body: { sessionId: id } });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ success: false, error: { code: 'CONFLICT' } });
  });

  it('rejects ids outside the allowed pattern with 400 naming the field', async () => {
    for (const bad of ['short', 'has space in it', 'x'.repeat(129), 'semi;colon-id']) {
      const r = await app.rest('POST', `${API}/session`, { body: { sessionId: bad } });
      expect(r.status).toBe(400);
      expect(r.body.error.code).toBe('VALIDATION_ERROR');
      expect(r.body.error.issues[0].path).toBe('sessionId');
    }
    const s = await newSession();
    const r = await app.rest('GET', `${API}/session/bad%20id/info`, { token: s.session_token });
    expect(r.status).toBe(400);
  });

  it('enforces the token: missing 401; another session or an unknown id 404 alike', async () => {
    const a = await newSession();
    const b = await newSession();
    const info = `${API}/session/${a.session_id}/info`;
    expect((await app.rest('GET', info)).status).toBe(401);
    expect((await app.rest('GET', info)).body.error.code).toBe('UNAUTHORIZED');
    // A wrong token is told nothing more than a missing session: 404, not 403.
    const wrong = await app.rest('GET', info, { token: b.session_token });
    expect(wrong.status).toBe(404);
    expect(wrong.body.error.code).toBe('SESSION_NOT_FOUND');
    const unknown = await app.rest('GET', `${API}/session/never-existed-123/info`, {
      token: a.session_token,
    });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('SESSION_NOT_FOUND');
    expect((await app.rest('GET', info, { token: a.session_token })).status).toBe(200);
  });

  it('answers /query, creating a session and returning its token', async () => {
    const r = await app.rest('POST', `${API}/query`, {
      body: { q: 'What smartphones do you have?' },
    });
    expect(r.status).toBe(200);
    const d = r.body.data;
    expect(d.intent).toBe('product_inquiry');
    expect(d.cached).toBe(false);
    expect(d.session_token).toBeTruthy();
    expect(r.headers.get('x-session-token')).toBe(d.session_token);
    expect(d.products.length).toBeGreaterThan(0);
    for (const p of d.products) {
      expect(p).toEqual(
        expect.objectContaining({
          sku: expect.any(String),
          name: expect.any(String),
          price: expect.any(Number),
          category: 'smartphone',
          brand: expect.any(String),
        }),
      );
    }
    expect(d.answer.length).toBeGreaterThan(20);
    // The same session goes on with its token; another question is not a new session.
    const next = await app.rest('POST', `${API}/query`, {
      body: { q: 'hello', sessionId: d.session_id },
      token: d.session_token,
    });
    expect(next.status).toBe(200);
    expect(next.body.data.session_token).toBeUndefined();
    expect(next.body.data.intent).toBe('greeting');
    // An existing session without its token is refused.
    const stolen = await app.rest('POST', `${API}/query`, {
      body: { q: 'hi', sessionId: d.session_id },
    });
    expect(stolen.status).toBe(401);
  });

  it('does not create a session for an unknown sessionId on /query', async () => {
    // Creating one here would answer 200 for a free id and 401 for a taken one: an existence
    // oracle. A client that wants its own id creates it with POST /session first.
    const id = `query-created-${randomBytes(16).toString('base64url')}`;
    const anon = await app.rest('POST', `${API}/query`, {
      body: { q: 'show me laptops', sessionId: id },
    });
    expect(anon.status).toBe(401);
    const created = await newSession(id);
    const r = await app.rest('POST', `${API}/query`, {
      body: { q: 'show me laptops', sessionId: id },
      token: created.session_token,
    });
    expect(r.status).toBe(200);
    expect(r.body.data.session_id).toBe(id);
    expect(r.body.data.session_token).toBeUndefined();
  });

  it('validates /query: empty q, too long q', async () => {
    const empty = await app.rest('POST', `${API}/query`, { body: { q: '   ' } });
    expect(empty.status).toBe(400);
    expect(empty.body.error.issues[0].path).toBe('q');
    const long = await app.rest('POST', `${API}/query`, { body: { q: 'a'.repeat(2001) } });
    expect(long.status).toBe(400);
    const missing = await app.rest('POST', `${API}/query`, { body: {} });
    expect(missing.status).toBe(400);
    expect(missing.body.error.issues[0].path).toBe('q');
  });

  it('keeps the cart: catalog prices, merge, patch, delete, clear, 422 unknown SKU', async () => {
    const s = await newSession();
    const cart = `${API}/session/${s.session_id}/cart`;
    const t = s.session_token;
    const add = await app.rest('POST', `${cart}/add`, {
      token: t,
      body: { sku: 'IPH15PRO-256', name: 'Fake', price: 1, category: 'x', quantity: 1 },
    });
    expect(add.status).toBe(200);
    expect(add.body.data).toEqual({
      session_id: s.session_id,
      items: [
        {
          sku: 'IPH15PRO-256',
          name: 'iPhone 15 Pro',
          price: 999,
          category: 'smartphone',
          quantity: 1,
        },
      ],
      item_count: 1,
      subtotal: 999,
    });
    const again = await app.rest('POST', `${cart}/add`, {
      token: t,
      body: { sku: 'IPH15PRO-256', quantity: 2 },
    });
    expect(again.body.data.items[0].quantity).toBe(3);
    expect(again.body.data.subtotal).toBe(2997);
    const unknown = await app.rest('POST', `${cart}/add`, { token: t, body: { sku: 'NOPE-1' } });
    expect(unknown.status).toBe(422);
    expect(unknown.body.error.code).toBe('UNKNOWN_SKU');
    const patched = await app.rest('PATCH', `${cart}/items/IPH15PRO-256`, {
      token: t,
      body: { quantity: 1 },
    });
    expect(patched.body.data.item_count).toBe(1);
    const badQty = await app.rest('PATCH', `${cart}/items/IPH15PRO-256`, {
      token: t,
      body: { quantity: -1 },
    });
    expect(badQty.status).toBe(400);
    expect(badQty.body.error.issues[0].path).toBe('quantity');
    const notInCart = await app.rest('DELETE', `${cart}/items/OTHER-SKU`, { token: t });
    expect(notInCart.status).toBe(404);
    expect(notInCart.body.error.code).toBe('NOT_FOUND');
    const removed = await app.rest('DELETE', `${cart}/items/IPH15PRO-256`, { token: t });
    expect(removed.body.data).toMatchObject({ items: [], item_count: 0, subtotal: 0 });
    await app.rest('POST', `${cart}/add`, { token: t, body: { sku: 'IPH15PRO-256' } });
    const zero = await app.rest('PATCH', `${cart}/items/IPH15PRO-256`, {
      token: t,
      body: { quantity: 0 },
    });
    expect(zero.body.data.items).toEqual([]);
    await app.rest('POST', `${cart}/add`, { token: t, body: { sku: 'IPH15PRO-256' } });
    const cleared = await app.rest('DELETE', `${cart}/clear`, { token: t });
    expect(cleared.body.data.items).toEqual([]);
    const got = await app.rest('GET', cart, { token: t });
    expect(got.body.data).toEqual({
      session_id: s.session_id,
      items: [],
      item_count: 0,
      subtotal: 0,
    });
  });

  it('merges preferences and rejects bad ones by field', async () => {
    const s = await newSession();
    const url = `${API}/session/${s.session_id}/preferences`;
    const t = s.session_token;
    const first = await app.rest('POST', url, { token: t, body: { budget_range: '500-1000' } });
    expect(first.body.data).toEqual({
      session_id: s.session_id,
      preferences: { budget_range: '500-1000' },
    });
    const second = await app.rest('POST', url, {
      token: t,
      body: { preferred_brands: ['Apple', 'Samsung'] },
    });
    expect(second.body.data.preferences).toEqual({
      budget_range: '500-1000',
      preferred_brands: ['Apple', 'Samsung'],
    });
    const bad = await app.rest('POST', url, { token: t, body: { budget_range: 'cheap' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues[0].path).toBe('budget_range');
    const unknownField = await app.rest('POST', url, { token: t, body: { color: 'red' } });
    expect(unknownField.status).toBe(400);
  });

  it('reports session info and analytics, and pages the conversation', async () => {
    const q = await app.rest('POST', `${API}/query`, { body: { q: 'I want smartphones' } });
    const { session_id: id, session_token: t } = q.body.data;
    await app.rest('POST', `${API}/query`, {
      body: { q: 'any smartphones under $500?', sessionId: id },
      token: t,
    });
    await app.rest('POST', `${API}/session/${id}/cart/add`, {
      token: t,
      body: { sku: 'IPH15PRO-256' },
    });
    const info = await app.rest('GET', `${API}/session/${id}/info`, { token: t });
    expect(info.status).toBe(200);
    const si = info.body.data.session_info;
    expect(si.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(si.last_active).toMatch(/Z$/);
    expect(si.conversation_count).toBe(4);
    expect(si).toMatchObject({ cart_item_count: 1, cart_subtotal: 999 });
    expect(si.shopping_cart).toHaveLength(1);
    const an = info.body.data.analytics;
    expect(an.session_duration).toBe('0m');
    expect(an.user_message_count).toBe(2);
    expect(an.assistant_message_count).toBe(2);
    expect(an.top_topics[0]).toEqual({ word: 'smartphone', count: 2 });

    const conv = await app.rest('GET', `${API}/session/${id}/conversation?limit=3`, { token: t });
    expect(conv.body.data.count).toBe(3);
    expect(conv.body.data.conversation.map((m: { role: string }) => m.role)).toEqual([
      'assistant',
      'user',
      'assistant',
    ]);
    const all = await app.rest('GET', `${API}/session/${id}/conversation`, { token: t });
    expect(all.body.data.conversation[0]).toMatchObject({
      role: 'user',
      content: 'I want smartphones',
    });
    const before = all.body.data.conversation[2].timestamp;
    const older = await app.rest(
      'GET',
      `${API}/session/${id}/conversation?before=${encodeURIComponent(before)}`,
      { token: t },
    );
    expect(
      older.body.data.conversation.every((m: { timestamp: string }) => m.timestamp < before),
    ).toBe(true);
    for (const bad of ['0', '101', 'abc']) {
      const r = await app.rest('GET', `${API}/session/${id}/conversation?limit=${bad}`, {
        token: t,
      });
      expect(r.status).toBe(400);
      expect(r.body.error.issues[0].path).toBe('limit');
    }
  });

  it('deletes a session and everything of it', async () => {
    const s = await newSession();
    const del = await app.rest('DELETE', `${API}/session/${s.session_id}`, {
      token: s.session_token,
    });
    expect(del.body.data).toEqual({ session_id: s.session_id, deleted: true });
    const after = await app.rest('GET', `${API}/session/${s.session_id}/info`, {
      token: s.session_token,
    });
    expect(after.status).toBe(404);
  });

  it('answers bad requests with clear errors, never a 500', async () => {
    const big = await app.rest('POST', `${API}/query`, {
      raw: JSON.stringify({ q: 'x'.repeat(1024 * 1024) }),
      headers: { 'content-type': 'application/json' },
    });
    expect(big.status).toBe(413);
    expect(big.body.error.code).toBe('PAYLOAD_TOO_LARGE');
    const malformed = await app.rest('POST', `${API}/query`, {
      raw: '{"q": ',
      headers: { 'content-type': 'application/json' },
    });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.code).toBe('VALIDATION_ERROR');
    const wrongType = await app.rest('POST', `${API}/query`, {
      raw: 'q=hi',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(wrongType.status).toBe(415);
    const method = await app.rest('PUT', `${API}/query`, { body: { q: 'hi' } });
    expect(method.status).toBe(405);
    expect(method.headers.get('allow')).toBe('POST');
    const missing = await app.rest('GET', `${API}/nope`, { undocumentedPath: true });
    expect(missing.status).toBe(404);
    const arrayBody = await app.rest('POST', `${API}/query`, { body: ['q'] });
    expect(arrayBody.status).toBe(400);
    const badEncoding = await app.rest('GET', `${API}/session/%E0%A4%A/info`);
    expect(badEncoding.status).toBe(400);
  });

  it('adds documents only with the admin token', async () => {
    const r = await app.rest('POST', `${API}/add-documents`, {
      body: { documents: [{ id: 'x', text: 'y' }] },
    });
    expect(r.status).toBe(403);
  });

  it('serves health checks and an OpenAPI document covering every path', async () => {
    const h = await app.rest('GET', '/health');
    expect(h.body).toMatchObject({ status: 'healthy', version: expect.any(String) });
    expect(typeof h.body.uptime_seconds).toBe('number');
    expect((await app.rest('GET', '/health/live')).body.status).toBe('alive');
    const ready = await app.rest('GET', '/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body.services[0]).toMatchObject({ name: `store:${kind}`, healthy: true });
    const doc = await app.rest('GET', '/api/v1/openapi.json');
    expect(doc.body.openapi).toBe('3.1.0');
    const paths = Object.keys(doc.body.paths);
    for (const p of [
      '/query',
      '/query/stream',
      '/session',
      '/session/{id}/info',
      '/session/{id}/conversation',
      '/session/{id}/preferences',
      '/session/{id}/cart',
      '/session/{id}/cart/add',
      '/session/{id}/cart/clear',
      '/session/{id}/cart/items/{sku}',
      '/session/{id}',
      '/add-documents',
    ]) {
      expect(paths).toContain(`${API}${p}`);
    }
    const add = doc.body.paths[`${API}/session/{id}/cart/add`].post;
    expect(Object.keys(add.responses)).toEqual(
      expect.arrayContaining(['200', '400', '401', '404', '422', '429', '503']),
    );
    // A wrong token answers 404 like a missing session: a session route's only 403 is a
    // cross-site request made with the session cookie.
    expect(add.responses['403'].description).toMatch(/^CSRF_REJECTED: /);
  });
});
