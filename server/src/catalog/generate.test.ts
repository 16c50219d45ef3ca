import { CATEGORIES, ProductSchema } from '@aisle/shared';
import { describe, expect, it } from 'vitest';
import { generateProducts, seededRandom } from './generate';

describe('generateProducts', () => {
  it('is deterministic for a seed and different across seeds', () => {
    expect(generateProducts(300, 42)).toEqual(generateProducts(300, 42));
    expect(generateProducts(50, 1)).not.toEqual(generateProducts(50, 2));
    // A longer catalog starts with the shorter one: benches at different sizes share products.
    expect(generateProducts(500, 3).slice(0, 100)).toEqual(generateProducts(100, 3));
  });

  it('makes valid products with unique SKUs over every category', () => {
    const products = generateProducts(2_400);
    expect(products).toHaveLength(2_400);
    for (const p of products) expect(ProductSchema.safeParse(p).success).toBe(true);
    expect(new Set(products.map((p) => p.sku)).size).toBe(products.length);
    for (const p of products) expect(p.sku).toMatch(/^[A-Z0-9]+(-[A-Z0-9]+)*$/);
    expect(new Set(products.map((p) => p.category))).toEqual(new Set(CATEGORIES));
    expect(products.some((p) => p.stock === 0)).toBe(true);
    for (const p of products) {
      expect(p.rating).toBeGreaterThanOrEqual(3.5);
      expect(p.rating).toBeLessThanOrEqual(4.9);
      expect(Math.round(p.price * 100) / 100).toBe(p.price);
    }
  });

  it('seededRandom yields floats in [0, 1) reproducibly', () => {
    const a = seededRandom(9);
    const b = seededRandom(9);
    const values = Array.from({ length: 1000 }, () => a());
    expect(values).toEqual(Array.from({ length: 1000 }, () => b()));
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThan(1);
    expect(new Set(values).size).toBeGreaterThan(990);
  });
});
