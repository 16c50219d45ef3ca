import { CATEGORIES, ProductSchema } from '@aisle/shared';
import { describe, expect, it } from 'vitest';
import { createDemoCatalog, loadDemoProducts } from './demo';

describe('demo catalog data', () => {
  const products = loadDemoProducts();

  it('has at least 150 valid products with unique, uppercase-with-dashes SKUs', () => {
    expect(products.length).toBeGreaterThanOrEqual(150);
    for (const p of products) expect(ProductSchema.parse(p)).toEqual(p);
    expect(new Set(products.map((p) => p.sku)).size).toBe(products.length);
    for (const p of products) expect(p.sku).toMatch(/^[A-Z0-9]+(-[A-Z0-9]+)*$/);
  });

  it('contains the iPhone 15 Pro exactly as the docs and demos quote it', () => {
    expect(products.find((p) => p.sku === 'IPH15PRO-256')).toMatchObject({
      sku: 'IPH15PRO-256',
      name: 'iPhone 15 Pro',
      brand: 'Apple',
      category: 'smartphone',
      price: 999,
    });
  });

  it('covers every canonical category with several brands and a spread of prices', () => {
    const categories = new Set(products.map((p) => p.category));
    expect(categories.size).toBeGreaterThanOrEqual(10);
    for (const category of CATEGORIES) {
      const inCategory = products.filter((p) => p.category === category);
      expect(inCategory.length, category).toBeGreaterThanOrEqual(8);
      expect(new Set(inCategory.map((p) => p.brand)).size, category).toBeGreaterThanOrEqual(2);
      const prices = inCategory.map((p) => p.price);
      expect(Math.max(...prices), category).toBeGreaterThanOrEqual(2 * Math.min(...prices));
    }
    const slugs = new Set<string>(CATEGORIES);
    for (const p of products) expect(slugs.has(p.category), p.sku).toBe(true);
  });

  it('has realistic ratings, some out-of-stock items and the products the demos ask for', () => {
    for (const p of products) {
      expect(p.rating).toBeGreaterThanOrEqual(3.5);
      expect(p.rating).toBeLessThanOrEqual(4.9);
      expect(p.name.length).toBeGreaterThan(1);
      expect(p.description.length).toBeGreaterThan(20);
    }
    expect(products.filter((p) => p.stock === 0).length).toBeGreaterThanOrEqual(3);
    const phones = products.filter((p) => p.category === 'smartphone');
    expect(phones.some((p) => p.brand === 'Samsung' && p.price >= 500 && p.price <= 1000)).toBe(
      true,
    );
    expect(phones.filter((p) => p.price < 300).map((p) => p.brand)).toEqual(
      expect.arrayContaining(['Samsung', 'Motorola']),
    );
    expect(phones.map((p) => p.brand)).toEqual(expect.arrayContaining(['Google', 'OnePlus']));
    expect(products.find((p) => p.name.includes('WH-1000XM5'))?.brand).toBe('Sony');
    expect(
      products
        .filter((p) => p.category === 'laptop')
        .map((p) => p.name)
        .join(' '),
    ).toMatch(/MacBook Air.*XPS.*ThinkPad/s);
  });

  it('builds a catalog with every category and brand listed once', () => {
    const catalog = createDemoCatalog();
    expect(catalog.size).toBe(products.length);
    expect([...catalog.categories()].sort()).toEqual([...CATEGORIES].sort());
    expect(catalog.brands()).toContain('Apple');
    expect(new Set(catalog.brands()).size).toBe(catalog.brands().length);
    expect(catalog.get('IPH15PRO-256')?.price).toBe(999);
  });
});
