import { type ProductQueryInput, ProductQuerySchema } from '@aisle/shared';
import { describe, expect, it } from 'vitest';
import { createCatalog } from './catalog';
import { ELECTRONICS_STORE, stocked } from './vocabulary/fixtures';

const catalog = createCatalog([
  ...ELECTRONICS_STORE,
  stocked('ph4', 'Apple iPhone 6s 32GB', ['Electronics', 'Cell Phones', 'iPhone'], 149, 'APPLE'),
]);
const skus = (q: ProductQueryInput) =>
  catalog.search(ProductQuerySchema.parse(q)).map((h) => h.product.sku);

describe('catalog search: model numbers and sizes', () => {
  it('never lets a number match another number by prefix or typo', () => {
    expect(skus({ text: 'iphone 6' })).toEqual([]);
    expect(skus({ text: 'iphone 6s' })).toEqual(['ph4']);
    expect(skus({ text: 's2' })).toEqual([]);
  });

  it('does not read a size or a count as a model', () => {
    expect(catalog.missingTerms('hoodie size 10')).toEqual([]);
    expect(catalog.missingTerms('pack of 6 cables')).toEqual([]);
  });

  it('finds products by their attribute values', () => {
    const shirts = createCatalog([
      {
        ...stocked('s1', 'Oxford Shirt', ['Shirts'], 30),
        attributes: { color: 'Blue', size: 'XL' },
      },
      { ...stocked('s2', 'Linen Shirt', ['Shirts'], 35), attributes: { color: 'White' } },
    ]);
    const hits = shirts.search(ProductQuerySchema.parse({ text: 'blue shirt' }));
    expect(hits.map((h) => h.product.sku)).toEqual(['s1', 's2']);
  });

  it('names the model terms and sizes no product has', () => {
    expect(catalog.missingTerms('iphone 6')).toEqual(['iphone6']);
    expect(catalog.missingTerms('iPhone 6s')).toEqual([]);
    expect(catalog.missingTerms('85 inch tv')).toEqual(['85in']);
    expect(catalog.missingTerms('55" tv with 4K')).toEqual([]);
  });

  it('folds brand marks and case for the brand filter', () => {
    expect(skus({ brands: ['apple'], sort: 'price_asc', limit: 10 })).toEqual([
      'ph2',
      'ph4',
      'ph1',
      'mb1',
    ]);
    expect(skus({ brands: ['Insignia'], category: 'tv' })).toEqual(['tv3']);
  });

  it('scopes a category word to every store category it names', () => {
    expect(skus({ category: 'laptops', sort: 'price_asc', limit: 10 })).toEqual([
      'cb1',
      'lp2',
      'lp1',
      'mb1',
    ]);
    expect(skus({ category: 'tv', text: 'oled' })).toEqual(['tv2']);
    expect(skus({ category: 'blender' })).toEqual([]);
  });
});
