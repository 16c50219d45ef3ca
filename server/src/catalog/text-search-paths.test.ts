/**
 * The short cuts of text search (products matching every term first, found from the rarest
 * term; candidates narrowed by filters looked up in the terms' lists) against the full scan:
 * same products, same scores, same order.
 */
import {
  type Product,
  type ProductQuery,
  type ProductQueryInput,
  ProductQuerySchema,
  SORTS,
} from '@aisle/shared';
import { describe, expect, it } from 'vitest';
import { createCatalog } from './catalog';
import { categoryKey } from './category';
import { generateProducts, seededRandom } from './generate';
import { buildTextIndex, queryTerms, type TextQuery } from './text-index';
import { isRequiredTerm } from './vocabulary/measures';

const products = generateProducts(20_000, 5);
const index = buildTextIndex(products);
const catalog = createCatalog(products);

type Visited = Map<number, [score: number, matched: number, mask: number]>;

/** Every visit, failing on a product visited twice. */
function collect(run: (visit: (i: number, s: number, m: number, k: number) => void) => void) {
  const visited: Visited = new Map();
  run((i, score, matched, mask) => {
    if (visited.has(i)) throw new Error(`product ${i} visited twice`);
    visited.set(i, [score, matched, mask]);
  });
  return visited;
}

const popcount = (mask: number): number => mask.toString(2).replaceAll('0', '').length;

/** Texts with rare and common words, typos, prefixes, words no product holds. */
function queryTexts(count: number): string[] {
  const random = seededRandom(3);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const texts = [
    'budget tablet',
    'phone with good camera',
    'sony ult',
    'watch ultra',
    'samsnug phone',
    'sennheiser hd',
    'over-ear noise cancelling headphones',
    'zzzqqq tablet',
    'budget',
  ];
  for (let i = 0; i < count; i++) {
    const p = pick(products);
    const words = p.name
      .toLowerCase()
      .split(/[\s()]+/)
      .filter(Boolean);
    const variants = [
      () => `${pick(p.tags)} ${p.category}`,
      () => words.slice(0, 2).join(' '),
      () => `${p.brand} ${pick(words)}`,
      () => `${pick(p.tags)} ${pick(p.tags)} ${p.brand.slice(0, 3)}`,
      () => `${p.description.split(' ').slice(1, 4).join(' ')}`,
    ];
    texts.push(pick(variants)());
  }
  return texts;
}

describe('text index short cuts', () => {
  const texts = queryTexts(150);

  it('visits every match once with the scores of the full scan (visitMost, not enough)', () => {
    for (const text of texts) {
      const query = index.prepare(queryTerms(text));
      const all = collect((visit) => query.visitAny(visit));
      expect(
        collect((visit) => query.visitMost(visit, () => false)),
        text,
      ).toEqual(all);
    }
  });

  it('visits exactly the products matching every held term first (visitMost, enough)', () => {
    for (const text of texts) {
      const query: TextQuery = index.prepare(queryTerms(text));
      const held = popcount(query.heldMask);
      const all = collect((visit) => query.visitAny(visit));
      const most = new Map([...all].filter(([, [, matched]]) => matched === held));
      expect(
        collect((visit) => query.visitMost(visit, () => true)),
        text,
      ).toEqual(held >= 2 ? most : all);
    }
  });

  it('scores one product as the full scan does, if it matches every held term (scoreOf)', () => {
    for (const text of texts) {
      const query = index.prepare(queryTerms(text));
      const held = popcount(query.heldMask);
      for (const [i, [score, matched]] of collect((visit) => query.visitAny(visit))) {
        if (query.scoreOf(i) !== (matched === held ? score : undefined)) {
          throw new Error(`${text}: product ${i}`);
        }
      }
    }
  });

  it('looks candidates up or marks them, with the scores of the full scan (visitAmong, visitMarked)', () => {
    const random = seededRandom(9);
    for (const text of texts) {
      const query = index.prepare(queryTerms(text));
      const candidates = Uint32Array.from(products.flatMap((_, i) => (random() < 0.05 ? [i] : [])));
      const wanted = new Set(candidates);
      const all = collect((visit) => query.visitAny(visit));
      const among = new Map([...all].filter(([i]) => wanted.has(i)));
      expect(
        collect((visit) => query.visitAmong(candidates, visit)),
        text,
      ).toEqual(among);
      // The same products as groups in any order.
      const shuffled = [...candidates].sort(() => random() - 0.5);
      const groups = [shuffled.slice(0, 100), shuffled.slice(100)].map((g) => Uint32Array.from(g));
      expect(
        collect((visit) => query.visitMarked(groups, visit)),
        text,
      ).toEqual(among);
    }
  });
});

const bySku = (a: Product, b: Product) => (a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : 0);
const byRating = (a: Product, b: Product) => (b.rating ?? -1) - (a.rating ?? -1) || bySku(a, b);
const ORDER = {
  relevance: byRating,
  rating_desc: byRating,
  price_asc: (a: Product, b: Product) => a.price - b.price || bySku(a, b),
  price_desc: (a: Product, b: Product) => b.price - a.price || bySku(a, b),
} as const;

/** The ranking createCatalog documents, over every match of the full scan. */
function fullScan(query: ProductQuery): { sku: string; score: number }[] {
  const terms = queryTerms(query.text);
  const required = terms.reduce((m, t, q) => (isRequiredTerm(t) ? m | (2 ** q) : m), 0) >>> 0;
  const brands = query.brands?.map((b) => b.toLowerCase());
  const hits: { product: Product; score: number; matched: number }[] = [];
  index.search(terms, (i, score, matched, mask) => {
    const p = products[i] as Product;
    if ((mask & required) >>> 0 !== required) return;
    if (query.category !== undefined && categoryKey(p.category) !== categoryKey(query.category))
      return;
    if (brands !== undefined && !brands.includes(p.brand.toLowerCase())) return;
    if (p.price < (query.minPrice ?? 0) || p.price > (query.maxPrice ?? Infinity)) return;
    if (query.inStockOnly && p.stock === 0) return;
    hits.push({ product: p, score, matched });
  });
  const most = Math.max(0, ...hits.map((h) => h.matched));
  const ranked =
    query.sort === 'relevance'
      ? hits.sort(
          (a, b) => b.matched - a.matched || b.score - a.score || byRating(a.product, b.product),
        )
      : hits
          .filter((h) => h.matched === most)
          .sort((a, b) => ORDER[query.sort](a.product, b.product));
  return ranked.slice(0, query.limit).map((h) => ({ sku: h.product.sku, score: h.score }));
}

describe('catalog text search', () => {
  it('agrees with ranking the full scan on random queries with filters and sorts', () => {
    const random = seededRandom(17);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
    const texts = queryTexts(400);
    for (let i = 0; i < 1_500; i++) {
      const p = pick(products);
      // Narrow price ranges in a category take the candidates' path; wide ones the scan.
      const spread = random() < 0.5 ? 0.1 : 2;
      const input: ProductQueryInput = {
        // One word with a wide category marks the category's products (visitMarked).
        text:
          random() < 0.3
            ? pick(p.tags)
            : random() < 0.8
              ? pick(texts)
              : `${pick(texts)} ${pick(['128gb', '55 inch', '4k'])}`,
        category: random() < 0.5 ? p.category : undefined,
        brands: random() < 0.2 ? [p.brand] : undefined,
        minPrice: random() < 0.5 ? Math.floor(p.price * (1 - spread / 2)) : undefined,
        maxPrice: random() < 0.5 ? Math.ceil(p.price * (1 + spread)) : undefined,
        inStockOnly: random() < 0.3,
        sort: pick(SORTS),
        limit: 1 + Math.floor(random() * 20),
      };
      const query = ProductQuerySchema.parse(input);
      const got = catalog.search(query).map((h) => ({ sku: h.product.sku, score: h.score }));
      expect(got, JSON.stringify(input)).toEqual(fullScan(query));
    }
  });
});
