/**
 * Catalog search benchmark: a generated catalog of 1,000,000 products (100,000 with --quick),
 * 2,000 varied queries, p50/p99 latency of `Catalog.search` overall and per query kind beside a
 * naive linear scan (lowercase `includes` + filter + sort) over the same products, measured in
 * the same run; the index build time; and the index memory (heap and array buffers grown by
 * `createCatalog`, after a full GC) per product, beside the memory of the products themselves;
 * and the whole step a shopper's question takes before the answer (understanding + retrieval).
 *
 * A naive scan of 1,000,000 products takes ~200 ms, so it runs on one query in ten (every one
 * with --quick), in blocks interleaved with the indexed queries so both see the same machine.
 *
 *   pnpm exec tsx scripts/bench/search.ts [--quick] [--products=N] [--profile]
 *
 * --profile samples the indexed queries under the V8 profiler and prints where the time went.
 */
import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
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
import { isMain, quickMode, runAlone, withTarget } from './common';
import { printSummary, profile, saveProfile, summarize } from './profile';
import { type BenchRow, compared, percentile } from './report';

export interface SearchBenchOptions {
  /** Catalog size: 1,000,000 (100,000 with --quick, or --products=N). */
  products?: number;
  queries?: number;
  /** The naive scan runs on one query in this many (default: 10 from 500,000 products, else 1). */
  naiveEvery?: number;
  seed?: number;
}

/** The target: catalog search p50 under 5 ms at this many products. */
const TARGET_PRODUCTS = 1_000_000;
const TARGET_P50_MS = 5;

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

function timed(run: () => unknown): number {
  const start = performance.now();
  run();
  return performance.now() - start;
}

/**
 * A full, synchronous GC. Without --expose-gc the flag is set at run time and `gc` read from a
 * fresh context (V8 installs it on contexts created after the flag is set).
 */
function fullGc(): () => void {
  const existing = (globalThis as { gc?: () => void }).gc;
  if (existing) return existing;
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

/** Heap plus array buffers (typed arrays live outside the JS heap), after a full GC. */
function retainedBytes(gc: () => void): number {
  gc();
  gc();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

/**
 * The generator builds texts by concatenation (V8 cons strings, larger than flat ones); the
 * first regex over them flattens them and frees the difference. A catalog read from a file has
 * flat strings, so they are flattened before measuring, or the index would look that much smaller.
 */
function flattenStrings(products: readonly Product[]): void {
  const probe = /~~~/;
  for (const p of products) {
    for (const text of [p.sku, p.name, p.brand, p.category, p.description, ...p.tags])
      probe.test(text);
  }
}

const mb = (bytes: number): number => bytes / 1e6;

function sizeFromArgv(): number | undefined {
  const arg = process.argv.find((a) => a.startsWith('--products='));
  return arg ? Number(arg.slice('--products='.length)) : undefined;
}

export async function benchSearch(options: SearchBenchOptions = {}): Promise<BenchRow[]> {
  const size = options.products ?? sizeFromArgv() ?? (quickMode() ? 100_000 : TARGET_PRODUCTS);
  const gc = fullGc();
  const beforeProducts = retainedBytes(gc);
  const products = generateProducts(size, options.seed ?? 1);
  flattenStrings(products);
  const beforeIndex = retainedBytes(gc);

  const buildStart = performance.now();
  const catalog = createCatalog(products);
  const buildMs = performance.now() - buildStart;
  const afterIndex = retainedBytes(gc);
  const { heapUsed: afterHeap, arrayBuffers: afterArrays } = process.memoryUsage();
  const productBytes = beforeIndex - beforeProducts;
  const indexBytes = afterIndex - beforeIndex;

  const queries = benchQueries(products, options.queries ?? 2_000);
  const naiveEvery = options.naiveEvery ?? (size >= 500_000 ? 10 : 1);
  // Warm up both paths (JIT) on a slice of the queries before measuring.
  for (const { query } of queries.slice(0, 200)) catalog.search(query);
  for (const { query } of queries.slice(0, Math.ceil(40 / naiveEvery)))
    naiveSearch(products, query);

  // Blocks of 100 indexed queries, then the naive scan on its share of the same block.
  const indexed: number[] = [];
  const naive: { kind: Kind; ms: number }[] = [];
  const BLOCK = 100;
  for (let from = 0; from < queries.length; from += BLOCK) {
    const block = queries.slice(from, from + BLOCK);
    for (const { query } of block) indexed.push(timed(() => catalog.search(query)));
    block.forEach(({ kind, query }, i) => {
      // Whole rounds of the kinds (queries cycle through them), so every kind gets its share.
      if (Math.floor((from + i) / KINDS.length) % naiveEvery === 0)
        naive.push({ kind, ms: timed(() => naiveSearch(products, query)) });
    });
  }
  const naiveMs = naive.map((n) => n.ms);

  // The whole step a question takes before the answer: understanding, then retrieval.
  const questions = benchQuestions(products, options.queries ?? 2_000);
  const vocabulary = vocabularyOf(catalog);
  const session = { preferences: {}, history: [], lastShown: [] };
  const ask = (question: string) =>
    retrieveProducts(parseQuestion(question, session, vocabulary), session, catalog);
  for (const q of questions.slice(0, 200)) ask(q);
  const asked = questions.map((q) => timed(() => ask(q)));

  if (process.argv.includes('--profile')) {
    const { profile: p } = await profile(async () => {
      for (let round = 0; round < 3; round++)
        for (const { query } of queries) catalog.search(query);
    });
    printSummary(
      `profile catalog.search (${queries.length * 3} queries)`,
      summarize(p, 20),
      saveProfile('search', p),
    );
  }

  const label = `${size.toLocaleString('en-US')} products`;
  const naiveLabel = `naive scan (${naive.length} q)`;
  const p50 = percentile(indexed, 50);
  const atTarget = size >= TARGET_PRODUCTS;
  const rows: BenchRow[] = [
    { name: `catalog build (${label})`, value: buildMs, unit: 'ms' },
    compared(
      `index memory (${mb(indexBytes).toFixed(0)} MB in all)`,
      indexBytes / size,
      'B/product',
      {
        name: 'the products themselves',
        value: productBytes / size,
      },
    ),
    // The JS heap against V8's limit for it (typed arrays, most of the index, are outside it).
    compared('JS heap used after build (products + index)', mb(afterHeap), 'MB', {
      name: 'V8 heap size limit',
      value: mb(getHeapStatistics().heap_size_limit),
    }),
    { name: 'array buffers after build (the index)', value: mb(afterArrays), unit: 'MB' },
    withTarget(
      compared(`search p50 (${queries.length} queries)`, p50, 'ms', {
        name: `${naiveLabel} p50`,
        value: percentile(naiveMs, 50),
      }),
      atTarget
        ? `catalog search p50 < ${TARGET_P50_MS} ms at ${label} (${p50.toFixed(3)} ms)`
        : `catalog search p50 < ${TARGET_P50_MS} ms at ${label} (${p50.toFixed(3)} ms; the target is at ${TARGET_PRODUCTS.toLocaleString('en-US')})`,
      p50 < TARGET_P50_MS,
    ),
    compared(`search p99 (${queries.length} queries)`, percentile(indexed, 99), 'ms', {
      name: `${naiveLabel} p99`,
      value: percentile(naiveMs, 99),
    }),
  ];
  for (const kind of KINDS) {
    const ours = indexed.filter((_, i) => queries[i]?.kind === kind);
    const theirs = naive.filter((n) => n.kind === kind).map((n) => n.ms);
    for (const p of [50, 99]) {
      rows.push(
        compared(`  ${kind} p${p}`, percentile(ours, p), 'ms', {
          name: `naive p${p}`,
          value: percentile(theirs, p),
        }),
      );
    }
  }
  rows.push(
    compared(`understand+retrieve p50 (${asked.length} questions)`, percentile(asked, 50), 'ms', {
      name: `${naiveLabel} p50`,
      value: percentile(naiveMs, 50),
    }),
    compared(`understand+retrieve p99`, percentile(asked, 99), 'ms', {
      name: `${naiveLabel} p99`,
      value: percentile(naiveMs, 99),
    }),
  );
  return rows;
}

if (isMain(import.meta.url)) runAlone(() => benchSearch());
