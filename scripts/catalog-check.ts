/**
 * Checks a store's catalog the way the server would load it, without starting anything.
 *
 *   pnpm catalog:check FILE|DIR [--mapping MAPPING.json|'{...}'] [--currency ISO]
 *
 * Prints the format, the files of a directory and what each was used for, how many products
 * loaded, per-field coverage (brand, category path, stock, availability, rating, description,
 * attributes...), the currency, the category tree's top levels with their leaves, the brands,
 * warnings for facts answers will not state, and the skipped rows with their reasons (counted
 * by kind when there are many). `--mapping` and `--currency` stand for CATALOG_MAPPING and
 * CATALOG_CURRENCY. Exit code 1 when the catalog cannot be read or parsed, the mapping is
 * invalid, or no product loads; 0 otherwise (skipped rows alone are not a failure).
 */
import type { Product } from '@aisle/shared';
import { createCatalog } from '../server/src/catalog/catalog';
import { type LoadedCatalog, loadCatalogSource } from '../server/src/catalog/catalog-source';
import { FIELD_DEFAULTS } from '../server/src/catalog/fields';
import { CatalogLoadError } from '../server/src/catalog/load-errors';
import { type CatalogMapping, loadMapping, MappingError } from '../server/src/catalog/mapping';
import { isoCurrency } from '../server/src/catalog/price';

function countBy(values: readonly string[]): [string, number][] {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

const formatCounts = (counts: readonly (readonly [string, number | string])[]): string =>
  counts.map(([value, n]) => `  ${value.padEnd(32)} ${String(n).padStart(8)}`).join('\n');

/** Skipped rows listed one by one; past this, counted by kind. */
const SKIPS_LISTED = 20;
/** Brands and top-level categories listed; past this, "... and N more". */
const LISTED = 25;

/** A reason without the row's own details: "variant of MH01" -> "variant of". */
const kindOf = (reason: string): string => reason.split(' ').slice(0, 2).join(' ');

const percent = (n: number, total: number): string =>
  total === 0 ? '0%' : `${Math.round((n / total) * 100)}%`;

/** The fields answers may state, and whether a product has each. */
const COVERAGE: readonly [string, (p: Product) => boolean][] = [
  ['brand', (p) => p.brand !== ''],
  ['category path', (p) => (p.category_path?.length ?? 0) > 0],
  ['stock (a count)', (p) => p.stock !== undefined],
  ['availability', (p) => p.availability !== undefined],
  ['rating', (p) => p.rating !== undefined],
  ['rating count', (p) => p.rating_count !== undefined],
  ['description', (p) => p.description !== ''],
  ['attributes', (p) => Object.keys(p.attributes ?? {}).length > 0],
  ['currency', (p) => p.currency !== undefined],
  ['url', (p) => p.url !== undefined],
  ['image', (p) => p.image !== undefined],
];

function coverageLines(products: readonly Product[]): string[] {
  const lines = ['', 'Coverage (products with the field):'];
  for (const [name, has] of COVERAGE) {
    const n = products.filter(has).length;
    lines.push(
      `  ${name.padEnd(18)} ${String(n).padStart(8)} / ${products.length}  ${percent(n, products.length)}`,
    );
  }
  return lines;
}

/** Top levels of the category tree with their products and distinct leaves. */
function categoryLines(products: readonly Product[]): string[] {
  const tops = new Map<string, { products: number; leaves: Set<string> }>();
  const leaves = new Set<string>();
  for (const p of products) {
    const top = p.category_path?.[0] ?? p.category;
    const entry = tops.get(top) ?? { products: 0, leaves: new Set<string>() };
    entry.products += 1;
    entry.leaves.add(p.category);
    leaves.add(p.category_path ? p.category_path.join(' > ') : p.category);
    tops.set(top, entry);
  }
  const sorted = [...tops].sort(
    (a, b) => b[1].products - a[1].products || a[0].localeCompare(b[0]),
  );
  const lines = [
    '',
    `Categories: ${tops.size} top levels, ${leaves.size} leaves (top level, products, leaves):`,
  ];
  for (const [top, entry] of sorted.slice(0, LISTED)) {
    lines.push(
      `  ${top.padEnd(32)} ${String(entry.products).padStart(8)} ${String(entry.leaves.size).padStart(6)}`,
    );
  }
  if (sorted.length > LISTED) lines.push(`  ... and ${sorted.length - LISTED} more`);
  return lines;
}

function brandLines(products: readonly Product[]): string[] {
  const brands = countBy(products.map((p) => p.brand || '(none)'));
  const lines = ['', `Brands (${brands.length}):`, formatCounts(brands.slice(0, LISTED))];
  if (brands.length > LISTED) lines.push(`  ... and ${brands.length - LISTED} more`);
  return lines;
}

function currencyLine(loaded: LoadedCatalog): string {
  const { currency, currencySource, products } = loaded;
  if (currencySource === 'CATALOG_CURRENCY') return `Currency:   ${currency} (CATALOG_CURRENCY)`;
  if (!currency) return 'Currency:   none stated in the file (set CATALOG_CURRENCY; USD assumed)';
  const n = products.filter((p) => p.currency === currency).length;
  return `Currency:   ${currency} (detected: ${n} of ${products.length} prices say so)`;
}

/** Facts answers will not state, because the store's data lacks them. */
function warnings(loaded: LoadedCatalog): string[] {
  const { products } = loaded;
  const none = (has: (p: Product) => boolean) => !products.some(has);
  const out: string[] = [];
  if (none((p) => p.stock !== undefined) && none((p) => p.availability !== undefined)) {
    out.push('no stock column: availability will not be stated');
  } else if (none((p) => p.stock !== undefined)) {
    out.push('no stock count: availability is stated, quantities are not');
  }
  if (none((p) => p.rating !== undefined)) out.push('no rating: ratings will not be stated');
  else out.push(...partly(products, 'rating', (p) => p.rating !== undefined));
  if (none((p) => p.brand !== '')) out.push('no brand: brand questions cannot be answered');
  else out.push(...partly(products, 'brand', (p) => p.brand !== ''));
  if (none((p) => (p.category_path?.length ?? 0) > 0 || p.category !== FIELD_DEFAULTS.category)) {
    out.push('no category: products are found by their names and descriptions only');
  }
  if (none((p) => p.description !== '')) out.push('no description: answers show names only');
  if (loaded.currencySource === 'none') {
    out.push('no currency in the file: prices are shown in USD unless CATALOG_CURRENCY is set');
  }
  return out;
}

/** A field most products lack: say so, since answers stay silent for those products. */
function partly(
  products: readonly Product[],
  field: string,
  has: (p: Product) => boolean,
): string[] {
  const n = products.filter(has).length;
  if (n * 2 >= products.length) return [];
  return [
    `${field} on ${n} of ${products.length} products only (${percent(n, products.length)}): the others are shown without one`,
  ];
}

function fileLines(loaded: LoadedCatalog): string[] {
  if (loaded.files.length <= 1) return [];
  const lines = ['', `Files (${loaded.files.length}):`];
  for (const f of loaded.files) {
    const counts = f.role === 'products' ? ` ${f.products} products, ${f.skipped} skipped` : '';
    lines.push(`  ${f.role.padEnd(8)} ${f.file}${counts}${f.detail ? `: ${f.detail}` : ''}`);
  }
  return lines;
}

function skippedLines(loaded: LoadedCatalog): string[] {
  const { skipped } = loaded;
  if (skipped.length === 0) return [];
  const lines = ['', `Skipped rows (${skipped.length}):`];
  // A platform export can skip thousands of rows (each variant of a product): their kinds
  // counted, then the first few as examples, instead of a wall of lines.
  if (skipped.length > SKIPS_LISTED) {
    lines.push(formatCounts(countBy(skipped.map((s) => kindOf(s.reason)))), '');
  }
  for (const s of skipped.slice(0, SKIPS_LISTED)) {
    lines.push(`  ${s.file ? `${s.file} ` : ''}row ${s.row}: ${s.reason}`);
  }
  if (skipped.length > SKIPS_LISTED) lines.push(`  ... and ${skipped.length - SKIPS_LISTED} more`);
  return lines;
}

function report(path: string, loaded: LoadedCatalog): string {
  const { products, skipped, format } = loaded;
  const lines = [
    `Source:     ${path}`,
    `Format:     ${format}`,
    `Products:   ${products.length} loaded, ${skipped.length} skipped`,
  ];
  lines.push(...fileLines(loaded));
  if (products.length > 0) {
    const catalog = createCatalog(products, { currency: loaded.currency });
    lines.push(`Version:    ${catalog.version}`, currencyLine(loaded));
    lines.push(...coverageLines(products), ...categoryLines(products), ...brandLines(products));
    const warned = warnings(loaded);
    if (warned.length > 0) lines.push('', 'Warnings:', ...warned.map((w) => `  - ${w}`));
  }
  lines.push(...skippedLines(loaded));
  return lines.join('\n');
}

interface Args {
  path: string;
  mapping?: CatalogMapping;
  currency?: string;
}

const USAGE =
  'usage: pnpm catalog:check FILE|DIR [--mapping FILE.json|JSON] [--currency ISO]\n' +
  '  (JSON, JSON Lines, CSV/TSV, Shopify / Magento CSV, Google Merchant XML/TSV, or a directory of them)';

function parseArgs(argv: readonly string[]): Args | string {
  const rest = [...argv];
  let path: string | undefined;
  let mapping: CatalogMapping | undefined;
  let currency: string | undefined;
  while (rest.length > 0) {
    const arg = rest.shift() ?? '';
    const [flag, inline] = arg.startsWith('--') ? arg.split(/=(.*)/s) : [arg];
    const value = (): string | undefined => inline ?? rest.shift();
    if (flag === '--mapping') {
      const source = value();
      if (!source) return USAGE;
      mapping = loadMapping(source);
    } else if (flag === '--currency') {
      currency = isoCurrency(value());
      if (!currency) return `catalog:check: --currency must be an ISO 4217 code\n${USAGE}`;
    } else if (!arg.startsWith('--') && path === undefined) {
      path = arg;
    } else return USAGE;
  }
  return path ? { path, mapping, currency } : USAGE;
}

async function main(argv: readonly string[]): Promise<number> {
  let args: Args | string;
  let loaded: LoadedCatalog;
  try {
    args = parseArgs(argv);
    if (typeof args === 'string') {
      console.error(args);
      return 1;
    }
    loaded = await loadCatalogSource(args.path, { mapping: args.mapping, currency: args.currency });
  } catch (error) {
    if (error instanceof CatalogLoadError || error instanceof MappingError) {
      console.error(`catalog:check: ${error.message}`);
      return 1;
    }
    throw error;
  }
  console.log(report(args.path, loaded));
  if (loaded.products.length === 0) {
    console.error('\ncatalog:check: no usable products in this catalog');
    return 1;
  }
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
