/**
 * The contract between `pnpm eval`'s runner (scripts/eval/run.ts) and the per-catalog
 * question sets (scripts/eval/sets/<catalog>.ts).
 *
 * Ground truth is computed from the store's raw file by the set itself (`readTruth`), with
 * plain parsing written for that one file, independent of the server's importer: when the
 * importer is wrong, the eval sees it. Expectations are predicates over that truth, never
 * hard-coded answers.
 */
import type { Intent, Preferences } from '@aisle/shared';

/** One sellable product as the raw file states it (what an honest answer may say). */
export interface TruthProduct {
  /** The id the importer must give the product (documented per set). */
  sku: string;
  name: string;
  price: number;
  brand?: string;
  /** Root first, as written in the file. */
  categoryPath: string[];
  /** Undefined when the file does not state it. */
  rating?: number;
  /**
   * How many ratings the file gives for it (a count column, or its reviews counted); undefined
   * when the file does not say. An answer's rating count must be this one.
   */
  ratingCount?: number;
  stock?: number;
  /** Free text the file holds about the product (description, features, tags), lowercased. */
  text: string;
  /** Facets the file holds (size, colour, weight...), lowercased values. */
  attributes: Record<string, string>;
}

export interface Truth {
  products: TruthProduct[];
  bySku: ReadonlyMap<string, TruthProduct>;
  /** ISO 4217 code of the store's prices. */
  currency: string;
  /** What the file holds at all, for the "no invented facts" checks. */
  has: { rating: boolean; stock: boolean; brand: boolean };
}

export type Best = 'price_asc' | 'price_desc' | 'rating_desc';

/**
 * What earlier turns of the same case showed, for follow-ups ("tell me more about the second
 * one": `match: (p, { shown }) => p.sku === shown.at(-1)?.[1]?.sku`). Predicates written with
 * one parameter ignore it.
 */
export interface TurnContext {
  /** Products shown by each earlier turn of this case, oldest first, as truth products. */
  shown: readonly (readonly TruthProduct[])[];
}

/** A predicate over truth; the context is optional to use. */
export type ProductPredicate = (p: TruthProduct, context: TurnContext) => boolean;

/** What one answer must do. Every listed check must pass for the turn to pass. */
export interface Expectation {
  /** Accepted intents. */
  intent?: Intent | readonly Intent[];
  /**
   * The products the shopper asked for. With `best`, the first product shown must be the
   * best of all truth products that match (ties allowed); without it, at least `min`
   * (default 1) of the shown products must match, and the first one must.
   */
  match?: ProductPredicate;
  /** Every product shown must match (a hard constraint the shopper stated: budget, brand). */
  all?: ProductPredicate;
  best?: Best;
  /** At least this many shown products must satisfy `match` (default 1). */
  min?: number;
  /**
   * The store does not carry what was asked for: the answer must say so (no product may be
   * presented as an exact match; alternatives are fine when the answer labels them).
   */
  notCarried?: true;
  /** A policy question with no store documents: the answer must say it does not have it. */
  policyUnknown?: true;
  /** No products at all (greetings, policy questions). */
  noProducts?: true;
  /** Extra checks on the answer text. */
  says?: RegExp | readonly RegExp[];
  saysNot?: RegExp | readonly RegExp[];
}

export interface EvalTurn {
  ask: string;
  /** Saved on the session before this turn is asked. */
  preferences?: Preferences;
  expect: Expectation;
}

/** One case: a single question, or a follow-up chain asked in one session. */
export interface EvalCase {
  id: string;
  /** What the case exercises: category, brand, budget, superlative, attribute, model, typo, synonym, follow-up, preference, policy, not-carried. */
  kind: string;
  turns: readonly EvalTurn[];
}

export interface CatalogSet {
  /** Folder under ../shared/catalogs/. */
  name: string;
  /** The file(s) the server loads, relative to the catalog folder (CATALOG_FILE). */
  file: string;
  /** A mapping file shipped in the repository, when the format truly needs one. */
  mapping?: string;
  /** Reads ground truth from the raw file(s) in `dir`. */
  readTruth(dir: string): Truth;
  cases: readonly EvalCase[];
}
