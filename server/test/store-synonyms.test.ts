/**
 * A store's own synonyms on a small garden-shop catalog (not the demo): a shopper's word the
 * store never uses finds nothing until an admin says what it means, over REST and tRPC, and
 * every instance on the same Redis follows the change without a restart. On both stores.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config';
import { startTestApp, type TestApp } from './support/app';
import { STORE_KINDS, useRedisServer } from './support/both-stores';

const API = '/api/v1/shopping';
const ADMIN = 'admin-token-for-synonyms-1234';
const redis = useRedisServer();

const dir = mkdtempSync(join(tmpdir(), 'aisle-synonyms-'));
const CATALOG = join(dir, 'garden.csv');
writeFileSync(
  CATALOG,
  [
    'sku,name,brand,category,price,description',
    'S-1,Bypass Secateurs 20mm,Greenblade,Secateurs,24.99,Sharp steel blades for live stems.',
    'S-2,Anvil Secateurs,Greenblade,Secateurs,19.50,Cuts dry wood cleanly.',
    'H-1,Hedge Shears 25cm,Greenblade,Shears,29.00,Long blades for hedges.',
    'W-1,Watering Can 10L,Rainbrook,Watering,12.00,Galvanised steel with a rose.',
    'K-1,Kneeling Pad,Rainbrook,Accessories,8.00,Soft foam for weeding.',
    'B-1,Oak Trug 40L,Rainbrook,Baskets,34.00,A wooden basket for the harvest.',
  ].join('\n'),
);
const SYNONYMS_FILE = join(dir, 'synonyms.json');
writeFileSync(SYNONYMS_FILE, JSON.stringify({ synonyms: [['pruner', 'secateurs']] }));

const QUESTION = 'Do you have any pruners?';
const SECATEURS = ['S-1', 'S-2'];

const skusFor = async (app: TestApp, q = QUESTION): Promise<string[]> => {
  const r = await app.rest('POST', `${API}/query`, { body: { q } });
  expect(r.status).toBe(200);
  return (r.body.data.products as { sku: string }[]).map((p) => p.sku).sort();
};

const trpc = async (app: TestApp, path: string, input?: unknown) => {
  const headers = { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' };
  const r = await fetch(
    `${app.url}/trpc/${path}`,
    input === undefined
      ? { headers }
      : { method: 'POST', headers, body: JSON.stringify({ json: input }) },
  );
  const body = (await r.json()) as { result?: { data: { json: unknown } }; error?: unknown };
  return { status: r.status, data: body.result?.data.json, error: body.error };
};

describe.each(STORE_KINDS)("a store's own synonyms on the %s store", (kind) => {
  const env = (extra: Record<string, string> = {}) => ({
    ADMIN_TOKEN: ADMIN,
    CATALOG_FILE: CATALOG,
    ...(kind === 'redis' ? { REDIS_URL: redis().url } : {}),
    ...extra,
  });

  it('finds nothing for a word the store never uses, then the right products once set over REST', async () => {
    await using app = await startTestApp(env());
    expect(await skusFor(app)).toEqual([]);
    const empty = await app.rest('GET', `${API}/synonyms`, { token: ADMIN });
    expect(empty.status).toBe(200);
    expect(empty.body.data).toEqual({ synonyms: [], kinds: {}, version: 0 });

    const set = await app.rest('POST', `${API}/set-synonyms`, {
      token: ADMIN,
      body: { synonyms: [['Pruner', 'Secateurs']] },
    });
    expect(set.status).toBe(200);
    expect(set.body.data).toEqual({
      synonyms: [['Pruner', 'Secateurs']],
      kinds: {},
      version: expect.any(Number),
    });
    expect(set.body.data.version).toBeGreaterThan(0);
    // The same question, asked again: not the cached "nothing" of the old synonyms.
    expect(await skusFor(app)).toEqual(SECATEURS);
    expect(await skusFor(app, 'pruners under 20')).toEqual(['S-2']);

    const cleared = await app.rest('POST', `${API}/set-synonyms`, {
      token: ADMIN,
      body: { synonyms: [] },
    });
    expect(cleared.body.data.version).toBeGreaterThan(set.body.data.version);
    expect(await skusFor(app)).toEqual([]);
  });

  it('reads and replaces them over tRPC, one-way kinds included', async () => {
    await using app = await startTestApp(env());
    expect(await skusFor(app, 'do you sell cutting tools?')).toEqual([]);
    const set = await trpc(app, 'admin.setSynonyms', {
      kinds: { 'cutting tool': ['secateurs', 'shears'] },
    });
    expect(set.status).toBe(200);
    expect(set.data).toMatchObject({
      synonyms: [],
      kinds: { 'cutting tool': ['secateurs', 'shears'] },
    });
    expect(await skusFor(app, 'do you sell cutting tools?')).toEqual(['H-1', 'S-1', 'S-2']);
    // One way: "shears" does not find every cutting tool.
    expect(await skusFor(app, 'shears')).toEqual(['H-1']);
    const list = await trpc(app, 'admin.synonyms');
    expect(list.data).toEqual(set.data);
  });

  it('guards the routes and names the entry at fault', async () => {
    await using app = await startTestApp(env());
    expect((await app.rest('GET', `${API}/synonyms`)).status).toBe(401);
    expect(
      (await app.rest('POST', `${API}/set-synonyms`, { body: { synonyms: [['a', 'b']] } })).status,
    ).toBe(401);
    expect((await trpc(app, 'admin.synonyms')).status).toBe(200);
    const lone = await app.rest('POST', `${API}/set-synonyms`, {
      token: ADMIN,
      body: { synonyms: [['pruner', 'secateurs'], ['tee']] },
    });
    expect(lone.status).toBe(400);
    expect(lone.body.error.issues[0]).toMatchObject({
      path: 'synonyms.1',
      message: 'a group needs at least two words',
    });
    const unknown = await app.rest('POST', `${API}/set-synonyms`, {
      token: ADMIN,
      body: { groups: [['a', 'b']] },
    });
    expect(unknown.status).toBe(400);
    expect((await app.rest('GET', `${API}/synonyms`, { token: ADMIN })).body.data.version).toBe(0);
  });

  it('seeds SYNONYMS_FILE into a store that has none', async () => {
    await using app = await startTestApp(env({ SYNONYMS_FILE }));
    expect(await skusFor(app)).toEqual(SECATEURS);
    const list = await app.rest('GET', `${API}/synonyms`, { token: ADMIN });
    expect(list.body.data.synonyms).toEqual([['pruner', 'secateurs']]);
  });
});

describe('instances sharing one Redis', () => {
  it('each picks up another instance’s change without a restart, and a restart keeps it', async () => {
    const shared = {
      ADMIN_TOKEN: ADMIN,
      CATALOG_FILE: CATALOG,
      REDIS_URL: redis().url,
      REDIS_PREFIX: `syn${Date.now() % 1e8}`,
    };
    await using first = await startTestApp(shared);
    await using second = await startTestApp(shared);
    expect(await skusFor(first)).toEqual([]);
    expect(await skusFor(second)).toEqual([]);

    await first.rest('POST', `${API}/set-synonyms`, {
      token: ADMIN,
      body: { synonyms: [['pruner', 'secateurs']] },
    });
    expect(await skusFor(first)).toEqual(SECATEURS);
    // The second instance checks the version every 2 s; its cached "nothing" is not served after.
    await expect.poll(() => skusFor(second), { timeout: 6000, interval: 250 }).toEqual(SECATEURS);

    const viaTrpc = await trpc(second, 'admin.setSynonyms', { synonyms: [] });
    expect(viaTrpc.status).toBe(200);
    await expect.poll(() => skusFor(first), { timeout: 6000, interval: 250 }).toEqual([]);

    // The file seeds only a store without synonyms: an admin's (even empty) set stays.
    await using third = await startTestApp({ ...shared, SYNONYMS_FILE });
    expect(await skusFor(third)).toEqual([]);
  });
});

describe('SYNONYMS_FILE', () => {
  it('fails start-up naming the entry at fault', () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(
      bad,
      JSON.stringify({
        synonyms: [
          ['pruner', 'secateurs'],
          ['hoe', '  '],
        ],
      }),
    );
    expect(() => loadConfig({ SYNONYMS_FILE: bad })).toThrow(ConfigError);
    expect(() => loadConfig({ SYNONYMS_FILE: bad })).toThrow(
      /SYNONYMS_FILE.*synonyms\[1\]\[1\] \(" {2}"\): must not be empty/,
    );
    expect(() => loadConfig({ SYNONYMS_FILE: join(dir, 'missing.json') })).toThrow(
      /SYNONYMS_FILE: cannot read/,
    );
  });
});
