import { parseSetCookie, type SetCookie } from 'cookie';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config';
import { startTestApp, type TestApp } from './support/app';
import { STORE_KINDS, useRedisServer, useTestApp } from './support/both-stores';

const API = '/api/v1/shopping';
const redis = useRedisServer();

/** The Set-Cookie lines of a response, parsed. */
const setCookies = (headers: Headers): SetCookie[] =>
  headers.getSetCookie().map((c) => parseSetCookie(c));

/** What a browser on the server's own origin sends with a JSON request. */
const sameOrigin = (app: TestApp, cookie: string) => ({
  cookie,
  origin: app.url,
});

async function createSession(app: TestApp) {
  const res = await app.rest('POST', `${API}/session`, { body: {} });
  expect(res.status).toBe(200);
  const id = res.body.data.session_id as string;
  const token = res.body.data.session_token as string;
  return { id, token, res, cookie: `aisle_session_${id}=${token}` };
}

describe.each(STORE_KINDS)('session cookies on %s', (kind) => {
  const app = useTestApp(kind, redis, { SESSION_TTL_SECONDS: '5400' });

  it('POST /session sets the token as an HttpOnly, SameSite=Strict cookie of the API path', async () => {
    const { id, token, res } = await createSession(app);
    const [cookie, ...others] = setCookies(res.headers);
    expect(others).toEqual([]);
    expect(cookie).toEqual({
      name: `aisle_session_${id}`,
      value: token,
      httpOnly: true,
      sameSite: 'strict',
      path: '/api/v1/shopping',
      maxAge: 5400,
    });
    // Plain HTTP and COOKIE_SECURE unset: a Secure cookie would never come back.
    expect(res.headers.getSetCookie()[0]).not.toMatch(/;\s*Secure/i);
  });

  it('the cookie alone proves ownership of its own session, and only of it', async () => {
    const a = await createSession(app);
    const b = await createSession(app);
    const jar = `${a.cookie}; ${b.cookie}`;
    const infoA = await app.rest('GET', `${API}/session/${a.id}/info`, {
      headers: { cookie: jar },
    });
    expect(infoA.status).toBe(200);
    expect(infoA.headers.getSetCookie()).toEqual([]);
    // Two sessions in one browser: each request uses the cookie of the session it names.
    const add = await app.rest('POST', `${API}/session/${b.id}/cart/add`, {
      headers: sameOrigin(app, jar),
      body: { sku: 'IPH15PRO-256', quantity: 2 },
    });
    expect(add.status).toBe(200);
    expect(add.body.data.item_count).toBe(2);
    const cartA = await app.rest('GET', `${API}/session/${a.id}/cart`, { token: a.token });
    expect(cartA.body.data.items).toEqual([]);
    const cartB = await app.rest('GET', `${API}/session/${b.id}/cart`, { token: b.token });
    expect(cartB.body.data.item_count).toBe(2);
    // A's cookie says nothing about B: without B's cookie there is no credential for B.
    const noCookieForB = await app.rest('GET', `${API}/session/${b.id}/info`, {
      headers: { cookie: a.cookie },
    });
    expect(noCookieForB.status).toBe(401);
    expect(noCookieForB.body.error.code).toBe('UNAUTHORIZED');
    // A's token under B's cookie name is a wrong token: 404 like a missing session.
    const forged = await app.rest('GET', `${API}/session/${b.id}/info`, {
      headers: { cookie: `aisle_session_${b.id}=${a.token}` },
    });
    expect(forged.status).toBe(404);
    expect(forged.body.error.code).toBe('SESSION_NOT_FOUND');
  });

  it('a bearer header wins over the cookie', async () => {
    const a = await createSession(app);
    const wrongHeader = await app.rest('GET', `${API}/session/${a.id}/info`, {
      token: 'not-the-token-of-this-session',
      headers: { cookie: a.cookie },
    });
    expect(wrongHeader.status).toBe(404);
    const rightHeader = await app.rest('GET', `${API}/session/${a.id}/info`, {
      token: a.token,
      headers: { cookie: `aisle_session_${a.id}=wrong` },
    });
    expect(rightHeader.status).toBe(200);
  });

  it('POST /query sets the cookie when it creates the session, not when it names one', async () => {
    const created = await app.rest('POST', `${API}/query`, {
      body: { q: 'show me laptops' },
    });
    expect(created.status).toBe(200);
    const { session_id: id, session_token: token } = created.body.data;
    expect(setCookies(created.headers)).toEqual([
      expect.objectContaining({ name: `aisle_session_${id}`, value: token, httpOnly: true }),
    ]);
    const cookie = `aisle_session_${id}=${token}`;
    const next = await app.rest('POST', `${API}/query`, {
      headers: sameOrigin(app, cookie),
      body: { q: 'the cheapest one', sessionId: id },
    });
    expect(next.status).toBe(200);
    expect(next.body.data.session_id).toBe(id);
    expect(next.body.data.session_token).toBeUndefined();
    expect(next.headers.getSetCookie()).toEqual([]);
  });

  it('POST /query/stream sets the cookie before its first event when it creates the session', async () => {
    const res = await app.rest('POST', `${API}/query/stream`, { body: { q: 'headphones' } });
    expect(res.status).toBe(200);
    const meta = /event: meta\ndata: (.*)\n/.exec(res.body as string)?.[1] ?? '{}';
    const { session_id: id, session_token: token } = JSON.parse(meta);
    expect(typeof token).toBe('string');
    expect(setCookies(res.headers)).toEqual([
      expect.objectContaining({ name: `aisle_session_${id}`, value: token, sameSite: 'strict' }),
    ]);
    // The streamed session is usable with the cookie alone.
    const info = await app.rest('GET', `${API}/session/${id}/info`, {
      headers: { cookie: `aisle_session_${id}=${token}` },
    });
    expect(info.status).toBe(200);
    expect(info.body.data.session_info.conversation_count).toBeGreaterThan(0);
  });

  it('DELETE /session/{id} with the cookie erases the session and expires its cookie', async () => {
    const a = await createSession(app);
    const del = await app.rest('DELETE', `${API}/session/${a.id}`, {
      headers: sameOrigin(app, a.cookie),
    });
    expect(del.status).toBe(200);
    expect(setCookies(del.headers)).toEqual([
      expect.objectContaining({ name: `aisle_session_${a.id}`, value: '', maxAge: 0 }),
    ]);
    const gone = await app.rest('GET', `${API}/session/${a.id}/info`, { token: a.token });
    expect(gone.status).toBe(404);
  });

  it('tRPC over HTTP ignores the cookie (its Path keeps browsers from sending it there)', async () => {
    const a = await createSession(app);
    const input = encodeURIComponent(JSON.stringify({ json: { sessionId: a.id } }));
    const res = await fetch(`${app.url}/trpc/session.info?input=${input}`, {
      headers: { cookie: a.cookie },
    });
    expect(res.status).toBe(401);
  });
});

describe('session cookie settings', () => {
  it('SESSION_COOKIE=false sets no cookie and ignores one sent', async () => {
    await using app = await startTestApp({ SESSION_COOKIE: 'false' });
    const a = await createSession(app);
    expect(a.res.headers.getSetCookie()).toEqual([]);
    const info = await app.rest('GET', `${API}/session/${a.id}/info`, {
      headers: { cookie: a.cookie },
    });
    expect(info.status).toBe(401);
  });

  it('SESSION_COOKIE_NAME names the cookies', async () => {
    await using app = await startTestApp({ SESSION_COOKIE_NAME: 'shop-chat' });
    const res = await app.rest('POST', `${API}/session`, { body: {} });
    const { session_id: id, session_token: token } = res.body.data;
    expect(setCookies(res.headers)[0]?.name).toBe(`shop-chat_${id}`);
    const info = await app.rest('GET', `${API}/session/${id}/info`, {
      headers: { cookie: `shop-chat_${id}=${token}` },
    });
    expect(info.status).toBe(200);
    const oldName = await app.rest('GET', `${API}/session/${id}/info`, {
      headers: { cookie: `aisle_session_${id}=${token}` },
    });
    expect(oldName.status).toBe(401);
  });

  it('Secure over HTTPS behind a trusted proxy or with COOKIE_SECURE, not otherwise', async () => {
    const secureOf = async (app: TestApp, headers: Record<string, string>) => {
      const res = await app.rest('POST', `${API}/session`, { body: {}, headers });
      return setCookies(res.headers)[0]?.secure ?? false;
    };
    const proto = { 'x-forwarded-proto': 'https' };
    {
      await using app = await startTestApp({ TRUST_PROXY: 'true' });
      expect(await secureOf(app, proto)).toBe(true);
      expect(await secureOf(app, { 'x-forwarded-proto': 'http' })).toBe(false);
    }
    {
      // Without TRUST_PROXY anyone could send the header: it is not believed.
      await using app = await startTestApp({ TRUST_PROXY: 'false' });
      expect(await secureOf(app, proto)).toBe(false);
    }
    {
      await using app = await startTestApp({ COOKIE_SECURE: 'true' });
      expect(await secureOf(app, {})).toBe(true);
    }
  });

  it('past SESSION_COOKIE_MAX, a new session expires the oldest cookies the browser sent', async () => {
    await using app = await startTestApp({ SESSION_COOKIE_MAX: '2' });
    const a = await createSession(app);
    const b = await createSession(app);
    // Browsers send cookies of one path oldest first (RFC 6265 5.4): a, then b.
    const res = await app.rest('POST', `${API}/session`, {
      body: {},
      headers: { cookie: `other=1; ${a.cookie}; ${b.cookie}` },
    });
    const c = res.body.data.session_id as string;
    const set = setCookies(res.headers);
    expect(set.map((s) => [s.name, s.maxAge])).toEqual([
      [`aisle_session_${a.id}`, 0],
      [`aisle_session_${c}`, 86_400],
    ]);
  });

  it('rejects a cookie name that is not a cookie token', () => {
    expect(() => loadConfig({ SESSION_COOKIE_NAME: 'a;b' })).toThrow(
      'SESSION_COOKIE_NAME="a;b": letters, digits, _ or -',
    );
  });
});
