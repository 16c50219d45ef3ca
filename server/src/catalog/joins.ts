import { readFile } from 'node:fs/promises';
import { isAbsolute, join as joinPath } from 'node:path';
import {
  columnValue,
  type FieldReader,
  normKey,
  type ProductField,
  type RecordReaders,
  type SourceRecord,
  sourceRecord,
} from './fields';
import { detectFormat, readRecords } from './load';
import { CatalogLoadError } from './load-errors';
import {
  type CatalogMapping,
  type FieldSource,
  joinKeys,
  type MappingJoin,
  sourceColumn,
} from './mapping';

/** One joined file, indexed by its key column (the first row of a key wins). */
export interface JoinTable {
  join: MappingJoin;
  path: string;
  rows: ReadonlyMap<string, SourceRecord>;
  /** Rows whose key was already taken (reported, not used). */
  duplicateKeys: number;
}

const keyOf = (value: unknown): string | undefined => {
  if (typeof value === 'string') return value.trim() || undefined;
  if (typeof value === 'number') return String(value);
  return undefined;
};

/** Reads and indexes a join's file (relative to `baseDir`); fails when its columns are missing. */
export async function loadJoinTable(join: MappingJoin, baseDir: string): Promise<JoinTable> {
  const path = isAbsolute(join.file) ? join.file : joinPath(baseDir, join.file);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new CatalogLoadError(
      'CATALOG_MAPPING_INVALID',
      `CATALOG_MAPPING join: cannot read ${path}: ${reason}`,
      { cause },
    );
  }
  const { records } = readRecords(text, detectFormat(text, path));
  const key = joinKeys(join).file;
  const wanted = [key, ...Object.values(join.fields ?? {}), ...(join.attributes ?? [])];
  requireColumns(
    wanted,
    records[0]?.record ?? {},
    `CATALOG_MAPPING join ${join.file}`,
    'in the joined file',
  );
  const rows = new Map<string, SourceRecord>();
  let duplicateKeys = 0;
  for (const { record } of records) {
    const source = sourceRecord(record);
    const k = keyOf(columnValue(source, key));
    if (k === undefined) continue;
    if (rows.has(k)) duplicateKeys += 1;
    else rows.set(k, source);
  }
  return { join, path, rows, duplicateKeys };
}

/** Throws CATALOG_MAPPING_INVALID naming the columns a record lacks (and those it has). */
export function requireColumns(
  columns: readonly string[],
  record: Readonly<Record<string, unknown>>,
  origin: string,
  where: string,
): void {
  const have = new Set(Object.keys(record).map(normKey));
  const missing = [...new Set(columns)].filter((c) => !have.has(normKey(c)));
  if (missing.length === 0) return;
  const listed = Object.keys(record).slice(0, 20).join(', ');
  throw new CatalogLoadError(
    'CATALOG_MAPPING_INVALID',
    `${origin}: no column ${missing.map((c) => `"${c}"`).join(', ')} ${where} (columns: ${listed})`,
  );
}

/** A mapping source as a reader: the column's value, or its pattern's capture. */
function sourceReader(source: FieldSource): FieldReader {
  if (typeof source === 'string') return (record) => columnValue(record, source);
  const { column, pattern } = source;
  if (!pattern) return (record) => columnValue(record, column);
  const regex = new RegExp(pattern);
  return (record) => {
    const value = keyOf(columnValue(record, column));
    if (value === undefined) return undefined;
    const match = regex.exec(value);
    return match ? (match[1] ?? match[0]) : undefined;
  };
}

/** Readers for a join's fields: look the product's key up in the joined file. */
function joinReaders(table: JoinTable): {
  fields: [ProductField, FieldReader][];
  attributes: { name: string; read: FieldReader }[];
} {
  const productKey = joinKeys(table.join).product;
  const row = (record: SourceRecord): SourceRecord | undefined => {
    const k = keyOf(columnValue(record, productKey));
    return k === undefined ? undefined : table.rows.get(k);
  };
  const read =
    (column: string): FieldReader =>
    (record) => {
      const joined = row(record);
      return joined ? columnValue(joined, column) : undefined;
    };
  const fields = Object.entries(table.join.fields ?? {}).flatMap(([field, column]) =>
    column ? [[field as ProductField, read(column)] as [ProductField, FieldReader]] : [],
  );
  const attributes = (table.join.attributes ?? []).map((name) => ({ name, read: read(name) }));
  return { fields, attributes };
}

/** The record readers a mapping and its loaded join tables give mapRecord. */
export function mappingReaders(
  mapping: CatalogMapping | undefined,
  tables: readonly JoinTable[],
): RecordReaders {
  if (!mapping) return {};
  const fields: NonNullable<RecordReaders['fields']> = {};
  for (const [field, source] of Object.entries(mapping.fields ?? {})) {
    if (source) fields[field as ProductField] = sourceReader(source);
  }
  const fallbacks: NonNullable<RecordReaders['fallbacks']> = {};
  const attributes = (mapping.attributes ?? []).map((name) => ({
    name,
    read: sourceReader(name),
  }));
  for (const table of tables) {
    const joined = joinReaders(table);
    for (const [field, reader] of joined.fields) {
      const earlier = fallbacks[field];
      // Two joins for one field: the first that has a value.
      fallbacks[field] = earlier ? (r) => earlier(r) ?? reader(r) : reader;
    }
    attributes.push(...joined.attributes);
  }
  return { fields, fallbacks, attributes };
}

/** Every column a mapping reads from the product file itself. */
export function productColumnsOf(mapping: CatalogMapping): string[] {
  return [
    ...Object.values(mapping.fields ?? {}).flatMap((s) => (s ? [sourceColumn(s)] : [])),
    ...(mapping.attributes ?? []),
    ...(mapping.joins ?? []).map((j) => joinKeys(j).product),
  ];
}
