/**
 * The runner end to end on a small store written to a temporary kit: the real catalog loader,
 * the memory store, the local provider, no seed documents. Expectations here are chosen to
 * hold whatever the assistant's quality (that is what the eval measures, not this test).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadSet } from './load-sets';
import { runSet } from './run-set';
import { truthOf } from './truth';
import type { CatalogSet } from './types';

const kit = mkdtempSync(join(tmpdir(), 'aisle-eval-'));
afterAll(() => rmSync(kit, { recursive: true, force: true }));

const CSV = `sku,name,price,brand,category,description,rating,stock
n1,Silver Chain Necklace,24.5,Sterling,Necklaces,A thin silver chain,4.5,3
n2,Gold Pendant Necklace,80,Aurum,Necklaces,A gold pendant,4.1,0
e1,Pearl Earrings,35,Sterling,Earrings,Freshwater pearls,3.8,12
`;
mkdirSync(join(kit, 'tiny-store'));
writeFileSync(join(kit, 'tiny-store', 'products.csv'), CSV);

const tinySet: CatalogSet = {
  name: 'tiny-store',
  file: 'products.csv',
  readTruth: () =>
    truthOf(
      [
        { sku: 'n1', name: 'Silver Chain Necklace', price: 24.5, rating: 4.5, stock: 3 },
        { sku: 'n2', name: 'Gold Pendant Necklace', price: 80, rating: 4.1, stock: 0 },
        { sku: 'e1', name: 'Pearl Earrings', price: 35, rating: 3.8, stock: 12 },
      ].map((p) => ({ ...p, categoryPath: [], text: '', attributes: {} })),
      'USD',
    ),
  cases: [
    { id: 'hello', kind: 'greeting', turns: [{ ask: 'hello', expect: {} }] },
    {
      id: 'policy',
      kind: 'policy',
      turns: [{ ask: 'what is your return policy?', expect: { policyUnknown: true } }],
    },
    {
      id: 'chain',
      kind: 'follow-up',
      turns: [
        { ask: 'necklaces', expect: {} },
        // A predicate no truth product satisfies: always a `set` failure.
        { ask: 'and rings?', expect: { match: (p) => p.name.includes('Ring') } },
        // A predicate that throws: a `set` failure on its turn, the case goes on.
        {
          ask: 'earrings',
          expect: {
            all: () => {
              throw new Error('predicate bug');
            },
          },
        },
      ],
    },
  ],
};

describe('runSet', () => {
  it('asks every turn through the services and scores them', async () => {
    const result = await runSet(tinySet, { kit, root: process.cwd() });
    expect(result.error).toBeUndefined();
    expect(result.total).toBe(5);
    expect(result.turns.map((t) => `${t.caseId}#${t.turn}`)).toEqual([
      'hello#1',
      'policy#1',
      'chain#1',
      'chain#2',
      'chain#3',
    ]);
    for (const t of result.turns) expect(t.answer?.answer).not.toBe('');
    const rings = result.turns[3];
    expect(rings?.findings.map((f) => f.check)).toContain('set');
    expect(result.turns[4]?.findings).toContainEqual({
      check: 'set',
      detail: 'an expectation threw: predicate bug',
    });
    expect(result.passed).toBeLessThanOrEqual(3);
    // No demo documents are seeded: a policy question cites nothing.
    expect(result.turns[1]?.answer?.sources).toEqual([]);
  });

  it('reports a catalog that does not load, without throwing', async () => {
    const result = await runSet({ ...tinySet, file: 'missing.csv' }, { kit, root: process.cwd() });
    expect(result.error).toMatch(/catalog did not load/);
    expect(result.passed).toBe(0);
    expect(result.total).toBe(5);
  });

  it('reports a set whose truth cannot be read', async () => {
    const broken: CatalogSet = {
      ...tinySet,
      readTruth: () => {
        throw new Error('no such column');
      },
    };
    const result = await runSet(broken, { kit, root: process.cwd() });
    expect(result.error).toMatch(/readTruth failed: no such column/);
  });
});

describe('loadSet', () => {
  const write = (file: string, text: string): string => {
    const path = join(kit, file);
    writeFileSync(path, text);
    return path;
  };

  it('loads a module that default-exports a CatalogSet of that name', async () => {
    const path = write(
      'ok.mjs',
      "export default { name: 'ok', file: 'x.csv', readTruth() {}, cases: [] };",
    );
    const loaded = await loadSet('ok', path);
    expect('set' in loaded && loaded.set.file).toBe('x.csv');
  });

  it('reports a missing, broken, misnamed or wrong-shaped set instead of throwing', async () => {
    expect(await loadSet('gone', join(kit, 'gone.mjs'))).toMatchObject({ error: /missing/ });
    const throws = write('throws.mjs', "throw new Error('syntax gone wrong');");
    expect(await loadSet('throws', throws)).toMatchObject({ error: /syntax gone wrong/ });
    const named = write(
      'named.mjs',
      "export const set = { name: 'named', file: 'x', readTruth() {}, cases: [] };",
    );
    expect(await loadSet('named', named)).toMatchObject({ error: /default-export/ });
    const other = write(
      'other.mjs',
      "export default { name: 'other-name', file: 'x', readTruth() {}, cases: [] };",
    );
    expect(await loadSet('other', other)).toMatchObject({ error: /calls itself/ });
  });
});
