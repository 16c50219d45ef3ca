/**
 * Conversation state: a follow-up refines the session's last search instead of starting over.
 * "Show me TVs" -> "only Samsung" -> "under $500" ends at Samsung TVs under $500. Runs after
 * the question is understood, on the validated Understanding, so the local parser and an
 * LLM's structured output are refined alike. Pure: no I/O, no catalog vocabulary, only
 * general English cue words.
 */
import type { Product, ProductQuery } from '@aisle/shared';
import type { LastSearch } from '../../store/shown-state';
import type { QuestionContext } from '../types';
import type { Understanding } from '../understanding-schema';

/**
 * - `none`: nothing to refine (no earlier search, not a shopping question, or a question
 *   about the products shown, which the references mechanism answers);
 * - `fresh`: a new search (a new category named, or words unrelated to the last search);
 * - `refined`: the last search, changed as the question says.
 */
export type RefinementKind = 'none' | 'fresh' | 'refined';

export interface Refinement {
  understanding: Understanding;
  kind: RefinementKind;
  /**
   * Set when the question only added words to the last search ("what about headphones?",
   * "anything with bluetooth?"): the reading as it came, for when the words name something
   * the last search cannot hold and a search of its own finds it.
   */
  unrefined?: Understanding;
  /**
   * Set for "something cheaper?" / "more expensive ones": the same search within the last
   * budget, cheapest (or priciest) first, for when nothing is cheaper (or pricier): the
   * closest the shopper's own constraints allow, rather than a looser search's.
   */
  sameBudget?: Understanding;
}

type PriceDirection = 'cheaper' | 'pricier';

/** What the question's wording says about how it relates to the last search. */
interface Cues {
  /** "only", "instead", "what about", "those", "ones", "also"...: this continues the search. */
  continues: boolean;
  /** "instead", "what about", "rather": new words replace the old rather than add to them. */
  replaces: boolean;
  /** "also", "too", "as well": new brands join the old ones. */
  adds: boolean;
  /** "something cheaper", "more expensive ones". */
  price?: PriceDirection;
  /** "other brands": the brands shown so far are ruled out. */
  otherBrands: boolean;
  /** "any brand": the brand filter goes. */
  anyBrand: boolean;
  /** "any price", "forget the budget": the budget goes. */
  anyPrice: boolean;
  /** "show me more", "more options": the same search, a longer list. */
  more: boolean;
}

// Strong cues only: "anything"/"something" also open fresh questions ("anything for running?").
const CONTINUES =
  /\b(?:only|just|instead|rather|what\s+about|how\s+about|those|these|them|ones|same|also|too|as\s+well|with|without|but|except)\b/i;
const REPLACES = /\b(?:instead|rather|what\s+about|how\s+about|switch\s+to)\b/i;
const ADDS = /\b(?:also|too|as\s+well|plus)\b/i;
const CHEAPER =
  /\b(?:cheaper|less\s+expensive|lower[\s-]priced|more\s+affordable|less\s+pricey|lower\s+price)\b/i;
const PRICIER = /\b(?:more\s+expensive|pricier|higher[\s-]priced|more\s+premium|costlier)\b/i;
const MORE_RESULTS =
  /\b(?:show|see|give|list)\s+(?:me\s+|us\s+)?(?:some\s+)?more\b(?!\s+(?:expensive|affordable|premium|about|details?|info))|\bmore\s+(?:options|results|choices|of\s+(?:them|those|these))\b|\bother\s+options\b/i;
const OTHER_BRANDS = /\b(?:other|different)\s+brands?\b/i;
const ANY_BRAND = /\b(?:any|all)\s+brands?\b/i;
const ANY_PRICE =
  /\b(?:any\s+price|no\s+budget|(?:forget|ignore)\s+(?:about\s+)?(?:my|the)\s+budget|regardless\s+of\s+(?:the\s+)?price|price\s+(?:doesn'?t|does\s+not)\s+matter)\b/i;
/** Choosing among the products shown ("which is cheaper?", "the cheaper one"), not a new search. */
const PICKS_AMONG_SHOWN =
  /\bwhich\b|\bthe\s+(?:cheaper|cheapest|less\s+expensive|more\s+expensive|pricier|priciest)\b|\b(?:of|among|between)\s+(?:those|these|them|the\s+(?:two|three|ones))\b/i;

export function readCues(question: string): Cues {
  const cheaper = CHEAPER.test(question);
  const pricier = PRICIER.test(question);
  const cues: Cues = {
    continues: CONTINUES.test(question),
    replaces: REPLACES.test(question),
    adds: ADDS.test(question),
    otherBrands: OTHER_BRANDS.test(question),
    anyBrand: ANY_BRAND.test(question),
    anyPrice: ANY_PRICE.test(question),
    more: MORE_RESULTS.test(question),
  };
  // Both at once ("cheaper or more expensive?") asks for no direction.
  if (cheaper !== pricier) cues.price = cheaper ? 'cheaper' : 'pricier';
  return cues;
}

const lower = (s: string): string => s.trim().toLowerCase();
const hasBrands = (q: ProductQuery): q is ProductQuery & { brands: string[] } =>
  q.brands !== undefined && q.brands.length > 0;

/** The fields the question itself set: values taken from the preferences do not count. */
function stated(u: Understanding) {
  const q = u.query;
  return {
    category: q.category !== undefined && u.fromPreferences?.category !== true,
    price:
      (q.minPrice !== undefined || q.maxPrice !== undefined) && u.fromPreferences?.price !== true,
    brands: hasBrands(q),
    excluded: (u.excludedBrands ?? []).length > 0,
    sort: q.sort !== 'relevance',
    text: q.text.trim() !== '',
    inStock: q.inStockOnly === true,
    other: otherFields(q).length > 0,
  };
}

/** The fields this module merges by name; any other query field is merged generically. */
const MERGED_FIELDS: ReadonlySet<string> = new Set([
  'text',
  'category',
  'brands',
  'minPrice',
  'maxPrice',
  'sort',
  'limit',
  'inStockOnly',
]);

/** Query fields added since (attributes, say), set in this query. */
const otherFields = (q: ProductQuery): Array<[string, unknown]> =>
  Object.entries(q).filter(([k, v]) => !MERGED_FIELDS.has(k) && v !== undefined);

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Fields this module does not know by name carry over like attributes should: the question's
 * value wins, objects merge key by key ("55 inch" after "black TVs" keeps the colour).
 */
function mergeOtherFields(prev: ProductQuery, next: ProductQuery): Record<string, unknown> {
  const out: Record<string, unknown> = Object.fromEntries(otherFields(prev));
  for (const [key, value] of otherFields(next)) {
    const before = out[key];
    out[key] = isRecord(before) && isRecord(value) ? { ...before, ...value } : value;
  }
  return out;
}

/**
 * How a reading (not a follow-up) relates to any earlier search: a new category or unrelated
 * words start afresh; a brand, budget, sort or stock wish alone, or cue words ("only",
 * "instead", "what about", "cheaper"), continue it. Naming a category continues the search
 * only with a cue and only when it is the same category (`sameCategory`).
 */
function relation(u: Understanding, cues: Cues): 'fresh' | 'continues' | 'sameCategory' | 'none' {
  const said = stated(u);
  const cued = cues.continues || cues.price !== undefined || cues.more;
  if (said.category) return cued ? 'sameCategory' : 'fresh';
  if (said.text && !cued) return 'fresh';
  const saidAnything = Object.values(said).some(Boolean);
  return saidAnything || cued || cues.otherBrands || cues.anyBrand ? 'continues' : 'none';
}

/** Whether the reading refines `last` (see `relation`). */
export function classify(u: Understanding, last: LastSearch, cues: Cues): RefinementKind {
  switch (relation(u, cues)) {
    case 'continues':
      return 'refined';
    case 'sameCategory':
      return lower(u.query.category ?? '') === lower(last.query.category ?? '')
        ? 'refined'
        : 'fresh';
    case 'fresh':
      return 'fresh';
    case 'none':
      return 'none';
  }
}

/**
 * Refines the understanding with the session's last search (see the module note). Ordinal
 * and pronoun follow-ups stay as they are; "compare the first two" points at both.
 */
export function refineUnderstanding(
  question: string,
  understanding: Understanding,
  context: Pick<QuestionContext, 'lastSearch' | 'lastShown'>,
): Refinement {
  const u = withCountedReferences(question, understanding, context.lastShown.length);
  const last = context.lastSearch;
  if (last === undefined || !isShopping(u)) return { understanding: u, kind: 'none' };
  const cues = readCues(question);
  if (u.followUp) {
    const narrows = narrowsSearch(question, u) && pointsAtAll(u, context.lastShown.length);
    if (!comparativeSearch(question, cues) && !narrows) return { understanding: u, kind: 'none' };
    const out = refined(u, last, cues, referenced(u, context.lastShown));
    return withSameBudget({ understanding: out, kind: 'refined' }, last, cues);
  }
  const kind = classify(u, last, cues);
  if (kind !== 'refined') return { understanding: u, kind };
  const out = refined(u, last, cues, context.lastShown);
  if (addsWordsOnly(u, cues)) return { understanding: out, kind, unrefined: u };
  return withSameBudget({ understanding: out, kind }, last, cues);
}

/** A comparative's search within the last budget (see `Refinement.sameBudget`). */
function withSameBudget(r: Refinement, last: LastSearch, cues: Cues): Refinement {
  if (cues.price === undefined) return r;
  const prev = statedQuery(last);
  const query: ProductQuery = { ...r.understanding.query };
  delete query.minPrice;
  delete query.maxPrice;
  Object.assign(query, bounds(prev.minPrice, prev.maxPrice));
  query.sort = cues.price === 'cheaper' ? 'price_asc' : 'price_desc';
  return { ...r, sameBudget: { ...r.understanding, query } };
}

/** Words and a cue, nothing structured: "what about headphones?", "any with bluetooth?". */
function addsWordsOnly(u: Understanding, cues: Cues): boolean {
  const { text, ...structured } = stated(u);
  const other = cues.price !== undefined || cues.more || cues.otherBrands || cues.anyBrand;
  return text && !other && !Object.values(structured).some(Boolean);
}

const isShopping = (u: Understanding): boolean =>
  u.intent === 'product_inquiry' || u.intent === 'sales';

/** "Anything cheaper than the second one?" searches anew; "which is cheaper?" picks. */
const comparativeSearch = (question: string, cues: Cues): boolean =>
  cues.price !== undefined && !PICKS_AMONG_SHOWN.test(question);

/** Words that point at the products shown: a follow-up with them is about those products. */
const POINTS_AT_SHOWN =
  /\b(?:those|these|them|they|it|its|that|this|which|either|both|compare|above|previous|one\s+of|the\s+(?:first|second|third|fourth|fifth|last|other|two|three|same))\b/i;

/**
 * A reading as a follow-up that is really a narrower search: a model (or the parser, for
 * "anything available under $500?") may read "only Samsung" as "those by Samsung". Without
 * words pointing at the products shown, a brand or budget narrows the search itself, which
 * also finds the Samsung TVs that were not among the five shown.
 */
function narrowsSearch(question: string, u: Understanding): boolean {
  const said = stated(u);
  return (said.brands || said.price || said.excluded) && !POINTS_AT_SHOWN.test(question);
}

/** Whether the references are all the products shown (or none in particular). */
function pointsAtAll(u: Understanding, shown: number): boolean {
  const refs = new Set(u.references);
  return refs.size === 0 || (refs.size === shown && [...refs].every((i) => i < shown));
}

/**
 * Whether some earlier search could change this reading of the question: false for a
 * question that starts afresh whatever came before ("Samsung phones", "gaming mouse", a
 * greeting), true for "only Samsung", "under $500", "something cheaper?". An answer to a
 * question that may refine depends on the session's last search; the others do not.
 */
export function mayRefine(question: string, u: Understanding): boolean {
  if (!isShopping(u)) return false;
  const cues = readCues(question);
  // Whatever was shown: the test must hold for any state, so it leaves the references out.
  if (u.followUp) return comparativeSearch(question, cues) || narrowsSearch(question, u);
  const r = relation(u, cues);
  return r === 'continues' || r === 'sameCategory';
}

/** The products a comparative is measured against: those the question points at, or all. */
function referenced(u: Understanding, shown: readonly Product[]): Product[] {
  const picked = u.references.flatMap((i) => shown[i] ?? []);
  return picked.length > 0 ? picked : [...shown];
}

const COUNTED = /\bthe\s+(first|last)\s+(two|three|four|five|2|3|4|5)\b/i;
const COUNTS: Readonly<Record<string, number>> = { two: 2, three: 3, four: 4, five: 5 };

/** "Compare the first two" / "the last three": that many products shown, not just one. */
function withCountedReferences(question: string, u: Understanding, shown: number): Understanding {
  const m = COUNTED.exec(question);
  if (!u.followUp || m === null || shown === 0) return u;
  const [, end = '', word = ''] = m;
  const n = COUNTS[word.toLowerCase()] ?? Number(word);
  const start = lower(end) === 'last' ? Math.max(0, shown - n) : 0;
  const references = Array.from({ length: n }, (_, i) => start + i);
  return { ...u, references, query: { ...u.query, limit: Math.max(u.query.limit, n) } };
}

/** The last search with what the question changes, as a new (not follow-up) understanding. */
function refined(
  u: Understanding,
  last: LastSearch,
  cues: Cues,
  measuredAgainst: readonly Product[],
): Understanding {
  const said = stated(u);
  const prev = statedQuery(last);
  const { brands, excludedBrands } = mergeBrands(u, last, cues);
  const query: ProductQuery = {
    ...mergeOtherFields(prev, u.query),
    text: mergeText(prev, said.text ? addedText(u) : '', cues.replaces),
    sort: refinedSort(u, prev, cues),
    limit: refinedLimit(u, prev, cues),
  };
  const category = said.category ? u.query.category : (prev.category ?? u.query.category);
  if (category !== undefined) query.category = category;
  if (brands.length > 0) query.brands = brands;
  if (u.query.inStockOnly === true || prev.inStockOnly === true) query.inStockOnly = true;
  Object.assign(query, mergePrice(u, prev, cues, measuredAgainst));

  const out: Understanding = { ...u, query, followUp: false, references: [] };
  delete out.excludedBrands;
  if (excludedBrands.length > 0) out.excludedBrands = excludedBrands;
  delete out.fromPreferences;
  // A filter is "from preferences" (relaxed first) only when neither search stated it.
  const fromPreferences = {
    ...(u.fromPreferences?.category === true && prev.category === undefined
      ? { category: true }
      : {}),
    ...(u.fromPreferences?.price === true &&
    prev.minPrice === undefined &&
    prev.maxPrice === undefined &&
    !cues.anyPrice
      ? { price: true }
      : {}),
  };
  if (Object.keys(fromPreferences).length > 0) out.fromPreferences = fromPreferences;
  return out;
}

/**
 * The last query without what the preferences filled in: those come from the preferences as
 * they are now ("Preferences still apply", also after they change).
 */
function statedQuery(last: LastSearch): ProductQuery {
  const q = { ...last.query };
  if (last.fromPreferences?.category === true) delete q.category;
  if (last.fromPreferences?.price === true) {
    delete q.minPrice;
    delete q.maxPrice;
  }
  return q;
}

/**
 * Brands: "only Samsung" / "Lenovo instead" / "what about Sony" replace the last ones; "Sony
 * too" adds; none named keeps them; "other brands" rules the last ones out; "any brand" drops
 * the filter. Brands ruled out earlier stay out unless named again.
 */
function mergeBrands(
  u: Understanding,
  last: LastSearch,
  cues: Cues,
): { brands: string[]; excludedBrands: string[] } {
  const prev = last.query.brands ?? [];
  const named = u.query.brands ?? [];
  let brands: string[];
  let excluded = [...(last.excludedBrands ?? []), ...(u.excludedBrands ?? [])];
  if (cues.otherBrands && named.length === 0) {
    brands = [];
    excluded = [...excluded, ...prev];
  } else if (cues.anyBrand && named.length === 0) {
    brands = [];
  } else if (named.length > 0) {
    brands = cues.adds ? [...prev, ...named] : named;
  } else {
    brands = prev;
  }
  const wanted = new Set(named.map(lower));
  const out = uniqueBy(
    excluded.filter((b) => !wanted.has(lower(b))),
    lower,
  ).slice(0, 10);
  const ruledOut = new Set(out.map(lower));
  return {
    brands: uniqueBy(brands, lower)
      .filter((b) => !ruledOut.has(lower(b)))
      .slice(0, 10),
    excludedBrands: out,
  };
}

/**
 * The budget: "cheaper" caps it just below the cheapest product measured against (and drops
 * the floor); "more expensive" the opposite; a stated bound replaces its side and keeps the
 * other when they still fit; nothing stated keeps the last budget.
 */
function mergePrice(
  u: Understanding,
  prev: ProductQuery,
  cues: Cues,
  measuredAgainst: readonly Product[],
): Pick<ProductQuery, 'minPrice' | 'maxPrice'> {
  if (cues.anyPrice) return {};
  const prices = measuredAgainst.map((p) => p.price);
  if (cues.price === 'cheaper' && prices.length > 0) {
    return { maxPrice: Math.max(0, cents(Math.min(...prices) - 0.01)) };
  }
  if (cues.price === 'pricier' && prices.length > 0) {
    return { minPrice: cents(Math.max(...prices) + 0.01) };
  }
  if (!stated(u).price) {
    // Nothing said about price: the last budget, else the one the preferences gave.
    const kept = prev.minPrice !== undefined || prev.maxPrice !== undefined ? prev : u.query;
    return bounds(kept.minPrice, kept.maxPrice);
  }
  const { minPrice, maxPrice } = u.query;
  // "Under $500" after "over $200": 200 to 500. A bound that no longer fits goes.
  const keepMin = maxPrice !== undefined && prev.minPrice !== undefined && prev.minPrice < maxPrice;
  const keepMax = minPrice !== undefined && prev.maxPrice !== undefined && prev.maxPrice > minPrice;
  return bounds(
    minPrice ?? (keepMin ? prev.minPrice : undefined),
    maxPrice ?? (keepMax ? prev.maxPrice : undefined),
  );
}

function bounds(
  minPrice: number | undefined,
  maxPrice: number | undefined,
): Pick<ProductQuery, 'minPrice' | 'maxPrice'> {
  return {
    ...(minPrice === undefined ? {} : { minPrice }),
    ...(maxPrice === undefined ? {} : { maxPrice }),
  };
}

const cents = (n: number): number => Math.round(n * 100) / 100;

/** The question's words, less the brands it names (a model may repeat them as text). */
function addedText(u: Understanding): string {
  const brandWords = new Set((u.query.brands ?? []).flatMap((b) => lower(b).split(/\s+/)));
  return u.query.text
    .split(/\s+/)
    .filter((w) => w !== '' && !brandWords.has(lower(w)))
    .join(' ');
}

/**
 * The search words. Without a category the last words are the search's scope ("gaming
 * mouse"), so new words join them ("wireless"); within a category they only qualified it, and
 * new ones take their place ("OLED" then "with bluetooth"), as "instead" / "what about" do.
 * (Catalog text matches any word, so joined words would widen rather than narrow.)
 */
function mergeText(prev: ProductQuery, added: string, replaces: boolean): string {
  if (added === '') return prev.text;
  if (replaces || prev.text === '' || prev.category !== undefined) return added;
  const words = uniqueBy([...prev.text.split(/\s+/), ...added.split(/\s+/)].filter(Boolean), lower);
  return words.join(' ').slice(0, 500);
}

/**
 * The order: "something cheaper?" lists the cheapest first (the reading's "cheaper" is a
 * comparative, not a superlative); "more expensive ones" keeps the last order, listing the
 * step up rather than the priciest; a sort the question asked for; else the last one.
 */
function refinedSort(u: Understanding, prev: ProductQuery, cues: Cues): ProductQuery['sort'] {
  if (cues.price === 'cheaper') return 'price_asc';
  if (cues.price === 'pricier' || !stated(u).sort) return prev.sort;
  return u.query.sort;
}

/**
 * How many to show: a count the question asked for, else as many as last time; five more for
 * "show me more" (the query has no paging: the list grows, what was shown stays first). A comparative
 * ("something cheaper") reads as one product to a parser but asks for the same kind of list.
 */
function refinedLimit(u: Understanding, prev: ProductQuery, cues: Cues): number {
  const DEFAULT_LIMIT = 5;
  if (cues.more) return Math.min(20, prev.limit + DEFAULT_LIMIT);
  // A follow-up's limit counts the products it pointed at, not a count the shopper asked for.
  if (cues.price !== undefined || u.followUp) return prev.limit;
  return u.query.limit !== DEFAULT_LIMIT ? u.query.limit : prev.limit;
}

function uniqueBy<T>(items: readonly T[], key: (item: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const k = key(item);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
