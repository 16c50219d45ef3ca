import { join } from 'node:path';
import { truthOf } from '../truth';
import type { Truth, TruthProduct } from '../types';
import { type Row, readRows } from './csv-rows';
import { parseCount, parseRating } from './plain-text';

/**
 * Ground truth for the Ocado grocery scrape, read from its three raw files with plain parsing of
 * its own (never the server's importer, so an importer mistake shows in the eval):
 *
 * - `oc_product_general.csv`: title, weight, price (`£2.30`, `£2`, `99p`), shelf_life, product_link,
 *   category_link. The file has no id column: the sku is the numeric tail of product_link
 *   (`.../ocado-shredded-shrooms-570612011` -> `570612011`). A product listed under several
 *   categories repeats; the first row wins.
 * - `oc_product_extra.csv`: brand, rating, badge, ingredient, country for about 1,000 products,
 *   joined on product_link (first row wins). `NA` means the file does not say.
 * - `oc_category.csv`: the name of each category_link (the scrape's only category level).
 *
 * Currency: pounds. Every price is written `£…` or `…p` (a row priced any other way is left out,
 * so nothing is read in another currency). The file states no stock.
 */

/** `NA` and empty cells are the scrape's "not stated". */
const stated = (value: string | undefined): string | undefined => {
  const v = value?.trim() ?? '';
  return v === '' || v === 'NA' ? undefined : v;
};

const SKU_TAIL = /-(\d+)\/?$/;
export const ocadoSku = (link: string): string | undefined => SKU_TAIL.exec(link.trim())?.[1];

const POUNDS = /^£\s*(\d+(?:\.\d+)?)$/;
const PENCE = /^(\d+)\s*p$/;
/** `£2.30` -> 2.3, `£2` -> 2, `99p` -> 0.99; undefined for anything else. */
export function ocadoPrice(text: string): number | undefined {
  const t = text.trim();
  const pounds = POUNDS.exec(t);
  if (pounds?.[1] !== undefined) return Number(pounds[1]);
  const pence = PENCE.exec(t);
  if (pence?.[1] !== undefined) return Number(pence[1]) / 100;
  return undefined;
}

interface Extra {
  brand?: string;
  rating?: number;
  ratingCount?: number;
  facts: Record<string, string>;
  text: string[];
}

/** The extra file by product_link: brand and rating where stated, the rest as text and facets. */
function readExtras(dir: string): Map<string, Extra> {
  const extras = new Map<string, Extra>();
  for (const row of readRows(join(dir, 'oc_product_extra.csv'))) {
    const link = row.product_link?.trim() ?? '';
    if (link === '' || extras.has(link)) continue;
    const brand = stated(row.brand);
    const rating = parseRating(stated(row.rating) ?? '');
    const facts: Record<string, string> = {};
    const badge = stated(row.badge);
    const country = stated(row.country);
    if (badge) facts.badge = badge.toLowerCase();
    if (country) facts.country = country.toLowerCase();
    const extra: Extra = {
      facts,
      text: [badge, country, stated(row.ingredient)].filter((t) => t !== undefined),
    };
    if (brand) extra.brand = brand;
    if (rating !== undefined) extra.rating = rating;
    const count = parseCount(stated(row.count) ?? '');
    if (count !== undefined) extra.ratingCount = count;
    extras.set(link, extra);
  }
  return extras;
}

function readCategoryNames(dir: string): Map<string, string> {
  const names = new Map<string, string>();
  for (const row of readRows(join(dir, 'oc_category.csv'))) {
    const name = stated(row.category);
    const link = stated(row.link);
    if (name && link) names.set(link, name);
  }
  return names;
}

function toProduct(
  row: Row,
  sku: string,
  price: number,
  categories: Map<string, string>,
  extra?: Extra,
): TruthProduct {
  const name = row.title?.trim() ?? '';
  const category = categories.get(row.category_link?.trim() ?? '');
  const attributes: Record<string, string> = { ...extra?.facts };
  const weight = stated(row.weight);
  const shelfLife = stated(row.shelf_life);
  if (weight) attributes.weight = weight.toLowerCase();
  if (shelfLife) attributes.shelf_life = shelfLife.toLowerCase();
  const product: TruthProduct = {
    sku,
    name,
    price,
    categoryPath: category ? [category] : [],
    text: [name, weight, ...(extra?.text ?? [])]
      .filter((t) => t)
      .join(' \n')
      .toLowerCase(),
    attributes,
  };
  if (extra?.brand) product.brand = extra.brand;
  if (extra?.rating !== undefined) product.rating = extra.rating;
  if (extra?.ratingCount !== undefined) product.ratingCount = extra.ratingCount;
  return product;
}

export function readOcadoTruth(dir: string): Truth {
  const extras = readExtras(dir);
  const categories = readCategoryNames(dir);
  const bySku = new Map<string, TruthProduct>();
  for (const row of readRows(join(dir, 'oc_product_general.csv'))) {
    const link = row.product_link?.trim() ?? '';
    const sku = ocadoSku(link);
    const price = ocadoPrice(row.price ?? '');
    if (!sku || price === undefined || !stated(row.title) || bySku.has(sku)) continue;
    bySku.set(sku, toProduct(row, sku, price, categories, extras.get(link)));
  }
  return truthOf([...bySku.values()], 'GBP');
}
