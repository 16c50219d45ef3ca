import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
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
    expect(stdout).toMatch(/Categories \(2\):\n\s+smartphone\s+2\n\s+blenders\s+1/);
    expect(stdout).toMatch(/Brands \(3\):/);
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
    expect(stdout).toMatch(/Categories \(12\)/);
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
