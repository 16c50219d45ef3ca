import { cell, type Row } from './csv-rows';
import { slug } from './plain-text';

/**
 * How a Shopify product CSV (both the older and the current header) groups its rows, read the
 * same way by every Shopify truth reader: rows sharing a `Handle` are one product, the row with
 * a Title holds the product fields, and rows with a price, SKU or option value are its variants
 * (the others only add images).
 */

export interface ShopifyProduct {
  handle: string;
  head: Row;
  variants: Row[];
}

const isVariantRow = (row: Row): boolean =>
  cell(row, 'Variant Price') !== '' ||
  cell(row, 'Variant SKU') !== '' ||
  cell(row, 'Option1 Value') !== '';

/** Products in file order; a handle without a titled row is no product. */
export function groupByHandle(rows: readonly Row[]): ShopifyProduct[] {
  const byHandle = new Map<string, Row[]>();
  for (const row of rows) {
    const handle = cell(row, 'Handle');
    if (handle === '') continue;
    byHandle.set(handle, [...(byHandle.get(handle) ?? []), row]);
  }
  const products: ShopifyProduct[] = [];
  for (const [handle, group] of byHandle) {
    const head = group.find((row) => cell(row, 'Title') !== '');
    if (head) products.push({ handle, head, variants: group.filter(isVariantRow) });
  }
  return products;
}

/**
 * A variant's options as lowercased attributes (`size: large`) and its option values as
 * written; Shopify's placeholder `Title: Default Title` is no option.
 */
export function variantOptions(
  head: Row,
  variant: Row,
): { attributes: Record<string, string>; values: string[] } {
  const attributes: Record<string, string> = {};
  const values: string[] = [];
  for (const n of [1, 2, 3]) {
    const name = cell(head, `Option${n} Name`);
    const value = cell(variant, `Option${n} Value`);
    if (value === '' || (name === 'Title' && value === 'Default Title')) continue;
    attributes[(name === '' ? `option${n}` : name).toLowerCase()] = value.toLowerCase();
    values.push(value);
  }
  return { attributes, values };
}

/** The importer's sku for a variant without a usable store SKU: handle, plus options slugged. */
export const fallbackSku = (handle: string, several: boolean, values: readonly string[]): string =>
  several && values.length > 0 ? `${handle}/${slug(values.join(' '))}` : handle;
