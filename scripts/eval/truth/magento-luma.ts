import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { truthOf } from '../truth';
import type { Truth, TruthProduct } from '../types';
import { cell, type Row, readRows } from './csv-rows';
import { parseAmount, parseRating, plainText } from './plain-text';

/**
 * Ground truth of the Magento Luma sample store, read from its raw files:
 *
 * - `ConfigurableSampleData__products.csv` (import/export layout): each configurable parent is
 *   one product (price = its lowest child price, stock = the children's stock summed, sizes and
 *   colours offered as attributes); children listed in a parent's `configurable_variations`
 *   and hidden ("Not Visible Individually") are not products; store-view rows and disabled
 *   products are left out.
 * - `CatalogSampleData__products_*.csv` (sample layout): each row is one simple product;
 *   categories are written one name per line, two per path ("Gear\nBags").
 * - `ReviewSampleData__products_reviews.csv`: rating = average rating_value per sku, ratingCount =
 *   how many reviews rated it.
 *
 * Category path = the product's deepest path without Magento's root ("Default Category");
 * the last names of its other paths (collections, promotions) are kept as `collections`.
 * The files state no currency: the sample store sells in US dollars.
 */

const lower = (values: readonly string[]): string =>
  values
    .map((v) => plainText(v).toLowerCase())
    .filter((v) => v !== '')
    .join(', ');

/** The deepest path (first of equals) and the last names of the others. */
function splitPaths(paths: string[][]): { path: string[]; others: string[] } {
  let deepest: string[] = [];
  for (const path of paths) if (path.length > deepest.length) deepest = path;
  const others = paths
    .filter((path) => path !== deepest)
    .map((path) => path.at(-1) ?? '')
    .filter((name) => name !== '');
  return { path: deepest, others: [...new Set(others)] };
}

// ---------------------------------------------------------------- import/export layout

const importPaths = (value: string): string[][] =>
  value
    .split(',')
    .map((part) =>
      part
        .split('/')
        .map((level) => level.trim())
        .filter((level) => level !== '')
        .slice(1),
    )
    .filter((path) => path.length > 0);

/** "material=Wool|Fleece,climate=Cool" -> { material: "wool, fleece", climate: "cool" }. */
function additionalAttributes(value: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of value.split(',')) {
    const eq = pair.indexOf('=');
    if (eq <= 0) continue;
    const key = pair.slice(0, eq).trim();
    if (key === 'has_options' || key === 'required_options') continue;
    const text = lower(pair.slice(eq + 1).split('|'));
    if (text !== '') out[key] = text;
  }
  return out;
}

interface Variation {
  sku: string;
  options: Record<string, string>;
}

const variations = (value: string): Variation[] =>
  value
    .split('|')
    .map((part) => {
      const options: Record<string, string> = {};
      for (const pair of part.split(',')) {
        const eq = pair.indexOf('=');
        if (eq > 0) options[pair.slice(0, eq).trim()] = pair.slice(eq + 1).trim();
      }
      const { sku = '', ...rest } = options;
      return { sku, options: rest };
    })
    .filter((v) => v.sku !== '');

/** Units on hand as the row states them; is_in_stock=0 means none whatever qty says. */
function rowStock(row: Row): number | undefined {
  if (cell(row, 'is_in_stock') === '0') return 0;
  const qty = parseAmount(cell(row, 'qty'));
  if (qty !== undefined) return Math.floor(qty);
  return cell(row, 'is_in_stock') === '1' ? 1 : undefined;
}

function describeRow(row: Row): string {
  return plainText(cell(row, 'description') || cell(row, 'short_description'));
}

function configurableOffer(row: Row, bySku: ReadonlyMap<string, Row>) {
  const offered = new Map<string, Set<string>>();
  let price = parseAmount(cell(row, 'price'));
  let lowest: number | undefined;
  let stock: number | undefined;
  const children = variations(cell(row, 'configurable_variations'));
  for (const child of children) {
    for (const [key, value] of Object.entries(child.options)) {
      offered.set(key, (offered.get(key) ?? new Set()).add(value.toLowerCase()));
    }
    const childRow = bySku.get(child.sku);
    if (!childRow) continue;
    const childPrice = parseAmount(cell(childRow, 'price'));
    if (childPrice !== undefined && (lowest === undefined || childPrice < lowest)) {
      lowest = childPrice;
    }
    const childStock = rowStock(childRow);
    if (childStock !== undefined) stock = (stock ?? 0) + childStock;
  }
  if (lowest !== undefined) price = lowest;
  if (cell(row, 'is_in_stock') === '0') stock = 0;
  const options: Record<string, string> = {};
  for (const [key, values] of offered) options[key] = [...values].join(', ');
  return { price, stock, options };
}

function readImportFile(file: string): TruthProduct[] {
  const rows = readRows(file).filter((row) => cell(row, 'store_view_code') === '');
  const bySku = new Map(rows.map((row) => [cell(row, 'sku'), row]));
  const children = new Set<string>();
  for (const row of rows) {
    if (cell(row, 'product_type') !== 'configurable') continue;
    for (const v of variations(cell(row, 'configurable_variations'))) children.add(v.sku);
  }
  const products: TruthProduct[] = [];
  for (const row of rows) {
    const sku = cell(row, 'sku');
    if (['0', '2'].includes(cell(row, 'product_online'))) continue;
    if (children.has(sku) && /^not visible individually$/i.test(cell(row, 'visibility'))) continue;
    const isConfigurable = cell(row, 'product_type') === 'configurable';
    const offer = isConfigurable
      ? configurableOffer(row, bySku)
      : { price: parseAmount(cell(row, 'price')), stock: rowStock(row), options: {} };
    if (offer.price === undefined) continue;
    const { path, others } = splitPaths(importPaths(cell(row, 'categories')));
    const attributes = {
      ...additionalAttributes(cell(row, 'additional_attributes')),
      ...offer.options,
    };
    if (others.length > 0) attributes.collections = lower(others);
    products.push({
      sku,
      name: plainText(cell(row, 'name')),
      price: offer.price,
      categoryPath: path,
      ...(offer.stock !== undefined ? { stock: offer.stock } : {}),
      text: [describeRow(row), ...others].join(' ').toLowerCase(),
      attributes,
    });
  }
  return products;
}

// ---------------------------------------------------------------- sample layout

const SAMPLE_COLUMNS = new Set([
  'sku',
  'name',
  'price',
  'qty',
  'description',
  'category',
  'url_key',
  'attribute_set',
  'visibility',
]);
const lines = (value: string): string[] =>
  value
    .split(/\r?\n/)
    .map((v) => v.trim())
    .filter((v) => v !== '');

function samplePaths(value: string): string[][] {
  const names = lines(value);
  const paths: string[][] = [];
  for (let i = 0; i + 1 < names.length; i += 2) paths.push(names.slice(i, i + 2));
  return names.length % 2 === 0 ? paths : [names];
}

function readSampleFile(file: string): TruthProduct[] {
  return readRows(file).flatMap((row): TruthProduct[] => {
    const price = parseAmount(cell(row, 'price'));
    if (price === undefined) return [];
    const { path, others } = splitPaths(samplePaths(cell(row, 'category')));
    const attributes: Record<string, string> = {};
    for (const [key, value] of Object.entries(row)) {
      if (SAMPLE_COLUMNS.has(key)) continue;
      const text = lower(lines(value));
      if (text !== '') attributes[key] = text === '1' ? 'yes' : text;
    }
    if (others.length > 0) attributes.collections = lower(others);
    const stock = rowStock(row);
    return [
      {
        sku: cell(row, 'sku'),
        name: plainText(cell(row, 'name')),
        price,
        categoryPath: path,
        ...(stock !== undefined ? { stock } : {}),
        text: [describeRow(row), ...others].join(' ').toLowerCase(),
        attributes,
      },
    ];
  });
}

// ---------------------------------------------------------------- reviews

/** Per sku: the average rating of its reviews (two decimals) and how many reviews rated it. */
function averageRatings(file: string): Map<string, { rating: number; ratingCount: number }> {
  const sums = new Map<string, { total: number; count: number }>();
  for (const row of readRows(file)) {
    const value = parseRating(cell(row, 'rating_value'));
    if (value === undefined) continue;
    const sum = sums.get(cell(row, 'sku')) ?? { total: 0, count: 0 };
    sums.set(cell(row, 'sku'), { total: sum.total + value, count: sum.count + 1 });
  }
  const ratings = new Map<string, { rating: number; ratingCount: number }>();
  for (const [sku, { total, count }] of sums) {
    ratings.set(sku, { rating: Math.round((total / count) * 100) / 100, ratingCount: count });
  }
  return ratings;
}

export function readMagentoLumaTruth(dir: string): Truth {
  const files = readdirSync(dir).sort();
  const products = [
    ...files
      .filter((f) => /^ConfigurableSampleData__products\.csv$/.test(f))
      .flatMap((f) => readImportFile(join(dir, f))),
    ...files
      .filter((f) => /^CatalogSampleData__products_.*\.csv$/.test(f))
      .flatMap((f) => readSampleFile(join(dir, f))),
  ];
  const ratings = averageRatings(join(dir, 'ReviewSampleData__products_reviews.csv'));
  const rated = products.map((p) => {
    const review = ratings.get(p.sku);
    return review === undefined ? p : { ...p, ...review };
  });
  return truthOf(rated, 'USD');
}
