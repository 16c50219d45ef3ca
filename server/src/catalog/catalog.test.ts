import {
  type Product,
  type ProductQuery,
  type ProductQueryInput,
  ProductQuerySchema,
  SORTS,
} from '@aisle/shared';
import { describe, expect, it } from 'vitest';
import { catalogVersion, createCatalog } from './catalog';
import { categoryKey } from './category';
import { loadDemoProducts } from './demo';
import { generateProducts, seededRandom } from './generate';

const demo = loadDemoProducts();
const catalog = createCatalog(demo);
const q = (input: ProductQueryInput): ProductQuery => ProductQuerySchema.parse(input);
const search = (input: ProductQueryInput) => catalog.search(q(input)).map((h) => h.product);
const skus = (products: readonly Product[]) => products.map((p) => p.sku);

const bySku = (a: Product, b: Product) => (a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : 0);
const COMPARE = {
  relevance: (a: Product, b: Product) => (b.rating ?? -1) - (a.rating ?? -1) || bySku(a, b),
  rating_desc: (a: Product, b: Product) => (b.rating ?? -1) - (a.rating ?? -1) || bySku(a, b),
  price_asc: (a: Product, b: Product) => a.price - b.price || bySku(a, b),
  price_desc: (a: Product, b: Product) => b.price - a.price || bySku(a, b),
} as const;

/** What a query without text must return: filter everything, sort, cut. */
function bruteForce(products: readonly Product[], query: ProductQuery): Product[] {
  const brands = query.brands?.map((b) => b.toLowerCase());
  return products
    .filter(
      (p) =>
        (query.category === undefined || categoryKey(p.category) === categoryKey(query.category)) &&
        (brands === undefined || brands.includes(p.brand.toLowerCase())) &&
        (query.minPrice === undefined || p.price >= query.minPrice) &&
        (query.maxPrice === undefined || p.price <= query.maxPrice) &&
        (!query.inStockOnly || (p.stock ?? 0) > 0),
    )
    .sort(COMPARE[query.sort])
    .slice(0, query.limit);
}

describe('catalog basics', () => {
  it('gets by sku and lists brands and categories once, in their original casing', () => {
    expect(catalog.size).toBe(demo.length);
    expect(catalog.get('IPH15PRO-256')?.name).toBe('iPhone 15 Pro');
    expect(catalog.get('iph15pro-256')).toBeUndefined();
    expect(catalog.brands()).toContain('iRobot');
    expect(catalog.brands()).toContain('OnePlus');
    expect(catalog.all()).toHaveLength(demo.length);

    const mixed = createCatalog([
      { ...demo[0], sku: 'A', brand: 'ACME' } as Product,
      { ...demo[0], sku: 'B', brand: 'acme', category: 'Gadgets' } as Product,
      { ...demo[0], sku: 'C', brand: '', category: 'gadgets' } as Product,
    ]);
    expect(mixed.brands()).toEqual(['ACME']);
    expect(mixed.categories()).toEqual(['Gadgets', 'smartphone']);
  });

  it('rejects duplicate SKUs', () => {
    const first = demo[0] as Product;
    expect(() => createCatalog([first, { ...first, name: 'Copy' }])).toThrow(/duplicate sku/);
  });

  it('has a content version that ignores order and changes with any price', () => {
    expect(catalog.version).toMatch(/^[0-9a-f]{12}$/);
    expect(createCatalog([...demo].reverse()).version).toBe(catalog.version);
    const repriced = demo.map((p) => (p.sku === 'IPH15PRO-256' ? { ...p, price: 949 } : p));
    expect(createCatalog(repriced).version).not.toBe(catalog.version);
    const restocked = demo.map((p) =>
      p.sku === 'IPH15PRO-256' ? { ...p, stock: (p.stock ?? 0) + 1 } : p,
    );
    expect(catalogVersion(restocked)).not.toBe(catalog.version);
    expect(catalogVersion(demo)).toBe(catalog.version);
  });

  it('changes its version with every optional product field, not with attribute order', () => {
    const base: Product = {
      sku: 'TENT-1',
      name: 'Ridge Tent',
      brand: 'Trailhead',
      category: 'Tents',
      price: 120,
      description: 'Two-person tent',
      tags: [],
      attributes: { colour: 'Green', size: '2P' },
    };
    const version = catalogVersion([base]);
    const changes: Partial<Product>[] = [
      { category_path: ['Camping', 'Tents'] },
      { currency: 'EUR' },
      { availability: 'preorder' },
      { rating_count: 12 },
      { attributes: { colour: 'Blue', size: '2P' } },
      { url: 'https://example.test/tent' },
      { image: 'https://example.test/tent.jpg' },
    ];
    for (const change of changes) {
      expect(catalogVersion([{ ...base, ...change }]), JSON.stringify(change)).not.toBe(version);
    }
    const reordered = { ...base, attributes: { size: '2P', colour: 'Green' } };
    expect(catalogVersion([reordered])).toBe(version);
  });
});

describe('text search', () => {
  it('tolerates typos: "samsnug" finds Samsung', () => {
    const hits = search({ text: 'samsnug', limit: 10 });
    expect(hits.length).toBe(10);
    for (const p of hits) expect(p.brand).toBe('Samsung');
  });

  it('finds smartphones for "phone" through category words and tags', () => {
    const hits = search({ text: 'phone', limit: 10 });
    expect(hits.slice(0, 7).every((p) => p.category === 'smartphone')).toBe(true);
    // Samsung phones never say "phone" in name or description: the category makes them match.
    const samsungPhones = search({ text: 'phone', brands: ['Samsung'], limit: 20 });
    expect(samsungPhones.length).toBeGreaterThanOrEqual(6);
    expect(samsungPhones.filter((p) => p.category === 'smartphone').length).toBeGreaterThanOrEqual(
      6,
    );
  });

  it('ranks products matching more query terms first, with name and brand boosts', () => {
    const hits = catalog.search(q({ text: 'sony noise cancelling headphones', limit: 5 }));
    expect(hits[0]?.product.brand).toBe('Sony');
    expect(hits[0]?.product.category).toBe('headphones');
    expect(hits[0]?.product.tags).toContain('noise-cancelling');
    expect(search({ text: 'WH-1000XM5' })[0]?.sku).toBe('SNWH1000XM5-B');
    expect(search({ text: 'wh1000xm5' })[0]?.sku).toBe('SNWH1000XM5-B');
    expect(search({ text: 'iphone 15 pro', limit: 1 })[0]?.sku).toBe('IPH15PRO-256');
  });

  it('puts a product matching two terms above one matching a single term many times', () => {
    const base = {
      brand: 'Acme',
      category: 'gadgets',
      price: 10,
      description: '',
      rating: 4,
      stock: 1,
      tags: [],
    };
    const small = createCatalog([
      { ...base, sku: 'ONE', name: 'Kettle Kettle Kettle', rating: 5, tags: ['kettle'] },
      { ...base, sku: 'TWO', name: 'Travel mug', description: 'Goes with any kettle.' },
      { ...base, sku: 'NONE', name: 'Toaster' },
    ]);
    const hits = small.search(q({ text: 'kettle travel' }));
    expect(hits.map((h) => h.product.sku)).toEqual(['TWO', 'ONE']);
    // ...even though the single-term product has the higher BM25 score on its own.
    const kettleOnly = small.search(q({ text: 'kettle' }));
    expect(kettleOnly[0]?.product.sku).toBe('ONE');
    expect(kettleOnly[0]?.score ?? 0).toBeGreaterThan(kettleOnly[1]?.score ?? 0);
  });

  it('matches prefixes and returns nothing for unknown words', () => {
    expect(search({ text: 'macbo' }).every((p) => p.name.startsWith('MacBook'))).toBe(true);
    expect(search({ text: 'macbo' }).length).toBeGreaterThan(2);
    expect(search({ text: 'zzzzqqq' })).toEqual([]);
    expect(search({ text: 'the with and' }).length).toBe(5); // only stop words: all products
  });

  it('applies filters to text results: category, brands, inclusive prices, stock', () => {
    const all = catalog.search(q({ text: 'wireless', limit: 20 }));
    expect(all.length).toBe(20);
    const filtered = search({
      text: 'wireless',
      category: 'Headphones',
      brands: ['sony', 'BOSE'],
      minPrice: 299,
      maxPrice: 399,
      inStockOnly: true,
      limit: 20,
    });
    expect(filtered.length).toBeGreaterThanOrEqual(3);
    for (const p of filtered) {
      expect(p.category).toBe('headphones');
      expect(['Sony', 'Bose']).toContain(p.brand);
      expect(p.price).toBeGreaterThanOrEqual(299);
      expect(p.price).toBeLessThanOrEqual(399);
      expect(p.stock ?? 0).toBeGreaterThan(0);
    }
    // Both bounds are inclusive: the $299 and $399 Sony headphones are in.
    expect(skus(filtered)).toEqual(expect.arrayContaining(['SNWF1000XM5-B', 'SNWH1000XM5-B']));
  });

  it('sorts text matches by price or rating among the products matching the most terms', () => {
    const cheapest = search({ text: 'samsung phone', sort: 'price_asc', limit: 10 });
    expect(cheapest.length).toBeGreaterThanOrEqual(5);
    for (const p of cheapest) expect(p.brand).toBe('Samsung');
    const prices = cheapest.map((p) => p.price);
    expect(prices).toEqual([...prices].sort((a, b) => a - b));

    const best = search({ text: 'headphones', sort: 'rating_desc', limit: 10 });
    const ratings = best.map((p) => p.rating ?? -1);
    expect(ratings).toEqual([...ratings].sort((a, b) => b - a));
  });

  it('leaves out-of-stock products out only when asked', () => {
    const se = 'IPHSE3-64';
    expect(catalog.get(se)?.stock).toBe(0);
    expect(skus(search({ text: 'iphone se', limit: 3 }))).toContain(se);
    expect(skus(search({ text: 'iphone se', limit: 20, inStockOnly: true }))).not.toContain(se);
  });

  it('is deterministic: same results for the same query and for shuffled input', () => {
    const shuffled = createCatalog([...demo].reverse());
    for (const text of ['samsung', 'wireless', 'pro', 'budget phone', '4k']) {
      for (const sort of SORTS) {
        const query = q({ text, sort, limit: 20 });
        const a = catalog.search(query);
        expect(catalog.search(query)).toEqual(a);
        expect(skus(shuffled.search(query).map((h) => h.product))).toEqual(
          skus(a.map((h) => h.product)),
        );
      }
    }
  });
});

describe('structured search (no text)', () => {
  it('returns every product, best rated first, with score 0', () => {
    const hits = catalog.search(q({ limit: 20 }));
    expect(hits).toHaveLength(20);
    expect(hits.every((h) => h.score === 0)).toBe(true);
    expect(hits.map((h) => h.product)).toEqual(bruteForce(demo, q({ limit: 20 })));
  });

  it('matches categories case-insensitively, by synonym and by plural', () => {
    const expected = skus(search({ category: 'smartphone', limit: 20 }));
    expect(expected).toHaveLength(20);
    for (const category of ['Smartphone', 'smartphones', 'Phones', 'mobile phones']) {
      expect(skus(search({ category, limit: 20 }))).toEqual(expected);
    }
    expect(search({ category: 'garden tools' })).toEqual([]);
    expect(search({ brands: ['NoSuchBrand'] })).toEqual([]);
    expect(search({ text: 'iphone', brands: ['NoSuchBrand'] })).toEqual([]);
  });

  it('includes both price bounds and returns nothing for an empty range', () => {
    const exact = search({ minPrice: 799, maxPrice: 799, limit: 20 });
    expect(exact.length).toBe(demo.filter((p) => p.price === 799).length);
    expect(exact.every((p) => p.price === 799)).toBe(true);
    expect(search({ minPrice: 800, maxPrice: 700 })).toEqual([]);
    for (const sort of SORTS) {
      expect(search({ minPrice: 799, maxPrice: 999, sort, limit: 20 })).toEqual(
        bruteForce(demo, q({ minPrice: 799, maxPrice: 999, sort, limit: 20 })),
      );
    }
  });

  it('sorts by price both ways with ties broken by sku, and honours limit', () => {
    const asc = search({ category: 'smartphone', sort: 'price_asc', limit: 20 });
    const desc = search({ category: 'smartphone', sort: 'price_desc', limit: 3 });
    expect(asc[0]?.price).toBe(149);
    expect(desc.map((p) => p.price)).toEqual([1299, 1199, 1099]);
    // Four smartphones cost $799: they come in sku order.
    expect(skus(asc.filter((p) => p.price === 799))).toEqual([
      'GPX9-128',
      'IPH15-128',
      'IPH16-128',
      'OP12-256',
      'SGS24-128',
    ]);
  });

  it('filters by several brands (any of, case-insensitive) with a price sort', () => {
    const hits = search({ brands: ['SAMSUNG', 'google', 'Google'], sort: 'price_desc', limit: 20 });
    expect(hits).toEqual(
      bruteForce(demo, q({ brands: ['samsung', 'google'], sort: 'price_desc', limit: 20 })),
    );
    expect(new Set(hits.map((p) => p.brand))).toEqual(new Set(['Samsung', 'Google']));
  });

  it('agrees with a brute-force scan on thousands of random queries over a generated catalog', () => {
    const products = generateProducts(3_000, 5);
    const generated = createCatalog(products);
    const random = seededRandom(11);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
    const brands = [...new Set(products.map((p) => p.brand))];
    const categories = [...new Set(products.map((p) => p.category))];
    for (let i = 0; i < 2_000; i++) {
      const lo = random() < 0.5 ? Math.floor(random() * 1500) : undefined;
      const query = q({
        category: random() < 0.5 ? pick(categories) : undefined,
        brands:
          random() < 0.4 ? [pick(brands), ...(random() < 0.5 ? [pick(brands)] : [])] : undefined,
        minPrice: lo,
        maxPrice: random() < 0.5 ? (lo ?? 0) + Math.floor(random() * 800) : undefined,
        inStockOnly: random() < 0.3,
        sort: pick(SORTS),
        limit: 1 + Math.floor(random() * 20),
      });
      const got = skus(generated.search(query).map((h) => h.product));
      expect(got, JSON.stringify(query)).toEqual(skus(bruteForce(products, query)));
    }
  });
});
