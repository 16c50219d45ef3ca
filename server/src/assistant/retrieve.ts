import type { Product, ProductQuery, Sort } from '@aisle/shared';
import { brandKey, nameHoldsBrand } from '../catalog/brand-key';
import { queryTerms } from '../catalog/text-index';
import type { Catalog, SearchHit } from '../catalog/types';
import { foldWords } from '../catalog/vocabulary/fold';
import { isRequiredTerm } from '../catalog/vocabulary/measures';
import { nameHead, thingsFirst } from '../catalog/vocabulary/name-head';
import { MATCH_WEIGHTS, STRONG_EVIDENCE } from '../catalog/vocabulary/resolve-category';
import { EXPANSION_WEIGHTS } from '../lexicon/shopping-lexicon';
import { singularize } from '../text/singularize';
import type { QuestionContext } from './types';
import type { Understanding } from './understanding-schema';

export interface Retrieval {
  /** Best first, at most `query.limit`, always real catalog (or last shown) products. */
  products: Product[];
  /** True when nothing matched exactly and these are the closest alternatives. */
  alternatives: boolean;
  /**
   * True when the shopper named a model or size no product has ("iPhone 6", "85 inch"): the
   * store does not carry it, and `products` (flagged `alternatives`) are the nearest things.
   */
  notCarried?: boolean;
  /** The model names and sizes the store does not carry, as searched ("iphone6", "85in"). */
  missing?: string[];
}

// Enough candidates to re-rank by preferred brand and still fill any limit.
const POOL = 20;

export function sortProducts(products: readonly Product[], sort: Sort): Product[] {
  const list = [...products];
  switch (sort) {
    case 'price_asc':
      return list.sort((a, b) => a.price - b.price || (b.rating ?? -1) - (a.rating ?? -1));
    case 'price_desc':
      return list.sort((a, b) => b.price - a.price || (b.rating ?? -1) - (a.rating ?? -1));
    case 'rating_desc':
      return list.sort((a, b) => (b.rating ?? -1) - (a.rating ?? -1) || a.price - b.price);
    case 'relevance':
      return list;
  }
}

/** Whether a product is in the store's categories a category word resolves to. */
export type CategoryTest = (p: Product, category: string) => boolean;

/** The catalog's own category scope (catalog/vocabulary), for products shown earlier. */
export function categoryTest(catalog: Catalog): CategoryTest {
  const { vocabulary } = catalog;
  return (p, category) => {
    const scope = vocabulary.resolve(category);
    if (scope.best < STRONG_EVIDENCE) return false;
    const group = vocabulary.tree.groupOfProduct(p);
    return group !== undefined && scope.groups.includes(group);
  };
}

function matches(
  p: Product,
  q: ProductQuery,
  excluded: ReadonlySet<string>,
  inCategory: CategoryTest,
): boolean {
  if (excluded.has(brandKey(p.brand))) return false;
  if (q.minPrice !== undefined && p.price < q.minPrice) return false;
  if (q.maxPrice !== undefined && p.price > q.maxPrice) return false;
  // Unknown stock is not filtered out: the store did not say it is out.
  if (q.inStockOnly === true && p.stock !== undefined && p.stock <= 0) return false;
  if (
    q.brands !== undefined &&
    q.brands.length > 0 &&
    !q.brands.some(
      (b) => brandKey(b) === brandKey(p.brand) || (p.brand === '' && nameHoldsBrand(p.name, b)),
    )
  ) {
    return false;
  }
  return q.category === undefined || inCategory(p, q.category);
}

/** Preferred brands first, otherwise in the order given: a ranking, never a filter. */
function boostPreferred(products: Product[], preferred: readonly string[] | undefined): Product[] {
  if (preferred === undefined || preferred.length === 0) return products;
  const wanted = new Set(preferred.map(brandKey));
  // A store that leaves the brand field empty names the brand in the product's name.
  const isPreferred = (p: Product) =>
    wanted.has(brandKey(p.brand)) ||
    (p.brand === '' && preferred.some((b) => nameHoldsBrand(p.name, b)));
  return [...products.filter(isPreferred), ...products.filter((p) => !isPreferred(p))];
}

function fromLastShown(
  u: Understanding,
  context: QuestionContext,
  excluded: ReadonlySet<string>,
  inCategory: CategoryTest,
): Retrieval {
  const shown = context.lastShown;
  const indexes = u.references.length > 0 ? u.references : shown.map((_, i) => i);
  const candidates = [...new Set(indexes)].flatMap((i) => shown[i] ?? []);
  const q = u.query;
  const asked = context.lastSearch?.query;
  const exact = sortProducts(
    candidates.filter((p) => matches(p, q, excluded, inCategory)),
    q.sort,
  );
  // "The best rated one" among watches and a watch charger shown with them is a watch.
  const kind = q.category ?? asked?.category;
  if (kind !== undefined && q.sort !== 'relevance') {
    const ranked = thingsFirst(exact, `${kind} ${asked?.text ?? ''} ${q.text}`);
    if (ranked.length > 0) return { products: ranked.slice(0, q.limit), alternatives: false };
  }
  if (exact.length > 0) return { products: exact.slice(0, q.limit), alternatives: false };
  // Nothing shown fits the new constraint: the shown products closest to it, flagged.
  const closest = [...candidates].sort((a, b) => priceDistance(a, q) - priceDistance(b, q));
  return {
    products: sortProducts(closest, q.sort).slice(0, q.limit),
    alternatives: candidates.length > 0,
  };
}

function priceDistance(p: Product, q: Pick<ProductQuery, 'minPrice' | 'maxPrice'>): number {
  if (q.minPrice !== undefined && p.price < q.minPrice) return q.minPrice - p.price;
  if (q.maxPrice !== undefined && p.price > q.maxPrice) return p.price - q.maxPrice;
  return 0;
}

type Step = { query: ProductQuery; closestPrice?: ProductQuery };

const constrained = (q: ProductQuery): boolean =>
  q.category !== undefined ||
  (q.brands !== undefined && q.brands.length > 0) ||
  q.minPrice !== undefined ||
  q.maxPrice !== undefined ||
  q.inStockOnly === true;

function without<K extends keyof ProductQuery>(q: ProductQuery, ...keys: K[]): ProductQuery {
  const copy = { ...q };
  for (const key of keys) delete copy[key];
  return copy;
}

/**
 * The queries tried in turn when nothing matches: drop the free text, then a category that
 * only came from preferences, then look just outside the budget, then drop the brand (first
 * within, then outside the budget), then the in-stock filter. An explicit category stays.
 */
export function relaxations(u: Understanding): Step[] {
  const q = u.query;
  const hasPrice = q.minPrice !== undefined || q.maxPrice !== undefined;
  const steps: Step[] = [{ query: q }];
  let current = q;
  // Each relaxation applies on top of the previous ones; with a budget, the products just
  // outside it are tried before the next constraint goes.
  const relax = (next: ProductQuery, thenWidenBudget: boolean) => {
    current = next;
    steps.push({ query: current });
    if (thenWidenBudget && hasPrice) steps.push({ query: current, closestPrice: current });
  };
  if (current.text !== '') relax({ ...current, text: '' }, false);
  if (u.fromPreferences?.category === true && current.category !== undefined) {
    relax(without(current, 'category'), false);
  }
  if (hasPrice) steps.push({ query: current, closestPrice: current });
  if (current.brands !== undefined && current.brands.length > 0)
    relax(without(current, 'brands'), true);
  if (current.inStockOnly === true) relax(without(current, 'inStockOnly'), true);
  return steps.filter((s, i) => i === 0 || constrained(s.query));
}

/** Products just above and just below the price range, nearest first. */
function closestToBudget(catalog: Catalog, q: ProductQuery): Product[] {
  const found: Product[] = [];
  if (q.maxPrice !== undefined) {
    const above = without(
      { ...q, minPrice: q.maxPrice, sort: 'price_asc', limit: POOL },
      'maxPrice',
    );
    found.push(...catalog.search(above).map((h) => h.product));
  }
  if (q.minPrice !== undefined) {
    const below = without(
      { ...q, maxPrice: q.minPrice, sort: 'price_desc', limit: POOL },
      'minPrice',
    );
    found.push(...catalog.search(below).map((h) => h.product));
  }
  const unique = [...new Map(found.map((p) => [p.sku, p])).values()];
  return unique.sort(
    (a, b) => priceDistance(a, q) - priceDistance(b, q) || (b.rating ?? -1) - (a.rating ?? -1),
  );
}

/**
 * Whether the products found are what was asked for, not just near it: every word of the text is
 * one the store uses somewhere ("bose" found only as a typo of "hose" is not), the best product
 * matches every word, and its name, category or tags hold the last one, the thing itself ("yoga
 * mats" found as a yoga hoodie that mentions mats is not).
 */
function exactMatch(q: ProductQuery, hits: readonly SearchHit[], catalog: Catalog): boolean {
  if (q.text === '') return true;
  if (catalog.unknownWords(q.text).length > 0) return false;
  const best = hits[0];
  if (best === undefined) return true;
  const terms = queryTerms(q.text);
  if ((best.matched ?? terms.length) < terms.length) return false;
  const last = terms.findLast((t) => !isRequiredTerm(t));
  if (last === undefined || terms.length < 2) return true;
  const p = best.product;
  const path = p.category_path?.join(' ') ?? '';
  const said = foldWords(`${p.name} ${p.category} ${path} ${p.tags.join(' ')}`);
  const head = singularize(last);
  return said.some((w) => w === head || (head.length >= 3 && w.startsWith(head)));
}

/**
 * When the best hit matches every word of the text, the hits that match only some are other
 * things: "laptop stand" is not a laptop.
 */
function wholeMatches(hits: readonly SearchHit[], q: ProductQuery): Product[] {
  const terms = queryTerms(q.text).length;
  const best = hits[0]?.matched;
  // One word beside a category ("leather" totes) narrows it like a facet; alone it is the search.
  const alone = q.category === undefined;
  if ((terms < 2 && alone) || terms === 0 || best !== terms) return hits.map((h) => h.product);
  return hits.filter((h) => h.matched === terms).map((h) => h.product);
}

/**
 * Products holding every word as written (or as the start of a longer word) when there are any:
 * a typo-tolerant match ("sofa" ~ "soft") is for words the store does not use, not a way in for
 * a jacket when the store has sofas.
 */
function literalOnly(hits: readonly SearchHit[], q: ProductQuery): SearchHit[] {
  const terms = queryTerms(q.text).filter((t) => !isRequiredTerm(t));
  if (terms.length === 0) return [...hits];
  const literal = hits.filter((h) => holdsLiterally(h.product, terms));
  return literal.length > 0 ? literal : [...hits];
}

/** Whether the product's text holds every term as written (or as the start of a longer word). */
function holdsLiterally(p: Product, terms: readonly string[]): boolean {
  const text = [
    p.name,
    p.brand,
    p.category,
    ...(p.category_path ?? []),
    ...p.tags,
    ...Object.values(p.attributes ?? {}),
    p.description,
  ]
    .join(' ')
    .toLowerCase();
  return terms.every((t) => text.includes(t) || text.includes(singularize(t)));
}

/**
 * A model or size asked for ("128GB") in a product's name, tags or attributes outranks one in its
 * description ("works with cards up to 128GB"), among products matching as many words.
 */
function sizedFirst(hits: readonly SearchHit[], q: ProductQuery): SearchHit[] {
  const required = queryTerms(q.text).filter(isRequiredTerm);
  if (required.length === 0) return [...hits];
  const named = (p: Product): number => {
    const values = Object.values(p.attributes ?? {}).join(' ');
    const terms = new Set(queryTerms(`${p.name} ${p.tags.join(' ')} ${values}`));
    return required.every((t) => terms.has(t)) ? 1 : 0;
  };
  return hits
    .map((hit, at) => ({ hit, at, named: named(hit.product) }))
    .sort((a, b) => (b.hit.matched ?? 0) - (a.hit.matched ?? 0) || b.named - a.named || a.at - b.at)
    .map((x) => x.hit);
}

/**
 * Words alone ("birthday cake"): among products matching as many of them, those whose names name
 * the thing (end their head on the last word) before those that only mention it ("Coffee -
 * Birthday Cake", "Birthday Cake Bars").
 */
function headFirst(hits: readonly SearchHit[], q: ProductQuery): SearchHit[] {
  const last = foldWords(q.text).at(-1);
  if (q.category !== undefined || last === undefined) return [...hits];
  const names = (h: SearchHit): number => (nameHead(h.product.name).at(-1) === last ? 1 : 0);
  return hits
    .map((hit, at) => ({ hit, at, names: names(hit) }))
    .sort((a, b) => (b.hit.matched ?? 0) - (a.hit.matched ?? 0) || b.names - a.names || a.at - b.at)
    .map((x) => x.hit);
}

/**
 * A word the store never uses, replaced by a synonym it does (general lexicon): "zucchini" finds
 * the courgettes of a British grocer.
 */
function withStoreWords(q: ProductQuery, catalog: Catalog): ProductQuery {
  const unknown = new Set(catalog.unknownWords(q.text));
  if (unknown.size === 0) return q;
  const { lexicon } = catalog.vocabulary; // general words plus the store's own synonyms
  const words = q.text.split(/\s+/).map((word) => {
    const term = queryTerms(word)[0];
    if (term === undefined || !unknown.has(term)) return word;
    const synonym = lexicon
      .expand([singularize(term)])
      .find(
        (e) =>
          e.weight === EXPANSION_WEIGHTS.same &&
          catalog.unknownWords(e.words.join(' ')).length === 0,
      );
    return synonym === undefined ? word : synonym.words.join(' ');
  });
  return { ...q, text: words.join(' ') };
}

/**
 * Whether a product's name names the thing: the word ends the name's head ("Shopper Tote (Tan)",
 * "Investment Collection Leather Tote"), not a list of what it suits ("Cleaning Kit for Laptop,
 * TV") nor a part for it ("Tote Strap").
 */
function namesThing(name: string, head: string): boolean {
  return nameHead(name).at(-1) === head;
}

/**
 * Products the store files where no category says anything of the word ("Shopper" for a "Shopper
 * Tote") but whose names name the thing: the category word found them too, ranked with the rest
 * by the query's sort (after them for relevance).
 */
function withNamedElsewhere(products: Product[], q: ProductQuery, catalog: Catalog): Product[] {
  if (q.category === undefined) return products;
  // Ranked after the category's own products: no room for them once those fill the answer.
  if (q.sort === 'relevance' && products.length >= q.limit) return products;
  const scope = catalog.vocabulary.resolve(q.category);
  const head = foldWords(q.category).at(-1);
  if (head === undefined || scope.best < STRONG_EVIDENCE) return products;
  // The scope's own products are in already. A category that names the thing too ("Wallets &
  // Money Clips" beside "Wallet") adds those of its products whose names name it; one only
  // related ("Remote Controls" for "tv") adds none ("Sony TV - Remote").
  const inScope = new Set(scope.groups);
  const related = new Set(scope.related.filter((g) => !scope.naming.includes(g)));
  const text = [q.text, q.category].filter((t) => t !== '').join(' ');
  const terms = queryTerms(text).length;
  const seen = new Set(products.map((p) => p.sku));
  const elsewhere = catalog
    .search({ ...without(q, 'category'), text, sort: 'relevance', limit: POOL * 5 })
    // Every word, not the category word alone: "the Denise Tote" is not any tote.
    .filter((h) => h.matched === terms)
    .map((h) => h.product)
    .filter((p) => {
      if (seen.has(p.sku)) return false;
      const group = catalog.vocabulary.tree.groupOfProduct(p);
      if (group === undefined || inScope.has(group) || related.has(group)) return false;
      return namesThing(p.name, head);
    });
  if (elsewhere.length === 0) return products;
  const all = [...products, ...elsewhere];
  return q.sort === 'relevance' ? all : sortProducts(all, q.sort);
}

/**
 * The query without the words the store does not use ("weekender" where the duffel bag never says
 * it): such a word describes the product, it does not veto the ones matching the rest of the
 * question. Only when the question names a kind of product (a category), and each such word
 * either matches nothing even as a typo or the whole question found nothing: a typo of a word
 * the store uses ("wireles headphones") keeps narrowing.
 */
function softQuery(
  q: ProductQuery,
  catalog: Catalog,
  foundNothing: boolean,
): ProductQuery | undefined {
  const unknown = catalog.unknownWords(q.text);
  // Without a kind of product named, the word may be the product's name ("sony walkman").
  if (unknown.length === 0 || q.category === undefined) return undefined;
  const stranger = (w: string) =>
    catalog.search({ text: w, sort: 'relevance', limit: 1 }).length === 0;
  if (!foundNothing && !unknown.every(stranger)) return undefined;
  return { ...q, text: withoutTerms(q.text, unknown) };
}

/** A category as search words: "tv" -> text "tv ...". */
function withoutCategory(q: ProductQuery): ProductQuery {
  const copy = without(q, 'category');
  copy.text = [q.category, q.text].filter((t) => t !== undefined && t !== '').join(' ');
  return copy;
}

/**
 * A category word the store has no category for (no strong evidence in its tree) is searched
 * as text from the start: "blender" finds the blenders filed under "Kitchen".
 */
export function categoryAsText(q: ProductQuery, catalog: Catalog): ProductQuery {
  if (q.category === undefined) return q;
  if (catalog.vocabulary.resolve(q.category).best >= STRONG_EVIDENCE) return q;
  return withoutCategory(q);
}

/**
 * A category phrase with qualifiers ("leather tote") also scopes the plain kind ("Totes"): the
 * products whose name or category say every word of it come first, the plain ones after.
 */
function allSaidFirst(products: Product[], q: ProductQuery): Product[] {
  if (q.category === undefined) return products;
  const kind = foldWords(q.category);
  if (kind.length < 2) return products;
  const saysAll = (p: Product): boolean => {
    const said = new Set(foldWords(`${p.name} ${p.category} ${(p.category_path ?? []).join(' ')}`));
    return kind.every((w) => said.has(w));
  };
  const all = products.filter(saysAll);
  if (all.length === 0 || all.length === products.length) return products;
  return [...all, ...products.filter((p) => !saysAll(p))];
}

/**
 * A category that holds other things too ("Hoodies & Sweatshirts" for "hoodie"): the products
 * whose names say the word come first; the others only when none does.
 */
function namedFirst(products: Product[], q: ProductQuery, catalog: Catalog): Product[] {
  if (q.category === undefined) return products;
  if (catalog.vocabulary.resolve(q.category).best >= MATCH_WEIGHTS.narrower) return products;
  const head = foldWords(q.category).at(-1);
  if (head === undefined) return products;
  const named = products.filter((p) => foldWords(p.name).includes(head));
  return named.length > 0 ? named : products;
}
/**
 * Picks the products an answer presents. Follow-ups choose among the products shown last;
 * other questions search the catalog, ranking preferred brands higher, and relax the query
 * step by step when nothing matches (`alternatives: true`). Never invents a product.
 */
export function retrieveProducts(
  u: Understanding,
  context: QuestionContext,
  catalog: Catalog,
): Retrieval {
  const excluded = new Set((u.excludedBrands ?? []).map(brandKey));
  if (u.followUp && context.lastShown.length > 0) {
    return fromLastShown(u, context, excluded, categoryTest(catalog));
  }
  // "How do I order?" names nothing to sell: no product list.
  if (u.intent === 'sales' && u.query.text === '' && !constrained(u.query)) {
    return { products: [], alternatives: false };
  }

  const missing = [
    ...catalog.missingTerms(modelText(u.query, catalog)),
    ...unknownNames(u.query.text, catalog),
  ];
  if (missing.length > 0) return notCarried(u, context, catalog, missing);
  return searchCatalog(u, context, catalog, excluded);
}

/**
 * The text a named model is read from. "iPhone 6" reads as the kind "iphone" plus the text "6":
 * when the kind is a product line and the text starts with a bare model number, the model the
 * shopper named is "iphone6". A plain kind ("hp laptop 14") keeps its number as a size or a
 * detail.
 */
function modelText(q: ProductQuery, catalog: Catalog): string {
  const first = q.text.trim().split(/\s+/)[0] ?? '';
  const kind = q.category?.trim().toLowerCase() ?? '';
  if (kind === '' || /\s/.test(kind) || !/^\d{1,4}[a-z]{0,2}$/i.test(first)) return q.text;
  // A product line is a kind of something broader with no other name: "iphone", "ipad", not
  // "laptop" (a notebook, a laptop computer) whose numbers are sizes.
  const expansions = catalog.vocabulary.lexicon.expand([kind]);
  const productLine =
    expansions.some((e) => e.weight === EXPANSION_WEIGHTS.broader) &&
    !expansions.some((e) => e.weight === EXPANSION_WEIGHTS.same);
  return productLine ? `${kind} ${q.text}` : q.text;
}

/**
 * Names the shopper typed capitalised ("Gucci", "the Denise Tote") that no product holds, not
 * even as the start of a longer word: a name is not a typo of some other word the store uses.
 */
function unknownNames(text: string, catalog: Catalog): string[] {
  const named = new Set(namesIn(text));
  if (named.size === 0) return [];
  return catalog.unknownWords(text).filter((t) => named.has(t));
}

/** The search terms of the words typed capitalised (names: see understand/parse-question). */
const namesIn = (text: string): string[] =>
  text
    .split(/\s+/)
    .filter((w) => /\p{Lu}/u.test(w))
    .flatMap((w) => queryTerms(w));

/**
 * The shopper named a model or size no product has: the nearest products without it, flagged as
 * alternatives ("Do you have the iPhone 6?" must not offer an iPhone 5s as one).
 */
function notCarried(
  u: Understanding,
  context: QuestionContext,
  catalog: Catalog,
  missing: readonly string[],
): Retrieval {
  // The product line stays as search text ("iphone" of "iphone 6"): its other models come first.
  const text = withoutTerms(modelText(u.query, catalog), missing);
  const rest = searchCatalog(
    { ...u, query: { ...u.query, text } },
    context,
    catalog,
    new Set((u.excludedBrands ?? []).map(brandKey)),
  );
  return { products: rest.products, alternatives: true, notCarried: true, missing: [...missing] };
}

/** The text without the missing terms and the model numbers they were made of ("iphone 6"). */
function withoutTerms(text: string, missing: readonly string[]): string {
  const gone = new Set(missing);
  const words = text.split(/\s+/).filter((w) => w !== '');
  const kept = words.filter((w, i) => {
    const term = queryTerms(w)[0] ?? '';
    if (gone.has(term)) return false;
    // "6" of "iphone 6": the number went with the model; the word ("iphone") stays.
    const joined = queryTerms(`${words[i - 1] ?? ''} ${w}`);
    return !joined.some((t) => gone.has(t) && t.endsWith(term) && term !== '');
  });
  return kept.join(' ');
}

/** Asked for a kind of product ("smartwatch"): the things themselves before their chargers. */
function kindFirst(products: Product[], q: ProductQuery): Product[] {
  if (q.category !== undefined) return thingsFirst(products, `${q.category} ${q.text}`);
  // Words alone ("gift card"): the accessories of the thing they end on come after it.
  const thing = foldWords(q.text).at(-1);
  return thing === undefined ? products : thingsFirst(products, q.text, thing);
}

function searchCatalog(
  u: Understanding,
  context: QuestionContext,
  catalog: Catalog,
  excluded: ReadonlySet<string>,
): Retrieval {
  const limit = u.query.limit;
  const query = categoryAsText(withStoreWords(u.query, catalog), catalog);
  const steps = relaxations({ ...u, query });
  // The store's categories for the word held nothing: the word itself, searched as text.
  if (query.category !== undefined && !u.fromPreferences?.category) {
    steps.push({ query: { ...withoutCategory(query), sort: query.sort } });
  }
  const run = (step: Step) => runStep(step, u, context, catalog, excluded);
  for (const [i, step] of steps.entries()) {
    const found = run(step);
    if (found.products.length === 0) continue;
    // "The Denise Tote": a name the store uses, but on no product of the kind asked for.
    const names = i > 0 ? namesIn(query.text) : [];
    if (names.length > 0) {
      const products = found.products.slice(0, limit);
      return { products, alternatives: true, notCarried: true, missing: names };
    }
    const alternatives = i > 0 || !found.exact;
    if (alternatives) {
      // Words the store does not use may be all that kept the products out.
      const soft = softQuery(query, catalog, i > 0);
      const kept = soft === undefined ? undefined : run({ query: soft });
      if (kept?.exact && kept.products.length > 0) {
        return { products: kept.products.slice(0, limit), alternatives: false };
      }
    }
    return {
      products: filled(found.products, alternatives, query, run).slice(0, limit),
      alternatives,
    };
  }
  return { products: [], alternatives: false };
}

/**
 * For a price or rating sort, the products named by a synonym of the whole text too ("oat drink"
 * for "oat milk"): the cheapest oat milk is the cheapest of all of them. Each must hold every
 * word of its own phrase; all are then ranked by the sort.
 */
function withSynonymHits(hits: SearchHit[], q: ProductQuery, catalog: Catalog): SearchHit[] {
  const words = foldWords(q.text);
  const terms = queryTerms(q.text).length;
  // A category already widened the words to the store's own kinds of the thing.
  if (words.length === 0 || q.category !== undefined) return hits;
  // General words plus the store's own synonyms.
  const synonyms = catalog.vocabulary.lexicon.expand(words).filter(
    (e) =>
      e.weight === EXPANSION_WEIGHTS.same &&
      // Not a shorter, broader name: "smart tv" is not any "tv".
      e.words.length >= words.length &&
      e.words.join(' ') !== words.join(' ') &&
      catalog.unknownWords(e.words.join(' ')).length === 0,
  );
  if (synonyms.length === 0) return hits;
  // Products holding only some of the words are other things once a synonym names the thing.
  const found = new Map(hits.filter((h) => h.matched === terms).map((h) => [h.product.sku, h]));
  const before = found.size;
  for (const synonym of synonyms) {
    const text = synonym.words.join(' ');
    const own = queryTerms(text);
    for (const h of catalog.search({ ...q, text, limit: POOL * 5 })) {
      // As written: "soya drink" is no typo of "soda drink".
      const whole = h.matched === own.length && holdsLiterally(h.product, own);
      if (whole && !found.has(h.product.sku)) {
        found.set(h.product.sku, { ...h, matched: terms });
      }
    }
  }
  if (found.size === before) return hits;
  const bySku = new Map([...found.values()].map((h) => [h.product.sku, h]));
  return sortProducts(
    [...found.values()].map((h) => h.product),
    q.sort,
  ).flatMap((p) => bySku.get(p.sku) ?? []);
}

/**
 * Alternatives in a category the shopper named ("anything for working out at home, like fitness
 * equipment?"): the few near the words first, then the category's own products, so the
 * shopper sees what the category holds rather than one product.
 */
function filled(
  products: Product[],
  alternatives: boolean,
  query: ProductQuery,
  run: (step: Step) => { products: Product[] },
): Product[] {
  if (!alternatives || query.category === undefined || query.text === '') return products;
  if (products.length >= query.limit) return products;
  const seen = new Set(products.map((p) => p.sku));
  const more = run({ query: { ...query, text: '' } }).products.filter((p) => !seen.has(p.sku));
  return [...products, ...more];
}

/** One search of the relaxation ladder: the products it finds and whether they are exact. */
function runStep(
  step: Step,
  u: Understanding,
  context: QuestionContext,
  catalog: Catalog,
  excluded: ReadonlySet<string>,
): { products: Product[]; exact: boolean } {
  let products: Product[];
  let exact = true;
  if (step.closestPrice !== undefined) {
    products = closestToBudget(catalog, step.closestPrice);
  } else {
    let hits = catalog.search({ ...step.query, limit: POOL * 5 });
    if (step.query.sort === 'relevance') hits = sizedFirst(headFirst(hits, step.query), step.query);
    hits = literalOnly(hits, step.query);
    exact = exactMatch(step.query, hits, catalog);
    if (step.query.sort !== 'relevance') hits = withSynonymHits(hits, step.query, catalog);
    products = namedFirst(wholeMatches(hits, step.query), step.query, catalog);
    products = allSaidFirst(products, step.query);
    products = withNamedElsewhere(products, step.query, catalog).slice(0, POOL);
    if (step.query.sort === 'relevance') {
      products = boostPreferred(products, context.preferences.preferred_brands);
    }
    products = kindFirst(products, u.query);
  }
  return { products: products.filter((p) => !excluded.has(brandKey(p.brand))), exact };
}
