import type { Intent, Preferences } from '@aisle/shared';
import type { TruthProduct } from './types';

/** What one turn's answer is, as the checks see it (a QueryResult's relevant part). */
export interface TurnAnswer {
  answer: string;
  intent: Intent;
  /** Products shown, with the sku and price the answer gave them. */
  products: readonly { sku: string; name: string; price: number }[];
  sources: readonly { id: string; title: string }[];
}

/** The conversation so far, for the "invented facts" audit. */
export interface TurnHistory {
  /** Every question of the case up to and including this one. */
  questions: readonly string[];
  /** Preferences saved on the session so far. */
  preferences: Preferences;
  /** Products shown by earlier turns (an answer may speak about them again). */
  earlier: readonly TruthProduct[];
}

/** One failed check, named so the report can say which. */
export interface Finding {
  check: string;
  detail: string;
}
