import { describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './support/app';
import { STORE_KINDS, useRedisServer, useTestApp } from './support/both-stores';

const API = '/api/v1/shopping';
const EVIL = 'http://evil.example';
const SHOP = 'https://shop.example';
const redis = useRedisServer();

async function createSession(app: TestApp) {
  const res = await app.rest('POST', `${API}/session`, { body: {} });
  const id = res.body.data.session_id as string;
  const token = res.body.data.session_token as string;
  return { id, token, cookie: `aisle_session_${id}=${token}` };
}

const cartCount = async (app: TestApp, s: { id: string; token: string }) =>
  (await app.rest('GET', `${API}/session/${s.id}/cart`, { token: s.token })).body.data
    .item_count as number;

describe.each(STORE_KINDS)('CSRF with the session cookie on %s', (kind) => {
  const app = useTestApp(kind, redis, { CORS_ORIGINS: SHOP });

  it('refuses a cross-site form post carrying the cookie; the cart stays empty', async () => {
    const s = await createSession(app);
    // What a browser sends for <form method=post action=.../cart/add> auto-submitted on evil.example.
    const res = await app.rest('POST', `${API}/session/${s.id}/cart/add`, {
      headers: {
        cookie: s.cookie,
        origin: EVIL,
        referer: `${EVIL}/win-a-prize.html`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      raw: 'sku=IPH15PRO-256&quantity=5',
    });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('CSRF_REJECTED');
    expect(res.body.error.message).toMatch(/Content-Type: application\/json/);
    expect(await cartCount(app, s)).toBe(0);
  });

  it('refuses a cross-site fetch with credentials, whatever it claims to send', async () => {
    const s = await createSession(app);
    // text/plain needs no preflight, so a browser would send it: the Origin refuses it.
    for (const type of ['text/plain', 'application/json']) {
      const res = await app.rest('POST', `${API}/session/${s.id}/cart/add`, {
        headers: { cookie: s.cookie, origin: EVIL, 'content-type': type },
        raw: JSON.stringify({ sku: 'IPH15PRO-256' }),
      });
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('CSRF_REJECTED');
    }
    const del = await app.rest('DELETE', `${API}/session/${s.id}`, {
      headers: { cookie: s.cookie, origin: EVIL },
    });
    expect(del.status).toBe(403);
    const prefs = await app.rest('POST', `${API}/session/${s.id}/preferences`, {
      headers: { cookie: s.cookie, origin: 'null' },
      body: { budget_max: 1 },
    });
    expect(prefs.status).toBe(403);
    expect(await cartCount(app, s)).toBe(0);
    const still = await app.rest('GET', `${API}/session/${s.id}/info`, { token: s.token });
    expect(still.status).toBe(200);
    expect(still.body.data.session_info.preferences.budget_max).toBeUndefined();
  });

  it('the preflight gives a foreign origin no CORS headers, and credentials only to CORS_ORIGINS', async () => {
    const preflight = (origin: string) =>
      fetch(`${app.url}${API}/session/x12345678/cart/add`, {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'content-type',
        },
      });
    const evil = await preflight(EVIL);
    expect(evil.headers.get('access-control-allow-origin')).toBeNull();
    expect(evil.headers.get('access-control-allow-credentials')).toBeNull();
    await evil.arrayBuffer();
    const shop = await preflight(SHOP);
    expect(shop.status).toBe(204);
    expect(shop.headers.get('access-control-allow-origin')).toBe(SHOP);
    expect(shop.headers.get('access-control-allow-credentials')).toBe('true');
  });

  it('a same-origin JSON request with only the cookie acts', async () => {
    const s = await createSession(app);
    const res = await app.rest('POST', `${API}/session/${s.id}/cart/add`, {
      headers: { cookie: s.cookie, origin: app.url },
      body: { sku: 'IPH15PRO-256' },
    });
    expect(res.status).toBe(200);
    // No Origin but a same-origin Referer (an older browser, or a privacy setting): it acts.
    const patch = await app.rest('PATCH', `${API}/session/${s.id}/cart/items/IPH15PRO-256`, {
      headers: { cookie: s.cookie, referer: `${app.url}/shop/cart.html` },
      body: { quantity: 3 },
    });
    expect(patch.status).toBe(200);
    // An origin named in CORS_ORIGINS acts too.
    const shop = await app.rest('POST', `${API}/session/${s.id}/cart/add`, {
      headers: { cookie: s.cookie, origin: SHOP },
      body: { sku: 'IPH15PRO-256' },
    });
    expect(shop.status).toBe(200);
    expect(await cartCount(app, s)).toBe(4);
  });

  it('a cookie request naming no origin at all is refused', async () => {
    const s = await createSession(app);
    const res = await app.rest('POST', `${API}/session/${s.id}/cart/add`, {
      headers: { cookie: s.cookie },
      body: { sku: 'IPH15PRO-256' },
    });
    expect(res.status).toBe(403);
    expect(res.body.error.message).toMatch(/Origin/);
  });

  it('reads with the cookie need no origin; header-token clients are not affected', async () => {
    const s = await createSession(app);
    const read = await app.rest('GET', `${API}/session/${s.id}/cart`, {
      headers: { cookie: s.cookie, origin: EVIL },
    });
    expect(read.status).toBe(200);
    // A bearer header cannot be sent by another site without the token: no CSRF check.
    const curl = await app.rest('POST', `${API}/session/${s.id}/cart/add`, {
      token: s.token,
      body: { sku: 'IPH15PRO-256' },
    });
    expect(curl.status).toBe(200);
    const withStrayCookie = await app.rest('DELETE', `${API}/session/${s.id}/cart/clear`, {
      token: s.token,
      headers: { cookie: s.cookie, origin: EVIL },
    });
    expect(withStrayCookie.status).toBe(200);
    // No cookie at all: a form-encoded body is just the wrong media type, as before.
    const form = await app.rest('POST', `${API}/session/${s.id}/cart/add`, {
      token: s.token,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      raw: 'sku=IPH15PRO-256',
    });
    expect(form.status).toBe(415);
  });

  it('a Basic header (a password-protected staging site) is no bearer: cookie and guard apply', async () => {
    const s = await createSession(app);
    const basic = { authorization: `Basic ${Buffer.from('staff:pw').toString('base64')}` };
    const read = await app.rest('GET', `${API}/session/${s.id}/cart`, {
      headers: { ...basic, cookie: s.cookie },
    });
    expect(read.status).toBe(200);
    const forged = await app.rest('POST', `${API}/session/${s.id}/cart/add`, {
      headers: { ...basic, cookie: s.cookie, origin: EVIL },
      body: { sku: 'IPH15PRO-256' },
    });
    expect(forged.status).toBe(403);
    expect(forged.body.error.code).toBe('CSRF_REJECTED');
    expect(await cartCount(app, s)).toBe(0);
  });

  it('a question about a session in the body is guarded like a path one', async () => {
    const s = await createSession(app);
    const res = await app.rest('POST', `${API}/query`, {
      headers: { cookie: s.cookie, origin: EVIL },
      body: { q: 'add the iPhone 15 Pro to my cart', sessionId: s.id },
    });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('CSRF_REJECTED');
    const info = await app.rest('GET', `${API}/session/${s.id}/info`, { token: s.token });
    expect(info.body.data.session_info.conversation_count).toBe(0);
  });
});

describe('CSRF and CORS_ORIGINS=*', () => {
  it('any origin may read public answers, none may act with the cookie, no credentials', async () => {
    await using app = await startTestApp({ CORS_ORIGINS: '*' });
    const s = await createSession(app);
    const res = await app.rest('POST', `${API}/session/${s.id}/cart/add`, {
      headers: { cookie: s.cookie, origin: EVIL },
      body: { sku: 'IPH15PRO-256' },
    });
    expect(res.status).toBe(403);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('access-control-allow-credentials')).toBeNull();
  });

  it('behind a trusted proxy, the forwarded host is the own origin', async () => {
    await using app = await startTestApp({ TRUST_PROXY: 'true' });
    const s = await createSession(app);
    const res = await app.rest('POST', `${API}/session/${s.id}/cart/add`, {
      headers: {
        cookie: s.cookie,
        origin: 'https://aisle.example',
        'x-forwarded-host': 'aisle.example',
        'x-forwarded-proto': 'https',
      },
      body: { sku: 'IPH15PRO-256' },
    });
    expect(res.status).toBe(200);
  });
});
