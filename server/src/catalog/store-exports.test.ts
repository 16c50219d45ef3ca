/**
 * The five catalogs of the kit load unchanged from their raw files (a directory each; Ocado with
 * the mapping shipped in catalog-mappings/). Store platforms' exports load unchanged from the raw files of the team's catalog kit
 * (`../shared/catalogs` beside the repository): recognised by their header, read by their
 * platform's reader, mapped like any other catalog.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Product } from '@aisle/shared';
import { describe, expect, it } from 'vitest';
import { loadCatalogSource } from './catalog-source';
import { loadCatalogFile } from './load';
import { loadMapping } from './mapping';

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

const count = (products: readonly Product[], has: (p: Product) => boolean): number =>
  products.filter(has).length;

describe('the five kit catalogs, each loaded from its directory', () => {
  it('shopify-official-samples: 3 files, 60 products as 66 variant records, no stock claims', async () => {
    const loaded = await loadCatalogSource(kitFile('shopify-official-samples'));
    expect(loaded.files.filter((f) => f.role === 'products')).toHaveLength(3);
    // One record per variant: its sku is the handle (plus the option values), as no variant
    // of these files has a Variant SKU.
    expect(loaded.products).toHaveLength(66);
    expect(new Set(loaded.products.map((p) => p.sku.split('/')[0])).size).toBe(60);
    expect(loaded.skipped).toEqual([]);
    expect(count(loaded.products, (p) => p.rating !== undefined)).toBe(0);
    expect(loaded.currencySource).toBe('none');
  });

  it('shopify-unshattered-bags: 375 products, drafts and archived left out, one record per variant', async () => {
    const loaded = await loadCatalogSource(kitFile('shopify-unshattered-bags'));
    const reasons = loaded.skipped.map((s) => s.reason.split(' ')[0]);
    expect(reasons.filter((r) => r === 'draft')).toHaveLength(35);
    expect(reasons.filter((r) => r === 'archived')).toHaveLength(43);
    // 375 - 78 = 297 active products, sold as 451 variants (548 variants over all statuses).
    expect(loaded.products).toHaveLength(451);
    expect(count(loaded.products, (p) => p.stock !== undefined)).toBe(0);
    expect(count(loaded.products, (p) => (p.category_path?.length ?? 0) > 1)).toBeGreaterThan(0);
    for (const p of loaded.products) expect(p.description).not.toMatch(/<\/?[a-z][^>]*>|&#\d+;/i);
  });

  it('magento-luma: 147 configurable + 44 gear products, ratings joined from the review file', async () => {
    const loaded = await loadCatalogSource(kitFile('magento-luma'));
    expect(loaded.products).toHaveLength(191);
    expect(loaded.files.map((f) => f.role)).toEqual([
      'ignored',
      'products',
      'products',
      'products',
      'products',
      'products',
      'ignored',
      'ignored',
      'products',
      'ignored',
      'ignored',
      'reviews',
    ]);
    const rated = loaded.products.filter((p) => p.rating !== undefined);
    expect(rated).toHaveLength(125);
    const bag = loaded.products.find((p) => p.sku === '24-MB01');
    expect(bag).toMatchObject({ category: 'Bags', category_path: ['Gear', 'Bags'], stock: 100 });
    // The Joust Duffle Bag's two reviews in the file rate it 2 and 3.
    expect(bag).toMatchObject({ rating: 2.5, rating_count: 2 });
    expect(count(loaded.products, (p) => p.brand !== '')).toBe(0);
    expect(count(loaded.products, (p) => p.availability !== undefined)).toBe(191);
  });

  it('amazon-in-electronics: 1,351 distinct products, first row wins, INR, ratings, no stock', async () => {
    const loaded = await loadCatalogSource(kitFile('amazon-in-electronics'));
    expect(loaded.products).toHaveLength(1351);
    expect(loaded.skipped.every((s) => s.reason.startsWith('duplicate sku'))).toBe(true);
    expect(loaded.currency).toBe('INR');
    expect(count(loaded.products, (p) => p.stock !== undefined)).toBe(0);
    expect(count(loaded.products, (p) => p.availability !== undefined)).toBe(0);
    expect(count(loaded.products, (p) => p.rating !== undefined)).toBeGreaterThanOrEqual(1350);
    const cable = loaded.products.find((p) => p.sku === 'B07JW9H4J1');
    expect(cable).toMatchObject({
      price: 399,
      currency: 'INR',
      category: 'USBCables',
      rating: 4.2,
    });
    expect(cable?.category_path?.[0]).toBe('Computers&Accessories');
  });

  it('ocado-grocery: 8,920 distinct products with the shipped mapping, GBP, brand and rating on the joined ~1,000', async () => {
    const mapping = loadMapping(
      fileURLToPath(new URL('../../../catalog-mappings/ocado-grocery.json', import.meta.url)),
    );
    const loaded = await loadCatalogSource(kitFile('ocado-grocery'), { mapping });
    expect(loaded.products).toHaveLength(8920);
    expect(loaded.currency).toBe('GBP');
    expect(count(loaded.products, (p) => p.currency === 'GBP')).toBe(8920);
    const branded = count(loaded.products, (p) => p.brand !== '');
    expect(branded).toBeGreaterThan(950);
    expect(branded).toBeLessThanOrEqual(1000);
    expect(count(loaded.products, (p) => p.rating !== undefined)).toBeGreaterThan(900);
    expect(count(loaded.products, (p) => p.stock !== undefined)).toBe(0);
    expect(loaded.products.find((p) => p.sku === '570612011')).toMatchObject({
      name: 'Ocado Shredded Shrooms',
      price: 2.3,
      category: 'Fresh & Chilled Food',
    });
    expect(loaded.products.some((p) => p.price < 1)).toBe(true);
  });
});
