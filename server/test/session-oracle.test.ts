import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { appRouter } from '../src/routers';
import { REST_ROUTES } from '../src/transport/rest/routes';
import { startTestApp, type TestApp } from './support/app';
import { type RedisHandle, startRedis } from './support/redis-server';

/**
 * A caller who cannot prove it owns a session learns nothing about whether the id exists: for
 * every route and procedure that names a session, an existing id and a missing one get the
 * same status, the same error code and the same message (but for the id it echoes).
 */
const API = '/api/v1/shopping';
const SKU = 'IPH15PRO-256';
/** A well-formed answer id: only the session can make a read of it fail. */
const ANSWER_ID = 'AbCdEfGh1234';

/** What each procedure needs besides `sessionId`, so only the session can make it fail. */
const SESSION_PROCEDURES: Record<string, { input: Record<string, unknown>; ws?: true }> = {
  'session.info': { input: {} },
  'session.conversation': { input: {} },
  'session.delete': { input: {} },
  'session.events': { input: {}, ws: true },
  'preferences.get': { input: {} },
  'preferences.update': { input: { budget_range: '500-1000' } },
  'cart.get': { input: {} },
  'cart.add': { input: { sku: SKU } },
  'cart.remove': { input: { sku: SKU } },
  'cart.setQuantity': { input: { sku: SKU, quantity: 2 } },
  'cart.clear': { input: {} },
  'shopping.query': { input: { q: 'hi' } },
  'shopping.queryStream': { input: { q: 'hi' }, ws: true },
  'shopping.answerStream': { input: { answerId: ANSWER_ID }, ws: true },
};
const REST_BODIES: Record<string, unknown> = {
  'preferences.update': { budget_range: '500-1000' },
  'cart.add': { sku: SKU },
  'cart.setQuantity': { quantity: 2 },
  'shopping.query': { q: 'hi' },
  'shopping.queryStream': { q: 'hi' },
};

const freshId = () => `client-${randomBytes(16).toString('base64url')}`;
/** The error as a caller sees it, with the id it sent replaced, so two ids compare equal. */
const shapeOf = (status: number, error: unknown, id: string) => ({
  status,
  error: JSON.parse(JSON.stringify(error).replaceAll(id, '<id>')),
});

let redis: RedisHandle;
beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  await redis?.stop();
});

describe.each(['memory', 'redis'] as const)(
  'no session existence oracle on the %s store',
  (kind) => {
    let app: TestApp;
    let owner: { session_id: string; session_token: string };
    let stranger: { session_id: string; session_token: string };
    beforeAll(async () => {
      app = await startTestApp(kind === 'redis' ? { REDIS_URL: redis.url } : {});
      const create = async () => (await app.rest('POST', `${API}/session`, { body: {} })).body.data;
      owner = await create();
      stranger = await create();
    });
    afterAll(async () => {
      await app?.close();
    });

    /** A session that existed and expired: the id was valid once, and is gone. */
    async function expiredId(): Promise<string> {
      const id = freshId();
      expect((await app.rest('POST', `${API}/session`, { body: { sessionId: id } })).status).toBe(
        200,
      );
      await app.services.store.deleteSession(id);
      return id;
    }

    const credentials = {
      'no token': undefined,
      "another session's token": () => stranger.session_token,
      'a made-up token': () => randomBytes(32).toString('base64url'),
    } as const;

    it('the table covers every procedure that takes a session id', () => {
      const procedures = Object.keys(appRouter._def.procedures).filter(
        (p) => !p.startsWith('admin.') && !p.startsWith('catalog.') && p !== 'session.create',
      );
      expect(Object.keys(SESSION_PROCEDURES).sort()).toEqual(procedures.sort());
    });

    const restRoutes = REST_ROUTES.filter((r) => r.procedure in SESSION_PROCEDURES);
    it.each(restRoutes.map((r) => [`${r.method} ${r.path}`, r] as const))(
      'REST %s answers alike for an existing, a missing and an expired id',
      async (_, route) => {
        const call = async (id: string, token: string | undefined) => {
          const path = route.path
            .replace('{id}', id)
            .replace('{sku}', SKU)
            .replace('{answerId}', ANSWER_ID);
          const named = route.path.includes('{id}');
          const body = REST_BODIES[route.procedure] ?? (route.method === 'GET' ? undefined : {});
          const r = await app.rest(route.method, `${API}${path}`, {
            ...(named ? {} : { body: { ...(body as object), sessionId: id } }),
            ...(named && body !== undefined ? { body } : {}),
            ...(token ? { token } : {}),
          });
          const error = typeof r.body === 'string' ? r.body : r.body.error;
          return shapeOf(r.status, error, id);
        };
        for (const [, token] of Object.entries(credentials)) {
          const t = token?.();
          const existing = await call(owner.session_id, t);
          expect(existing.status).toBe(t ? 404 : 401);
          expect(await call(freshId(), t)).toEqual(existing);
          expect(await call(await expiredId(), t)).toEqual(existing);
        }
      },
    );

    const httpProcedures = Object.entries(SESSION_PROCEDURES).filter(([, p]) => !p.ws);
    it.each(httpProcedures)(
      'tRPC %s over HTTP answers alike for an existing and a missing id',
      async (path, { input }) => {
        const procedures = appRouter._def.procedures as unknown as Record<
          string,
          { _def: { type: string } }
        >;
        const isQuery = procedures[path]?._def.type === 'query';
        const call = async (id: string, token: string | undefined) => {
          const json = JSON.stringify({ json: { ...input, sessionId: id } });
          const auth: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
          const res = isQuery
            ? await fetch(`${app.url}/trpc/${path}?input=${encodeURIComponent(json)}`, {
                headers: auth,
              })
            : await fetch(`${app.url}/trpc/${path}`, {
                method: 'POST',
                headers: { 'content-type': 'application/json', ...auth },
                body: json,
              });
          return shapeOf(res.status, ((await res.json()) as { error: unknown }).error, id);
        };
        for (const [, token] of Object.entries(credentials)) {
          const t = token?.();
          const existing = await call(owner.session_id, t);
          expect(existing.status).toBe(t ? 404 : 401);
          expect(await call(freshId(), t)).toEqual(existing);
          expect(await call(await expiredId(), t)).toEqual(existing);
        }
      },
    );

    const wsProcedures = Object.entries(SESSION_PROCEDURES).filter(([, p]) => p.ws);
    it.each(wsProcedures)(
      'tRPC %s over WebSocket answers alike for an existing and a missing id',
      async (path, { input }) => {
        const call = async (id: string, token: string | undefined) => {
          const ws = new WebSocket(`${app.url.replace('http', 'ws')}/trpc?connectionParams=1`);
          try {
            await new Promise((resolve, reject) => {
              ws.once('open', resolve);
              ws.once('error', reject);
            });
            const reply = new Promise<{ error: unknown }>((resolve) => {
              ws.on('message', (data) => {
                const msg = JSON.parse(data.toString()) as { id?: number; error?: unknown };
                // A refused subscription may be acknowledged first; the error follows.
                if (msg.id === 1 && msg.error) resolve(msg as { error: unknown });
              });
            });
            ws.send(
              JSON.stringify({
                method: 'connectionParams',
                data: token ? { sessionToken: token } : {},
              }),
            );
            ws.send(
              JSON.stringify({
                id: 1,
                method: 'subscription',
                params: { path, input: { json: { ...input, sessionId: id } } },
              }),
            );
            const { json: error } = (await reply).error as {
              json: { data: { httpStatus: number } };
            };
            return shapeOf(error.data.httpStatus, error, id);
          } finally {
            ws.close();
          }
        };
        for (const [, token] of Object.entries(credentials)) {
          const t = token?.();
          const existing = await call(owner.session_id, t);
          expect(existing.status).toBe(t ? 404 : 401);
          expect(await call(freshId(), t)).toEqual(existing);
          expect(await call(await expiredId(), t)).toEqual(existing);
        }
      },
    );

    it('a sessionId on /query names an existing session; it never creates one', async () => {
      const id = freshId();
      const anon = await app.rest('POST', `${API}/query`, { body: { q: 'hi', sessionId: id } });
      expect(anon.status).toBe(401);
      const other = await app.rest('POST', `${API}/query`, {
        body: { q: 'hi', sessionId: id },
        token: stranger.session_token,
      });
      expect(other.status).toBe(404);
      expect(other.body.error.code).toBe('SESSION_NOT_FOUND');
      // The id is still free: nothing was created by either attempt.
      expect((await app.rest('POST', `${API}/session`, { body: { sessionId: id } })).status).toBe(
        200,
      );
    });

    it('client-chosen ids must be at least 22 characters; server ids are 26', async () => {
      for (const short of ['abcdefgh', 'client-1234567890123']) {
        const r = await app.rest('POST', `${API}/session`, { body: { sessionId: short } });
        expect(r.status).toBe(400);
        expect(r.body.error.code).toBe('VALIDATION_ERROR');
        expect(r.body.error.issues[0].path).toBe('sessionId');
        expect(r.body.error.issues[0].message).toMatch(/at least 22/);
      }
      const ok = await app.rest('POST', `${API}/session`, { body: { sessionId: 'a'.repeat(22) } });
      expect(ok.status).toBe(200);
      expect(owner.session_id.length).toBeGreaterThanOrEqual(22);
    });

    it('an expired or deleted id may be created again, with a new token the old one never opens', async () => {
      const id = freshId();
      const first = (await app.rest('POST', `${API}/session`, { body: { sessionId: id } })).body
        .data;
      await app.rest('POST', `${API}/session/${id}/cart/add`, {
        body: { sku: SKU },
        token: first.session_token,
      });
      expect(
        (await app.rest('DELETE', `${API}/session/${id}`, { token: first.session_token })).status,
      ).toBe(200);
      const second = (await app.rest('POST', `${API}/session`, { body: { sessionId: id } })).body
        .data;
      expect(second.session_token).not.toBe(first.session_token);
      const stale = await app.rest('GET', `${API}/session/${id}/cart`, {
        token: first.session_token,
      });
      expect(stale.status).toBe(404);
      const fresh = await app.rest('GET', `${API}/session/${id}/cart`, {
        token: second.session_token,
      });
      expect(fresh.status).toBe(200);
      expect(fresh.body.data.items).toEqual([]);
    });
  },
);
