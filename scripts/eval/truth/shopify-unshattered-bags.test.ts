import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { kitFolder } from '../kit';
import { readUnshatteredTruth } from './shopify-unshattered-bags';

const HEADER =
  'Handle,Title,Body (HTML),Vendor,Product Category,Type,Tags,Option1 Name,Option1 Value,Option2 Name,Option2 Value,Variant SKU,Variant Price,Image Src,Status';

/** Rows in the current Shopify layout, with this store's quirks. */
const ROWS = [
  // A one-variant product whose store SKU is its own.
  'molly-messenger,Molly Messenger,<p>Roomy &amp; <b>upcycled</b></p>,Unshattered,,Large Messenger,"Size_Large, travel",Title,Default Title,,,mk001,165.00,a.png,active',
  // An extra image row: not a variant.
  'molly-messenger,,,,,,,,,,,,,b.png,',
  // Two products reusing one SKU as a collection label: neither keeps it.
  'fall-tote,Fall Tote,,Unshattered,Apparel & Accessories > Handbags,Tote,,Title,Default Title,,,2022Fall,129.00,,active',
  'fall-pouch,Fall Pouch,,Unshattered,,Zip Pouch,,Title,Default Title,,,2022Fall,28.00,,active',
  // Several variants without SKUs, two with the same option values.
  'errand-bag,Errand Bag,,Unshattered,,Errand,,Color,White,Interior,Vinyl,,139.00,,active',
  'errand-bag,,,,,,,,White,,Vinyl,,139.00,,',
  'errand-bag,,,,,,,,Tan,,Fabric,,149.00,,',
  // Not for sale.
  'denise-tote,Denise Tote,,Unshattered,,Tote,,Title,Default Title,,,,129.00,,archived',
  'new-bag,New Bag,,Unshattered,,Tote,,Title,Default Title,,,,99.00,,draft',
];

describe('readUnshatteredTruth on a small export', () => {
  const dir = mkdtempSync(join(tmpdir(), 'unshattered-truth-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(join(dir, 'products_export_1.csv'), [HEADER, ...ROWS].join('\n'));
  const truth = readUnshatteredTruth(dir);

  it('has one product per variant of the active products, skus as the importer gives them', () => {
    expect(truth.products.map((p) => p.sku)).toEqual([
      'mk001',
      'fall-tote',
      'fall-pouch',
      'errand-bag/white-vinyl',
      'errand-bag/white-vinyl-2',
      'errand-bag/tan-fabric',
    ]);
  });

  it('names variants by their options; options, type and tags are its attributes', () => {
    expect(truth.bySku.get('errand-bag/tan-fabric')).toMatchObject({
      name: 'Errand Bag – Tan / Fabric',
      price: 149,
      attributes: { color: 'tan', interior: 'fabric', type: 'errand' },
    });
    expect(truth.bySku.get('mk001')).toMatchObject({
      name: 'Molly Messenger',
      attributes: { type: 'large messenger', tags: 'size_large, travel' },
    });
  });

  it('takes the taxonomy path where there is one, else the type', () => {
    expect(truth.bySku.get('fall-tote')?.categoryPath).toEqual([
      'Apparel & Accessories',
      'Handbags',
    ]);
    expect(truth.bySku.get('fall-pouch')?.categoryPath).toEqual(['Zip Pouch']);
  });

  it('keeps the body and tags as plain lowercase text', () => {
    const text = truth.bySku.get('mk001')?.text ?? '';
    expect(text).toContain('roomy');
    expect(text).toContain('size_large');
    expect(text).not.toContain('<p>');
  });

  it('says what the file holds: a vendor, no stock, no rating; dollars', () => {
    expect(truth.has).toEqual({ rating: false, stock: false, brand: true });
    expect(truth.currency).toBe('USD');
  });
});

describe('readUnshatteredTruth on the real export', () => {
  const truth = readUnshatteredTruth(join(kitFolder(), 'shopify-unshattered-bags'));

  it('sells the 451 variants of the 297 active products, nothing archived or draft', () => {
    expect(truth.products).toHaveLength(451);
    expect(truth.products.some((p) => /^denise tote$/i.test(p.name))).toBe(false);
  });

  it('gives no variant the SKU the store reuses as a collection label', () => {
    expect(truth.bySku.has('2022FAllCollection')).toBe(false);
  });
});
