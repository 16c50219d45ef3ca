import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { truthOf } from '../truth';
import type { Truth, TruthProduct } from '../types';
import { cell, readRows } from './csv-rows';
import { parseAmount, plainText } from './plain-text';
import { fallbackSku, groupByHandle, variantOptions } from './shopify-rows';

/**
 * Ground truth of Shopify's official sample store (shopifypartners/product-csvs): three product
 * CSVs in the older header (apparel, home-and-garden, jewelery), 60 products, USD by Shopify's
 * default. Read from the raw CSVs and nothing else:
 * - one truth product per variant (rows grouped by Handle: truth/shopify-rows.ts); unpublished
 *   products are left out. The files give no `Variant SKU` at all, so the sku is the importer's
 *   documented fallback: the handle, plus `/` and the option values slugged when the product
 *   has several variants (`clay-plant-pot/large`);
 * - category: `Type` (Indoor, Outdoor, Bracelet, Necklace, Earrings; empty for apparel, whose
 *   only grouping is the `men` / `women` tag); brand: `Vendor`;
 * - stock: `Variant Inventory Qty` only where Shopify tracks it (`Variant Inventory Tracker`
 *   set; one product here): an untracked quantity is not a stock figure;
 * - no rating anywhere.
 */

function productsOfFile(path: string): TruthProduct[] {
  const out: TruthProduct[] = [];
  for (const { handle, head, variants } of groupByHandle(readRows(path))) {
    if (cell(head, 'Published').toLowerCase() === 'false') continue;
    const type = cell(head, 'Type');
    const vendor = cell(head, 'Vendor');
    const base = {
      name: cell(head, 'Title'),
      categoryPath: type === '' ? [] : [type],
      ...(vendor === '' ? {} : { brand: vendor }),
      text: [plainText(cell(head, 'Body (HTML)')), cell(head, 'Tags'), type]
        .join(' ')
        .toLowerCase(),
    };
    for (const row of variants) {
      const price = parseAmount(cell(row, 'Variant Price'));
      if (price === undefined) continue;
      const { attributes, values } = variantOptions(head, row);
      const storeSku = cell(row, 'Variant SKU');
      const sku = storeSku !== '' ? storeSku : fallbackSku(handle, variants.length > 1, values);
      const tracked = cell(row, 'Variant Inventory Tracker') !== '';
      const qty = cell(row, 'Variant Inventory Qty');
      out.push({
        ...base,
        sku,
        price,
        attributes,
        ...(tracked && qty !== '' ? { stock: Number(qty) } : {}),
      });
    }
  }
  return out;
}

export function readOfficialSamplesTruth(dir: string): Truth {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.csv'))
    .sort();
  return truthOf(
    files.flatMap((f) => productsOfFile(join(dir, f))),
    'USD',
  );
}
