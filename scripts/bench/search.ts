/**
 * Catalog search benchmark: a 100k-product generated catalog, ~2,000 varied queries, p50/p99
 * latency of `Catalog.search` beside a naive linear scan (lowercase `includes` + filter + sort)
 * over the same products and queries, measured in the same run.
 *
 *   pnpm exec tsx scripts/bench/search.ts            # prints the table
 */
import { pathToFileURL } from 'node:url';
import {
  type Product,
  type ProductQuery,
  type ProductQueryInput,
  ProductQuerySchema,
  type Sort,
} from '@aisle/shared';
import { retrieveProducts } from '../../server/src/assistant/retrieve';
import { parseQuestion } from '../../server/src/assistant/understand/parse-question';
import { vocabularyOf } from '../../server/src/assistant/understand/vocabulary';
import { createCatalog } from '../../server/src/catalog/catalog';
import { categoryKey } from '../../server/src/catalog/category';
import { generateProducts, seededRandom } from '../../server/src/catalog/generate';
import { type BenchRow, compared, percentile, printTable } from './report';

export interface SearchBenchOptions {
  products?: number;
  queries?: number;
  seed?: number;
}

type Kind = 'text' | 'text+category+price' | 'brands+price sort' | 'category by rating';
const KINDS: readonly Kind[] = [
  'text',
  'text+category+price',
  'brands+price sort',
  'category by rating',
];

interface BenchQuery {
  kind: Kind;
  query: ProductQuery;
}

const PHRASES = [
  'noise cancelling headphones',
  'gaming laptop',
  'oled tv',
  '4k monitor',
  'wireless earbuds',
  'robot vacuum',
  'waterproof speaker',
  'mirrorless camera',
  'smartwatch gps',
  'phone with good camera',
  'usb-c charger',
  'air fryer',
  'budget tablet',
  'premium smartphone',
];

/** Swaps two neighbouring letters: "samsung" -> "samsnug". */
function typo(word: string, random: () => number): string {
  if (word.length < 5) return word;
  const i = 1 + Math.floor(random() * (word.length - 3));
  return word.slice(0, i) + word.charAt(i + 1) + word.charAt(i) + word.slice(i + 2);
}

/** Deterministic, varied queries drawn from the catalog's own vocabulary. */
export function benchQueries(products: readonly Product[], count: number, seed = 7): BenchQuery[] {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => {
    const item = items[Math.floor(random() * items.length)];
    if (item === undefined) throw new Error('benchQueries: empty list');
    return item;
  };
  const brands = [...new Set(products.map((p) => p.brand))];
  const sorts: Sort[] = ['relevance', 'price_asc', 'price_desc', 'rating_desc'];
  const queries: BenchQuery[] = [];
  for (let q = 0; q < count; q++) {
    const kind = KINDS[q % KINDS.length] ?? 'text';
    const p = pick(products);
    const nameWords = p.name
      .toLowerCase()
      .split(/[\s()]+/)
      .filter(Boolean);
    const limit = random() < 0.5 ? 5 : 10;
    let input: ProductQueryInput;
    switch (kind) {
      case 'text': {
        const variants = [
          () => p.brand.toLowerCase(),
          () => `${p.brand} ${nameWords[0] ?? ''}`.toLowerCase(),
          () => nameWords.slice(0, 2).join(' '),
          () => typo(p.brand.toLowerCase(), random),
          () => pick(PHRASES),
          () => `${pick(p.tags)} ${p.category}`,
        ];
        input = { text: pick(variants)(), limit };
        break;
      }
      case 'text+category+price':
        input = {
          text: random() < 0.5 ? pick(p.tags) : (nameWords[0] ?? ''),
          category: p.category,
          minPrice: Math.floor(p.price * 0.7),
          maxPrice: Math.ceil(p.price * 1.3),
          limit,
        };
        break;
      case 'brands+price sort':
        input = {
          brands: random() < 0.5 ? [p.brand] : [p.brand, pick(brands)],
          sort: random() < 0.5 ? 'price_asc' : 'price_desc',
          maxPrice: random() < 0.5 ? Math.ceil(p.price * 2) : undefined,
          limit,
        };
        break;
      case 'category by rating':
        input = {
          category: random() < 0.2 ? `${p.category}s` : p.category,
          sort: random() < 0.8 ? 'rating_desc' : pick(sorts),
          inStockOnly: random() < 0.5,
          limit,
        };
        break;
    }
    queries.push({ kind, query: ProductQuerySchema.parse(input) });
  }
  return queries;
}

/** The baseline: what one would write without an index. */
export function naiveSearch(products: readonly Product[], query: ProductQuery): Product[] {
  const terms = query.text.toLowerCase().split(/\s+/).filter(Boolean);
  const category = query.category ? categoryKey(query.category) : undefined;
  const brands = query.brands?.map((b) => b.toLowerCase());
  const min = query.minPrice ?? 0;
  const max = query.maxPrice ?? Number.POSITIVE_INFINITY;
  const hits: { product: Product; score: number }[] = [];
  for (const product of products) {
    if (category !== undefined && categoryKey(product.category) !== category) continue;
    if (brands && !brands.includes(product.brand.toLowerCase())) continue;
    if (product.price < min || product.price > max) continue;
    if (query.inStockOnly && product.stock === 0) continue;
    let score = 0;
    if (terms.length > 0) {
      const name = product.name.toLowerCase();
      const description = product.description.toLowerCase();
      for (const term of terms) if (name.includes(term) || description.includes(term)) score++;
      if (score === 0) continue;
    }
    hits.push({ product, score });
  }
  const bySku = (a: Product, b: Product) => (a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : 0);
  hits.sort((a, b) => {
    switch (query.sort) {
      case 'price_asc':
        return a.product.price - b.product.price || bySku(a.product, b.product);
      case 'price_desc':
        return b.product.price - a.product.price || bySku(a.product, b.product);
      case 'rating_desc':
        return (b.product.rating ?? -1) - (a.product.rating ?? -1) || bySku(a.product, b.product);
      default:
        return (
          b.score - a.score ||
          (b.product.rating ?? -1) - (a.product.rating ?? -1) ||
          bySku(a.product, b.product)
        );
    }
  });
  return hits.slice(0, query.limit).map((h) => h.product);
}

/** Shoppers' questions drawn from the catalog: categories, brands, budgets, models, sizes. */
export function benchQuestions(products: readonly Product[], count: number, seed = 11): string[] {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => {
    const item = items[Math.floor(random() * items.length)];
    if (item === undefined) throw new Error('benchQuestions: empty list');
    return item;
  };
  const templates: Array<(p: Product) => string> = [
    (p) => `cheapest ${p.category}`,
    (p) => `${p.brand} ${p.category}s under ${Math.ceil(p.price)}`,
    (p) => `best rated ${p.category} between ${Math.floor(p.price / 2)} and ${Math.ceil(p.price)}`,
    (p) => `do you have the ${p.name.split(' ').slice(0, 3).join(' ')}?`,
    (p) => `${pick(p.tags)} ${p.category} in stock`,
    () => `55 inch tv under $800`,
    (p) => `${pick(PHRASES)} not ${p.brand}`,
    (p) => `show me 3 ${p.category}s from ${p.brand}`,
  ];
  return Array.from({ length: count }, (_, i) =>
    (templates[i % templates.length] ?? templates[0])?.(pick(products) ?? products[0]),
  ).filter((q): q is string => q !== undefined);
}

function timeEach(queries: readonly BenchQuery[], run: (q: ProductQuery) => unknown): number[] {
  return queries.map(({ query }) => {
    const start = performance.now();
    run(query);
    return performance.now() - start;
  });
}

export async function benchSearch(options: SearchBenchOptions = {}): Promise<BenchRow[]> {
  const size = options.products ?? 100_000;
  const products = generateProducts(size, options.seed ?? 1);

  const buildStart = performance.now();
  const catalog = createCatalog(products);
  const buildMs = performance.now() - buildStart;

  const queries = benchQueries(products, options.queries ?? 2_000);
  // Warm up both paths (JIT) on a slice of the queries before measuring.
  const warmup = queries.slice(0, 200);
  timeEach(warmup, (q) => catalog.search(q));
  timeEach(warmup.slice(0, 40), (q) => naiveSearch(products, q));

  const indexed = timeEach(queries, (q) => catalog.search(q));
  const naive = timeEach(queries, (q) => naiveSearch(products, q));

  // The whole step a question takes before the answer: understanding, then retrieval.
  const questions = benchQuestions(products, options.queries ?? 2_000);
  const vocabulary = vocabularyOf(catalog);
  const session = { preferences: {}, history: [], lastShown: [] };
  const ask = (question: string) =>
    retrieveProducts(parseQuestion(question, session, vocabulary), session, catalog);
  for (const q of questions.slice(0, 200)) ask(q);
  const asked = questions.map((q) => {
    const start = performance.now();
    ask(q);
    return performance.now() - start;
  });

  const label = `${(size / 1000).toFixed(0)}k products`;
  const rows: BenchRow[] = [
    { name: `catalog build (${label})`, value: buildMs, unit: 'ms' },
    compared(`search p50 (${queries.length} queries)`, percentile(indexed, 50), 'ms', {
      name: 'naive scan p50',
      value: percentile(naive, 50),
    }),
    compared(`search p99 (${queries.length} queries)`, percentile(indexed, 99), 'ms', {
      name: 'naive scan p99',
      value: percentile(naive, 99),
    }),
  ];
  rows.push(
    compared(`understand+retrieve p50 (${asked.length} questions)`, percentile(asked, 50), 'ms', {
      name: 'naive scan p50',
      value: percentile(naive, 50),
    }),
    compared(`understand+retrieve p99`, percentile(asked, 99), 'ms', {
      name: 'naive scan p99',
      value: percentile(naive, 99),
    }),
  );
  for (const kind of KINDS) {
    const ours = indexed.filter((_, i) => queries[i]?.kind === kind);
    const theirs = naive.filter((_, i) => queries[i]?.kind === kind);
    rows.push(
      compared(`  ${kind} p50`, percentile(ours, 50), 'ms', {
        name: 'naive p50',
        value: percentile(theirs, 50),
      }),
    );
  }
  return rows;
}

const entry = process.argv[1];
if (entry && import.meta.url === pathToFileURL(entry).href) {
  benchSearch().then(printTable, (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
