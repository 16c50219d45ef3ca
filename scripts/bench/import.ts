/**
 * Catalog import benchmark: 100,000 products read from disk and mapped onto the product model
 * (loadCatalogSource: format detection, platform reader, tolerant mapping, prices, currency,
 * category paths), beside a baseline of the library alone on the same file in the same run
 * (Papa Parse, the importer's CSV reader, to plain objects with no mapping; JSON.parse per line
 * for JSON Lines). Figures are wall-clock, best of two runs, on a shared machine: the table's
 * header line gives the load average.
 *
 * Three catalogs of 100,000 products, written to a temporary directory:
 * - generated: catalog/generate.ts products as JSON Lines;
 * - amazon x68: the kit's amazon-in-electronics file repeated to 100,000 rows (ids made unique);
 * - ocado x11: the kit's Ocado products file repeated to 100,000 rows, with the shipped mapping
 *   (sku by pattern, two joined files).
 * The kit catalogs are skipped (with a note) when ../shared/catalogs is not there.
 *
 *   pnpm exec tsx scripts/bench/import.ts
 */
import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Papa from 'papaparse';
import { createCatalog } from '../../server/src/catalog/catalog';
import { loadCatalogSource } from '../../server/src/catalog/catalog-source';
import { generateProducts } from '../../server/src/catalog/generate';
import { type CatalogMapping, loadMapping } from '../../server/src/catalog/mapping';
import { isMain, runAlone, withTarget } from './common';
import { type BenchRow, compared } from './report';

const N = 100_000;
const TARGET_MS = 5000;
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const KIT = join(ROOT, '../shared/catalogs');

interface Case {
  name: string;
  /** The file (or directory) loadCatalogSource reads. */
  path: string;
  /** The product file itself, for the baseline. */
  file: string;
  kind: 'csv' | 'jsonl';
  mapping?: CatalogMapping;
}

/** The lines of a CSV file after its header, each record whole (quoted newlines kept). */
function csvRecords(text: string): { header: string; rows: string[][] } {
  const [header, ...rows] = Papa.parse<string[]>(text.replace(/^\uFEFF/, '')).data;
  return { header: (header ?? []).map(quote).join(','), rows };
}

function quote(cell: string): string {
  return /[",\n\r]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

/** A kit CSV repeated to N rows; `unique` rewrites the key cell of each copy. */
async function repeated(
  source: string,
  unique: (cell: string, copy: number) => string,
  keyColumn: string,
): Promise<string> {
  const { header, rows } = csvRecords(await readFile(source, 'utf8'));
  const key = header.split(',').indexOf(keyColumn);
  const lines = [header];
  for (let i = 0; lines.length <= N; i++) {
    const row = rows[i % rows.length] ?? [];
    const copy = Math.floor(i / rows.length);
    lines.push(row.map((cell, c) => quote(c === key ? unique(cell, copy) : cell)).join(','));
  }
  return `${lines.join('\n')}\n`;
}

async function writeCases(dir: string): Promise<{ cases: Case[]; notes: string[] }> {
  const cases: Case[] = [];
  const notes: string[] = [];
  const generated = join(dir, 'generated.jsonl');
  await writeFile(
    generated,
    `${generateProducts(N, 7)
      .map((p) => JSON.stringify(p))
      .join('\n')}\n`,
  );
  cases.push({ name: 'generated (JSON Lines)', path: generated, file: generated, kind: 'jsonl' });

  const amazon = join(KIT, 'amazon-in-electronics/amazon.csv');
  if (existsSync(amazon)) {
    const file = join(dir, 'amazon-100k.csv');
    await writeFile(file, await repeated(amazon, (id, copy) => `${id}-${copy}`, 'product_id'));
    cases.push({ name: 'amazon kit file x68 (CSV)', path: file, file, kind: 'csv' });
  } else notes.push(`amazon skipped: ${amazon} not found`);

  const ocado = join(KIT, 'ocado-grocery');
  if (existsSync(ocado)) {
    const folder = join(dir, 'ocado');
    await mkdir(folder);
    for (const f of ['oc_product_extra.csv', 'oc_category.csv']) {
      await copyFile(join(ocado, f), join(folder, f));
    }
    const file = join(folder, 'oc_product_general.csv');
    await writeFile(
      file,
      await repeated(
        join(ocado, 'oc_product_general.csv'),
        // A new numeric tail per copy keeps every sku distinct; copy 0 keeps the real links.
        (link, copy) => (copy === 0 ? link : `${link}${copy}`),
        'product_link',
      ),
    );
    const mapping = loadMapping(join(ROOT, 'catalog-mappings/ocado-grocery.json'));
    cases.push({ name: 'ocado kit dir x11 + mapping', path: folder, file, kind: 'csv', mapping });
  } else notes.push(`ocado skipped: ${ocado} not found`);
  return { cases, notes };
}

/** The library alone: the same file read and parsed to plain objects, no mapping. */
async function baseline(c: Case): Promise<number> {
  const text = await readFile(c.file, 'utf8');
  if (c.kind === 'csv') {
    return Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true }).data
      .length;
  }
  return text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as unknown).length;
}

async function timed<T>(run: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t0 = performance.now();
  const value = await run();
  return { ms: performance.now() - t0, value };
}

/** Best of `runs` (the first run also warms the JIT). */
async function best<T>(runs: number, run: () => Promise<T>): Promise<{ ms: number; value: T }> {
  let result = await timed(run);
  for (let i = 1; i < runs; i++) {
    const next = await timed(run);
    if (next.ms < result.ms) result = next;
  }
  return result;
}

export async function benchImport(): Promise<BenchRow[]> {
  const dir = await mkdtemp(join(tmpdir(), 'aisle-bench-import-'));
  try {
    const { cases, notes } = await writeCases(dir);
    for (const note of notes) console.log(`  note: ${note}`);
    const rows: BenchRow[] = [];
    for (const c of cases) {
      const base = await best(2, () => baseline(c));
      const load = await best(2, () => loadCatalogSource(c.path, { mapping: c.mapping }));
      const products = load.value.products.length;
      const row = compared(`import ${c.name}: ${products} products`, load.ms, 'ms', {
        name: `${c.kind === 'csv' ? 'Papa Parse' : 'JSON.parse'} only (${base.value} rows)`,
        value: base.ms,
      });
      rows.push(
        withTarget(
          row,
          `import of ${c.name} (${base.value} rows, ${products} products) under ${TARGET_MS / 1000} s`,
          // 100,000 rows each; the kit files repeat some products in their own rows (Amazon's
          // first row of a product_id wins), so fewer distinct products load.
          load.ms < TARGET_MS && base.value >= N * 0.99,
        ),
      );
      // Ready to answer: the import plus the catalog's indexes and vocabulary (createCatalog),
      // what a server does before it listens. Built once: it is the slow part on long texts.
      const build = await timed(async () =>
        createCatalog(load.value.products, { currency: load.value.currency }),
      );
      const ready = load.ms + build.ms;
      rows.push(
        withTarget(
          compared(
            `  ready to answer (import + index build ${Math.round(build.ms)} ms)`,
            ready,
            'ms',
            {
              name: 'the import alone',
              value: load.ms,
            },
          ),
          `${c.name} ready to answer (import + index) under ${TARGET_MS / 1000} s`,
          ready < TARGET_MS,
        ),
      );
    }
    return rows;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

if (isMain(import.meta.url)) runAlone(benchImport);
