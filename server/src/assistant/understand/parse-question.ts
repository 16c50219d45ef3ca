import {
  type Preferences,
  type Product,
  type ProductQueryInput,
  ProductQuerySchema,
} from '@aisle/shared';
import { normalizeMeasures } from '../../catalog/vocabulary/measures';
import { STOP_WORDS } from '../../text/stop-words';
import type { QuestionContext } from '../types';
import type { Understanding } from '../understanding-schema';
import { type BrandHit, type BrandMatch, matchBrands } from './brands';
import { type Budget, parseBudget, parseBudgetRange } from './budget';
import { type CategoryMatch, matchCategory, resolveCategory } from './categories';
import { FILLER } from './filler';
import { detectFollowUp, type FollowUp } from './follow-up';
import { classifyIntent } from './intent';
import { parseSort, type SortRequest } from './sort';
import { type PhraseHit, phraseOf, type Token, toTokens } from './tokens';
import type { CatalogVocabulary } from './vocabulary';

const IN_STOCK =
  /\b(?:in[\s-]stock|available\s+now|ready\s+to\s+ship|available\s+today|on\s+hand)\b/i;

const COMPARATIVE_ONE =
  /\b(?:a|the|any)\s+(?:cheaper|pricier|better|bigger|smaller|other|different)\s+ones?\b/i;

/** What the question says, phrase by phrase, before the session's context is weighed. */
export interface QuestionReading {
  question: string;
  budget: Budget;
  sort: SortRequest;
  /** The words left once budget, sort and count phrases are read. */
  tokens: Token[];
  category: CategoryMatch;
  brandMatch: BrandMatch;
  /** The brand hits that name a brand the shopper means (see `readQuestion`). */
  brandHits: PhraseHit<BrandHit>[];
  /** Wanted brands as the catalog spells them: named, not ruled out. */
  brands: string[];
  inStock: boolean;
  /** Words typed capitalised inside a sentence ("the Denise Tote"), lowercase -> as typed. */
  names: ReadonlyMap<string, string>;
  /** Positions of filler words that name a product with the next word ("birthday cake"). */
  named?: ReadonlySet<number>;
}

/**
 * Turns a question into a structured product query, deterministically: intent, budget, brands,
 * category (synonyms and plurals), sort, count, follow-up references, and the leftover words
 * as free text. Session preferences fill in budget and category; preferred brands are left to
 * retrieval's ranking.
 */
export function parseQuestion(
  question: string,
  context: QuestionContext,
  vocabulary: CatalogVocabulary,
): Understanding {
  const reading = readQuestion(question, vocabulary);
  const followUp = followUpOf(reading, context.lastShown);
  const intent = classifyIntent(question, {
    productSignals: hasProductSignals(reading),
    followUp: followUp.followUp,
    sells: (phrase) => sellsPhrase(reading, phrase, vocabulary),
  });
  const shopping = intent === 'product_inquiry' || intent === 'sales';
  const { query, fromPreferences } = productQuery(
    reading,
    followUp,
    shopping ? context.preferences : undefined,
    vocabulary,
  );
  const understanding: Understanding = {
    intent,
    query: ProductQuerySchema.parse(query),
    references: followUp.followUp ? followUp.references : [],
    followUp: followUp.followUp,
  };
  if (fromPreferences.category === true || fromPreferences.price === true) {
    understanding.fromPreferences = fromPreferences;
  }
  if (reading.brandMatch.excluded.length > 0) {
    understanding.excludedBrands = reading.brandMatch.excluded;
  }
  return understanding;
}

/**
 * Whether a phrase of the question names something the store sells: the words of the category
 * the question named hold it ("gift card" read as the store's "Gift Cards"), or a product's name
 * names it ("Store Gift Card").
 */
function sellsPhrase(
  reading: QuestionReading,
  phrase: string,
  vocabulary: CatalogVocabulary,
): boolean {
  const words = phraseOf(phrase);
  if (words.length === 0) return false;
  const hit = reading.category.hit;
  const named = new Set(
    hit === undefined ? [] : reading.tokens.slice(hit.start, hit.end).map((t) => t.base),
  );
  if (words.every((w) => named.has(w))) return true;
  return words.length > 1 && (vocabulary.namesProduct?.(phrase) ?? false);
}

/**
 * The question's phrases: budget, sort and count first (their words leave the text), then
 * category and brands among the words left.
 */
export function readQuestion(question: string, vocabulary: CatalogVocabulary): QuestionReading {
  const budget = parseBudget(question);
  const sort = parseSort(budget.rest, budget.cheap);
  // Sizes read as one word ("55 inch" -> "55in") so they stay together in the search text.
  // "in stock" first: "the Airdopes 141 in stock" is no 141-inch anything.
  const tokens = toTokens(normalizeMeasures(sort.rest.replace(IN_STOCK, ' ')));
  const category = forWhom(
    matchCategory(tokens, vocabulary.categories, vocabulary.categoryWords),
    tokens,
  );
  const brandMatch = matchBrands(tokens, question, vocabulary.brands);
  // "iphone case": the case need not be made by Apple.
  const accessoryOfDevice = category.hit?.value.accessory === true;
  const brandHits = brandMatch.hits.filter((h) => !(h.value.alias && accessoryOfDevice));
  const brands = brandMatch.brands.filter((b) =>
    brandHits.some((h) => h.value.brand === b && !h.value.negated),
  );
  const inStock = IN_STOCK.test(question);
  const names = namesIn(question);
  const named = fillerNamingProducts(tokens, vocabulary);
  return {
    ...{ question, budget, sort, tokens, category, brandMatch, brandHits, brands, inStock, names },
    named,
  };
}

/**
 * Filler words ("gift", "birthday") that, with the word after them, are what products are
 * called ("Birthday Cake", "Gift Card"): in this store they say what the product is.
 */
function fillerNamingProducts(
  tokens: readonly Token[],
  vocabulary: CatalogVocabulary,
): Set<number> {
  const named = new Set<number>();
  tokens.forEach((t, i) => {
    const next = tokens[i + 1];
    if (!FILLER.has(t.word) || next === undefined || STOP_WORDS.has(next.word)) return;
    if (vocabulary.namesProduct?.(`${t.word} ${next.word}`) === true) named.add(i);
  });
  return named;
}

// Who a product is for: general shopping words, matched against names, paths and attributes.
const AUDIENCE = new Set(
  'man men woman women lady ladies kid kids child children boy boys girl girls baby babies unisex mens womens'.split(
    ' ',
  ),
);

/**
 * A store that files by audience ("Women > Jackets") makes "women" a category word, but who a
 * product is for qualifies the kind of product, it is not one: "what about for women?" after
 * jackets means women's jackets. Audience words alone stay search words.
 */
function forWhom(category: CategoryMatch, tokens: readonly Token[]): CategoryMatch {
  const hit = category.hit;
  if (hit === undefined) return category;
  const words = tokens.slice(hit.start, hit.end);
  if (!words.every((t) => AUDIENCE.has(t.word) || AUDIENCE.has(t.base))) return category;
  return { plural: false, hits: [] };
}

// English capitalises these without naming a product: "a cake for Saturday".
const CALENDAR = new Set(
  (
    'monday tuesday wednesday thursday friday saturday sunday january february march april may ' +
    'june july august september october november december christmas easter'
  ).split(' '),
);

/**
 * The words a question capitalises where a sentence does not ("Do you have the Denise Tote?",
 * "any Gucci bags"): names of products or brands, which search keeps as typed so retrieval can
 * tell a name the store lacks from a typo of a word it uses.
 */
export function namesIn(question: string): Map<string, string> {
  const names = new Map<string, string>();
  for (const sentence of question.split(/[.!?]+/)) {
    const words = sentence.split(/[^\p{L}\p{N}'’]+/u).filter((w) => w !== '');
    for (const word of words.slice(1)) {
      const lower = word.toLowerCase();
      if (/^\p{Lu}/u.test(word) && !CALENDAR.has(lower)) names.set(lower, word);
    }
  }
  return names;
}

/**
 * Whether the question points at the products shown last: by ordinal, pronoun or name, or
 * by asking for "a cheaper one" when something was shown.
 */
export function followUpOf(reading: QuestionReading, lastShown: readonly Product[]): FollowUp {
  const { question, tokens, category, brands, brandHits } = reading;
  const followUp = detectFollowUp(question, tokens, lastShown, {
    ...(category.category === undefined ? {} : { category: category.category }),
    brands,
    brandTokens: new Set(brandHits.map((h) => h.start)),
  });
  if (!followUp.followUp && lastShown.length > 0 && COMPARATIVE_ONE.test(question)) {
    followUp.followUp = true;
    followUp.references = lastShown.map((_, i) => i);
  }
  return followUp;
}

/** Anything that only a product question would say: a category, brand, price, sort or count. */
export function hasProductSignals(reading: QuestionReading): boolean {
  const { budget, sort } = reading;
  return (
    reading.category.category !== undefined ||
    reading.brands.length > 0 ||
    statedPrice(budget) ||
    sort.sort !== undefined ||
    sort.count !== undefined ||
    reading.inStock
  );
}

const statedPrice = (budget: Budget): boolean =>
  budget.minPrice !== undefined || budget.maxPrice !== undefined;

/**
 * The search text: what is left once every structured phrase and stop word is gone.
 * `consumed`: token positions that only pointed at shown products.
 */
export function freeText(reading: QuestionReading, consumed: ReadonlySet<number>): string {
  const used = new Set(consumed);
  // A weak or kind word ("iphone", "gaming", "robot vacuum") also describes the product: keep it.
  const hit = reading.category.hit;
  if (hit !== undefined && !hit.value.weak && !hit.value.kind) {
    for (let i = hit.start; i < hit.end; i++) used.add(i);
  }
  for (const h of reading.brandMatch.hits) {
    if (h.value.alias) continue;
    for (let i = h.start; i < h.end; i++) used.add(i);
    if (h.value.negated) used.add(h.start - 1);
  }
  return reading.tokens
    .filter(
      (t, i) =>
        !used.has(i) &&
        (!STOP_WORDS.has(t.word) || modelName(reading, i)) &&
        (!FILLER.has(t.word) || reading.named?.has(i) === true),
    )
    .map((t) => reading.names.get(t.word) ?? t.word)
    .join(' ')
    .slice(0, 500);
}

/** A name typed capitalised before a number is a model ("JBL Go 2"), even if a stop word. */
function modelName(reading: QuestionReading, i: number): boolean {
  const word = reading.tokens[i]?.word ?? '';
  return reading.names.has(word) && /^\p{N}/u.test(reading.tokens[i + 1]?.word ?? '');
}

/**
 * The query before validation, and which filters came from `preferences` rather than the
 * question. `preferences`: undefined when they do not apply (not a shopping question).
 */
export function productQuery(
  reading: QuestionReading,
  followUp: FollowUp,
  preferences: Preferences | undefined,
  vocabulary: Pick<CatalogVocabulary, 'categories' | 'categoryWords'>,
): { query: ProductQueryInput; fromPreferences: { category?: boolean; price?: boolean } } {
  const { budget, category, brands } = reading;
  const query: ProductQueryInput = {
    text: followUp.followUp ? '' : freeText(reading, followUp.consumed),
  };
  const fromPreferences: { category?: boolean; price?: boolean } = {};

  if (statedPrice(budget)) {
    if (budget.minPrice !== undefined) query.minPrice = budget.minPrice;
    if (budget.maxPrice !== undefined) query.maxPrice = budget.maxPrice;
  } else if (preferences && !followUp.followUp && !budget.anyPrice) {
    const preferred = parseBudgetRange(preferences.budget_range);
    if (preferred !== undefined) {
      query.minPrice = preferred.min;
      query.maxPrice = preferred.max;
      fromPreferences.price = true;
    }
  }

  if (!followUp.followUp) {
    if (category.category !== undefined) {
      query.category = category.category;
    } else if (preferences?.device_type !== undefined) {
      const preferred = resolveCategory(
        preferences.device_type,
        vocabulary.categories,
        vocabulary.categoryWords,
      );
      if (preferred !== undefined) {
        query.category = preferred;
        fromPreferences.category = true;
      }
    }
    if (brands.length > 0) query.brands = brands.slice(0, 10);
    if (reading.inStock) query.inStockOnly = true;
  }

  if (reading.sort.sort !== undefined) query.sort = reading.sort.sort;
  query.limit = resultLimit(reading, followUp);
  return { query, fromPreferences };
}

/**
 * How many products to show (1 to 20): the count asked for; one for "the cheapest phone"
 * (not "the cheapest phones"); for a follow-up, the products it points at; otherwise five.
 */
export function resultLimit(
  reading: Pick<QuestionReading, 'question' | 'sort' | 'category'>,
  followUp: Pick<FollowUp, 'followUp' | 'references'>,
): number {
  const { sort } = reading;
  const singular =
    sort.superlative && !reading.category.plural && !/\bones\b/i.test(reading.question);
  const limit = followUp.followUp
    ? (sort.count ?? (sort.superlative ? 1 : followUp.references.length))
    : (sort.count ?? (singular ? 1 : 5));
  return Math.min(20, Math.max(1, limit));
}
