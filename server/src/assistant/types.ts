import type { ChatMessage, KnowledgeDoc, Preferences, Product } from '@aisle/shared';
import type { LastSearch } from '../store/shown-state';
import type { Understanding } from './understanding-schema';

/** What the session already knows, loaded once per question. */
export interface QuestionContext {
  preferences: Preferences;
  history: ChatMessage[];
  lastShown: Product[];
  /**
   * The structured search behind `lastShown` (category, brands, budget, sort, text), which a
   * follow-up like "only Samsung" or "under $500" refines (understand/refine.ts).
   */
  lastSearch?: LastSearch;
}

/** Everything an answer may use. Nothing outside it may appear in an answer. */
export interface AnswerInput {
  /** The user's question, already masked for personal data. */
  question: string;
  understanding: Understanding;
  /** The products to present, best first. */
  products: Product[];
  /** True when nothing matched and `products` are the closest alternatives instead. */
  alternatives: boolean;
  /**
   * The models or sizes the shopper named that no product has, in the shopper's own words
   * ("iPhone 6", "85 inch"); set only then, and `products` are then alternatives. The answer
   * must say the store does not carry them.
   */
  notCarried?: string[];
  /** Knowledge-base documents retrieved for FAQ questions, best first. */
  documents: KnowledgeDoc[];
  context: QuestionContext;
  /** ISO 4217 code every price in the answer is in: the catalog's currency. */
  currency: string;
}

export interface AnswerProvider {
  readonly name: 'local' | 'openai';
  understand(
    question: string,
    context: QuestionContext,
    signal?: AbortSignal,
  ): Promise<Understanding>;
  /** Streams the answer text in chunks; the concatenation is the whole answer. */
  answer(input: AnswerInput, signal?: AbortSignal): AsyncIterable<string>;
}
