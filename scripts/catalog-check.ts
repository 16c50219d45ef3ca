/**
 * Checks a store's catalog file the way the server would load it, without starting anything.
 *
 *   pnpm catalog:check path/to/products.csv
 *
 * Prints the detected format, how many products loaded, counts per category and brand, and
 * the skipped rows with their reasons (counted by kind when there are many). Exit code 1 when the file cannot be read or parsed or no
 * product loads; 0 otherwise (skipped rows alone are not a failure).
 */
import { createCatalog } from '../server/src/catalog/catalog';
import { loadCatalogFile, type ParsedCatalog } from '../server/src/catalog/load';
import { CatalogLoadError } from '../server/src/catalog/load-errors';

function countBy(values: readonly string[]): [string, number][] {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

const formatCounts = (counts: [string, number][]): string =>
  counts.map(([value, n]) => `  ${value.padEnd(28)} ${String(n).padStart(6)}`).join('\n');

/** Skipped rows listed one by one; past this, counted by kind. */
const SKIPS_LISTED = 20;

/** A reason without the row's own details: "variant of MH01" -> "variant of". */
const kindOf = (reason: string): string => reason.split(' ').slice(0, 2).join(' ');

function report(path: string, parsed: ParsedCatalog): string {
  const { products, skipped, format } = parsed;
  const lines = [
    `File:       ${path}`,
    `Format:     ${format}`,
    `Products:   ${products.length} loaded, ${skipped.length} skipped`,
  ];
  if (products.length > 0) {
    lines.push(`Version:    ${createCatalog(products).version}`);
    const outOfStock = products.filter((p) => p.stock === 0).length;
    const unrated = products.filter((p) => p.rating === 0).length;
    const noBrand = products.filter((p) => p.brand === '').length;
    lines.push(`Stock 0:    ${outOfStock}   Rating 0: ${unrated}   No brand: ${noBrand}`);
    const categories = countBy(products.map((p) => p.category));
    lines.push('', `Categories (${categories.length}):`, formatCounts(categories));
    const brands = countBy(products.map((p) => p.brand || '(none)'));
    lines.push('', `Brands (${brands.length}):`, formatCounts(brands));
  }
  if (skipped.length > 0) {
    lines.push('', `Skipped rows (${skipped.length}):`);
    // A platform export can skip thousands of rows (each variant of a product): their kinds
    // counted, then the first few as examples, instead of a wall of lines.
    if (skipped.length > SKIPS_LISTED) {
      lines.push(formatCounts(countBy(skipped.map((s) => kindOf(s.reason)))), '');
    }
    for (const s of skipped.slice(0, SKIPS_LISTED)) lines.push(`  row ${s.row}: ${s.reason}`);
    if (skipped.length > SKIPS_LISTED) {
      lines.push(`  ... and ${skipped.length - SKIPS_LISTED} more`);
    }
  }
  return lines.join('\n');
}

async function main(argv: readonly string[]): Promise<number> {
  const path = argv[0];
  if (!path || argv.length > 1) {
    console.error('usage: pnpm catalog:check FILE   (.json, .jsonl/.ndjson or .csv/.tsv)');
    return 1;
  }
  let parsed: ParsedCatalog;
  try {
    parsed = await loadCatalogFile(path);
  } catch (error) {
    if (error instanceof CatalogLoadError) {
      console.error(`catalog:check: ${error.message}`);
      return 1;
    }
    throw error;
  }
  console.log(report(path, parsed));
  if (parsed.products.length === 0) {
    console.error('\ncatalog:check: no usable products in this file');
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
