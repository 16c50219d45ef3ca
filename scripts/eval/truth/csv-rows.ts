import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';

/** One CSV row by header, as every truth reader reads its raw files. */
export type Row = Record<string, string>;

/** Every row of a CSV file with a header line (a byte-order mark and blank lines skipped). */
export const readRows = (path: string): Row[] =>
  parse(readFileSync(path, 'utf8'), { columns: true, bom: true, skip_empty_lines: true });

/** A cell trimmed; empty when the row lacks the column. */
export const cell = (row: Row, column: string): string => (row[column] ?? '').trim();
