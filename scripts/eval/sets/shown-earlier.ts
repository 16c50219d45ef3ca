import type { ProductPredicate, TruthProduct } from '../types';

/**
 * Predicates for follow-ups that point at what the previous turn showed ("the second one",
 * "compare the first two"). When that turn showed too few products to point at, the turn is
 * judged on what the shopper had asked for until then (`asked`), so one failed turn does not
 * make the next one unanswerable.
 */
type Predicate = (p: TruthProduct) => boolean;

/** The product at `index` (0-based) of the previous turn's list. */
export const nthShown =
  (index: number, asked: Predicate): ProductPredicate =>
  (p, { shown }) => {
    const pointed = shown.at(-1)?.[index];
    return pointed ? p.sku === pointed.sku : asked(p);
  };

/** One of the first `count` products of the previous turn's list. */
export const firstShown =
  (count: number, asked: Predicate): ProductPredicate =>
  (p, { shown }) => {
    const previous = shown.at(-1) ?? [];
    if (previous.length < count) return asked(p);
    return previous.slice(0, count).some((q) => q.sku === p.sku);
  };
