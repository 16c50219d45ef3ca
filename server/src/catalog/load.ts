import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import type { Product } from '@aisle/shared';
import { parse as parseCsv } from 'csv-parse/sync';
import { mapRecord, type RawRecord } from './fields';

export type CatalogFormat = 'json' | 'jsonl' | 'csv';

/**
 * A record that did not become a product. `row` points into the file: the 1-based line
 * number for CSV and JSON Lines (the header is line 1), the 1-based array position for JSON.
 */
export interface SkippedRow {
  row: number;
  reason: string;
}

export interface ParsedCatalog {
  products: Product[];
  skipped: SkippedRow[];
  format: CatalogFormat;
}

/** The file as a whole could not be used: unreadable, or not the format it claims to be. */
export class CatalogLoadError extends Error {
  constructor(
    readonly code: 'CATALOG_UNREADABLE' | 'CATALOG_UNPARSEABLE',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'CatalogLoadError';
  }
}

const EXTENSIONS: Readonly<Record<string, CatalogFormat>> = {
  '.json': 'json',
  '.jsonl': 'jsonl',
  '.ndjson': 'jsonl',
  '.csv': 'csv',
  '.tsv': 'csv',
};

/** Format from the file extension when it is a known one, otherwise from the content. */
export function detectFormat(text: string, path?: string): CatalogFormat {
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
): ParsedCatalog {
  const body = stripBom(text);
  const rows =
    format === 'csv' ? readCsv(body) : format === 'jsonl' ? readJsonLines(body) : readJson(body);

  const products: Product[] = [];
  const skipped: SkippedRow[] = [...rows.skipped];
  const firstRowOfSku = new Map<string, number>();
  for (const { row, record } of rows.records) {
    const mapped = mapRecord(record);
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
  }
  skipped.sort((a, b) => a.row - b.row);
  return { products, skipped, format };
}

interface Rows {
  records: { row: number; record: RawRecord }[];
  skipped: SkippedRow[];
}

const stripBom = (text: string): string => (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);

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

/** The most frequent of `,` `;` tab and `|` in the header line (quoted parts ignored). */
export function sniffDelimiter(text: string): string {
  const header = (text.split(/\r?\n/, 1)[0] ?? '').replace(/"[^"]*"/g, '');
  let best = ',';
  let bestCount = 0;
  for (const candidate of [',', ';', '\t', '|']) {
    const count = header.split(candidate).length - 1;
    if (count > bestCount) {
      best = candidate;
      bestCount = count;
    }
  }
  return best;
}

function readCsv(text: string): Rows {
  const rows: Rows = { records: [], skipped: [] };
  const lines: number[] = [];
  let table: string[][];
  try {
    table = parseCsv(text, {
      delimiter: sniffDelimiter(text),
      skip_empty_lines: true,
      relax_column_count: true,
      trim: true,
      skip_records_with_error: true,
      on_skip: (error) => {
        rows.skipped.push({
          // csv-parse reports where it gave up; the bad record starts after the last good one.
          row: (lines.at(-1) ?? 0) + 1,
          reason: `malformed CSV: ${error?.message ?? 'unreadable record'}`,
        });
        return undefined;
      },
      on_record: (record, context) => {
        lines.push(context.lines);
        return record;
      },
    });
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new CatalogLoadError('CATALOG_UNPARSEABLE', `invalid CSV: ${reason}`, { cause });
  }
  const [header, ...body] = table;
  if (!header) return rows;
  body.forEach((cells, index) => {
    const seen = new Set<string>();
    const entries: [string, string][] = [];
    header.forEach((column, c) => {
      const cell = cells[c];
      if (column === '' || cell === undefined || seen.has(column)) return;
      seen.add(column);
      entries.push([column, cell]);
    });
    rows.records.push({ row: lines[index + 1] ?? index + 2, record: Object.fromEntries(entries) });
  });
  return rows;
}
