import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import type { Product } from '@aisle/shared';
import { type Rows, readCsv, stripBom } from './csv-records';
import { mapRecord, type RawRecord, type RecordReaders } from './fields';
import { STORE_EXPORTS, type StoreExportFormat } from './formats';
import { CatalogLoadError, type SkippedRow } from './load-errors';

/** The generic formats, or a store platform's export (formats/index.ts). */
export type CatalogFormat = 'json' | 'jsonl' | 'csv' | StoreExportFormat;

export interface ParsedCatalog {
  products: Product[];
  skipped: SkippedRow[];
  format: CatalogFormat;
  /** Skus whose currency came from a symbol ("$"), not a code: CATALOG_CURRENCY may correct it. */
  currencyFromSymbol?: ReadonlySet<string>;
  /** The row each product came from. */
  rowOfSku?: ReadonlyMap<string, number>;
}

const EXTENSIONS: Readonly<Record<string, CatalogFormat>> = {
  '.json': 'json',
  '.jsonl': 'jsonl',
  '.ndjson': 'jsonl',
  '.csv': 'csv',
  '.tsv': 'csv',
};

/**
 * A store platform's export when its header says so (Shopify, Magento, Google Merchant);
 * otherwise the generic format from the file extension when it is a known one, or the content.
 */
export function detectFormat(text: string, path?: string): CatalogFormat {
  const body = stripBom(text);
  const storeExport = STORE_EXPORTS.find((reader) => reader.sniff(body));
  if (storeExport) return storeExport.format;
  const fromExtension = path ? EXTENSIONS[extname(path).toLowerCase()] : undefined;
  return fromExtension ?? sniffFormat(text);
}

/** `[` -> JSON; `{` -> JSON when the whole text parses, JSON Lines otherwise; else CSV. */
export function sniffFormat(text: string): CatalogFormat {
  const body = stripBom(text).trimStart();
  if (body.startsWith('[')) return 'json';
  if (body.startsWith('{')) {
    try {
      JSON.parse(body);
      return 'json';
    } catch {
      return 'jsonl';
    }
  }
  return 'csv';
}

/** Reads and parses a store's catalog file. Throws CatalogLoadError when it is unusable as a whole. */
export async function loadCatalogFile(path: string): Promise<ParsedCatalog> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new CatalogLoadError('CATALOG_UNREADABLE', `cannot read ${path}: ${reason}`, { cause });
  }
  return parseCatalog(text, detectFormat(text, path));
}

/**
 * Parses catalog text in the given format (sniffed when omitted). Records that cannot become
 * a product are reported in `skipped` with the field at fault; the first of duplicate SKUs wins.
 */
export function parseCatalog(
  text: string,
  format: CatalogFormat = sniffFormat(text),
  readers: RecordReaders = {},
): ParsedCatalog {
  return mapRows(readRecords(text, format), format, readers);
}

/** Maps read records onto products (see parseCatalog). */
export function mapRows(
  rows: Rows,
  format: CatalogFormat,
  readers: RecordReaders = {},
): ParsedCatalog {
  const currencyFromSymbol = new Set<string>();

  const products: Product[] = [];
  const skipped: SkippedRow[] = [...rows.skipped];
  const firstRowOfSku = new Map<string, number>();
  for (const { row, record } of rows.records) {
    const mapped = mapRecord(record, readers);
    if (!mapped.ok) {
      skipped.push({ row, reason: mapped.reason });
      continue;
    }
    const first = firstRowOfSku.get(mapped.product.sku);
    if (first !== undefined) {
      skipped.push({
        row,
        reason: `duplicate sku ${mapped.product.sku} (first seen at row ${first})`,
      });
      continue;
    }
    firstRowOfSku.set(mapped.product.sku, row);
    products.push(mapped.product);
    if (mapped.currencyFromSymbol) currencyFromSymbol.add(mapped.product.sku);
  }
  skipped.sort((a, b) => a.row - b.row);
  return { products, skipped, format, currencyFromSymbol, rowOfSku: firstRowOfSku };
}

/** The records of catalog text in a format, before mapping (also used for joined files). */
export function readRecords(text: string, format: CatalogFormat): Rows {
  const body = stripBom(text);
  if (format === 'csv') return readCsv(body);
  if (format === 'jsonl') return readJsonLines(body);
  if (format === 'json') return readJson(body);
  const reader = STORE_EXPORTS.find((r) => r.format === format);
  if (!reader) throw new CatalogLoadError('CATALOG_UNPARSEABLE', `unknown format ${format}`);
  return reader.read(body);
}

const isRecord = (value: unknown): value is RawRecord =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function readJson(text: string): Rows {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new CatalogLoadError('CATALOG_UNPARSEABLE', `invalid JSON: ${reason}`, { cause });
  }
  const list = Array.isArray(data) ? data : isRecord(data) ? productsArray(data) : undefined;
  if (!list) {
    throw new CatalogLoadError(
      'CATALOG_UNPARSEABLE',
      'expected a JSON array of products or an object with a "products" array',
    );
  }
  const rows: Rows = { records: [], skipped: [] };
  list.forEach((item: unknown, index) => {
    const row = index + 1;
    if (isRecord(item)) rows.records.push({ row, record: item });
    else rows.skipped.push({ row, reason: 'not an object' });
  });
  return rows;
}

function productsArray(data: RawRecord): unknown[] | undefined {
  for (const [key, value] of Object.entries(data)) {
    if (['products', 'items'].includes(key.toLowerCase()) && Array.isArray(value)) return value;
  }
  return undefined;
}

function readJsonLines(text: string): Rows {
  const rows: Rows = { records: [], skipped: [] };
  text.split(/\r?\n/).forEach((line, index) => {
    const row = index + 1;
    if (line.trim() === '') return;
    let item: unknown;
    try {
      item = JSON.parse(line);
    } catch {
      rows.skipped.push({ row, reason: 'invalid JSON' });
      return;
    }
    if (isRecord(item)) rows.records.push({ row, record: item });
    else rows.skipped.push({ row, reason: 'not an object' });
  });
  return rows;
}
