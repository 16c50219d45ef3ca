import type { ProductQueryInput } from '@aisle/shared';
import { ProductQuerySchema } from '@aisle/shared';
import { describe, expect, it } from 'vitest';
import { relaxations, retrieveProducts, sortProducts } from './retrieve';
import { createTestCatalog } from './test-catalog';
import { context, PHONES, product } from './understand/test-fixtures';
import type { Understanding } from './understanding-schema';

const PRODUCTS = [
  ...PHONES,
  product({ sku: 'MOTO-PLAY', name: 'Moto G Play', brand: 'Motorola', price: 149, rating: 3.9 }),
  product({ sku: 'SGA15', name: 'Galaxy A15', brand: 'Samsung', price: 199, rating: 4.2 }),
  product({ sku: 'SGS24U', name: 'Galaxy S24 Ultra', brand: 'Samsung', price: 1299, rating: 4.8 }),
  product({
    sku: 'SN-XM5',
    name: 'WH-1000XM5',
    brand: 'Sony',
    price: 399,
    rating: 4.7,
    category: 'headphones',
    tags: ['noise-cancelling'],
  }),
  product({
    sku: 'SN-CH720',
    name: 'WH-CH720N',
    brand: 'Sony',
    price: 149,
    category: 'headphones',
  }),
  product({
    sku: 'AP-APP2',
    name: 'AirPods Pro',
    brand: 'Apple',
    price: 249,
    rating: 4.7,
    category: 'headphones',
  }),
  product({
    sku: 'OOS-TAB',
    name: 'Sold Out Tab',
    brand: 'Apple',
    price: 329,
    category: 'tablet',
    stock: 0,
  }),
];

const understanding = (
  query: ProductQueryInput,
  extra: Partial<Understanding> = {},
): Understanding => ({
  intent: 'product_inquiry',
  query: ProductQuerySchema.parse(query),
  references: [],
  followUp: false,
  ...extra,
});

const skus = (r: { products: { sku: string }[] }) => r.products.map((p) => p.sku);

describe('sortProducts', () => {
  it('sorts by price and rating, keeping the order for relevance', () => {
    expect(sortProducts(PHONES, 'price_asc').map((p) => p.price)).toEqual([499, 799, 999]);
    expect(sortProducts(PHONES, 'price_desc').map((p) => p.price)).toEqual([999, 799, 499]);
    expect(sortProducts(PHONES, 'rating_desc').map((p) => p.rating)).toEqual([4.7, 4.6, 4.5]);
    expect(sortProducts(PHONES, 'relevance')).toEqual(PHONES);
  });
});

describe('retrieveProducts: catalog search', () => {
  it('returns matching products, at most the limit', () => {
    const catalog = createTestCatalog(PRODUCTS);
    const r = retrieveProducts(
      understanding({ category: 'smartphone', maxPrice: 300, sort: 'price_asc', limit: 5 }),
      context(),
      catalog,
    );
    expect(r).toEqual({ products: [PRODUCTS[3], PRODUCTS[4]], alternatives: false });
    const one = retrieveProducts(
      understanding({ category: 'smartphone', sort: 'price_asc', limit: 1 }),
      context(),
      catalog,
    );
    expect(skus(one)).toEqual(['MOTO-PLAY']);
  });

  it('ranks preferred brands higher without filtering the others out', () => {
    const catalog = createTestCatalog(PRODUCTS);
    const ctx = context({ preferences: { preferred_brands: ['samsung'] } });
    const r = retrieveProducts(understanding({ category: 'smartphone', limit: 10 }), ctx, catalog);
    expect(skus(r).slice(0, 3).sort()).toEqual(['SGA15', 'SGS24-128', 'SGS24U']);
    expect(r.products).toHaveLength(6);
    expect(r.alternatives).toBe(false);
  });

  it('keeps an explicit price sort ahead of brand preference', () => {
    const catalog = createTestCatalog(PRODUCTS);
    const ctx = context({ preferences: { preferred_brands: ['Apple'] } });
    const r = retrieveProducts(
      understanding({ category: 'smartphone', sort: 'price_asc', limit: 2 }),
      ctx,
      catalog,
    );
    expect(skus(r)).toEqual(['MOTO-PLAY', 'SGA15']);
  });

  it('drops free text that matches nothing and flags alternatives', () => {
    const catalog = createTestCatalog(PRODUCTS);
    const r = retrieveProducts(
      understanding({ text: 'titanium foldable', category: 'headphones' }),
      context(),
      catalog,
    );
    expect(r.alternatives).toBe(true);
    expect(r.products.every((p) => p.category === 'headphones')).toBe(true);
  });

  it('looks just outside the budget when nothing fits it', () => {
    const catalog = createTestCatalog(PRODUCTS);
    const r = retrieveProducts(
      understanding({ category: 'smartphone', maxPrice: 100, limit: 2 }),
      context(),
      catalog,
    );
    expect(r).toMatchObject({ alternatives: true });
    expect(skus(r)).toEqual(['MOTO-PLAY', 'SGA15']);
    const above = retrieveProducts(
      understanding({ category: 'headphones', minPrice: 1000, limit: 1 }),
      context(),
      catalog,
    );
    expect(skus(above)).toEqual(['SN-XM5']);
  });

  it('drops the brand, keeping the budget, when the brand has nothing in the category', () => {
    const catalog = createTestCatalog(PRODUCTS);
    const r = retrieveProducts(
      understanding({ category: 'headphones', brands: ['Motorola'], maxPrice: 300 }),
      context(),
      catalog,
    );
    expect(r.alternatives).toBe(true);
    expect(skus(r).sort()).toEqual(['AP-APP2', 'SN-CH720']);
  });

  it('drops a category that only came from preferences before widening the budget', () => {
    const catalog = createTestCatalog(PRODUCTS);
    const u = understanding(
      { category: 'tablet', brands: ['Sony'] },
      { fromPreferences: { category: true } },
    );
    const r = retrieveProducts(u, context(), catalog);
    expect(r.alternatives).toBe(true);
    expect(r.products.every((p) => p.brand === 'Sony')).toBe(true);
  });

  it('never returns the whole catalog for an unknown product', () => {
    const catalog = createTestCatalog(PRODUCTS);
    const r = retrieveProducts(understanding({ text: 'drone' }), context(), catalog);
    expect(r).toEqual({ products: [], alternatives: false });
  });

  it('lists nothing for a purchase question that names no product', () => {
    const catalog = createTestCatalog(PRODUCTS);
    expect(retrieveProducts({ ...understanding({}), intent: 'sales' }, context(), catalog)).toEqual(
      {
        products: [],
        alternatives: false,
      },
    );
    expect(retrieveProducts(understanding({}), context(), catalog).products.length).toBeGreaterThan(
      0,
    );
  });

  it('leaves out brands the question ruled out', () => {
    const catalog = createTestCatalog(PRODUCTS);
    const r = retrieveProducts(
      understanding(
        { category: 'smartphone', limit: 10 },
        { excludedBrands: ['apple', 'Samsung'] },
      ),
      context(),
      catalog,
    );
    expect(r.products.map((p) => p.brand).sort()).toEqual(['Google', 'Motorola']);
  });

  it('relaxes the in-stock filter last', () => {
    const catalog = createTestCatalog(PRODUCTS);
    const r = retrieveProducts(
      understanding({ category: 'tablet', inStockOnly: true }),
      context(),
      catalog,
    );
    expect(r).toMatchObject({ alternatives: true });
    expect(skus(r)).toEqual(['OOS-TAB']);
  });

  it('plans relaxation steps in order', () => {
    const steps = relaxations(
      understanding(
        { text: 'x', category: 'tv', brands: ['LG'], maxPrice: 500 },
        { fromPreferences: { category: true } },
      ),
    );
    expect(
      steps.map((s) => [
        s.query.text,
        s.query.category,
        s.query.brands,
        s.closestPrice !== undefined,
      ]),
    ).toEqual([
      ['x', 'tv', ['LG'], false],
      ['', 'tv', ['LG'], false],
      ['', undefined, ['LG'], false],
      ['', undefined, ['LG'], true],
      ['', undefined, undefined, false],
      ['', undefined, undefined, true],
    ]);
  });
});

describe('retrieveProducts: follow-ups', () => {
  const ctx = context({ lastShown: PHONES });

  it('picks from the products shown, applying the sort among them', () => {
    const catalog = createTestCatalog(PRODUCTS);
    const u = understanding(
      { sort: 'price_asc', limit: 1 },
      { followUp: true, references: [0, 1, 2] },
    );
    expect(retrieveProducts(u, ctx, catalog)).toEqual({
      products: [PHONES[2]],
      alternatives: false,
    });
    expect(catalog.queries).toHaveLength(0);
  });

  it('keeps the referenced order for relevance', () => {
    const u = understanding({ limit: 2 }, { followUp: true, references: [2, 0] });
    expect(skus(retrieveProducts(u, ctx, createTestCatalog(PRODUCTS)))).toEqual([
      'GPX8A-128',
      'IPH15PRO-256',
    ]);
  });

  it('filters shown products by a new budget, or offers the closest as alternatives', () => {
    const catalog = createTestCatalog(PRODUCTS);
    const under = understanding(
      { maxPrice: 800, limit: 3 },
      { followUp: true, references: [0, 1, 2] },
    );
    expect(skus(retrieveProducts(under, ctx, catalog))).toEqual(['SGS24-128', 'GPX8A-128']);
    const none = understanding(
      { maxPrice: 100, limit: 1 },
      { followUp: true, references: [0, 1, 2] },
    );
    expect(retrieveProducts(none, ctx, catalog)).toEqual({
      products: [PHONES[2]],
      alternatives: true,
    });
  });

  it('ignores references past the end of the list', () => {
    const u = understanding({ limit: 5 }, { followUp: true, references: [7, 1] });
    expect(skus(retrieveProducts(u, ctx, createTestCatalog(PRODUCTS)))).toEqual(['SGS24-128']);
  });

  it('searches the catalog when a follow-up has nothing shown to refer to', () => {
    const catalog = createTestCatalog(PRODUCTS);
    const u = understanding(
      { category: 'headphones', limit: 5 },
      { followUp: true, references: [0] },
    );
    expect(retrieveProducts(u, context(), catalog).products).toHaveLength(3);
  });
});
