/**
 * The ideal baseline must do the same job as Aisle's REST cart add, or the ratio means
 * nothing: the same carts answered for the same adds, the token checked, the event appended
 * to the session's log and to the global log with the session entry's id, the counters bumped.
 */
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, createApp } from '../../server/src/app';
import { loadDemoProducts } from '../../server/src/catalog/demo';
import { hashToken } from '../../server/src/services/tokens';
import { type RedisHandle, startRedis } from '../../server/test/support/redis-server';
import { benchConfig } from './common';
import { idealKeys, loadIdealScripts, plainRedis, slidingKeys } from './direct-redis';
import { type BaselineServer, startBaselineServer } from './http-baseline';
import { keepAliveAgent, send, sendJson } from './load';

const PREFIX = 'tbase';
const agent = keepAliveAgent(4);
let redis: RedisHandle;
let direct: Redis;
let app: App;
let baseline: BaselineServer;

beforeAll(async () => {
  redis = await startRedis();
  app = await createApp(benchConfig({ REDIS_URL: redis.url }));
  direct = await plainRedis(redis.url);
  const catalog = new Map(
    loadDemoProducts().map((p) => [
      p.sku,
      { sku: p.sku, name: p.name, price: p.price, category: p.category },
    ]),
  );
  baseline = await startBaselineServer({
    scripts: await loadIdealScripts(direct),
    prefix: PREFIX,
    catalog,
  });
});

afterAll(async () => {
  agent.destroy();
  await baseline?.close();
  await app?.close();
  direct?.disconnect();
  await redis?.stop();
});

async function baselineSession(id: string, token: string): Promise<void> {
  const scripts = await loadIdealScripts(direct);
  await scripts.run(
    'create_session',
    slidingKeys(idealKeys(PREFIX, id)),
    Date.now(),
    hashToken(token),
  );
}

const add = (port: number, id: string, token: string, sku: string, quantity: number) =>
  send(agent, port, {
    method: 'POST',
    path: `/api/v1/shopping/session/${id}/cart/add`,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ sku, quantity }),
  });

describe('the ideal cart add', () => {
  it('answers the same carts as Aisle for the same adds', async () => {
    const created = (await sendJson(agent, app.port, {
      method: 'POST',
      path: '/api/v1/shopping/session',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    })) as { data: { session_id: string; session_token: string } };
    const ours = { id: created.data.session_id, token: created.data.session_token };
    const ideal = { id: 's_ideal-same-carts', token: 'ideal-token' };
    await baselineSession(ideal.id, ideal.token);

    const skus = loadDemoProducts()
      .slice(0, 3)
      .map((p) => p.sku);
    for (const [i, sku] of [...skus, skus[0] ?? '', skus[2] ?? ''].entries()) {
      const a = await add(app.port, ours.id, ours.token, sku, i + 1);
      const b = await add(baseline.port, ideal.id, ideal.token, sku, i + 1);
      expect(a.status).toBe(200);
      expect(b.status).toBe(200);
      const { session_id: _a, ...oursCart } = JSON.parse(a.body).data;
      const { session_id: idealId, ...idealCart } = JSON.parse(b.body).data;
      expect(idealId).toBe(ideal.id);
      expect(idealCart).toEqual(oursCart);
    }
  });

  it('appends the event to both logs and bumps the counters in its one script', async () => {
    const ideal = { id: 's_ideal-events', token: 'events-token' };
    await baselineSession(ideal.id, ideal.token);
    const sku = loadDemoProducts()[0]?.sku ?? '';
    const reply = await add(baseline.port, ideal.id, ideal.token, sku, 2);
    const k = idealKeys(PREFIX, ideal.id);

    const [[sessionEntryId, sessionFields] = ['', []]] = await direct.xrange(k.events, '-', '+');
    const global = (await direct.xrange(k.globalEvents, '-', '+')).at(-1);
    const fields = (flat: string[]): Record<string, string> =>
      Object.fromEntries(flat.flatMap((v, i) => (i % 2 ? [] : [[v, flat[i + 1] ?? '']])));
    expect(fields(sessionFields)).toMatchObject({ type: 'cart.updated', sid: ideal.id });
    expect(JSON.parse(fields(sessionFields).data ?? '')).toMatchObject({
      action: 'add',
      sku,
      item_count: 2,
      items: JSON.parse(reply.body).data.items,
    });
    expect(fields(global?.[1] ?? [])).toMatchObject({ sid: ideal.id, seid: sessionEntryId });
    expect(await direct.hget(k.session, 'a:cart_adds')).toBe('1');
    expect(Number(await direct.hget(k.stats, 'cart_adds'))).toBeGreaterThan(0);
    expect(await direct.zscore(k.active, ideal.id)).not.toBeNull();
    // The keys that exist slid (a session with no topics has no topics key).
    for (const key of [k.session, k.cart, k.events]) {
      expect(await direct.pttl(key)).toBeGreaterThan(0);
    }
  });

  it('refuses a wrong token and an unknown session, writing nothing', async () => {
    const ideal = { id: 's_ideal-refuses', token: 'owner-token' };
    await baselineSession(ideal.id, ideal.token);
    const sku = loadDemoProducts()[0]?.sku ?? '';
    expect((await add(baseline.port, ideal.id, 'not-the-token', sku, 1)).status).toBe(403);
    expect((await add(baseline.port, 's_ideal-nobody', 'x', sku, 1)).status).toBe(404);
    expect(await direct.hlen(idealKeys(PREFIX, ideal.id).cart)).toBe(0);
  });
});
