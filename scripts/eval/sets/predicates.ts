import type { ProductPredicate } from '../types';

/**
 * Small combinators the question sets build their expectations from (scripts/eval/types.ts):
 * predicates over truth products, and the two follow-up ones that read what the previous turn
 * of the case showed. Nothing here knows any catalog.
 */

export type Pred = ProductPredicate;

export const named =
  (re: RegExp): Pred =>
  (p) =>
    re.test(p.name);

export const all =
  (...preds: Pred[]): Pred =>
  (p, context) =>
    preds.every((pred) => pred(p, context));

export const anyOf =
  (...preds: Pred[]): Pred =>
  (p, context) =>
    preds.some((pred) => pred(p, context));

export const not =
  (pred: Pred): Pred =>
  (p, context) =>
    !pred(p, context);

export const atMost =
  (max: number): Pred =>
  (p) =>
    p.price <= max;

export const between =
  (low: number, high: number): Pred =>
  (p) =>
    p.price >= low && p.price <= high;

/** "The second one", "the first two": products at these positions of the previous turn. */
export const shownBefore =
  (positions: readonly number[]): Pred =>
  (p, { shown }) =>
    positions.some((i) => shown.at(-1)?.[i]?.sku === p.sku);

/** "Which of these...": any product the previous turn showed. */
export const amongShownBefore: Pred = (p, { shown }) =>
  (shown.at(-1) ?? []).some((earlier) => earlier.sku === p.sku);

/** "Something cheaper?": cheaper than everything the previous turn showed. */
export const cheaperThanBefore: Pred = (p, { shown }) =>
  (shown.at(-1) ?? []).every((earlier) => p.price < earlier.price);
