import { join } from 'node:path';
import { truthOf } from '../truth';
import type { Truth, TruthProduct } from '../types';
import { cell, type Row, readRows } from './csv-rows';
import { parseAmount, plainText } from './plain-text';
import { fallbackSku, groupByHandle, variantOptions } from './shopify-rows';

/**
 * Ground truth for the Unshattered Shopify export (`products_export_1.csv`, current header), read
 * with plain parsing of its own (never the server's importer):
 *
 * - Rows sharing a Handle are one product; the row with a Title holds the product fields, rows
 *   with a Variant Price are its variants (image-only rows have none). Only `Status: active`
 *   products are sold: draft and archived ones are left out.
 * - One truth product per variant, as the importer documents it (a variant is what a shopper
 *   buys). Its sku: the store's Variant SKU when that SKU names exactly one variant in the file
 *   (this store reuses `2022FAllCollection` as a collection label); otherwise the handle, plus
 *   `/<option values slug>` for products with several variants; a repeat gets `-2`, `-3`...
 * - Name: the title, plus ` – <option values>` for a variant with real options.
 * - Category: the `Product Category` taxonomy path where the file has one, else the `Type`.
 * - Attributes: the variant's options, the store's `type` and its `tags` (this store files a bag
 *   under several styles by tag: errand bags tagged `crossbody`, `messenger`).
 * - Brand: Vendor. No stock column, no rating. Prices are US dollars (the file states no currency;
 *   the store's tags and descriptions write `Price_$100 - $150`, `Price: $74`).
 */

const SKU_MAX = 64;

/** Assigns skus the way the importer documents it (see the module comment). */
function skuMaker(
  rows: Row[],
): (handle: string, several: boolean, variant: Row, values: string[]) => string {
  const storeSkuCount = new Map<string, number>();
  for (const row of rows) {
    const sku = cell(row, 'Variant SKU');
    if (sku !== '') storeSkuCount.set(sku, (storeSkuCount.get(sku) ?? 0) + 1);
  }
  const used = new Set<string>();
  return (handle, several, variant, values) => {
    const storeSku = cell(variant, 'Variant SKU');
    if (storeSku !== '' && storeSkuCount.get(storeSku) === 1 && !used.has(storeSku)) {
      used.add(storeSku);
      return storeSku;
    }
    const wanted = fallbackSku(handle, several, values).slice(0, SKU_MAX);
    let sku = wanted;
    for (let n = 2; used.has(sku); n++) sku = `${wanted.slice(0, SKU_MAX - `-${n}`.length)}-${n}`;
    used.add(sku);
    return sku;
  };
}

/** What the product row says, shared by all its variants. */
function productFacts(head: Row) {
  const type = cell(head, 'Type');
  const taxonomy = cell(head, 'Product Category');
  const tags = cell(head, 'Tags');
  const facets: Record<string, string> = {};
  if (type !== '') facets.type = type.toLowerCase();
  if (tags !== '') facets.tags = tags.toLowerCase();
  return {
    title: cell(head, 'Title'),
    vendor: cell(head, 'Vendor'),
    categoryPath: (taxonomy !== '' ? taxonomy.split('>') : [type])
      .map((c) => c.trim())
      .filter((c) => c !== ''),
    text: [cell(head, 'Title'), type, taxonomy, tags, plainText(cell(head, 'Body (HTML)'))]
      .join(' \n')
      .toLowerCase(),
    facets,
  };
}

export function readUnshatteredTruth(dir: string): Truth {
  const rows = readRows(join(dir, 'products_export_1.csv'));
  const skuFor = skuMaker(rows);
  const bySku = new Map<string, TruthProduct>();
  for (const { handle, head, variants } of groupByHandle(rows)) {
    if (cell(head, 'Status').toLowerCase() !== 'active') continue;
    const { title, vendor, categoryPath, text, facets } = productFacts(head);
    for (const variant of variants) {
      const price = parseAmount(cell(variant, 'Variant Price'));
      if (price === undefined) continue;
      const { attributes, values } = variantOptions(head, variant);
      const sku = skuFor(handle, variants.length > 1, variant, values);
      const product: TruthProduct = {
        sku,
        name: values.length > 0 ? `${title} – ${values.join(' / ')}` : title,
        price,
        categoryPath,
        text,
        attributes: { ...attributes, ...facets },
      };
      if (vendor !== '') product.brand = vendor;
      bySku.set(sku, product);
    }
  }
  return truthOf([...bySku.values()], 'USD');
}
