import type { ChatMessage, Intent, Preferences, Product, ProductQuery } from '@aisle/shared';

/** A policy / FAQ document from the knowledge base. */
export interface KnowledgeDoc {
  id: string;
  title: string;
  text: string;
  metadata?: Record<string, string | number | boolean>;
}

/** What "understanding the question" yields; validated with zod whichever provider made it. */
export interface Understanding {
  intent: Intent;
  query: ProductQuery;
  /** 0-based indexes into the products last shown to the session ("the second one"). */
  references: number[];
  /** True when the question is about the products shown earlier ("which of those is cheapest?"). */
  followUp: boolean;
  /** Filters filled in from the session preferences, not the question: retrieval relaxes these first. */
  fromPreferences?: { category?: boolean; price?: boolean };
  /** Brands the question rules out ("anything but Apple"). */
  excludedBrands?: string[];
}

/** What the session already knows, loaded once per question. */
export interface QuestionContext {
  preferences: Preferences;
  history: ChatMessage[];
  lastShown: Product[];
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
  /** Knowledge-base documents retrieved for FAQ questions, best first. */
  documents: KnowledgeDoc[];
  context: QuestionContext;
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
