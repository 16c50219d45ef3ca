import { parse as parseCsv } from 'csv-parse/sync';
import type { RawRecord } from './fields';
import { CatalogLoadError, type SkippedRow } from './load-errors';

/** Records read from a file, each with the row it came from, and the rows that were unusable. */
export interface Rows {
  records: { row: number; record: RawRecord }[];
  skipped: SkippedRow[];
}

export const stripBom = (text: string): string =>
  text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;

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

export function readCsv(text: string): Rows {
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
