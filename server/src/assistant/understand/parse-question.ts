import { type ProductQueryInput, ProductQuerySchema } from '@aisle/shared';
import { STOP_WORDS } from '../../text/stop-words';
import type { QuestionContext } from '../types';
import type { Understanding } from '../understanding-schema';
import { matchBrands } from './brands';
import { parseBudget, parseBudgetRange } from './budget';
import { matchCategory, resolveCategory } from './categories';
import { detectFollowUp } from './follow-up';
import { classifyIntent } from './intent';
import { parseSort } from './sort';
import { toTokens } from './tokens';
import type { CatalogVocabulary } from './vocabulary';

const IN_STOCK =
  /\b(?:in[\s-]stock|available\s+now|ready\s+to\s+ship|available\s+today|on\s+hand)\b/i;

// Words that carry no search meaning once the structured fields are read.
const FILLER = new Set([
  'option',
  'options',
  'choice',
  'choices',
  'model',
  'models',
  'product',
  'products',
  'item',
  'items',
  'price',
  'prices',
  'priced',
  'cost',
  'costs',
  'brand',
  'brands',
  'sell',
  'selling',
  'carry',
  'stock',
  'buy',
  'buying',
  'purchase',
  'store',
  'shop',
  'deal',
  'deals',
  'compare',
  'comparison',
  'money',
  'dollar',
  'dollars',
  'buck',
  'bucks',
  'range',
  'spend',
  'afford',
  'stuff',
  'type',
  'cart',
  'basket',
  'checkout',
  'add',
  'order',
  'ordering',
  'available',
  'availability',
  'much',
  'ones',
  'one',
  'any',
  'anything',
  'something',
  'info',
  'information',
  'details',
  'detail',
  'more',
  'than',
  'vs',
  'versus',
  'rated',
  'rating',
  'ratings',
  'difference',
  'differences',
  'better',
  'good',
  'great',
  'nice',
  // Who it is for says little about the product: "a gift for my dad who loves music".
  'gift',
  'gifts',
  'present',
  'birthday',
  'christmas',
  'dad',
  'mom',
  'mum',
  'father',
  'mother',
  'wife',
  'husband',
  'son',
  'daughter',
  'friend',
  'boyfriend',
  'girlfriend',
  'loves',
  'love',
  'likes',
  'enjoys',
]);

const COMPARATIVE_ONE =
  /\b(?:a|the|any)\s+(?:cheaper|pricier|better|bigger|smaller|other|different)\s+ones?\b/i;

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
  const budget = parseBudget(question);
  const sortRequest = parseSort(budget.rest, budget.cheap);
  const tokens = toTokens(sortRequest.rest);
  const categoryMatch = matchCategory(tokens, vocabulary.categories);
  const brandMatch = matchBrands(tokens, question, vocabulary.brands);

  // "iphone case": the case need not be made by Apple.
  const accessoryOfDevice = categoryMatch.hit?.value.accessory === true;
  const brandHits = brandMatch.hits.filter((h) => !(h.value.alias && accessoryOfDevice));
  const brands = brandMatch.brands.filter((b) =>
    brandHits.some((h) => h.value.brand === b && !h.value.negated),
  );

  const followUp = detectFollowUp(question, tokens, context.lastShown, {
    ...(categoryMatch.category === undefined ? {} : { category: categoryMatch.category }),
    brands,
    brandTokens: new Set(brandHits.map((h) => h.start)),
  });
  if (!followUp.followUp && context.lastShown.length > 0 && COMPARATIVE_ONE.test(question)) {
    followUp.followUp = true;
    followUp.references = context.lastShown.map((_, i) => i);
  }

  const statedPrice = budget.minPrice !== undefined || budget.maxPrice !== undefined;
  const inStock = IN_STOCK.test(question);
  const intent = classifyIntent(question, {
    productSignals:
      categoryMatch.category !== undefined ||
      brands.length > 0 ||
      statedPrice ||
      sortRequest.sort !== undefined ||
      sortRequest.count !== undefined ||
      inStock,
    followUp: followUp.followUp,
  });

  // Free text: what is left once every structured phrase and stop word is gone.
  const used = new Set(followUp.consumed);
  // A weak or kind word ("iphone", "gaming", "robot vacuum") also describes the product: keep it.
  const hit = categoryMatch.hit;
  if (hit !== undefined && !hit.value.weak && !hit.value.kind) {
    for (let i = hit.start; i < hit.end; i++) used.add(i);
  }
  for (const h of brandMatch.hits) {
    if (h.value.alias) continue;
    for (let i = h.start; i < h.end; i++) used.add(i);
    if (h.value.negated) used.add(h.start - 1);
  }
  const text = tokens
    .filter((t, i) => !used.has(i) && !STOP_WORDS.has(t.word) && !FILLER.has(t.word))
    .map((t) => t.word)
    .join(' ')
    .slice(0, 500);

  const shopping = intent === 'product_inquiry' || intent === 'sales';
  const query: ProductQueryInput = { text: followUp.followUp ? '' : text };
  const fromPreferences: { category?: boolean; price?: boolean } = {};

  if (statedPrice) {
    if (budget.minPrice !== undefined) query.minPrice = budget.minPrice;
    if (budget.maxPrice !== undefined) query.maxPrice = budget.maxPrice;
  } else if (shopping && !followUp.followUp && !budget.anyPrice) {
    const preferred = parseBudgetRange(context.preferences.budget_range);
    if (preferred !== undefined) {
      query.minPrice = preferred.min;
      query.maxPrice = preferred.max;
      fromPreferences.price = true;
    }
  }

  if (!followUp.followUp) {
    if (categoryMatch.category !== undefined) {
      query.category = categoryMatch.category;
    } else if (shopping && context.preferences.device_type !== undefined) {
      const preferred = resolveCategory(context.preferences.device_type, vocabulary.categories);
      if (preferred !== undefined) {
        query.category = preferred;
        fromPreferences.category = true;
      }
    }
    if (brands.length > 0) query.brands = brands.slice(0, 10);
    if (inStock) query.inStockOnly = true;
  }

  if (sortRequest.sort !== undefined) query.sort = sortRequest.sort;
  const singular = sortRequest.superlative && !categoryMatch.plural && !/\bones\b/i.test(question);
  if (followUp.followUp) {
    query.limit = sortRequest.count ?? (sortRequest.superlative ? 1 : followUp.references.length);
  } else {
    query.limit = sortRequest.count ?? (singular ? 1 : 5);
  }
  query.limit = Math.min(20, Math.max(1, query.limit));

  const understanding: Understanding = {
    intent,
    query: ProductQuerySchema.parse(query),
    references: followUp.followUp ? followUp.references : [],
    followUp: followUp.followUp,
  };
  if (fromPreferences.category === true || fromPreferences.price === true) {
    understanding.fromPreferences = fromPreferences;
  }
  if (brandMatch.excluded.length > 0) understanding.excludedBrands = brandMatch.excluded;
  return understanding;
}
