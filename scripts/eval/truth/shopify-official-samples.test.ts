import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { kitFolder } from '../kit';
import { readOfficialSamplesTruth } from './shopify-official-samples';

const truth = readOfficialSamplesTruth(join(kitFolder(), 'shopify-official-samples'));

describe('shopify-official-samples truth', () => {
  it('holds one product per variant, in USD, with brands, one stock figure and no rating', () => {
    expect(truth.products).toHaveLength(66);
    expect(truth.currency).toBe('USD');
    expect(truth.has).toEqual({ rating: false, stock: true, brand: true });
    expect(truth.products.filter((p) => p.stock !== undefined).map((p) => p.sku)).toEqual([
      'biodegradable-cardboard-pots',
    ]);
  });

  it('gives variants the handle plus their options slugged, and each its own price', () => {
    expect(truth.bySku.get('clay-plant-pot/regular')).toMatchObject({
      name: 'Clay Plant Pot',
      price: 9.99,
      categoryPath: ['Outdoor'],
      brand: 'Company 123',
      attributes: { size: 'regular' },
    });
    expect(truth.bySku.get('clay-plant-pot/large')?.price).toBe(15.99);
    expect(truth.bySku.has('clay-plant-pot')).toBe(false);
  });

  it('keeps a single-variant product under its handle, with its body as plain text and tags', () => {
    const shirt = truth.bySku.get('ocean-blue-shirt');
    expect(shirt).toMatchObject({ price: 50, categoryPath: [], attributes: {} });
    expect(shirt?.text).toContain('narrow collar');
    expect(shirt?.text).not.toMatch(/<[a-z]/);
  });
});
