import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './support/app';
import { type RedisHandle, startRedis } from './support/redis-server';

/**
 * Whose budget a request spends: a session's buckets only once its token is proven; anything
 * else (no token, a wrong token, a create on a taken id) spends the caller's IP budget alone.
 * Callers are told apart by X-Forwarded-For (TRUST_PROXY=true), as behind a real proxy.
 */
const API = '/api/v1/shopping';
const OWNER = { 'x-forwarded-for': '203.0.113.10' };
const STRANGER = { 'x-forwarded-for': '198.51.100.66' };

let redis: RedisHandle;
beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  await redis?.stop();
});

describe.each(['memory', 'redis'] as const)('rate limits on the %s store', (kind) => {
  const start = async (env: Record<string, string>) =>
    startTestApp({
      RATE_LIMIT_ENABLED: 'true',
      TRUST_PROXY: 'true',
      RATE_LIMIT_IP_PER_MINUTE: '1000',
      ...env,
      ...(kind === 'redis' ? { REDIS_URL: redis.url } : {}),
    });
  const newSession = async (app: TestApp) => {
    const r = await app.rest('POST', `${API}/session`, { body: {}, headers: OWNER });
    expect(r.status).toBe(200);
    return r.body.data as { session_id: string; session_token: string };
  };

  it("strangers' writes do not spend the session's write budget", async () => {
    await using app = await start({ RATE_LIMIT_WRITE_PER_MINUTE: '3' });
    const victim = await newSession(app);
    const other = await newSession(app);
    const add = `${API}/session/${victim.session_id}/cart/add`;
    for (let i = 0; i < 5; i++) {
      const anon = await app.rest('POST', add, {
        body: { sku: 'IPH15PRO-256' },
        headers: STRANGER,
      });
      expect(anon.status).toBe(401);
      const wrong = await app.rest('POST', add, {
        body: { sku: 'IPH15PRO-256' },
        token: other.session_token,
        headers: STRANGER,
      });
      expect(wrong.status).toBe(404);
      const taken = await app.rest('POST', `${API}/session`, {
        body: { sessionId: victim.session_id },
        headers: STRANGER,
      });
      expect(taken.status).toBe(409);
    }
    const mine = await app.rest('POST', add, {
      body: { sku: 'IPH15PRO-256' },
      token: victim.session_token,
      headers: OWNER,
    });
    expect(mine.status).toBe(200);
  });

  it("strangers' questions do not spend the session's question budget", async () => {
    await using app = await start({ RATE_LIMIT_QUERY_PER_MINUTE: '2' });
    const victim = await newSession(app);
    const other = await newSession(app);
    const ask = (token?: string, headers = STRANGER) =>
      app.rest('POST', `${API}/query`, {
        body: { q: 'hi', sessionId: victim.session_id },
        headers,
        ...(token ? { token } : {}),
      });
    for (let i = 0; i < 4; i++) {
      expect((await ask()).status).toBe(401);
      expect((await ask(other.session_token)).status).toBe(404);
    }
    // tRPC's own path, too (the REST adapter calls the same procedure).
    const trpc = await fetch(`${app.url}/trpc/shopping.query`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...STRANGER },
      body: JSON.stringify({ json: { q: 'hi', sessionId: victim.session_id } }),
    });
    expect(trpc.status).toBe(401);
    expect((await ask(victim.session_token, OWNER)).status).toBe(200);
    expect((await ask(victim.session_token, OWNER)).status).toBe(200);
    // The owner's own questions still count: the third in a minute is refused, from any IP.
    const third = await ask(victim.session_token, STRANGER);
    expect(third.status).toBe(429);
    expect(third.body.error.code).toBe('RATE_LIMITED');
  });

  it('charges unauthenticated and failed attempts to the caller IP', async () => {
    await using app = await start({ RATE_LIMIT_IP_PER_MINUTE: '4' });
    const victim = await newSession(app);
    const info = `${API}/session/${victim.session_id}/cart/clear`;
    for (let i = 0; i < 4; i++) {
      expect((await app.rest('DELETE', info, { headers: STRANGER })).status).toBe(401);
    }
    const limited = await app.rest('DELETE', info, { headers: STRANGER });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    const owner = await app.rest('DELETE', info, { token: victim.session_token, headers: OWNER });
    expect(owner.status).toBe(200);
  });

  it('limits reads per IP with RATE_LIMIT_READ_PER_MINUTE, on REST and tRPC', async () => {
    await using app = await start({ RATE_LIMIT_READ_PER_MINUTE: '3' });
    const s = await newSession(app);
    const info = `${API}/session/${s.session_id}/info`;
    const read = (headers: Record<string, string>) =>
      app.rest('GET', info, { token: s.session_token, headers });
    for (let i = 0; i < 3; i++) expect((await read(OWNER)).status).toBe(200);
    const limited = await read(OWNER);
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe('RATE_LIMITED');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    const input = encodeURIComponent(JSON.stringify({ json: { sessionId: s.session_id } }));
    const trpc = await fetch(`${app.url}/trpc/cart.get?input=${input}`, {
      headers: { authorization: `Bearer ${s.session_token}`, ...OWNER },
    });
    expect(trpc.status).toBe(429);
    // Another caller's reads, failed ones included, come from its own budget.
    for (let i = 0; i < 3; i++) {
      expect((await app.rest('GET', info, { headers: STRANGER })).status).toBe(401);
    }
    expect((await app.rest('GET', info, { headers: STRANGER })).status).toBe(429);
    // Reads do not spend the write budget, nor writes the read budget.
    const add = await app.rest('POST', `${API}/session/${s.session_id}/cart/add`, {
      body: { sku: 'IPH15PRO-256' },
      token: s.session_token,
      headers: OWNER,
    });
    expect(add.status).toBe(200);
  });
});
