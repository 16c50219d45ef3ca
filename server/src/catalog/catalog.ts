import { createHash } from 'node:crypto';
import type { Product, ProductQuery, Sort } from '@aisle/shared';
import { singularize } from '../text/singularize';
import { AscendingSet } from './ascending-set';
import { brandKey, nameHoldsBrand } from './brand-key';
import { groupBy, type Order, OrderedIndex, ProductsByGroup, skuOrder } from './ordered-index';
import { buildTextIndex, LOOKUP_COST, queryTerms, type TextQuery, type Visit } from './text-index';
import { TopK } from './top-k';
import type { Catalog, SearchHit } from './types';
import { isRequiredTerm } from './vocabulary/measures';
import { STRONG_EVIDENCE } from './vocabulary/resolve-category';
import { buildStoreVocabulary } from './vocabulary/store-vocabulary';

/** Without text, "relevance" has nothing to score: best rated first, like rating_desc. */
const ORDER_OF_SORT: Readonly<Record<Sort, Order>> = {
  relevance: 'rating_desc',
  price_asc: 'price_asc',
  price_desc: 'price_desc',
  rating_desc: 'rating_desc',
};

/** `fn(field(item))`, computed once per distinct field value (categories and brands repeat). */
function memo<T>(fn: (value: string) => string, field: (item: T) => string): (item: T) => string {
  const cache = new Map<string, string>();
  return (item) => {
    const value = field(item);
    let result = cache.get(value);
    if (result === undefined) {
      result = fn(value);
      cache.set(value, result);
    }
    return result;
  };
}

/** Products a text search is narrowed to by its filters: ascending, or lists in any order. */
type Narrowed = { sorted: Uint32Array } | { ranges: readonly Uint32Array[] };

/** More lists than this are not merged (see structuredSearch). */
const MAX_MERGED_LISTS = 8;

interface Match {
  index: number;
  score: number;
  matched: number;
}

const byKey = ([a]: [string, string], [b]: [string, string]): number =>
  a < b ? -1 : a > b ? 1 : 0;

/**
 * Content hash of the products: 12 hex chars of sha256 over the products sorted by sku, with
 * fields in a fixed order. Input order does not matter; any change to any field does.
 * `bySku` is `skuOrder` of the products' skus when the caller has it already.
 */
export function catalogVersion(
  products: readonly Product[],
  bySku: Uint32Array = skuOrder(products.map((p) => p.sku)),
): string {
  const hash = createHash('sha256');
  // The long texts go in as they are, each after its length (so no two products read alike);
  // JSON-escaping every description cost most of the hashing of a large catalog.
  const line = (p: Product): string =>
    `${JSON.stringify([
      p.sku,
      p.brand,
      p.category,
      p.price,
      p.rating,
      p.stock,
      p.tags,
      p.category_path,
      p.currency,
      p.availability,
      p.rating_count,
      // Attribute order in the file is not content: sorted by name.
      p.attributes === undefined ? undefined : Object.entries(p.attributes).sort(byKey),
      p.url,
      p.image,
    ])}${p.name.length}:${p.name}${p.description.length}:${p.description}`;
  // 1,024 lines at a time, never all of them at once (a million lines is hundreds of MB).
  for (let i = 0; i < bySku.length; i += 1024) {
    const lines: string[] = [];
    for (let j = i; j < Math.min(i + 1024, bySku.length); j++) {
      lines.push(line(products[bySku[j] ?? 0] as Product));
    }
    hash.update(`${lines.join('\n')}\n`);
  }
  return hash.digest('hex').slice(0, 12);
}

/** Distinct values in first-seen casing, sorted case-insensitively; empty values left out. */
function distinct(values: readonly string[]): string[] {
  const byKey = new Map<string, string>();
  for (const value of values) {
    const key = value.trim().toLowerCase();
    if (key !== '' && !byKey.has(key)) byKey.set(key, value);
  }
  return [...byKey.values()].sort((a, b) => a.localeCompare(b, 'en', { sensitivity: 'base' }));
}

/**
 * Builds the in-process catalog: a full-text index plus presorted lists per category and brand.
 * Throws on duplicate SKUs (the loader already reports and drops them).
 *
 * Search semantics:
 * - text (when it has words other than stop words): OR of the terms, prefix and typo tolerant,
 *   BM25 with field boosts (text-index.ts).
 *   Products matching more distinct query terms always rank above those matching fewer.
 * - filters: category (case-insensitive; synonyms and plurals meet: "Phones" = "smartphone"),
 *   brands (case-insensitive, any of), minPrice/maxPrice inclusive, inStockOnly.
 * - sort: relevance = matched terms, score, rating (desc), sku; price_asc / price_desc /
 *   rating_desc with ties by sku. With text and a non-relevance sort only the products matching
 *   the most query terms are sorted, so "samsung phone" by price is not led by a cheap Motorola.
 * - limit applied last. Scores are 0 when the query has no text.
 */
export function createCatalog(
  input: readonly Product[],
  options: { currency?: string } = {},
): Catalog {
  const products: readonly Product[] = Object.freeze([...input]);
  const n = products.length;
  const bySku = new Map<string, Product>();
  for (const p of products) {
    if (bySku.has(p.sku)) throw new Error(`createCatalog: duplicate sku ${p.sku}`);
    bySku.set(p.sku, p);
  }

  const price = Float64Array.from(products, (p) => p.price);
  // Unrated products sort after every rated one.
  const rating = Float64Array.from(products, (p) => p.rating ?? -1);
  // 0 only when the store says out of stock; unknown stock is not filtered out.
  const inStock = Uint8Array.from(products, (p) => (p.stock === 0 ? 0 : 1));
  const vocabulary = buildStoreVocabulary(products);
  // Products are grouped by their leaf category (full path); a category word covers several.
  const categories = { groupOf: vocabulary.tree.groupOf, groupCount: vocabulary.tree.groupCount };
  const brandKeys = products.map(memo(brandKey, (p: Product) => p.brand));
  const brands = groupBy(brandKeys);
  const pairs = groupBy(brandKeys.map((b, i) => `${categories.groupOf[i] ?? 0}\u0000${b}`));
  const sku = products.map((p) => p.sku);
  const skuOrdered = skuOrder(sku);
  const ordered = new OrderedIndex(
    { price, rating, sku, bySku: skuOrdered },
    { category: categories, brand: brands, pair: pairs },
  );
  const brandKeyByGroup = [...brands.ids.keys()];
  const productsByCategory = new ProductsByGroup(categories);
  const ascending = new AscendingSet(n);
  const text = buildTextIndex(products);
  const version = catalogVersion(products, skuOrdered);
  const productAt = (i: number): Product => {
    const p = products[i];
    if (!p) throw new Error(`catalog: no product at ${i}`);
    return p;
  };
  const brandList = Object.freeze(distinct(products.map((p) => p.brand)));
  const categoryList = Object.freeze(distinct(products.map((p) => p.category)));

  // Products without a brand field whose names hold a brand, per brand key (built when asked).
  const unbranded = brandKeys.flatMap((key, i) => (key === '' ? [i] : []));
  const namedByBrand = new Map<string, Uint8Array | undefined>();
  function brandInNames(wanted: readonly string[]): Uint8Array | undefined {
    let mask: Uint8Array | undefined;
    for (const brand of wanted) {
      const key = brandKey(brand);
      if (!namedByBrand.has(key)) {
        const holders = unbranded.filter((i) => nameHoldsBrand(productAt(i).name, key));
        let found: Uint8Array | undefined;
        if (holders.length > 0) {
          found = new Uint8Array(n);
          for (const i of holders) found[i] = 1;
        }
        namedByBrand.set(key, found);
      }
      const found = namedByBrand.get(key);
      if (found === undefined) continue;
      mask ??= new Uint8Array(n);
      for (let i = 0; i < n; i++) mask[i] = (mask[i] ?? 0) | (found[i] ?? 0);
    }
    return mask;
  }

  function search(query: ProductQuery): SearchHit[] {
    const order = ORDER_OF_SORT[query.sort];
    const limit = Math.max(0, Math.floor(query.limit));
    const min = query.minPrice ?? Number.NEGATIVE_INFINITY;
    const max = query.maxPrice ?? Number.POSITIVE_INFINITY;
    if (limit === 0 || min > max) return [];

    // Resolve structured filters to group ids; a category the store does not sell or an
    // unknown brand matches nothing (retrieval relaxes).
    let categoryIds: number[] | undefined;
    if (query.category !== undefined && query.category.trim() !== '') {
      const scope = vocabulary.resolve(query.category);
      if (scope.best < STRONG_EVIDENCE) return [];
      categoryIds = scope.groups;
    }
    let brandIds: number[] | undefined;
    let namedBrand: Uint8Array | undefined;
    if (query.brands && query.brands.length > 0) {
      brandIds = [];
      for (const b of new Set(query.brands.map(brandKey))) {
        const id = brands.ids.get(b);
        if (id !== undefined) brandIds.push(id);
      }
      namedBrand = brandInNames(query.brands);
      if (brandIds.length === 0 && namedBrand === undefined) return [];
    }
    const inStockOnly = query.inStockOnly === true;

    const terms = queryTerms(query.text);
    if (terms.length === 0 && namedBrand === undefined) {
      return structuredSearch(order, categoryIds, brandIds, min, max, inStockOnly, limit);
    }
    const categoryMask = categoryIds ? new Uint8Array(categories.groupCount) : undefined;
    if (categoryMask && categoryIds) for (const id of categoryIds) categoryMask[id] = 1;

    const brandMask = brandIds ? new Uint8Array(brands.groupCount) : undefined;
    if (brandMask && brandIds) for (const id of brandIds) brandMask[id] = 1;
    const accept = (i: number): boolean =>
      (!categoryMask || categoryMask[categories.groupOf[i] ?? 0] === 1) &&
      (!brandMask || brandMask[brands.groupOf[i] ?? 0] === 1 || namedBrand?.[i] === 1) &&
      (price[i] ?? 0) >= min &&
      (price[i] ?? 0) <= max &&
      (!inStockOnly || inStock[i] === 1);
    if (terms.length === 0) {
      // Products whose brand is only in their names: one pass over the whole sorted list.
      return ordered
        .take([ordered.all[order]], order, accept, limit)
        .map((i) => ({ product: productAt(i), score: 0 }));
    }
    // A model or size the shopper named must be in the product: other numbers are other things.
    let required = 0;
    terms.forEach((t, q) => {
      if (isRequiredTerm(t)) required = (required | (2 ** q)) >>> 0;
    });
    // Products without a brand field that name the brand are in no brand's list.
    const brandLists = namedBrand === undefined ? brandIds : undefined;
    const narrowing =
      categoryIds !== undefined ||
      brandLists !== undefined ||
      min > Number.NEGATIVE_INFINITY ||
      max < Number.POSITIVE_INFINITY;
    const filtered = narrowing
      ? (lists: number, postings: number) =>
          narrowTo(categoryIds, brandLists, min, max, lists, postings)
      : undefined;
    const inOrder = () =>
      sourceLists(categoryIds, brandLists, order).map((list) =>
        ordered.priceRange(list, order, price, min, max),
      );
    return textSearch(terms, query.sort, order, accept, required, limit, filtered, inOrder);
  }

  /**
   * The smallest presorted lists holding every product the filters allow: category x brand,
   * brand, category, or all; disjoint (each product in one list at most).
   */
  function sourceLists(
    categoryIds: readonly number[] | undefined,
    brandIds: readonly number[] | undefined,
    order: Order,
  ): Uint32Array[] {
    if (categoryIds && brandIds) {
      const lists: Uint32Array[] = [];
      for (const c of new Set(categoryIds)) {
        for (const b of brandIds) {
          const pair = pairs.ids.get(`${c}\u0000${brandKeyByGroup[b]}`);
          if (pair !== undefined) lists.push(ordered.group('pair', pair, order));
        }
      }
      return lists;
    }
    if (brandIds) return brandIds.map((b) => ordered.group('brand', b, order));
    if (categoryIds)
      return [...new Set(categoryIds)].map((c) => ordered.group('category', c, order));
    return [ordered.all[order]];
  }

  /**
   * The products the filters allow (category x brand, brand, category, or all, priced within
   * [min, max] by binary search in the price-sorted lists): ascending, when they are few enough
   * that looking each up in the terms' lists beats reading the lists; else as those ranges, to
   * be marked before the lists are read when there are fewer of them than postings.
   */
  function narrowTo(
    categoryList: readonly number[] | undefined,
    brandIds: readonly number[] | undefined,
    min: number,
    max: number,
    lists: number,
    postings: number,
  ): Narrowed | undefined {
    const categoryIds = categoryList && [...new Set(categoryList)];
    const ranges = sourceLists(categoryIds, brandIds, 'price_asc').map((list) =>
      ordered.priceRange(list, 'price_asc', price, min, max),
    );
    const size = ranges.reduce((sum, range) => sum + range.length, 0);
    // Marking costs a write per product (and one to clear it): for well under the postings.
    if (size * lists * LOOKUP_COST >= postings) return size * 2 < postings ? { ranges } : undefined;
    const [only] = categoryIds ?? [];
    const category =
      !brandIds && categoryIds?.length === 1 && only !== undefined
        ? productsByCategory.list(only)
        : undefined;
    // One category, any price: its products in catalog order are the candidates.
    if (category && size === category.length) return { sorted: category };
    return { sorted: ascending.union(ranges, size) };
  }

  /**
   * One term, sorted by price or rating: every match matches the most terms, so the answer is
   * the first `limit` matches the filters pass, read off the presorted lists, each product
   * looked up in the term's lists. Undefined (give up) once the lookups would cost more than
   * reading the term's lists: when the filters or the term pass few products.
   */
  function walkInOrder(
    query: TextQuery,
    lists: readonly Uint32Array[],
    order: Order,
    accept: (i: number) => boolean,
    limit: number,
  ): SearchHit[] | undefined {
    let budget = query.postings / (query.lists * LOOKUP_COST);
    const found: SearchHit[] = [];
    const rank = ordered.rank[order];
    const heads = lists.map(() => 0);
    while (found.length < limit) {
      // The next product in order among the lists' heads (k-way merge by rank).
      let best = -1;
      let bestRank = Number.POSITIVE_INFINITY;
      for (let l = 0; l < lists.length; l++) {
        const list = lists[l] as Uint32Array;
        const p = heads[l] ?? 0;
        if (p < list.length && (rank[list[p] ?? 0] ?? 0) < bestRank) {
          bestRank = rank[list[p] ?? 0] ?? 0;
          best = l;
        }
      }
      if (best < 0) break;
      const p = heads[best] ?? 0;
      heads[best] = p + 1;
      const i = (lists[best] as Uint32Array)[p] ?? 0;
      // A product read and filtered costs about a quarter of a lookup.
      budget -= 0.25;
      if (budget < 0) return undefined;
      if (!accept(i)) continue;
      budget -= 1;
      if (budget < 0) return undefined;
      const score = query.scoreOf(i);
      if (score !== undefined) found.push({ product: productAt(i), score, matched: 1 });
    }
    return found;
  }

  /**
   * Text matches ranked for the sort; see createCatalog for the rules. The same answer is
   * reached the cheapest way the query allows (text-search-paths.test.ts holds them to the
   * full scan): one term sorted by price or rating, read off the presorted lists
   * (walkInOrder); few products passing the filters, each looked up in the terms' lists
   * (visitAmong) or marked before the lists are read (visitMarked); else the products matching
   * every term some product holds, which rank above all others (relevance) or are the only ones
   * sorted (other sorts), found from the rarest term, and the rest only when too few of them
   * pass the filters (visitMost).
   */
  function textSearch(
    terms: readonly string[],
    sort: Sort,
    order: Order,
    accept: (i: number) => boolean,
    required: number,
    limit: number,
    filtered?: (lists: number, postings: number) => Narrowed | undefined,
    inOrder?: () => Uint32Array[],
  ): SearchHit[] {
    const query = text.prepare(terms);
    // A model or size no product holds: no product can have it.
    if ((required & ~query.heldMask) >>> 0 !== 0) return [];
    const relevance = sort === 'relevance';
    if (!relevance && query.heldTerms === 1 && inOrder) {
      const walked = walkInOrder(query, inOrder(), order, accept, limit);
      if (walked) return walked;
    }
    const rank = ordered.rank[order];
    const byRank = (a: Match, b: Match): number => (rank[a.index] ?? 0) - (rank[b.index] ?? 0);
    const top = new TopK<Match>(
      limit,
      relevance ? (a, b) => b.matched - a.matched || b.score - a.score || byRank(a, b) : byRank,
    );
    const probe: Match = { index: 0, score: 0, matched: 0 };
    let most = 0;
    // The k-th match once there are k: anything ranked strictly below it is dropped before
    // the filters or the comparator run (most matches are, once the top fills).
    let floorMatched = -1;
    let floorScore = Number.NEGATIVE_INFINITY;
    let floorRank = Number.POSITIVE_INFINITY;
    const visit: Visit = (index, score, matched, mask) => {
      if ((mask & required) >>> 0 !== required) return;
      if (relevance) {
        if (matched < floorMatched || (matched === floorMatched && score < floorScore)) return;
      } else {
        // Only the products matching the most query terms take part in a price/rating sort.
        if (matched < most || (matched === most && (rank[index] ?? 0) > floorRank)) return;
      }
      probe.index = index;
      probe.score = score;
      probe.matched = matched;
      if ((relevance || matched === most) && !top.accepts(probe)) return;
      if (!accept(index)) return;
      if (!relevance && matched > most) {
        most = matched;
        top.clear();
        floorRank = Number.POSITIVE_INFINITY;
      }
      top.offer({ ...probe });
      const floor = top.full;
      if (floor) {
        floorMatched = floor.matched;
        floorScore = floor.score;
        floorRank = rank[floor.index] ?? 0;
      }
    };
    const narrowed = filtered?.(query.lists, query.postings);
    if (narrowed && 'sorted' in narrowed) query.visitAmong(narrowed.sorted, visit);
    // Several terms: those matching all of them come first, found from the rarest term.
    else if (narrowed && query.heldTerms < 2) query.visitMarked(narrowed.ranges, visit);
    else query.visitMost(visit, () => (relevance ? top.size >= limit : top.size > 0));
    return top
      .sorted()
      .map((m) => ({ product: productAt(m.index), score: m.score, matched: m.matched }));
  }

  function structuredSearch(
    order: Order,
    categoryIds: number[] | undefined,
    brandIds: number[] | undefined,
    min: number,
    max: number,
    inStockOnly: boolean,
    limit: number,
  ): SearchHit[] {
    // Smallest presorted lists that contain every candidate: category x brand, brand, category, all.
    let lists: Uint32Array[];
    if (brandIds && categoryIds) {
      lists = [];
      for (const c of categoryIds) {
        for (const b of brandIds) {
          const pair = pairs.ids.get(`${c}\u0000${brandKeyByGroup[b]}`);
          if (pair !== undefined) lists.push(ordered.group('pair', pair, order));
        }
      }
    } else if (brandIds) {
      lists = brandIds.map((b) => ordered.group('brand', b, order));
    } else if (categoryIds) {
      lists = categoryIds.map((c) => ordered.group('category', c, order));
    } else {
      lists = [ordered.all[order]];
    }
    // A k-way merge costs k per product taken: past a few lists, one pass over all with a mask.
    let mask: Uint8Array | undefined;
    if (lists.length > MAX_MERGED_LISTS && categoryIds) {
      mask = new Uint8Array(categories.groupCount);
      for (const c of categoryIds) mask[c] = 1;
      lists = brandIds
        ? brandIds.map((b) => ordered.group('brand', b, order))
        : [ordered.all[order]];
    }
    lists = lists.map((list) => ordered.priceRange(list, order, price, min, max));
    const accept = (i: number): boolean =>
      (!mask || mask[categories.groupOf[i] ?? 0] === 1) &&
      (price[i] ?? 0) >= min &&
      (price[i] ?? 0) <= max &&
      (!inStockOnly || inStock[i] === 1);
    return ordered
      .take(lists, order, accept, limit)
      .map((i) => ({ product: productAt(i), score: 0 }));
  }

  return {
    version,
    size: n,
    currency: options.currency ?? 'USD',
    get: (sku) => bySku.get(sku),
    search,
    vocabulary,
    missingTerms: (q) => queryTerms(q).filter((t) => isRequiredTerm(t) && !text.has(t)),
    unknownWords: (q) =>
      queryTerms(q).filter(
        (t) =>
          !isRequiredTerm(t) &&
          t.length >= 3 &&
          !text.hasPrefix(t) &&
          !text.hasPrefix(singularize(t)),
      ),
    brands: () => brandList,
    categories: () => categoryList,
    all: () => products,
  };
}
