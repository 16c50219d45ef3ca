/**
 * A store's catalog as CATALOG_FILE names it: one file, or a directory of the files a store
 * exported (Shopify splits big exports, Magento ships one CSV per product family plus reviews).
 *
 * In a directory every file is looked at, in name order:
 * - product files (a platform export, or generic CSV / JSON / JSON Lines / Merchant feed whose
 *   columns give a sku, a name and a price) are loaded; equal skus across files: the first
 *   file's product wins, the others are reported as skipped;
 * - review files (a sku column and a rating column, no price: Magento's review export) are
 *   joined on sku into `rating` (the average, one decimal) and `rating_count`, for products
 *   whose own file gives no rating;
 * - files CATALOG_MAPPING joins are read by their join;
 * - anything else (category trees, attribute sets, licences, readme) is ignored, with the reason.
 *
 * The catalog's currency: CATALOG_CURRENCY when set, else the most common currency among the
 * products. With CATALOG_CURRENCY, a product whose currency came from a bare symbol ("$") takes
 * it too; one whose file names a code keeps its own.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, dirname, extname, join, resolve } from 'node:path';
import type { Product } from '@aisle/shared';
import type { Rows } from './csv-records';
import { FIELD_ALIASES, normKey, parseRating, type RawRecord, type RecordReaders } from './fields';
import { sniffGoogleMerchantTsv } from './formats/google-merchant';
import { STORE_EXPORTS } from './formats/index';
import {
  type JoinTable,
  loadJoinTable,
  mappingReaders,
  productColumnsOf,
  requireColumns,
} from './joins';
import { type CatalogFormat, detectFormat, mapRows, readRecords } from './load';
import { CatalogLoadError, type SkippedRow } from './load-errors';
import { type CatalogMapping, joinKeys } from './mapping';
import { dominantCurrency } from './price';

export interface CatalogSourceOptions {
  mapping?: CatalogMapping;
  /** CATALOG_CURRENCY: the catalog's currency, whatever the files' symbols suggest. */
  currency?: string;
}

export type FileRole = 'products' | 'reviews' | 'joined' | 'ignored';

export interface CatalogFileReport {
  file: string;
  role: FileRole;
  format?: CatalogFormat;
  /** Products loaded from the file (role products) or rated from it (role reviews). */
  products?: number;
  skipped?: number;
  /** Why a file was ignored, or what a review / joined file gave. */
  detail?: string;
}

export interface LoadedCatalog {
  products: Product[];
  skipped: SkippedRow[];
  /** The first product file's format. */
  format: CatalogFormat;
  files: CatalogFileReport[];
  currency?: string;
  currencySource: 'CATALOG_CURRENCY' | 'detected' | 'none';
}

/** Extensions a directory's product files may have; `.txt` only for a Merchant TSV. */
const CATALOG_EXTENSIONS = new Set(['.csv', '.tsv', '.json', '.jsonl', '.ndjson', '.xml']);

const aliasSet = (...fields: (keyof typeof FIELD_ALIASES)[]): ReadonlySet<string> =>
  new Set(fields.flatMap((f) => FIELD_ALIASES[f].map(normKey)));
const SKU_COLUMNS = aliasSet('sku');
const NAME_COLUMNS = aliasSet('name');
const PRICE_COLUMNS = aliasSet('price', 'regular_price');
const RATING_COLUMNS = aliasSet('rating');

/** Loads CATALOG_FILE (a file or a directory). Throws CatalogLoadError when unusable as a whole. */
export async function loadCatalogSource(
  path: string,
  options: CatalogSourceOptions = {},
): Promise<LoadedCatalog> {
  const isDirectory = await stat(path).then(
    (s) => s.isDirectory(),
    (cause: unknown) => {
      const reason = cause instanceof Error ? cause.message : String(cause);
      throw new CatalogLoadError('CATALOG_UNREADABLE', `cannot read ${path}: ${reason}`, { cause });
    },
  );
  const baseDir = isDirectory ? path : dirname(path);
  const tables = await Promise.all(
    (options.mapping?.joins ?? []).map((j) => loadJoinTable(j, baseDir)),
  );
  const readers = mappingReaders(options.mapping, tables);
  const files = isDirectory
    ? (await readdir(path, { withFileTypes: true }))
        .filter((entry) => entry.isFile())
        .map((entry) => entry.name)
        .sort()
    : [basename(path)];

  const state = new LoadState(isDirectory);
  for (const file of files) {
    const full = join(baseDir, file);
    const table = tables.find((t) => resolve(t.path) === resolve(full));
    if (table) {
      state.files.push({ file, role: 'joined', detail: joinDetail(table) });
      continue;
    }
    await loadFile(state, file, full, { readers, mapping: options.mapping });
  }
  if (state.products.length === 0 && state.productFiles === 0) {
    const why = state.files.map((f) => `${f.file}: ${f.detail ?? f.role}`).join('; ');
    throw new CatalogLoadError('CATALOG_NO_PRODUCT_FILE', `no product file in ${path} (${why})`);
  }
  const products = applyReviews(state);
  return { ...finishCurrency(products, state, options.currency), ...state.result() };
}

/** What has been loaded so far, across the files of a directory. */
class LoadState {
  readonly products: Product[] = [];
  readonly skipped: SkippedRow[] = [];
  readonly files: CatalogFileReport[] = [];
  readonly reviews: { report: CatalogFileReport; ratings: Map<string, number[]> }[] = [];
  readonly currencyFromSymbol = new Set<string>();
  readonly firstFileOfSku = new Map<string, string>();
  format: CatalogFormat | undefined;
  productFiles = 0;

  constructor(readonly isDirectory: boolean) {}

  result(): Omit<LoadedCatalog, 'products' | 'currency' | 'currencySource'> {
    return { skipped: this.skipped, format: this.format ?? 'csv', files: this.files };
  }
}

async function loadFile(
  state: LoadState,
  file: string,
  full: string,
  context: { readers: RecordReaders; mapping?: CatalogMapping },
): Promise<void> {
  let text: string;
  try {
    text = await readFile(full, 'utf8');
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new CatalogLoadError('CATALOG_UNREADABLE', `cannot read ${full}: ${reason}`, { cause });
  }
  const ext = extname(file).toLowerCase();
  if (
    state.isDirectory &&
    !CATALOG_EXTENSIONS.has(ext) &&
    !(ext === '.txt' && sniffGoogleMerchantTsv(text))
  ) {
    state.files.push({
      file,
      role: 'ignored',
      detail: `not a catalog file (${ext || 'no extension'})`,
    });
    return;
  }
  const format = detectFormat(text, full);
  let rows: Rows;
  try {
    rows = readRecords(text, format);
  } catch (error) {
    if (!state.isDirectory || !(error instanceof CatalogLoadError)) throw error;
    state.files.push({ file, role: 'ignored', format, detail: error.message });
    return;
  }
  const kind = state.isDirectory
    ? classify(rows, format, context.mapping)
    : { role: 'products' as const };
  if (kind.role === 'ignored') {
    state.files.push({ file, role: 'ignored', format, detail: kind.detail });
    return;
  }
  if (kind.role === 'reviews') {
    const report: CatalogFileReport = { file, role: 'reviews', format };
    state.files.push(report);
    state.reviews.push({ report, ratings: collectRatings(rows, kind.key, kind.rating) });
    return;
  }
  if (context.mapping) {
    requireColumns(
      productColumnsOf(context.mapping),
      rows.records[0]?.record ?? {},
      `CATALOG_MAPPING for ${file}`,
      'in the product file',
    );
  }
  addProducts(state, file, format, mapRows(rows, format, context.readers));
}

type FileKind =
  | { role: 'products' }
  | { role: 'reviews'; key: string; rating: string }
  | { role: 'ignored'; detail: string };

/** What a directory's file holds, from its columns (a platform export is always products). */
function classify(
  rows: Rows,
  format: CatalogFormat,
  mapping: CatalogMapping | undefined,
): FileKind {
  if (STORE_EXPORTS.some((reader) => reader.format === format)) return { role: 'products' };
  const first: RawRecord = rows.records[0]?.record ?? {};
  const columns = Object.keys(first);
  const has = (set: ReadonlySet<string>) => columns.find((c) => set.has(normKey(c)));
  // A field the mapping names counts as present: a missing column then fails with its name.
  const mapped = (field: 'sku' | 'name' | 'price'): boolean =>
    mapping?.fields?.[field] !== undefined;
  const sku = has(SKU_COLUMNS);
  const missing = [
    ...(sku || mapped('sku') ? [] : ['sku']),
    ...(has(NAME_COLUMNS) || mapped('name') ? [] : ['name']),
    ...(has(PRICE_COLUMNS) || mapped('price') ? [] : ['price']),
  ];
  if (missing.length === 0) return { role: 'products' };
  const rating = has(RATING_COLUMNS);
  if (sku && rating && missing.includes('price')) return { role: 'reviews', key: sku, rating };
  const shown = columns.slice(0, 8).join(', ') + (columns.length > 8 ? ', ...' : '');
  return {
    role: 'ignored',
    detail:
      rows.records.length === 0
        ? 'no records'
        : `not a product file: no ${missing.join(', ')} column (columns: ${shown})`,
  };
}

function addProducts(
  state: LoadState,
  file: string,
  format: CatalogFormat,
  parsed: ReturnType<typeof mapRows>,
): void {
  state.format ??= format;
  state.productFiles += 1;
  const where = (s: SkippedRow): SkippedRow => (state.isDirectory ? { ...s, file } : s);
  state.skipped.push(...parsed.skipped.map(where));
  let loaded = 0;
  for (const product of parsed.products) {
    const earlier = state.firstFileOfSku.get(product.sku);
    if (earlier !== undefined) {
      state.skipped.push({
        row: parsed.rowOfSku?.get(product.sku) ?? 0,
        file,
        reason: `duplicate sku ${product.sku} (first in ${earlier})`,
      });
      continue;
    }
    state.firstFileOfSku.set(product.sku, file);
    state.products.push(product);
    if (parsed.currencyFromSymbol?.has(product.sku)) state.currencyFromSymbol.add(product.sku);
    loaded += 1;
  }
  state.files.push({
    file,
    role: 'products',
    format,
    products: loaded,
    skipped: parsed.skipped.length + (parsed.products.length - loaded),
  });
}

/** Rating values per key from a review file (values outside 0..5 ignored). */
function collectRatings(
  rows: Rows,
  keyColumn: string,
  ratingColumn: string,
): Map<string, number[]> {
  const ratings = new Map<string, number[]>();
  for (const { record } of rows.records) {
    const key = record[keyColumn];
    const rating = parseRating(record[ratingColumn]);
    if (typeof key !== 'string' || key.trim() === '' || rating === undefined) continue;
    const list = ratings.get(key.trim());
    if (list) list.push(rating);
    else ratings.set(key.trim(), [rating]);
  }
  return ratings;
}

/** Review files' average (one decimal) and count, for products without a rating of their own. */
function applyReviews(state: LoadState): Product[] {
  if (state.reviews.length === 0) return state.products;
  const rated = new Map<string, number[]>();
  for (const { ratings } of state.reviews) {
    for (const [sku, values] of ratings) rated.set(sku, [...(rated.get(sku) ?? []), ...values]);
  }
  let joined = 0;
  const products = state.products.map((product) => {
    const values = rated.get(product.sku);
    if (!values || values.length === 0 || product.rating !== undefined) return product;
    joined += 1;
    const average = values.reduce((a, b) => a + b, 0) / values.length;
    return { ...product, rating: Math.round(average * 10) / 10, rating_count: values.length };
  });
  const skus = new Set(state.products.map((p) => p.sku));
  for (const { report, ratings } of state.reviews) {
    const reviews = [...ratings.values()].reduce((n, v) => n + v.length, 0);
    const unknown = [...ratings.keys()].filter((sku) => !skus.has(sku)).length;
    report.products = [...ratings.keys()].filter((sku) => skus.has(sku)).length;
    report.detail =
      `${reviews} ratings of ${ratings.size} skus joined on sku into rating and rating_count` +
      ` (${report.products} products rated, ${unknown} skus not in the catalog)`;
  }
  if (joined === 0) return state.products;
  return products;
}

function finishCurrency(
  products: Product[],
  state: LoadState,
  configured: string | undefined,
): Pick<LoadedCatalog, 'products' | 'currency' | 'currencySource'> {
  if (configured) {
    const corrected = products.map((p) =>
      state.currencyFromSymbol.has(p.sku) && p.currency !== configured
        ? { ...p, currency: configured }
        : p,
    );
    return { products: corrected, currency: configured, currencySource: 'CATALOG_CURRENCY' };
  }
  const detected = dominantCurrency(products.map((p) => p.currency));
  return detected
    ? { products, currency: detected.currency, currencySource: 'detected' }
    : { products, currencySource: 'none' };
}

function joinDetail(table: JoinTable): string {
  const keys = joinKeys(table.join);
  const on = keys.product === keys.file ? keys.product : `${keys.product} = ${keys.file}`;
  const fields = [...Object.keys(table.join.fields ?? {}), ...(table.join.attributes ?? [])];
  const dupes = table.duplicateKeys > 0 ? `, ${table.duplicateKeys} repeated keys ignored` : '';
  return `joined on ${on} for ${fields.join(', ') || 'nothing'} (${table.rows.size} rows${dupes})`;
}
