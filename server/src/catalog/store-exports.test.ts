/**
 * Store platforms' exports load unchanged from the raw files of the team's catalog kit
 * (`../shared/catalogs` beside the repository): recognised by their header, read by their
 * platform's reader, mapped like any other catalog.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadCatalogFile } from './load';

const KIT = fileURLToPath(new URL('../../../../shared/catalogs/', import.meta.url));

function kitFile(path: string): string {
  const file = `${KIT}${path}`;
  if (!existsSync(file)) {
    throw new Error(
      `team catalog kit missing: ${file} (expected ../shared/catalogs beside the repository)`,
    );
  }
  return file;
}

describe('Google Merchant feeds (no kit sample: the reader fixtures)', () => {
  it.each([
    ['google-merchant-rss.xml', 'google-merchant-xml', 3],
    ['google-merchant-atom.xml', 'google-merchant-xml', 2],
    ['google-merchant.tsv', 'google-merchant-tsv', 3],
  ])('%s loads as %s with %i products', async (name, format, count) => {
    const file = fileURLToPath(new URL(`./formats/fixtures/${name}`, import.meta.url));
    const parsed = await loadCatalogFile(file);
    expect(parsed.format).toBe(format);
    expect(parsed.products).toHaveLength(count);
  });
});

describe('store exports from the catalog kit', () => {
  it.each([
    ['shopify-unshattered-bags/products_export_1.csv', 'shopify-csv', 451],
    ['shopify-official-samples/apparel.csv', 'shopify-csv', 22],
    ['magento-luma/ConfigurableSampleData__products.csv', 'magento-csv', 147],
    ['magento-luma/CatalogSampleData__products_gear_bags.csv', 'magento-csv', 14],
  ])('%s loads as %s with %i products', async (path, format, count) => {
    const parsed = await loadCatalogFile(kitFile(path));
    expect(parsed.format).toBe(format);
    expect(parsed.products).toHaveLength(count);
    for (const p of parsed.products) expect(p.description).not.toMatch(/<\/?[a-z][^>]*>|&#\d+;/i);
  });
});
