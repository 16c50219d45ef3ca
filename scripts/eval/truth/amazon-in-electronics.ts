import { join } from 'node:path';
import { truthOf } from '../truth';
import type { Truth, TruthProduct } from '../types';
import { cell, type Row, readRows } from './csv-rows';
import { parseAmount, parseCount, parseRating, plainText } from './plain-text';

/**
 * Ground truth of the Amazon India electronics export (`amazon.csv`): one row per review in
 * the source, so a product repeats; the first row of a product_id wins. The price a shopper
 * pays is `discounted_price` ("₹1,099"); the list price and discount are kept as attributes.
 * The category path is `A|B|C`. The file has a rating (one row holds "|" instead: no rating)
 * and a rating count (`ratingCount`), but no brand column (brands only begin the names) and no stock.
 */

function toProduct(row: Row): TruthProduct | undefined {
  const price = parseAmount(cell(row, 'discounted_price'));
  const sku = cell(row, 'product_id');
  if (price === undefined || sku === '') return undefined;
  const categoryPath = cell(row, 'category')
    .split('|')
    .map((level) => level.trim())
    .filter((level) => level !== '');
  const attributes: Record<string, string> = {};
  const listPrice = cell(row, 'actual_price');
  if (listPrice !== '') attributes.actual_price = listPrice;
  const discount = cell(row, 'discount_percentage');
  if (discount !== '') attributes.discount_percentage = discount;
  const ratingCount = cell(row, 'rating_count');
  if (ratingCount !== '') attributes.rating_count = ratingCount;
  const rating = parseRating(cell(row, 'rating'));
  const count = parseCount(ratingCount);
  return {
    sku,
    name: plainText(cell(row, 'product_name')),
    price,
    categoryPath,
    ...(rating !== undefined ? { rating } : {}),
    ...(count !== undefined ? { ratingCount: count } : {}),
    text: plainText(cell(row, 'about_product').split('|').join(' ')).toLowerCase(),
    attributes,
  };
}

export function readAmazonInElectronicsTruth(dir: string): Truth {
  const rows = readRows(join(dir, 'amazon.csv'));
  // The source repeats a product once per review: its first row is the product.
  const first = new Map<string, Row>();
  for (const row of rows) {
    const id = cell(row, 'product_id');
    if (!first.has(id)) first.set(id, row);
  }
  const products = [...first.values()].flatMap((row) => toProduct(row) ?? []);
  return truthOf(products, 'INR');
}
