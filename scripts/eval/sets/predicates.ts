import type { ProductPredicate } from '../types';

/**
 * The builders every question set makes its expectations from (scripts/eval/types.ts):
 * predicates over truth products, and follow-up ones that read what the previous turn of the
 * case showed. Nothing here knows any catalog.
 *
 * Two kinds of follow-up pointer: `shownBefore` / `amongShownBefore` / `cheaperThanBefore`
 * accept only what the previous turn showed (a turn that showed nothing leaves nothing to
 * accept), while `nthShown` / `firstShown` fall back to what the shopper had asked for when
 * that turn showed too few, so one failed turn does not make the next one unanswerable.
 */

export type Pred = ProductPredicate;

export const named =
  (re: RegExp): Pred =>
  (p) =>
    re.test(p.name);

/** The product's own text (description, tags...: lowercased by every truth reader) matches. */
export const inText =
  (re: RegExp): Pred =>
  (p) =>
    re.test(p.text);

/** A level of the store's own category path ("Women > Tops > Jackets") matches. */
export const inPath =
  (re: RegExp): Pred =>
  (p) =>
    p.categoryPath.some((level) => re.test(level));

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

/** The product at `index` (0-based) of the previous turn's list, else what was `asked`. */
export const nthShown =
  (index: number, asked: Pred): Pred =>
  (p, context) => {
    const pointed = context.shown.at(-1)?.[index];
    return pointed ? p.sku === pointed.sku : asked(p, context);
  };

/** One of the first `count` products of the previous turn's list, else what was `asked`. */
export const firstShown =
  (count: number, asked: Pred): Pred =>
  (p, context) => {
    const previous = context.shown.at(-1) ?? [];
    if (previous.length < count) return asked(p, context);
    return previous.slice(0, count).some((q) => q.sku === p.sku);
  };
