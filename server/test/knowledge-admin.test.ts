/**
 * The knowledge base of a store's own catalog: no demo policy, admins list / add / delete
 * documents over REST and tRPC, and a deletion reaches every instance. On both stores.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDemoDocuments } from '../src/knowledge/demo';
import { startTestApp, type TestApp } from './support/app';
import { STORE_KINDS, useRedisServer } from './support/both-stores';

const API = '/api/v1/shopping';
const ADMIN = 'admin-token-for-knowledge-1234';
const redis = useRedisServer();

const dir = mkdtempSync(join(tmpdir(), 'aisle-knowledge-'));
const CATALOG = join(dir, 'shop.csv');
writeFileSync(
  CATALOG,
  [
    'sku,name,brand,category,price,description',
    'T-1,Yorkshire Tea 80 Tea Bags,Yorkshire Tea,Tea,3.50,A proper brew.',
    'B-1,Fairtrade Bananas,,Fruit,2.30,Loose bananas.',
  ].join('\n'),
);
const STORE_DOCS = join(dir, 'policies.json');
writeFileSync(
  STORE_DOCS,
  JSON.stringify([
    {
      id: 'returns',
      title: 'Returns',
      text: 'Unopened groceries can be returned within 14 days for a full refund.',
    },
  ]),
);

/** Every sentence of the bundled demo policies: none may ever reach a store's own answers. */
const DEMO_SENTENCES = loadDemoDocuments().flatMap((d) =>
  d.text.split(/(?<=[.!?])\s+/).filter((s) => s.length > 30),
);

const ask = async (app: TestApp, q: string) =>
  (await app.rest('POST', `${API}/query`, { body: { q } })).body.data;

const trpc = async (app: TestApp, path: string, input?: unknown, token = ADMIN) => {
  const init: RequestInit =
    input === undefined
      ? { headers: { authorization: `Bearer ${token}` } }
      : {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify({ json: input }),
        };
  const r = await fetch(`${app.url}/trpc/${path}`, init);
  const body = (await r.json()) as { result?: { data: { json: unknown } }; error?: unknown };
  return { status: r.status, data: body.result?.data.json, error: body.error };
};

describe.each(STORE_KINDS)("a store's own knowledge base on the %s store", (kind) => {
  const env = (extra: Record<string, string> = {}) => ({
    ADMIN_TOKEN: ADMIN,
    CATALOG_FILE: CATALOG,
    ...(kind === 'redis' ? { REDIS_URL: redis().url } : {}),
    ...extra,
  });

  it('answers a policy question plainly, never with demo policy, when the store gave none', async () => {
    await using app = await startTestApp(env());
    const list = await app.rest('GET', `${API}/documents`, { token: ADMIN });
    expect(list.body.data).toEqual({ count: 0, documents: [] });
    for (const [q, topic] of [
      ['What is your return policy?', 'return policy'],
      ['How long does shipping take?', 'shipping policy'],
      ['Do you price match?', 'price-match policy'],
    ] as const) {
      const data = await ask(app, q);
      expect(data.intent).toBe('faq');
      expect(data.sources).toEqual([]);
      expect(data.answer.startsWith(`I don't have this store's ${topic}`)).toBe(true);
      for (const s of DEMO_SENTENCES) expect(data.answer).not.toContain(s);
    }
  });

  it('lists, adds and deletes documents over REST, answering only from what is there', async () => {
    await using app = await startTestApp(env());
    const added = await app.rest('POST', `${API}/add-documents`, {
      token: ADMIN,
      body: [
        {
          id: 'shipping',
          title: 'Delivery',
          text: 'We deliver across the UK in 2 days for £3.99.',
        },
        { id: 'payment', text: 'We take Visa and Mastercard.' },
      ],
    });
    expect(added.body.data).toEqual({ count: 2, processed_ids: ['shipping', 'payment'] });
    const list = await app.rest('GET', `${API}/documents`, { token: ADMIN });
    expect(list.status).toBe(200);
    expect(list.body.data.count).toBe(2);
    expect(list.body.data.documents).toEqual([
      { id: 'payment', title: 'Payment', chars: 28, updated_at: expect.any(String) },
      { id: 'shipping', title: 'Delivery', chars: 45, updated_at: expect.any(String) },
    ]);
    expect(Date.parse(list.body.data.documents[0].updated_at)).toBeGreaterThan(Date.now() - 60_000);
    expect((await ask(app, 'How long does delivery take?')).answer).toContain('2 days for £3.99');

    const deleted = await app.rest('POST', `${API}/delete-documents`, {
      token: ADMIN,
      body: { ids: ['shipping', 'nope'] },
    });
    expect(deleted.status).toBe(200);
    expect(deleted.body.data).toEqual({ count: 1, deleted_ids: ['shipping'], not_found: ['nope'] });
    const after = await ask(app, 'How long does delivery take?');
    expect(after.sources).toEqual([]);
    expect(after.answer).toMatch(/^I don't have this store's shipping policy/);
    expect((await app.rest('GET', `${API}/documents`, { token: ADMIN })).body.data.count).toBe(1);
  });

  it('guards the admin routes and validates the ids, naming the field', async () => {
    await using app = await startTestApp(env());
    expect((await app.rest('GET', `${API}/documents`)).status).toBe(401);
    expect(
      (await app.rest('GET', `${API}/documents`, { token: 'wrong-token-xxxxxxxxxx' })).status,
    ).toBe(403);
    const anonymous = await app.rest('POST', `${API}/delete-documents`, { body: { ids: ['a'] } });
    expect(anonymous.status).toBe(401);
    const empty = await app.rest('POST', `${API}/delete-documents`, {
      token: ADMIN,
      body: { ids: [] },
    });
    expect(empty.status).toBe(400);
    expect(empty.body.error.issues[0]).toMatchObject({
      path: 'ids',
      message: 'ids must hold at least one id',
    });
    const blank = await app.rest('POST', `${API}/delete-documents`, {
      token: ADMIN,
      body: { ids: [' '] },
    });
    expect(blank.status).toBe(400);
    expect(blank.body.error.issues[0].path).toBe('ids.0');
  });

  it('lists and deletes over tRPC too', async () => {
    await using app = await startTestApp(env());
    await app.rest('POST', `${API}/add-documents`, {
      token: ADMIN,
      body: [{ id: 'a', text: 'Alpha.' }],
    });
    const list = await trpc(app, 'admin.documents');
    expect(list.status).toBe(200);
    expect(list.data).toMatchObject({ count: 1, documents: [{ id: 'a', title: 'A', chars: 6 }] });
    expect((await trpc(app, 'admin.documents', undefined, 'wrong-token-xxxxxxxxxx')).status).toBe(
      403,
    );
    const deleted = await trpc(app, 'admin.deleteDocuments', { ids: ['a'] });
    expect(deleted.data).toEqual({ count: 1, deleted_ids: ['a'], not_found: [] });
    expect((await trpc(app, 'admin.documents')).data).toEqual({ count: 0, documents: [] });
  });

  it("seeds the store's own KNOWLEDGE_FILE and answers from it", async () => {
    await using app = await startTestApp(env({ KNOWLEDGE_FILE: STORE_DOCS }));
    const data = await ask(app, 'What is your return policy?');
    expect(data.sources).toEqual([{ id: 'returns', title: 'Returns' }]);
    expect(data.answer).toContain('within 14 days');
    const list = await app.rest('GET', `${API}/documents`, { token: ADMIN });
    expect(list.body.data.documents.map((d: { id: string }) => d.id)).toEqual(['returns']);
  });
});

describe('the demo knowledge base belongs to the demo catalog', () => {
  it('is seeded for the demo catalog', async () => {
    await using app = await startTestApp({ ADMIN_TOKEN: ADMIN });
    const list = await app.rest('GET', `${API}/documents`, { token: ADMIN });
    expect(list.body.data.count).toBe(loadDemoDocuments().length);
    expect((await ask(app, 'What is your return policy?')).sources.length).toBeGreaterThan(0);
  });

  it('is removed from a shared Redis when the store switches to its own catalog', async () => {
    const shared = {
      ADMIN_TOKEN: ADMIN,
      REDIS_URL: redis().url,
      REDIS_PREFIX: `k${Date.now() % 1e8}`,
    };
    {
      await using demo = await startTestApp(shared);
      await demo.rest('POST', `${API}/add-documents`, {
        token: ADMIN,
        body: [{ id: 'own', text: 'Our own.' }],
      });
    }
    await using store = await startTestApp({ ...shared, CATALOG_FILE: CATALOG });
    const list = await store.rest('GET', `${API}/documents`, { token: ADMIN });
    expect(list.body.data.documents.map((d: { id: string }) => d.id)).toEqual(['own']);
    const data = await ask(store, 'What is your return policy?');
    expect(data.sources).toEqual([]);
    for (const s of DEMO_SENTENCES) expect(data.answer).not.toContain(s);
  });
});

describe('a deletion reaches every instance', () => {
  it('stops the other instance answering from a deleted document', async () => {
    const shared = {
      ADMIN_TOKEN: ADMIN,
      CATALOG_FILE: CATALOG,
      REDIS_URL: redis().url,
      REDIS_PREFIX: `m${Date.now() % 1e8}`,
    };
    await using a = await startTestApp(shared);
    await using b = await startTestApp(shared);
    await a.rest('POST', `${API}/add-documents`, {
      token: ADMIN,
      body: [{ id: 'warranty', title: 'Warranty', text: 'Every kettle has a 2-year warranty.' }],
    });
    const fromB = async () => (await ask(b, 'Is there a warranty?')).sources as unknown[];
    await expect
      .poll(fromB, { timeout: 5000, interval: 200 })
      .toEqual([{ id: 'warranty', title: 'Warranty' }]);
    await a.rest('POST', `${API}/delete-documents`, { token: ADMIN, body: { ids: ['warranty'] } });
    await expect.poll(fromB, { timeout: 5000, interval: 200 }).toEqual([]);
    expect((await ask(b, 'Is there a warranty?')).answer).toMatch(
      /^I don't have this store's warranty terms/,
    );
  });
});
