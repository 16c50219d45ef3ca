import type { Product } from '@aisle/shared';
import SearchableMap from 'minisearch/SearchableMap';
import { categorySearchText } from './category';
import { isModelNumber, normalizeMeasures } from './vocabulary/measures';

/**
 * Full-text index with MiniSearch's ranking (BM25+, field boosts, prefix and fuzzy matches
 * weighted like MiniSearch, products matching more query terms multiplied up), computed over
 * a flat precomputed index so a query over 100k products costs one pass over the postings of
 * its terms. MiniSearch's own `search` allocates per matching document and took 10-80 ms per
 * query at 100k products; the vocabulary lookups (prefix, typo tolerance) use MiniSearch's
 * radix tree (`SearchableMap`). text-index.test.ts checks the scores against MiniSearch.
 */

/** Field boosts: a match in the name counts six times one in the description. */
export const FIELD_BOOSTS = {
  name: 3,
  brand: 2.5,
  category: 2,
  tags: 1.5,
  description: 0.5,
} as const;

export type Field = keyof typeof FIELD_BOOSTS;
export const FIELDS = Object.keys(FIELD_BOOSTS) as Field[];

/** MiniSearch's defaults: BM25+ parameters, and the weights of prefix and fuzzy matches. */
export const BM25 = { k: 1.2, b: 0.7, d: 0.5 } as const;
export const MATCH_WEIGHTS = { prefix: 0.375, fuzzy: 0.45 } as const;

/** At most this many distinct query terms count (one bit each in a 32-bit mask). */
const MAX_QUERY_TERMS = 32;

/** Function words dropped from both documents and queries ("phones with noise cancelling"). */
const STOP_WORDS = new Set(
  (
    'a an and are as at be by for from has have i in is it its me my of on or our show some ' +
    'that the this to want was with you your'
  ).split(' '),
);

const SPACE_OR_PUNCTUATION = /[\n\r\p{Z}\p{P}]+/u;

/**
 * MiniSearch's default tokenizer (split on whitespace and punctuation) over text with its
 * measurements in one form (`55"` = `55 inch` = `55in`), plus a word and the model number after
 * it as one term ("iPhone 6" -> "iPhone6"), so a model is matched by its number exactly.
 * The same function reads products and queries.
 */
export const tokenize = (text: string): string[] =>
  withModelTerms(normalizeMeasures(text).split(SPACE_OR_PUNCTUATION));

// Words a number follows without naming a model: "size 10", "pack of 6", "ages 3".
const NOT_MODEL_NAMES = new Set(
  (
    'size sizes pack packs set sets age ages aged qty quantity count pcs piece pieces pair pairs ' +
    'under over below above top best around about than only just from between and up to ' +
    'page pages year years month months day days hour hours week weeks people person persons ' +
    'serves portion portions times x no number'
  ).split(' '),
);

function withModelTerms(tokens: string[]): string[] {
  const out = tokens;
  const length = tokens.length;
  for (let i = 0; i + 1 < length; i++) {
    const word = tokens[i] ?? '';
    const next = tokens[i + 1] ?? '';
    const lower = word.toLowerCase();
    if (
      isModelNumber(next) &&
      /^\p{L}{2,}$/u.test(word) &&
      !STOP_WORDS.has(lower) &&
      !NOT_MODEL_NAMES.has(lower)
    ) {
      out.push(`${word}${next}`);
    }
  }
  return out;
}

/** Lowercase; stop words and empty tokens become null (not indexed, not searched). */
export function processTerm(token: string): string | null {
  const term = token.toLowerCase();
  return term === '' || STOP_WORDS.has(term) ? null : term;
}

/**
 * Typo tolerance by term length: none under 4 letters ("tv", "pro"), one edit up to 6,
 * two edits from 7 ("samsnug" -> "samsung" is two Levenshtein edits). Roughly fuzzy 0.2,
 * rounded up for long words.
 */
export function maxEditDistance(term: string): number {
  // Numbers match exactly: "iphone6" is not a typo of "iphone5".
  if (term.length < 4 || HAS_DIGIT.test(term)) return 0;
  return term.length < 7 ? 1 : 2;
}

/**
 * Prefix matching for every term but single characters ("x" would expand to every x-word) and
 * terms with digits ("6" must not find "64gb", nor "s2" the "s24").
 */
export const usePrefix = (term: string): boolean => term.length >= 2 && !HAS_DIGIT.test(term);

const HAS_DIGIT = /\p{N}/u;

/** "WH-1000XM5 Headphones" -> "WH-1000XM5 Headphones WH1000XM5": model numbers typed without dashes match. */
function nameText(name: string): string {
  const compounds = name.match(/[\p{L}\p{N}]+(?:[-./][\p{L}\p{N}]+)+/gu);
  return compounds ? `${name} ${compounds.map((c) => c.replace(/[-./]/g, '')).join(' ')}` : name;
}

/**
 * The category field: the whole path the store files the product under ("Men Bottoms Shorts"),
 * so a word of any level ("men") finds it, plus the lexicon's names of a canonical category.
 */
function categoryText(product: Product): string {
  const leaf = categorySearchText(product.category);
  const above = product.category_path?.filter((c) => c !== product.category) ?? [];
  return above.length > 0 ? `${above.join(' ')} ${leaf}` : leaf;
}

/** The key products whose category text is the same share (categories repeat). */
const categoryTextKey = (product: Product): string =>
  product.category_path === undefined
    ? product.category
    : `${product.category}\u0000${product.category_path.join('\u0000')}`;

/** The text indexed for each field of a product. */
export function fieldText(product: Product, field: Field): string {
  switch (field) {
    case 'name':
      return nameText(product.name);
    case 'brand':
      return product.brand;
    case 'category':
      return categoryText(product);
    case 'tags':
      // Attribute values ("Blue", "XL", "Cotton") describe the product like its tags do.
      return product.attributes === undefined
        ? product.tags.join(' ')
        : [...product.tags, ...Object.values(product.attributes)].join(' ');
    case 'description':
      return product.description;
  }
}

/** The distinct searchable terms of a query text (stop words dropped), at most 32. */
export function queryTerms(text: string): string[] {
  return [...new Set(tokenize(text).flatMap((t) => processTerm(t) ?? []))].slice(
    0,
    MAX_QUERY_TERMS,
  );
}

export interface TextIndex {
  /**
   * Calls `visit` once per product matching any of `terms` (from `queryTerms`), in no particular
   * order, with its score and how many of the terms it matched. `visit` must not search the
   * same index (buffers are shared).
   */
  search(
    terms: readonly string[],
    visit: (index: number, score: number, matchedTerms: number, termMask: number) => void,
  ): void;
  /** The terms expanded once against the vocabulary. */
  prepare(terms: readonly string[]): TextQuery;
  /** Whether any product holds the term exactly (after tokenizing, lowercase). */
  has(term: string): boolean;
  /** Whether any product holds the term or a longer word it begins ("vacuum" -> "vacuums"). */
  hasPrefix(term: string): boolean;
}

export type Visit = (index: number, score: number, matchedTerms: number, termMask: number) => void;

/** Query terms expanded against the vocabulary (prefix and typo matches), ready to run. */
export interface TextQuery {
  /** Bit q set when some product holds query term q (or a word it expands to). */
  readonly heldMask: number;
  /** Every product matching any term, as `TextIndex.search`. */
  visitAny(visit: Visit): void;
  /**
   * The products matching every held term first (no product matches more), then, only if
   * `enough()` says no, every other product matching any term; each visited once, with the
   * score `visitAny` gives it. The first part costs about the rarest term's postings.
   */
  visitMost(visit: Visit, enough: () => boolean): void;
  /** Postings of all the words the terms expand to, and how many lists they are in. */
  readonly postings: number;
  readonly lists: number;
  /**
   * The products among `candidates` (ascending, distinct) matching any term, with the scores
   * `visitAny` gives them: each candidate looked up in every list. For candidates narrowed by
   * filters, when `candidates.length * lists * LOOKUP_COST` is well under `postings`.
   */
  visitAmong(candidates: Uint32Array, visit: Visit): void;
  /**
   * The same for the products in `groups` (in any order, each product in one group at most),
   * found by reading every list once and summing only for them.
   */
  visitMarked(groups: readonly Uint32Array[], visit: Visit): void;
  /** How many query terms some product holds. */
  readonly heldTerms: number;
  /**
   * The score `visitAny` gives one product matching every held term (binary search in each
   * list), or undefined when it does not match them all.
   */
  scoreOf(doc: number): number | undefined;
}

/** A growable Uint32 / Float64 buffer for index building. */
class Growable<A extends Uint32Array | Float64Array> {
  length = 0;
  constructor(
    public data: A,
    private readonly make: (size: number) => A,
  ) {}
  push(value: number): void {
    if (this.length === this.data.length) {
      const bigger = this.make(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = value;
  }
}

/**
 * Pass 1 over the catalog: every field tokenized once. A segment is one (product, field) pair;
 * segment `s` holds `terms[segmentEnd[s - 1] .. segmentEnd[s])`.
 */
export interface TokenizedCatalog {
  productCount: number;
  /** Term -> dense id, in first-seen order. */
  termIds: Map<string, number>;
  /** Term ids of every segment, one after the other. */
  terms: Uint32Array;
  segmentEnd: Uint32Array;
  /** Distinct raw tokens per segment (MiniSearch's field length). */
  fieldLength: Uint32Array;
  /** Sum of field lengths per field, for the average. */
  totalLength: Float64Array;
  /** Products with the term in the field, at `id * FIELDS.length + field`. */
  docFreq: Uint32Array;
}

/** One posting per (term, product), in product order: the BM25+ weight summed over fields. */
export interface Postings {
  term: Uint32Array;
  doc: Uint32Array;
  weight: Float64Array;
  length: number;
  /** Postings per term, shifted by one (`count[id + 1]`), ready for a prefix sum. */
  count: Uint32Array;
}

/**
 * Postings grouped by term (CSR): term t's are `docs[start[t] .. start[t + 1])`, the weight of
 * posting p is `weightOf[code[p]]`. Weights repeat (the same field lengths and frequencies give
 * the same number), so each distinct one is stored once and a posting holds a 2-byte code
 * (4 bytes past 65,536 distinct weights) instead of 8 bytes: the same numbers, bit for bit.
 */
export interface TermPostings {
  start: Uint32Array;
  docs: Uint32Array;
  code: Uint16Array | Uint32Array;
  weightOf: Float64Array;
}

export function buildTextIndex(products: readonly Product[]): TextIndex {
  const catalog = tokenizeCatalog(products);
  const postings = scorePostings(catalog);
  return searchableIndex(
    groupByTerm(postings, catalog.termIds.size),
    vocabularyOf(catalog.termIds),
    products.length,
  );
}

/** One field's text read into term ids (stop words dropped) and its distinct raw-token count. */
interface ReadField {
  ids: Uint32Array;
  length: number;
}

/**
 * Reads field texts into term ids. Variants share their descriptions and catalogs repeat
 * names and category texts, so each distinct text is tokenized once (the cache holds only the
 * id arrays, about the size of the texts themselves). Each distinct raw token is lowercased and
 * looked up once too: one Map lookup per token instead of lowercase + stop-word + term lookups.
 */
class FieldReader {
  readonly termIds = new Map<string, number>();
  /** Raw token -> term id, or -1 for a stop word; and its own dense id for distinct counting. */
  private readonly rawIds = new Map<string, { term: number; raw: number }>();
  private rawSeen: Uint32Array = new Uint32Array(1 << 12);
  private stamp = 0;
  private readonly texts = new Map<string, ReadField>();

  read(text: string): ReadField {
    let read = this.texts.get(text);
    if (read === undefined) {
      read = this.tokenizeText(text);
      this.texts.set(text, read);
    }
    return read;
  }

  private tokenizeText(text: string): ReadField {
    const tokens = tokenize(text);
    const ids: number[] = [];
    this.stamp += 1;
    let length = 0;
    for (const token of tokens) {
      const known = this.rawIds.get(token) ?? this.learn(token);
      // MiniSearch's field length: distinct raw tokens, stop words included.
      if (this.rawSeen[known.raw] !== this.stamp) {
        this.rawSeen[known.raw] = this.stamp;
        length += 1;
      }
      if (known.term >= 0) ids.push(known.term);
    }
    return { ids: Uint32Array.from(ids), length };
  }

  private learn(token: string): { term: number; raw: number } {
    const term = processTerm(token);
    let id = -1;
    if (term !== null) {
      id = this.termIds.get(term) ?? this.termIds.size;
      if (id === this.termIds.size) this.termIds.set(term, id);
    }
    const known = { term: id, raw: this.rawIds.size };
    this.rawIds.set(token, known);
    if (known.raw >= this.rawSeen.length) this.rawSeen = grow(this.rawSeen, known.raw + 1);
    return known;
  }
}

export function tokenizeCatalog(products: readonly Product[]): TokenizedCatalog {
  const n = products.length;
  const reader = new FieldReader();
  const fieldCount = FIELDS.length;
  const terms = new Growable(new Uint32Array(1 << 16), (s) => new Uint32Array(s));
  const segmentEnd = new Uint32Array(n * fieldCount);
  const fieldLength = new Uint32Array(n * fieldCount);
  const totalLength = new Float64Array(fieldCount);
  // Term ids are dense, so per-term counters are flat arrays grown as the vocabulary grows.
  let seenInField: Uint32Array = new Uint32Array(1 << 12); // term id -> last segment counted (+1)
  let docFreq: Uint32Array = new Uint32Array(seenInField.length * fieldCount);
  // Categories and names (variants, repeated rows) repeat: their field text is built once.
  const categoryTexts = new Map<string, string>();
  const nameTexts = new Map<string, string>();
  for (let doc = 0; doc < n; doc++) {
    const product = products[doc];
    if (product === undefined) continue;
    for (let f = 0; f < fieldCount; f++) {
      const field = FIELDS[f] ?? 'name';
      const segment = doc * fieldCount + f;
      let text: string | undefined;
      if (field === 'category' || field === 'name') {
        const key = field === 'name' ? product.name : categoryTextKey(product);
        const texts = field === 'name' ? nameTexts : categoryTexts;
        text = texts.get(key);
        if (text === undefined) {
          text = fieldText(product, field);
          texts.set(key, text);
        }
      } else {
        text = fieldText(product, field);
      }
      const { ids, length } = reader.read(text);
      fieldLength[segment] = length;
      totalLength[f] = (totalLength[f] ?? 0) + length;
      for (let t = 0; t < ids.length; t++) {
        const id = ids[t] ?? 0;
        terms.push(id);
        if (id >= seenInField.length) {
          seenInField = grow(seenInField, id + 1);
          docFreq = grow(docFreq, seenInField.length * fieldCount);
        }
        if (seenInField[id] !== segment + 1) {
          seenInField[id] = segment + 1;
          const at = id * fieldCount + f;
          docFreq[at] = (docFreq[at] ?? 0) + 1;
        }
      }
      segmentEnd[segment] = terms.length;
    }
  }
  return {
    productCount: n,
    termIds: reader.termIds,
    terms: terms.data,
    segmentEnd,
    fieldLength,
    totalLength,
    docFreq,
  };
}

export function scorePostings(catalog: TokenizedCatalog): Postings {
  const { productCount: n, terms, segmentEnd, fieldLength, totalLength, docFreq } = catalog;
  const fieldCount = FIELDS.length;
  const vocabularySize = catalog.termIds.size;
  const avgLength = FIELDS.map((_, f) => (n > 0 ? (totalLength[f] ?? 0) / n : 0));
  const boosts = FIELDS.map((field) => FIELD_BOOSTS[field]);
  const weight = new Float64Array(vocabularySize); // per product scratch
  const termFreq = new Uint32Array(vocabularySize); // per segment scratch
  const touched: number[] = [];
  const postingCount = new Uint32Array(vocabularySize + 1);
  // At most one posting per term read: sized once, no doubling (a 1M catalog has ~20M).
  const capacity = Math.max(1, segmentEnd[segmentEnd.length - 1] ?? 0);
  const postingTerm = new Growable(new Uint32Array(capacity), (s) => new Uint32Array(s));
  const postingDoc = new Growable(new Uint32Array(capacity), (s) => new Uint32Array(s));
  const postingWeight = new Growable(new Float64Array(capacity), (s) => new Float64Array(s));
  for (let doc = 0; doc < n; doc++) {
    for (let f = 0; f < fieldCount; f++) {
      const segment = doc * fieldCount + f;
      const start = segment === 0 ? 0 : (segmentEnd[segment - 1] ?? 0);
      const end = segmentEnd[segment] ?? 0;
      for (let t = start; t < end; t++) {
        const id = terms[t] ?? 0;
        termFreq[id] = (termFreq[id] ?? 0) + 1;
      }
      const length = fieldLength[segment] ?? 0;
      const lengthNorm = 1 - BM25.b + (BM25.b * length) / (avgLength[f] || 1);
      for (let t = start; t < end; t++) {
        const id = terms[t] ?? 0;
        const tf = termFreq[id] ?? 0;
        if (tf === 0) continue; // already scored for this segment
        termFreq[id] = 0;
        const df = docFreq[id * fieldCount + f] ?? 0;
        const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
        const bm25 = idf * (BM25.d + (tf * (BM25.k + 1)) / (tf + BM25.k * lengthNorm));
        if ((weight[id] ?? 0) === 0) touched.push(id);
        weight[id] = (weight[id] ?? 0) + (boosts[f] ?? 1) * bm25;
      }
    }
    for (const id of touched) {
      postingTerm.push(id);
      postingDoc.push(doc);
      postingWeight.push(weight[id] ?? 0);
      postingCount[id + 1] = (postingCount[id + 1] ?? 0) + 1;
      weight[id] = 0;
    }
    touched.length = 0;
  }
  return {
    term: postingTerm.data,
    doc: postingDoc.data,
    weight: postingWeight.data,
    length: postingDoc.length,
    count: postingCount,
  };
}

/** Takes over `postings.count` as the start offsets. */
export function groupByTerm(postings: Postings, vocabularySize: number): TermPostings {
  const start = postings.count;
  for (let t = 0; t < vocabularySize; t++) start[t + 1] = (start[t + 1] ?? 0) + (start[t] ?? 0);
  const total = postings.length;
  const codes = new WeightCodes();
  const codeOfPosting = new Uint32Array(total);
  for (let p = 0; p < total; p++) codeOfPosting[p] = codes.codeOf(postings.weight[p] ?? 0);
  const docs = new Uint32Array(total);
  const code = codes.size <= 0x10000 ? new Uint16Array(total) : new Uint32Array(total);
  const cursor = start.slice(0, vocabularySize);
  for (let p = 0; p < total; p++) {
    const id = postings.term[p] ?? 0;
    const at = cursor[id] ?? 0;
    docs[at] = postings.doc[p] ?? 0;
    code[at] = codeOfPosting[p] ?? 0;
    cursor[id] = at + 1;
  }
  return { start, docs, code, weightOf: codes.weights() };
}

/**
 * Distinct weights numbered in first-seen order: an open-addressing table on the number's
 * bits (a Map keyed by numbers took ~1.5 s of building a 1M catalog's 20M postings).
 */
class WeightCodes {
  private keys = new Float64Array(1 << 10);
  private slots = new Int32Array(1 << 10).fill(-1);
  private readonly bits = new Uint32Array(2);
  private readonly number = new Float64Array(this.bits.buffer);
  private readonly seen: number[] = [];

  get size(): number {
    return this.seen.length;
  }

  codeOf(weight: number): number {
    let slot = this.slotOf(weight);
    let code = this.slots[slot] ?? -1;
    if (code >= 0) return code;
    code = this.seen.length;
    this.seen.push(weight);
    this.keys[slot] = weight;
    this.slots[slot] = code;
    if (this.seen.length * 2 > this.slots.length) {
      // Grow at half full: re-insert every weight into a table twice the size.
      this.keys = new Float64Array(this.slots.length * 2);
      this.slots = new Int32Array(this.keys.length).fill(-1);
      this.seen.forEach((w, c) => {
        slot = this.slotOf(w);
        this.keys[slot] = w;
        this.slots[slot] = c;
      });
    }
    return code;
  }

  weights(): Float64Array {
    return Float64Array.from(this.seen);
  }

  /** The slot holding `weight`, or the empty one where it goes (linear probing). */
  private slotOf(weight: number): number {
    this.number[0] = weight;
    const mask = this.slots.length - 1;
    // Fibonacci hashing: the top bits of the product, as many as the table needs.
    const shift = Math.clz32(mask);
    let slot = Math.imul((this.bits[0] ?? 0) ^ (this.bits[1] ?? 0), 0x9e3779b1) >>> shift;
    for (; ; slot = (slot + 1) & mask) {
      if ((this.slots[slot] ?? -1) < 0 || this.keys[slot] === weight) return slot;
    }
  }
}

function vocabularyOf(termIds: ReadonlyMap<string, number>): SearchableMap<number> {
  const vocabulary = new SearchableMap<number>();
  for (const [term, id] of termIds) vocabulary.set(term, id);
  return vocabulary;
}

/**
 * Vocabulary terms a query term stands for, with MiniSearch's weights, in term order (so
 * scores are summed in the same order whatever order the products were indexed in).
 */
export function expandTerm(
  vocabulary: SearchableMap<number>,
  term: string,
): [id: number, weight: number][] {
  const expansions = new Map<string, [number, number]>();
  const exact = vocabulary.get(term);
  if (exact !== undefined) expansions.set(term, [exact, 1]);
  const fuzzy =
    maxEditDistance(term) > 0 ? vocabulary.fuzzyGet(term, maxEditDistance(term)) : undefined;
  if (usePrefix(term)) {
    for (const [word, id] of vocabulary.atPrefix(term)) {
      const distance = word.length - term.length;
      if (distance === 0) continue;
      fuzzy?.delete(word);
      const weight = (MATCH_WEIGHTS.prefix * word.length) / (word.length + 0.3 * distance);
      expansions.set(word, [id, weight]);
    }
  }
  if (fuzzy) {
    for (const [word, [id, distance]] of fuzzy) {
      if (distance === 0) continue;
      expansions.set(word, [id, (MATCH_WEIGHTS.fuzzy * word.length) / (word.length + distance)]);
    }
  }
  return [...expansions]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, expansion]) => expansion);
}

/** Postings scanned per candidate looked up in one other list (galloping, cache misses). */
export const LOOKUP_COST = 4;

/** Expanded words kept for repeated query terms, in all (a short prefix expands to hundreds). */
const MAX_KEPT_EXPANSIONS = 50_000;

/** One query term's postings lists (one per vocabulary word it expands to), in word order. */
interface HeldTerm {
  bit: number;
  from: Uint32Array;
  to: Uint32Array;
  weight: Float64Array;
  postings: number;
}

/** The query side: one pass over the postings of each expanded term, into shared scratch. */
function searchableIndex(
  postings: TermPostings,
  vocabulary: SearchableMap<number>,
  productCount: number,
): TextIndex {
  const { start, docs, code, weightOf } = postings;
  // Query scratch, reset after every search.
  const score = new Float64Array(productCount);
  const matched = new Uint32Array(productCount);
  const hit = new Uint32Array(productCount);
  // Products a filter narrowed the search to (visitMarked).
  const chosen = new Uint8Array(productCount);

  /**
   * Sums every posting of `held` into the scratch, then visits each product touched once,
   * but those whose mask is `skip` (already visited by `lookUpAll`).
   */
  function visitAny(held: readonly HeldTerm[], visit: Visit, skip = -1): void {
    const [only] = held;
    if (held.length === 1 && only?.from.length === 1 && skip === -1) {
      // One word's list: each product is in it once and its score is that one product (the
      // scratch would add it to 0: the same number), so no scratch.
      const termWeight = only.weight[0] ?? 0;
      const end = only.to[0] ?? 0;
      for (let p = only.from[0] ?? 0; p < end; p++) {
        visit(docs[p] ?? 0, termWeight * (weightOf[code[p] ?? 0] ?? 0), 1, only.bit);
      }
      return;
    }
    let hits = 0;
    for (const term of held) {
      const { bit, from, to, weight } = term;
      for (let l = 0; l < from.length; l++) {
        const termWeight = weight[l] ?? 0;
        const end = to[l] ?? 0;
        for (let p = from[l] ?? 0; p < end; p++) {
          const doc = docs[p] ?? 0;
          const mask = matched[doc] ?? 0;
          if (mask === 0) hit[hits++] = doc;
          score[doc] = (score[doc] ?? 0) + termWeight * (weightOf[code[p] ?? 0] ?? 0);
          matched[doc] = (mask | bit) >>> 0;
        }
      }
    }
    try {
      visitHits(0, hits, visit, skip);
    } finally {
      resetHits(hits);
    }
  }

  /** Visits `hit[from .. to)` from the scratch, but those whose mask is `skip`. */
  function visitHits(from: number, to: number, visit: Visit, skip: number): void {
    for (let h = from; h < to; h++) {
      const doc = hit[h] ?? 0;
      const mask = matched[doc] ?? 0;
      if (mask === skip) continue;
      const count = popcount(mask);
      visit(doc, (score[doc] ?? 0) * count, count, mask);
    }
  }

  function resetHits(hits: number): void {
    for (let h = 0; h < hits; h++) {
      const doc = hit[h] ?? 0;
      score[doc] = 0;
      matched[doc] = 0;
    }
  }

  /**
   * Only the rarest term's products can match every held term. When they are few next to the
   * other terms' postings, each is looked up in the other lists (`lookUpAll`); otherwise the
   * lists are scanned, summing only for them (`scanMost`). Either way a product's score is
   * summed in the order `visitAny` sums it (term by term, word by word): the same number.
   */
  function visitMost(held: readonly HeldTerm[], visit: Visit, enough: () => boolean): void {
    if (held.length < 2) {
      visitAny(held, visit);
      return;
    }
    let rarest = held[0] as HeldTerm;
    let total = 0;
    let lists = 0;
    let fullMask = 0;
    for (const term of held) {
      total += term.postings;
      lists += term.from.length;
      fullMask = (fullMask | term.bit) >>> 0;
      if (term.postings < rarest.postings) rarest = term;
    }
    // A lookup gallops (a few probes per list); a scan reads each posting once.
    const lookups = rarest.postings * (lists - rarest.from.length) * LOOKUP_COST;
    if (lookups < total - rarest.postings) {
      lookUpAll(held, candidatesOf(rarest), visit, fullMask);
      if (!enough()) visitAny(held, visit, fullMask);
    } else {
      scanMost(held, rarest, visit, enough, fullMask);
    }
  }

  function lookUpAll(
    held: readonly HeldTerm[],
    candidates: Uint32Array,
    visit: Visit,
    fullMask: number,
  ): void {
    const count = held.length;
    const lists = held.reduce((sum, term) => sum + term.from.length, 0);
    const cursor = new Uint32Array(lists);
    const end = new Uint32Array(lists);
    let l = 0;
    for (const term of held) {
      for (let w = 0; w < term.from.length; w++, l++) {
        cursor[l] = term.from[w] ?? 0;
        end[l] = term.to[w] ?? 0;
      }
    }
    for (let c = 0; c < candidates.length; c++) {
      const doc = candidates[c] ?? 0;
      let sum = 0;
      let all = true;
      l = 0;
      for (let t = 0; t < count && all; t++) {
        const term = held[t] as HeldTerm;
        let found = false;
        for (let w = 0; w < term.from.length; w++, l++) {
          const p = seek(cursor, l, end[l] ?? 0, doc);
          if (p < (end[l] ?? 0) && docs[p] === doc) {
            sum += (term.weight[w] ?? 0) * (weightOf[code[p] ?? 0] ?? 0);
            found = true;
          }
        }
        all = found;
      }
      if (all) visit(doc, sum * count, count, fullMask);
    }
  }

  function visitAmong(held: readonly HeldTerm[], candidates: Uint32Array, visit: Visit): void {
    const cursor = new Uint32Array(held.reduce((sum, term) => sum + term.from.length, 0));
    let l = 0;
    for (const term of held)
      for (let w = 0; w < term.from.length; w++) cursor[l++] = term.from[w] ?? 0;
    for (let c = 0; c < candidates.length; c++) {
      const doc = candidates[c] ?? 0;
      let sum = 0;
      let mask = 0;
      l = 0;
      for (const term of held) {
        for (let w = 0; w < term.from.length; w++, l++) {
          const end = term.to[w] ?? 0;
          const p = seek(cursor, l, end, doc);
          if (p < end && docs[p] === doc) {
            sum += (term.weight[w] ?? 0) * (weightOf[code[p] ?? 0] ?? 0);
            mask = (mask | term.bit) >>> 0;
          }
        }
      }
      if (mask === 0) continue;
      const count = popcount(mask);
      visit(doc, sum * count, count, mask);
    }
  }

  function scoreOf(held: readonly HeldTerm[], doc: number): number | undefined {
    let sum = 0;
    for (const term of held) {
      let found = false;
      for (let w = 0; w < term.from.length; w++) {
        let low = term.from[w] ?? 0;
        let high = term.to[w] ?? 0;
        while (low < high) {
          const mid = (low + high) >>> 1;
          if ((docs[mid] ?? 0) < doc) low = mid + 1;
          else high = mid;
        }
        if (low < (term.to[w] ?? 0) && docs[low] === doc) {
          sum += (term.weight[w] ?? 0) * (weightOf[code[low] ?? 0] ?? 0);
          found = true;
        }
      }
      if (!found) return undefined;
    }
    return sum * held.length;
  }

  function visitMarked(held: readonly HeldTerm[], groups: readonly Uint32Array[], visit: Visit) {
    for (const group of groups) for (let g = 0; g < group.length; g++) chosen[group[g] ?? 0] = 1;
    let hits = 0;
    try {
      for (const { bit, from, to, weight } of held) {
        for (let l = 0; l < from.length; l++) {
          const termWeight = weight[l] ?? 0;
          const end = to[l] ?? 0;
          for (let p = from[l] ?? 0; p < end; p++) {
            const doc = docs[p] ?? 0;
            if (chosen[doc] === 0) continue;
            const mask = matched[doc] ?? 0;
            if (mask === 0) hit[hits++] = doc;
            score[doc] = (score[doc] ?? 0) + termWeight * (weightOf[code[p] ?? 0] ?? 0);
            matched[doc] = (mask | bit) >>> 0;
          }
        }
      }
      visitHits(0, hits, visit, -1);
    } finally {
      resetHits(hits);
      for (const group of groups) for (let g = 0; g < group.length; g++) chosen[group[g] ?? 0] = 0;
    }
  }

  /**
   * The rarest term's products are marked with its bit, then every list is scanned in
   * `visitAny`'s order, summing only for marked products, and those matching every term are
   * visited. If that is not enough, the other terms' lists are scanned again for the products
   * not marked (they lack the rarest term, so their sums start there), and those are visited.
   */
  function scanMost(
    held: readonly HeldTerm[],
    rarest: HeldTerm,
    visit: Visit,
    enough: () => boolean,
    fullMask: number,
  ): void {
    let hits = 0;
    try {
      for (let l = 0; l < rarest.from.length; l++) {
        const end = rarest.to[l] ?? 0;
        for (let p = rarest.from[l] ?? 0; p < end; p++) {
          const doc = docs[p] ?? 0;
          if (matched[doc] === 0) {
            matched[doc] = rarest.bit;
            hit[hits++] = doc;
          }
        }
      }
      for (const { bit, from, to, weight } of held) {
        for (let l = 0; l < from.length; l++) {
          const termWeight = weight[l] ?? 0;
          const end = to[l] ?? 0;
          for (let p = from[l] ?? 0; p < end; p++) {
            const doc = docs[p] ?? 0;
            const mask = matched[doc] ?? 0;
            if (mask === 0) continue;
            score[doc] = (score[doc] ?? 0) + termWeight * (weightOf[code[p] ?? 0] ?? 0);
            matched[doc] = (mask | bit) >>> 0;
          }
        }
      }
      const count = held.length;
      for (let h = 0; h < hits; h++) {
        const doc = hit[h] ?? 0;
        if (matched[doc] === fullMask) visit(doc, (score[doc] ?? 0) * count, count, fullMask);
      }
      if (enough()) return;
      for (const { bit, from, to, weight } of held) {
        if (bit === rarest.bit) continue;
        for (let l = 0; l < from.length; l++) {
          const termWeight = weight[l] ?? 0;
          const end = to[l] ?? 0;
          for (let p = from[l] ?? 0; p < end; p++) {
            const doc = docs[p] ?? 0;
            const mask = matched[doc] ?? 0;
            if ((mask & rarest.bit) !== 0) continue;
            if (mask === 0) hit[hits++] = doc;
            score[doc] = (score[doc] ?? 0) + termWeight * (weightOf[code[p] ?? 0] ?? 0);
            matched[doc] = (mask | bit) >>> 0;
          }
        }
      }
      visitHits(0, hits, visit, fullMask);
    } finally {
      resetHits(hits);
    }
  }

  /** Moves list `l`'s cursor to its first posting for a product >= `doc`, and returns it. */
  function seek(cursor: Uint32Array, l: number, end: number, doc: number): number {
    let p = cursor[l] ?? 0;
    if (p < end && (docs[p] ?? 0) < doc) {
      // Gallop past smaller products, then binary search the last step.
      let step = 1;
      let high = p + 1;
      while (high < end && (docs[high] ?? 0) < doc) {
        p = high;
        step *= 2;
        high = p + step;
      }
      let low = p + 1;
      high = Math.min(high, end);
      while (low < high) {
        const mid = (low + high) >>> 1;
        if ((docs[mid] ?? 0) < doc) low = mid + 1;
        else high = mid;
      }
      p = low;
    }
    cursor[l] = p;
    return p;
  }

  /** The distinct products of a term's lists, ascending. */
  function candidatesOf(term: HeldTerm): Uint32Array {
    if (term.from.length === 1) return docs.subarray(term.from[0] ?? 0, term.to[0] ?? 0);
    let hits = 0;
    for (let l = 0; l < term.from.length; l++) {
      const end = term.to[l] ?? 0;
      for (let p = term.from[l] ?? 0; p < end; p++) {
        const doc = docs[p] ?? 0;
        if (matched[doc] === 0) {
          matched[doc] = 1;
          hit[hits++] = doc;
        }
      }
    }
    const candidates = hit.slice(0, hits).sort();
    for (let h = 0; h < hits; h++) matched[hit[h] ?? 0] = 0;
    return candidates;
  }

  // Shoppers repeat words: a term's expansions (a typo-tolerant walk of the vocabulary, the
  // dearest part of preparing a query) are kept, up to a bound, then forgotten all at once.
  const expanded = new Map<string, [id: number, weight: number][]>();
  let keptExpansions = 0;
  const expansionsOf = (term: string): [id: number, weight: number][] => {
    let expansions = expanded.get(term);
    if (expansions === undefined) {
      expansions = expandTerm(vocabulary, term);
      if (keptExpansions + expansions.length > MAX_KEPT_EXPANSIONS) {
        expanded.clear();
        keptExpansions = 0;
      }
      expanded.set(term, expansions);
      keptExpansions += expansions.length;
    }
    return expansions;
  };

  function prepare(queryTerms: readonly string[]): TextQuery {
    const held: HeldTerm[] = [];
    let heldMask = 0;
    queryTerms.forEach((term, q) => {
      const expansions = expansionsOf(term);
      if (expansions.length === 0) return;
      const from = new Uint32Array(expansions.length);
      const to = new Uint32Array(expansions.length);
      const weight = new Float64Array(expansions.length);
      let count = 0;
      expansions.forEach(([id, termWeight], w) => {
        from[w] = start[id] ?? 0;
        to[w] = start[id + 1] ?? 0;
        weight[w] = termWeight;
        count += (to[w] ?? 0) - (from[w] ?? 0);
      });
      const bit = 2 ** q;
      heldMask = (heldMask | bit) >>> 0;
      held.push({ bit, from, to, weight, postings: count });
    });
    return {
      heldMask,
      postings: held.reduce((sum, term) => sum + term.postings, 0),
      lists: held.reduce((sum, term) => sum + term.from.length, 0),
      visitAmong: (candidates, visit) => visitAmong(held, candidates, visit),
      visitMarked: (groups, visit) => visitMarked(held, groups, visit),
      heldTerms: held.length,
      scoreOf: (doc) => scoreOf(held, doc),
      visitAny: (visit) => visitAny(held, visit),
      visitMost: (visit, enough) => visitMost(held, visit, enough),
    };
  }

  return {
    has: (term) => vocabulary.has(term),
    hasPrefix: (term) => {
      for (const _ of vocabulary.atPrefix(term).keys()) return true;
      return false;
    },
    prepare,
    search: (queryTerms, visit) => prepare(queryTerms).visitAny(visit),
  };
}

/** A copy of `array` with room for at least `size` elements (doubling). */
function grow(array: Uint32Array, size: number): Uint32Array {
  let capacity = array.length;
  while (capacity < size) capacity *= 2;
  const bigger = new Uint32Array(capacity);
  bigger.set(array);
  return bigger;
}

function popcount(mask: number): number {
  let v = mask - ((mask >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}
