import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const tsx = join(root, 'node_modules/tsx/dist/cli.mjs');
const script = join(root, 'scripts/catalog-check.ts');

/** Runs `pnpm catalog:check ...args` the way the root script does (tsx, no server). */
function catalogCheck(
  ...args: string[]
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [tsx, script, ...args], { cwd: root }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

describe('scripts/catalog-check.ts', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'aisle-catalog-check-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('exits 0 and reports format, counts and every skipped row with its reason', async () => {
    const file = join(dir, 'store.csv');
    await writeFile(
      file,
      [
        'SKU,Title,Price,Category,Brand',
        'A-1,Galaxy S24,799,Phones,Samsung',
        'A-2,No price,,Phones,Samsung',
        'A-3,Pixel 8,699,smartphones,Google',
        'A-1,Duplicate,10,Phones,Samsung',
        'A-4,Blender,"$99.00",Blenders,',
      ].join('\n'),
    );
    const { code, stdout } = await catalogCheck(file);
    expect(code).toBe(0);
    expect(stdout).toMatch(/Format:\s+csv/);
    expect(stdout).toMatch(/Products:\s+3 loaded, 2 skipped/);
    expect(stdout).toMatch(/Categories: 3 top levels, 3 leaves/);
    expect(stdout).toMatch(/\n\s+Blenders\s+1\s+1\n/);
    expect(stdout).toMatch(/Brands \(3\):/);
    expect(stdout).toMatch(/brand\s+2 \/ 3\s+67%/);
    expect(stdout).toMatch(/rating\s+0 \/ 3\s+0%/);
    expect(stdout).toMatch(/Currency:\s+USD \(detected: 1 of 3 prices say so\)/);
    expect(stdout).toContain('- no stock column: availability will not be stated');
    expect(stdout).toContain('- no rating: ratings will not be stated');
    expect(stdout).toContain('row 3: missing price');
    expect(stdout).toContain('row 5: duplicate sku A-1 (first seen at row 2)');
  });

  it('counts many skipped rows by kind and lists the first 20', async () => {
    const file = join(dir, 'many-skips.csv');
    const noPrice = Array.from({ length: 25 }, (_, i) => `N-${i},No price ${i},,Phones,Acme`);
    const noName = Array.from({ length: 5 }, (_, i) => `M-${i},,10,Phones,Acme`);
    await writeFile(
      file,
      ['SKU,Title,Price,Category,Brand', 'A-1,Kept,10,Phones,Acme', ...noPrice, ...noName].join(
        '\n',
      ),
    );
    const { code, stdout } = await catalogCheck(file);
    expect(code).toBe(0);
    expect(stdout).toMatch(/Skipped rows \(30\):\n\s+missing price\s+25\n\s+missing name\s+5/);
    expect(stdout).toContain('row 3: missing price');
    expect(stdout).not.toContain('row 23: missing price');
    expect(stdout).toContain('... and 10 more');
  });

  it('exits 0 for the bundled demo catalog', async () => {
    const { code, stdout } = await catalogCheck(
      join(root, 'server/src/catalog/data/demo-products.json'),
    );
    expect(code).toBe(0);
    expect(stdout).toMatch(/Format:\s+json/);
    expect(stdout).toMatch(/Categories: 12 top levels, 12 leaves/);
    expect(stdout).not.toContain('no rating');
  });

  it('checks a directory with --mapping and --currency, listing what each file was for', async () => {
    const store = join(dir, 'split');
    await mkdir(store);
    await writeFile(
      join(store, 'items.csv'),
      'title,price,link,qty\nKettle,12,https://s/kettle-7,3\nToaster,20,https://s/toaster-8,0\nMixer,30,https://s/mixer-9,1\n',
    );
    await writeFile(join(store, 'extra.csv'), 'link,maker\nhttps://s/kettle-7,Acme\n');
    await writeFile(join(store, 'notes.md'), 'hello');
    const mapping = JSON.stringify({
      fields: { sku: { column: 'link', pattern: '-(\\d+)$' } },
      joins: [{ file: 'extra.csv', on: 'link', fields: { brand: 'maker' } }],
    });
    const { code, stdout } = await catalogCheck(store, '--mapping', mapping, '--currency=eur');
    expect(code).toBe(0);
    expect(stdout).toMatch(/Products:\s+3 loaded, 0 skipped/);
    expect(stdout).toMatch(/joined\s+extra\.csv: joined on link for brand/);
    expect(stdout).toMatch(/ignored\s+notes\.md: not a catalog file \(\.md\)/);
    expect(stdout).toMatch(/products\s+items\.csv 3 products, 0 skipped/);
    expect(stdout).toMatch(/Currency:\s+EUR \(CATALOG_CURRENCY\)/);
    expect(stdout).toMatch(/stock \(a count\)\s+3 \/ 3/);
    expect(stdout).toMatch(/Acme\s+1/);
    expect(stdout).toContain(
      '- brand on 1 of 3 products only (33%): the others are shown without one',
    );

    const bad = await catalogCheck(store, '--mapping', '{"fields": {"sku": "nope"}}');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/no column "nope" in the product file/);
    expect((await catalogCheck(store, '--currency', 'bucks')).code).toBe(1);
  });

  it('exits 1 when the file is missing, unparseable, empty of products, or not given', async () => {
    const missing = await catalogCheck(join(dir, 'nope.json'));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/cannot read/);

    const bad = join(dir, 'bad.json');
    await writeFile(bad, '{"products": [');
    const unparseable = await catalogCheck(bad);
    expect(unparseable.code).toBe(1);
    expect(unparseable.stderr).toMatch(/invalid JSON/);

    const useless = join(dir, 'useless.jsonl');
    await writeFile(useless, '{"name": "no sku", "price": 1}\n{"sku": "X"}\n');
    const none = await catalogCheck(useless);
    expect(none.code).toBe(1);
    expect(none.stdout).toContain('row 1: missing sku');
    expect(none.stdout).toContain('row 2: missing name');
    expect(none.stderr).toMatch(/no usable products/);

    expect((await catalogCheck()).code).toBe(1);
  });
});
