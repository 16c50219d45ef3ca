import { type Rows, readCsv, sniffDelimiter, stripBom } from '../csv-records';
import { parsePrice, type RawRecord } from '../fields';
import { htmlToText } from './html-text';

/**
 * Magento product CSV, in the two layouts Magento stores ship:
 *
 * - the Magento 2 import/export CSV (System > Data Transfer): `sku`, `product_type`,
 *   `categories` ("Default Category/Men/Tops,Default Category/Collections/Eco Friendly"),
 *   `additional_attributes` ("material=Wool,climate=Cool|Indoor"), `qty`, `is_in_stock`,
 *   `visibility`, `configurable_variations` ("sku=MH01-XS-Black,size=XS,color=Black|...");
 * - the sample-data fixture layout (`category`, `attribute_set` and one column per attribute,
 *   multi-values and category lists one per line).
 *
 * Configurable products become ONE record per parent (what a shopper browses): price = lowest
 * child price, stock = sum of the children's available stock, attributes list the sizes and
 * colours offered. Children hidden from the catalog ("Not Visible Individually") are skipped
 * as "variant of <parent sku>". Rows of a store view (`store_view_code` set) are overrides of
 * the default row and skipped.
 */

const IMPORT_MARKERS = [
  'attribute_set_code',
  'product_websites',
  'additional_attributes',
  'configurable_variations',
  'store_view_code',
];

function headerCells(text: string): Set<string> {
  const body = stripBom(text);
  const end = body.search(/\r?\n/);
  const line = end < 0 ? body : body.slice(0, end);
  const delimiter = sniffDelimiter(line);
  return new Set(
    line.split(delimiter).map((cell) =>
      cell
        .trim()
        .replace(/^"(.*)"$/, '$1')
        .toLowerCase(),
    ),
  );
}

type Layout = 'import' | 'sample';

function layoutOf(header: Set<string>): Layout | undefined {
  if (!header.has('sku')) return undefined;
  if (header.has('product_type') && IMPORT_MARKERS.filter((m) => header.has(m)).length >= 2) {
    return 'import';
  }
  if (header.has('attribute_set') && header.has('category') && header.has('name')) {
    return 'sample';
  }
  return undefined;
}

/** True for a Magento product CSV (import/export header or the sample-data layout). */
export function sniffMagentoCsv(text: string): boolean {
  return layoutOf(headerCells(text)) !== undefined;
}

/** A Magento product CSV as records with the canonical keys `mapRecord` reads. */
export function readMagentoCsv(text: string): Rows {
  const body = stripBom(text);
  const rows = firstLines(readCsv(body));
  const layout = layoutOf(headerCells(body));
  if (layout === 'sample') return readSampleLayout(rows);
  return readImportLayout(rows);
}

/**
 * readCsv numbers a record by the line it ends on; a product's row is the line it starts on
 * (descriptions span lines): the line after the previous record's end (header = line 1).
 */
function firstLines(rows: Rows): Rows {
  let previousEnd = 1;
  const records = rows.records.map(({ row, record }) => {
    const start = Math.min(previousEnd + 1, row);
    previousEnd = row;
    return { row: start, record };
  });
  return { records, skipped: rows.skipped };
}

/** Names rarely hold markup; only those with a tag or an entity go through htmlToText. */
const plainName = (name: string): string =>
  name.includes('<') || name.includes('&') ? htmlToText(name) : name;

const cell = (record: RawRecord, key: string): string => {
  const value = record[key];
  return typeof value === 'string' ? value.trim() : '';
};

const NOT_VISIBLE = /^(not visible individually|1)$/i;

// ---------------------------------------------------------------- import/export layout

/** "Default Category/Men/Tops,Default Category" -> [["Men","Tops"]] (root dropped, empty dropped). */
export function magentoCategoryPaths(value: string): string[][] {
  const paths: string[][] = [];
  for (const part of value.split(',')) {
    const levels = part
      .split('/')
      .map((level) => level.trim())
      .filter((level) => level !== '');
    // Magento writes every path from its root category ("Default Category"): not the store's.
    const path = levels.slice(1);
    if (path.length > 0) paths.push(path);
  }
  return paths;
}

/** The deepest path (first of equals) and the others. */
function primaryPath(paths: string[][]): { primary?: string[]; others: string[][] } {
  let primary: string[] | undefined;
  for (const path of paths) if (!primary || path.length > primary.length) primary = path;
  return { primary, others: paths.filter((path) => path !== primary) };
}

/**
 * A product's category fields from all its paths: the deepest path is its category (and
 * category_path); the last level of each other path ("Erin Recommends") becomes a tag.
 */
function categoryFields(paths: string[][]): {
  category?: string;
  category_path?: string[];
  tags?: string[];
} {
  const { primary, others } = primaryPath(paths);
  const tags = [...new Set(others.map((path) => path.at(-1) ?? '').filter((tag) => tag !== ''))];
  return {
    ...(primary ? { category: primary.join(' > '), category_path: primary } : {}),
    ...(tags.length > 0 ? { tags } : {}),
  };
}

/** "a=1,b=x|y,c=p, q" -> {a: "1", b: "x, y", c: "p, q"} (values may hold commas). */
export function parseAdditionalAttributes(value: string): Record<string, string> {
  const out: Record<string, string> = {};
  let last: string | undefined;
  for (const piece of value.split(',')) {
    const eq = piece.indexOf('=');
    if (eq > 0) {
      last = piece.slice(0, eq).trim();
      out[last] = piece.slice(eq + 1).trim();
    } else if (last !== undefined) {
      out[last] = `${out[last]},${piece}`;
    }
  }
  for (const key of Object.keys(out)) {
    out[key] = (out[key] ?? '')
      .split('|')
      .map((v) => v.trim())
      .filter((v) => v !== '')
      .join(', ');
    if (out[key] === '') delete out[key];
  }
  return out;
}

// Bookkeeping flags of the import format, not facts about the product.
const INTERNAL_ATTRIBUTES = new Set([
  'has_options',
  'required_options',
  'quantity_and_stock_status',
]);

interface Variation {
  sku: string;
  options: [string, string][];
}

function parseVariations(value: string): Variation[] {
  const variations: Variation[] = [];
  for (const part of value.split('|')) {
    let sku = '';
    const options: [string, string][] = [];
    for (const pair of part.split(',')) {
      const eq = pair.indexOf('=');
      if (eq <= 0) continue;
      const key = pair.slice(0, eq).trim();
      const v = pair.slice(eq + 1).trim();
      if (key === 'sku') sku = v;
      else if (v !== '') options.push([key, v]);
    }
    if (sku !== '') variations.push({ sku, options });
  }
  return variations;
}

/** Stock of one row: only when the file says; is_in_stock=0 means none whatever qty says. */
function rowStock(record: RawRecord): number | undefined {
  if (sellsWithoutStock(record)) return undefined;
  const inStock = cell(record, 'is_in_stock');
  if (inStock === '0') return 0;
  const qty = cell(record, 'qty');
  if (qty !== '') {
    const n = Number(qty);
    if (Number.isFinite(n)) return Math.max(0, Math.floor(n));
  }
  return undefined;
}

/** "Manage Stock: No" on the product itself: Magento sells it whatever qty and is_in_stock say. */
const sellsWithoutStock = (record: RawRecord): boolean =>
  cell(record, 'use_config_manage_stock') === '0' && cell(record, 'manage_stock') === '0';

/** What the row says about availability: `is_in_stock` (1/0), or in stock when unmanaged. */
function rowAvailability(record: RawRecord): string | undefined {
  if (sellsWithoutStock(record)) return 'in stock';
  const inStock = cell(record, 'is_in_stock');
  return inStock === '1' ? 'in stock' : inStock === '0' ? 'out of stock' : undefined;
}

/** Stock and availability keys for mapRecord (which reconciles the two). */
function stockKeys(stock: number | undefined, availability: string | undefined) {
  return {
    ...(stock === undefined ? {} : { stock }),
    ...(availability === undefined ? {} : { availability }),
  };
}

function describe(record: RawRecord): string | undefined {
  const html = cell(record, 'description') || cell(record, 'short_description');
  return html ? htmlToText(html) : undefined;
}

function readImportLayout(rows: Rows): Rows {
  const out: Rows = { records: [], skipped: [...rows.skipped] };
  // Children of configurable parents, wherever they appear in the file.
  const parentOf = new Map<string, string>();
  const defaults = new Map<string, RawRecord>();
  for (const { record } of rows.records) {
    if (cell(record, 'store_view_code') !== '') continue;
    const sku = cell(record, 'sku');
    if (sku && !defaults.has(sku)) defaults.set(sku, record);
    if (cell(record, 'product_type') !== 'configurable') continue;
    for (const v of parseVariations(cell(record, 'configurable_variations'))) {
      if (!parentOf.has(v.sku)) parentOf.set(v.sku, sku);
    }
  }

  for (const { row, record } of rows.records) {
    const sku = cell(record, 'sku');
    const view = cell(record, 'store_view_code');
    if (view !== '') {
      out.skipped.push({ row, reason: `store view "${view}" values of ${sku || 'a product'}` });
      continue;
    }
    if (cell(record, 'product_online') === '2' || cell(record, 'product_online') === '0') {
      out.skipped.push({ row, reason: 'disabled product' });
      continue;
    }
    const parent = parentOf.get(sku);
    if (parent !== undefined && NOT_VISIBLE.test(cell(record, 'visibility'))) {
      out.skipped.push({ row, reason: `variant of ${parent}` });
      continue;
    }

    const result: Record<string, unknown> = { sku, name: plainName(cell(record, 'name')) };
    const attributes: Record<string, string> = {};
    for (const [key, value] of Object.entries(
      parseAdditionalAttributes(cell(record, 'additional_attributes')),
    )) {
      if (!INTERNAL_ATTRIBUTES.has(key)) attributes[key] = value;
    }
    let price: string | number | undefined = cell(record, 'price') || undefined;
    let stock = rowStock(record);
    let availability = rowAvailability(record);

    if (cell(record, 'product_type') === 'configurable') {
      const variations = parseVariations(cell(record, 'configurable_variations'));
      const offered = new Map<string, Set<string>>();
      let lowest: number | undefined;
      let total: number | undefined;
      for (const v of variations) {
        for (const [key, value] of v.options) {
          const values = offered.get(key) ?? new Set<string>();
          values.add(value);
          offered.set(key, values);
        }
        const child = defaults.get(v.sku);
        if (!child) continue;
        const childPrice = parsePrice(cell(child, 'price') || undefined);
        if (childPrice !== undefined && (lowest === undefined || childPrice < lowest)) {
          lowest = childPrice;
        }
        const childStock = rowStock(child);
        if (childStock !== undefined) total = (total ?? 0) + childStock;
      }
      for (const [key, values] of offered) attributes[key] = [...values].join(', ');
      if (lowest !== undefined) price = lowest;
      // The parent's own qty is meaningless (Magento writes 0); its is_in_stock=0 still wins.
      if (total !== undefined) {
        stock = cell(record, 'is_in_stock') === '0' ? 0 : total;
        // The children's stock says it; the parent's own flag only when it closes the sale.
        availability = stock === 0 ? 'out of stock' : undefined;
      }
      if (variations.length > 0) attributes.variants = String(variations.length);
    }

    if (price !== undefined) result.price = price;
    Object.assign(result, categoryFields(magentoCategoryPaths(cell(record, 'categories'))));
    const description = describe(record);
    if (description) result.description = description;
    Object.assign(result, stockKeys(stock, availability));
    const special = cell(record, 'special_price');
    if (special !== '') attributes.special_price = special;
    if (Object.keys(attributes).length > 0) result.attributes = attributes;
    const image = cell(record, 'base_image') || cell(record, 'small_image');
    if (image) result.image = image;
    out.records.push({ row, record: result });
  }
  return out;
}

// ---------------------------------------------------------------- sample-data layout

const SAMPLE_KNOWN = new Set([
  'sku',
  'name',
  'price',
  'qty',
  'description',
  'category',
  'attribute_set',
  'visibility',
  'url_key',
  'special_price',
]);
const lines = (value: string): string[] =>
  value
    .split(/\r?\n/)
    .map((v) => v.trim())
    .filter((v) => v !== '');

/**
 * The sample layout lists category names one per line as a walk through the store's tree
 * ("Gear\nBags\nCollections\nErin Recommends" is Gear > Bags and Collections > Erin Recommends).
 * Without the tree, an even list is read as two-level paths (as in every Luma row), any other
 * list as one path.
 */
function sampleCategoryPaths(value: string): string[][] {
  const names = lines(value);
  if (names.length >= 4 && names.length % 2 === 0) {
    const paths: string[][] = [];
    for (let i = 0; i < names.length; i += 2) paths.push(names.slice(i, i + 2));
    return paths;
  }
  return names.length > 0 ? [names] : [];
}

function readSampleLayout(rows: Rows): Rows {
  const out: Rows = { records: [], skipped: [...rows.skipped] };
  for (const { row, record } of rows.records) {
    const result: Record<string, unknown> = {
      sku: cell(record, 'sku'),
      name: plainName(cell(record, 'name')),
    };
    const price = cell(record, 'price');
    if (price !== '') result.price = price;
    Object.assign(result, categoryFields(sampleCategoryPaths(cell(record, 'category'))));
    const description = describe(record);
    if (description) result.description = description;
    Object.assign(result, stockKeys(rowStock(record), rowAvailability(record)));
    const attributes: Record<string, string> = {};
    for (const [key, raw] of Object.entries(record)) {
      if (SAMPLE_KNOWN.has(key) || typeof raw !== 'string') continue;
      const values = lines(raw);
      if (values.length === 0) continue;
      attributes[key] = values.length === 1 && values[0] === '1' ? 'Yes' : values.join(', ');
    }
    const special = cell(record, 'special_price');
    if (special !== '') attributes.special_price = special;
    if (Object.keys(attributes).length > 0) result.attributes = attributes;
    out.records.push({ row, record: result });
  }
  return out;
}

// ---------------------------------------------------------------- reviews

/**
 * Average rating and review count per SKU from a Magento review CSV
 * (`sku,rating_code,rating_value,...`), to one decimal; values outside 1..5 are ignored.
 */
export function magentoRatings(reviewsCsv: string): Map<string, { rating: number; count: number }> {
  const sums = new Map<string, { total: number; count: number }>();
  for (const { record } of readCsv(stripBom(reviewsCsv)).records) {
    const sku = cell(record, 'sku');
    const value = Number(cell(record, 'rating_value') || Number.NaN);
    if (!sku || !Number.isFinite(value) || value < 1 || value > 5) continue;
    const sum = sums.get(sku) ?? { total: 0, count: 0 };
    sum.total += value;
    sum.count += 1;
    sums.set(sku, sum);
  }
  const ratings = new Map<string, { rating: number; count: number }>();
  for (const [sku, { total, count }] of sums) {
    ratings.set(sku, { rating: Math.round((total / count) * 10) / 10, count });
  }
  return ratings;
}
