/** Shared shape and printing for benchmark results: each figure beside its same-run baseline. */

export interface BenchRow {
  name: string;
  value: number;
  unit: string;
  /** The same measurement for the baseline, taken in the same run. */
  baseline?: { name: string; value: number };
  /** value / baseline.value: below 1 means smaller than the baseline (for latencies: faster). */
  ratio?: number;
}

/** A row with its baseline and ratio filled in. */
export function compared(
  name: string,
  value: number,
  unit: string,
  baseline: { name: string; value: number },
): BenchRow {
  return { name, value, unit, baseline, ratio: baseline.value === 0 ? 0 : value / baseline.value };
}

/** The p-th percentile (0..100) of the samples, nearest-rank. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1] ?? Number.NaN;
}

function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const abs = Math.abs(value);
  if (abs >= 1000) return Math.round(value).toLocaleString('en-US');
  if (abs >= 100) return value.toFixed(1);
  if (abs >= 1) return value.toFixed(2);
  return value.toFixed(3);
}

function formatRatio(ratio: number): string {
  if (!Number.isFinite(ratio) || ratio === 0) return '';
  const times = ratio < 1 ? `${formatNumber(1 / ratio)}x less` : `${formatNumber(ratio)}x more`;
  const shown = ratio < 0.01 ? ratio.toPrecision(2) : formatNumber(ratio);
  return `${shown} (${times})`;
}

/** The rows as an aligned text table. */
export function formatTable(rows: readonly BenchRow[]): string {
  const header = ['metric', 'value', 'baseline', 'baseline value', 'ratio'];
  const body = rows.map((r) => [
    r.name,
    `${formatNumber(r.value)} ${r.unit}`,
    r.baseline?.name ?? '',
    r.baseline ? `${formatNumber(r.baseline.value)} ${r.unit}` : '',
    r.ratio === undefined ? '' : formatRatio(r.ratio),
  ]);
  const widths = header.map((h, c) =>
    Math.max(h.length, ...body.map((row) => row[c]?.length ?? 0)),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, c) =>
        c === 0 || c === 2 ? cell.padEnd(widths[c] ?? 0) : cell.padStart(widths[c] ?? 0),
      )
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}

export function printTable(rows: readonly BenchRow[]): void {
  console.log(formatTable(rows));
}
