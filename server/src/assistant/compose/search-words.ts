import type { Product, ProductQuery } from '@aisle/shared';
import { conjuncts, foldWords, splitCamelCase } from '../../catalog/vocabulary/fold';
import { EXPANSION_WEIGHTS, SHOPPING_LEXICON } from '../../lexicon/shopping-lexicon';
import type { AnswerInput } from '../types';
import { budgetWords } from './budget-words';
import { categoryLabel, categoryName, isAvailable, listOf, plainText, sameBrand } from './wording';

/**
 * The search behind an answer, in words: as the shopper put it, and what the store gave no
 * facts for (stock, ratings).
 */

export const SUPERLATIVE: Readonly<Record<string, string>> = {
  price_asc: 'cheapest',
  price_desc: 'most expensive',
  rating_desc: 'highest rated',
};
export const ORDER: Readonly<Record<string, string>> = {
  price_asc: 'cheapest first',
  price_desc: 'most expensive first',
  rating_desc: 'highest rated first',
};

const lower = (s: string) => s.toLowerCase();

/** A rating order means something only when the store rated the products shown. */
export function sortOf(q: ProductQuery, products: readonly Product[]): ProductQuery['sort'] {
  if (q.sort === 'rating_desc' && !products.some((p) => p.rating !== undefined)) return 'relevance';
  return q.sort;
}

const folded = (text: string) =>
  plainText(text)
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

/**
 * The search words to quote back, only when the shopper wrote them so: understanding may
 * normalise them ("141 in" -> "141in", stop words dropped), and a quote must be the
 * shopper's own words.
 */
export function quotedText(input: AnswerInput): string {
  const text = folded(input.understanding.query.text);
  if (text === '') return '';
  return ` ${folded(input.question)} `.includes(` ${text} `) ? text : '';
}

/** ' matching "usb cables"', or nothing. */
export function matchingText(input: AnswerInput): string {
  const quoted = quotedText(input);
  return quoted === '' ? '' : ` matching "${quoted}"`;
}

/** Whether the store said anything about stock for the products of this answer. */
export const stockKnown = (products: readonly Product[]): boolean =>
  products.some((p) => isAvailable(p) !== undefined);

/**
 * "smartphones from Samsung up to $300" — what was asked for, in words. "In stock" only when
 * the store gives stock: otherwise repeating it would read as a claim about these products.
 */
export function describeQuery(input: AnswerInput, plural = true): string {
  const q = input.understanding.query;
  const parts = [
    q.category === undefined
      ? plural
        ? 'products'
        : 'product'
      : categoryLabel(q.category, plural),
  ];
  if (q.brands !== undefined && q.brands.length > 0)
    parts.push(`from ${listOf(q.brands.map(plainText), 'or')}`);
  const budget = budgetWords(input).text;
  if (budget !== '') parts.push(budget);
  if (q.inStockOnly === true && stockKnown(input.products)) parts.push('in stock');
  return parts.join(' ');
}

/** The lexicon's names for a kind of product: the word, its synonyms and its kinds ("flat panel tv"). */
const kindNames = (category: string): string[] =>
  SHOPPING_LEXICON.expand(foldWords(splitCamelCase(category)))
    .filter((e) => e.weight >= EXPANSION_WEIGHTS.kind)
    .map((e) => e.words.join(' '));

/**
 * Whether a product is of the kind asked for: filed under that category (any level of its
 * path), or its own category names that kind as its head noun ("Flat-Panel TVs" for "tv", but
 * not "TV Mounts"), so "from Flat-Panel TVs" is not given as a difference from TVs. Parent
 * levels count only by name: "TV & Home Theater" holds mounts too.
 */
function ofAskedKind(p: Product, category: string): boolean {
  const levels = [p.category, ...(p.category_path ?? [])];
  if (levels.some((c) => lower(c) === lower(category))) return true;
  const names = kindNames(category);
  return conjuncts(splitCamelCase(p.category)).some((part) => {
    const words = part.join(' ');
    return names.some((n) => words === n || words.endsWith(` ${n}`));
  });
}

/** Why an alternative differs from what was asked for. */
export function differences(p: Product, input: AnswerInput): string[] {
  const q = input.understanding.query;
  const budget = budgetWords(input);
  const notes: string[] = [];
  if (q.maxPrice !== undefined && p.price > q.maxPrice && budget.overLimit !== undefined)
    notes.push(budget.overLimit);
  if (q.minPrice !== undefined && p.price < q.minPrice && budget.underMinimum !== undefined)
    notes.push(budget.underMinimum);
  if (
    q.brands !== undefined &&
    q.brands.length > 0 &&
    !q.brands.some((b) => sameBrand(b, p.brand))
  ) {
    notes.push(`not ${listOf(q.brands.map(plainText), 'or')}`);
  }
  if (q.category !== undefined && !ofAskedKind(p, q.category)) {
    notes.push(`from ${categoryName(p.category)}`);
  }
  if (q.inStockOnly === true && isAvailable(p) === false) notes.push('currently out of stock');
  return notes;
}

/** Asked for what is in stock, of products the store gives no stock for: say so. */
export function unknownStockNote(input: AnswerInput): string {
  if (input.understanding.query.inStockOnly !== true || stockKnown(input.products)) return '';
  return input.products.length === 1
    ? "The store doesn't list stock for it, so I can't tell you its availability."
    : "The store doesn't list stock for these, so I can't tell you their availability.";
}

/** "I don't have ratings for these": said when asked to rank by a rating the store never gave. */
export function unratedNote(input: AnswerInput): string {
  const q = input.understanding.query;
  return q.sort === 'rating_desc' && sortOf(q, input.products) !== 'rating_desc'
    ? "This store doesn't list ratings for these products, so I can't rank them by rating."
    : '';
}
