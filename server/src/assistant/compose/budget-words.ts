import type { Product } from '@aisle/shared';
import type { AnswerInput } from '../types';
import { budgetText, formatPrice, priceOf } from './wording';

/** How close a bound must sit to a shown price to be "just below / above it" (a cent, and float slack). */
const CENT = 0.011;

/** The budget of a search in words, and whether the shopper set it (or a saved preference did). */
export interface BudgetWords {
  /** "up to £5", "cheaper than £27", "between ₹500 and ₹1,000"; empty without a budget. */
  text: string;
  /** False when a follow-up ("something cheaper?") derived it from a product shown. */
  stated: boolean;
  /** The limit an alternative above it is said to break, in words: "your £5 limit". */
  overLimit?: string;
  underMinimum?: string;
}

/** The shown product a bound was derived from: the bound sits a cent past its price. */
function anchorOf(
  bound: number | undefined,
  shown: readonly Product[],
  side: 'below' | 'above',
): Product | undefined {
  if (bound === undefined) return undefined;
  return shown.find((p) =>
    side === 'below'
      ? p.price > bound && p.price - bound <= CENT
      : p.price < bound && bound - p.price <= CENT,
  );
}

/**
 * The budget as the shopper would put it. "Something cheaper?" leaves a cap a cent below the
 * cheapest product shown: that is "cheaper than £27", never "your budget (up to £26.99)", a
 * figure nobody said.
 */
export function budgetWords(input: AnswerInput): BudgetWords {
  const q = input.understanding.query;
  const { currency } = input;
  const shown = input.context.lastShown;
  const below = anchorOf(q.maxPrice, shown, 'below');
  const above = anchorOf(q.minPrice, shown, 'above');
  if (below === undefined && above === undefined) {
    const text = budgetText(q, currency);
    return {
      text,
      stated: true,
      ...(q.maxPrice === undefined
        ? {}
        : { overLimit: `above your ${formatPrice(q.maxPrice, currency)} limit` }),
      ...(q.minPrice === undefined
        ? {}
        : { underMinimum: `below your ${formatPrice(q.minPrice, currency)} minimum` }),
    };
  }
  const max =
    below !== undefined
      ? `cheaper than ${priceOf(below, currency)}`
      : budgetText({ maxPrice: q.maxPrice }, currency);
  const min =
    above !== undefined
      ? `pricier than ${priceOf(above, currency)}`
      : budgetText({ minPrice: q.minPrice }, currency);
  return {
    text: [min, max].filter((t) => t !== '').join(' and '),
    stated: false,
    ...(q.maxPrice === undefined
      ? {}
      : {
          overLimit:
            below === undefined
              ? `above your ${formatPrice(q.maxPrice, currency)} limit`
              : `not cheaper than ${priceOf(below, currency)}`,
        }),
    ...(q.minPrice === undefined
      ? {}
      : {
          underMinimum:
            above === undefined
              ? `below your ${formatPrice(q.minPrice, currency)} minimum`
              : `not pricier than ${priceOf(above, currency)}`,
        }),
  };
}
