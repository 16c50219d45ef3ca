import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { mapRecord } from '../fields';
import { readShopifyCsv, sniffShopifyCsv } from './shopify-csv';

const CURRENT =
  'Handle,Title,Body (HTML),Vendor,Product Category,Type,Tags,Published,Option1 Name,Option1 Value,Option2 Name,Option2 Value,Option3 Name,Option3 Value,Variant SKU,Variant Inventory Tracker,Variant Price,Image Src,Image Position,Variant Image,Status';
const OLDER =
  'Handle,Title,Body (HTML),Vendor,Type,Tags,Published,Option1 Name,Option1 Value,Option2 Name,Option2 Value,Option3 Name,Option3 Value,Variant SKU,Variant Inventory Tracker,Variant Inventory Qty,Variant Price,Image Src';

const csv = (header: string, ...lines: string[]) => [header, ...lines].join('\n');

// Current header: a tote in two colours with extra image rows, a draft, an archived product,
// an active product not published to the online store, a variant without a price.
const current = csv(
  CURRENT,
  'denise-tote,Denise Tote,"<p>Mixed media&nbsp;tote &amp; <b>more</b></p>",Unshattered,Apparel & Accessories > Handbags > Totes,Tote,"Fall, Color_Black ,  zip",true,Color,Black,,,,,DT-BLK,shopify,129.00,https://img/denise-1.jpg,1,,active',
  'denise-tote,,,,,,,,,Brown,,,,,DT-BRN,shopify,119.00,,,https://img/denise-brown.jpg,',
  'denise-tote,,,,,,,,,,,,,,,,,https://img/denise-2.jpg,2,,',
  'draft-bag,Draft Bag,,Unshattered,,Tote,,false,Title,Default Title,,,,,DB,shopify,10.00,,,,draft',
  'old-bag,Old Bag,,Unshattered,,Tote,,false,Title,Default Title,,,,,OB,shopify,10.00,,,,archived',
  'hidden-pouch,Hidden Pouch,,Unshattered,,Zip Pouch,,false,Title,Default Title,,,,,,,45.00,,,,active',
  'pricey,Pricey,,Unshattered,,Tote,,true,Size,S,,,,,,,,,,,active',
  'pricey,,,,,,,,,M,,,,,,,20.00,,,,',
);

// Older header: no Status (Published decides), a stock column, a SKU reused by two variants.
const older = csv(
  OLDER,
  'varsity-top,Classic Varsity Top,Grey top,partners-demo,,women,true,Size,Small,Colour,Grey,,,,,1,60',
  'varsity-top,,,,,,,,Medium,,Grey,,,,shopify,3,62,https://img/top.jpg',
  'plant-pot,Clay Plant Pot,,Company 123,Outdoor,"Pot,Plants",true,Title,Default Title,,,,,POT-1,shopify,0,9.99,',
  'pouch-a,Pouch A,,Company 123,Bags,,true,Title,Default Title,,,,,2022Collection,,5,15,',
  'pouch-b,Pouch B,,Company 123,Bags,,true,Title,Default Title,,,,,2022Collection,,5,16,',
  'unlisted,Unlisted,,Company 123,Bags,,false,Title,Default Title,,,,,UL,,1,5,',
);

const bySku = (text: string) =>
  new Map(readShopifyCsv(text).records.map(({ row, record }) => [record.sku, { row, record }]));

describe('sniffShopifyCsv', () => {
  it('recognises both headers, with or without BOM and quotes', () => {
    expect(sniffShopifyCsv(current)).toBe(true);
    expect(sniffShopifyCsv(older)).toBe(true);
    expect(sniffShopifyCsv(`\ufeff"Handle","Title","Body (HTML)","Variant Price"\n`)).toBe(true);
  });

  it('is false for plain product CSV, JSON, Magento and Merchant Center files', () => {
    expect(sniffShopifyCsv('sku,name,price,category\nA1,Tee,10,Shirts\n')).toBe(false);
    expect(sniffShopifyCsv('[{"sku":"A1","title":"Tee","Handle":"x"}]')).toBe(false);
    expect(
      sniffShopifyCsv(
        'sku,store_view_code,attribute_set_code,product_type,categories,name,price\n',
      ),
    ).toBe(false);
    expect(sniffShopifyCsv('id\ttitle\tdescription\tprice\tbrand\tproduct_type\n')).toBe(false);
    expect(
      sniffShopifyCsv('<?xml version="1.0"?><rss xmlns:g="http://base.google.com/ns/1.0">'),
    ).toBe(false);
  });
});

describe('readShopifyCsv', () => {
  it('makes one record per variant, named with its option values, grouped by handle', () => {
    const skus = bySku(current);
    const black = skus.get('DT-BLK');
    const brown = skus.get('DT-BRN');
    expect(black?.row).toBe(2);
    expect(black?.record).toMatchObject({
      name: 'Denise Tote – Black',
      price: '129.00',
      group: 'denise-tote',
      attributes: { Color: 'Black' },
    });
    expect(brown?.row).toBe(3);
    // Continuation rows take the product's fields; the variant keeps its own price.
    expect(brown?.record).toMatchObject({
      name: 'Denise Tote – Brown',
      price: '119.00',
      brand: 'Unshattered',
      attributes: { Color: 'Brown' },
      category: 'Apparel & Accessories > Handbags > Totes',
    });
  });

  it('turns the HTML body into text, Vendor into brand, Tags into a trimmed list', () => {
    const record = bySku(current).get('DT-BLK')?.record ?? {};
    expect(record.description).toBe('Mixed media tote & more');
    expect(record.brand).toBe('Unshattered');
    expect(record.tags).toEqual(['Fall', 'Color_Black', 'zip']);
  });

  it('takes the category path from Product Category, else Type; keeps Type aside', () => {
    const skus = bySku(current);
    expect(skus.get('DT-BLK')?.record).toMatchObject({
      category_path: ['Apparel & Accessories', 'Handbags', 'Totes'],
      product_type: 'Tote',
      attributes: { Color: 'Black', Type: 'Tote' },
    });
    expect(skus.get('hidden-pouch')?.record.attributes).toBeUndefined();
    expect(skus.get('hidden-pouch')?.record).toMatchObject({
      category: 'Zip Pouch',
      category_path: ['Zip Pouch'],
    });
    const top = bySku(older).get('varsity-top/small-grey')?.record ?? {};
    expect(top.category).toBeUndefined();
    expect(top.category_path).toBeUndefined();
  });

  it('uses the first image, or the variant image when the variant has one', () => {
    const skus = bySku(current);
    expect(skus.get('DT-BLK')?.record.image).toBe('https://img/denise-1.jpg');
    expect(skus.get('DT-BRN')?.record.image).toBe('https://img/denise-brown.jpg');
    expect(skus.get('hidden-pouch')?.record.image).toBeUndefined();
  });

  it('skips draft and archived products by Status, and keeps active ones even if unpublished', () => {
    const { records, skipped } = readShopifyCsv(current);
    expect(skipped).toEqual([
      { row: 5, reason: 'draft product (Status: draft)' },
      { row: 6, reason: 'archived product (Status: archived)' },
      { row: 8, reason: 'variant without price' },
    ]);
    expect(records.map(({ record }) => record.sku)).toEqual([
      'DT-BLK',
      'DT-BRN',
      'hidden-pouch',
      'pricey/m',
    ]);
  });

  it('skips unpublished products by Published when there is no Status column', () => {
    expect(readShopifyCsv(older).skipped).toEqual([
      { row: 7, reason: 'unpublished product (Published: false)' },
    ]);
  });

  it('gives variants without a SKU, or with a SKU shared by others, handle + option values', () => {
    const skus = [...bySku(older).keys()];
    expect(skus).toEqual([
      'varsity-top/small-grey',
      'varsity-top/medium-grey',
      'POT-1',
      'pouch-a',
      'pouch-b',
    ]);
    expect(bySku(older).get('varsity-top/medium-grey')?.record).toMatchObject({
      name: 'Classic Varsity Top – Medium / Grey',
      attributes: { Size: 'Medium', Colour: 'Grey' },
    });
    // A single "Default Title" variant is the product itself, with no attributes.
    expect(bySku(older).get('POT-1')?.record.name).toBe('Clay Plant Pot');
    expect(bySku(older).get('POT-1')?.record.attributes).toBeUndefined();
  });

  it('states stock only when the column exists and Shopify tracks the variant', () => {
    const skus = bySku(older);
    expect(skus.get('varsity-top/small-grey')?.record).not.toHaveProperty('stock');
    expect(skus.get('varsity-top/medium-grey')?.record.stock).toBe('3');
    expect(skus.get('POT-1')?.record.stock).toBe('0');
    // No stock column at all: no stock key on any record.
    expect(readShopifyCsv(current).records.some(({ record }) => 'stock' in record)).toBe(false);
  });

  it('leaves out the currency Shopify CSVs do not carry, and maps cleanly through mapRecord', () => {
    for (const { record } of readShopifyCsv(current).records) {
      expect(record).not.toHaveProperty('currency');
      expect(mapRecord(record).ok).toBe(true);
    }
    const mapped = mapRecord(bySku(current).get('DT-BRN')?.record ?? {});
    expect(mapped.ok && mapped.product).toMatchObject({
      sku: 'DT-BRN',
      price: 119,
      brand: 'Unshattered',
    });
  });

  it('reports rows without a handle and handles with no titled row', () => {
    const text = csv(OLDER, ',Orphan,,,,,true,,,,,,,,,,5,', 'ghost,,,,,,,,,,,,,,,,5,');
    expect(readShopifyCsv(text)).toEqual({
      records: [],
      skipped: [
        { row: 2, reason: 'row without Handle' },
        { row: 3, reason: 'handle "ghost" has no product row (every row has an empty Title)' },
      ],
    });
  });
});

const KIT = new URL('../../../../../shared/catalogs/', import.meta.url);

function kitFile(path: string): string {
  const file = fileURLToPath(new URL(path, KIT));
  if (!existsSync(file)) {
    throw new Error(
      `team catalog kit missing: ${file} not found (expected ../shared/catalogs beside the repository)`,
    );
  }
  return readFileSync(file, 'utf8');
}

describe('readShopifyCsv on the real exports', () => {
  it('reads the three official Shopify samples (older header)', () => {
    const counts = ['apparel', 'home-and-garden', 'jewelery'].map((name) => {
      const text = kitFile(`shopify-official-samples/${name}.csv`);
      expect(sniffShopifyCsv(text)).toBe(true);
      const { records, skipped } = readShopifyCsv(text);
      expect(skipped).toEqual([]);
      for (const { record } of records) expect(mapRecord(record).ok).toBe(true);
      return {
        variants: records.length,
        products: new Set(records.map(({ record }) => record.group)).size,
        stock: records.filter(({ record }) => 'stock' in record).length,
      };
    });
    expect(counts).toEqual([
      { variants: 22, products: 20, stock: 0 },
      { variants: 21, products: 20, stock: 1 },
      { variants: 23, products: 20, stock: 0 },
    ]);

    const pots = readShopifyCsv(kitFile('shopify-official-samples/home-and-garden.csv'));
    const large = pots.records.find(({ record }) => record.sku === 'clay-plant-pot/large');
    const mapped = mapRecord(large?.record ?? {});
    expect(mapped.ok && mapped.product).toMatchObject({
      name: 'Clay Plant Pot – Large',
      price: 15.99,
      brand: 'Company 123',
    });
    expect(large?.record.attributes).toEqual({ Size: 'Large' });
  });

  it('reads the Unshattered export (current header, statuses, taxonomy paths)', () => {
    const text = kitFile('shopify-unshattered-bags/products_export_1.csv');
    expect(sniffShopifyCsv(text)).toBe(true);
    const { records, skipped } = readShopifyCsv(text);
    const reasons = new Map<string, number>();
    for (const { reason } of skipped) reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
    expect(Object.fromEntries(reasons)).toEqual({
      'draft product (Status: draft)': 35,
      'archived product (Status: archived)': 43,
    });
    expect(records.length).toBe(451);
    expect(new Set(records.map(({ record }) => record.group)).size).toBe(297);
    expect(new Set(records.map(({ record }) => record.sku)).size).toBe(451);
    expect(records.some(({ record }) => 'stock' in record || 'currency' in record)).toBe(false);
    expect(records.every(({ record }) => record.brand !== undefined)).toBe(true);
    expect(records.filter(({ record }) => record.category !== undefined).length).toBe(443);

    const mapped = records.map(({ record }) => mapRecord(record));
    expect(mapped.every((m) => m.ok)).toBe(true);

    // A SKU the store reused as a collection label is not an identifier.
    expect(records.some(({ record }) => record.sku === '2022FAllCollection')).toBe(false);
    const annie = records.find(({ record }) => record.sku === 'annie-makeup-kit')?.record;
    expect(annie).toMatchObject({
      name: 'Annie Makeup Kit',
      price: '38.00',
      brand: 'Unshattered',
      category: 'Makeup Kit',
    });
    expect(String(annie?.description)).not.toMatch(/<|&nbsp;/);
    const withPath = records.find(
      ({ record }) => Array.isArray(record.category_path) && record.category_path.length === 3,
    );
    const path = withPath?.record.category_path;
    expect(Array.isArray(path) && path.join(' > ')).toBe(withPath?.record.category);
  });
});
