/**
 * The steps of answering a question that need no store: each takes what the step before
 * produced and returns what the next one needs. QuestionService runs them between its store
 * calls; tests (the demo quality suite among them) call them directly.
 */
import { type KnowledgeDoc, type Product, QUESTION_MAX_CHARS } from '@aisle/shared';
import { askedWords } from '../../assistant/compose/asked-words';
import { type Retrieval, retrieveProducts } from '../../assistant/retrieve';
import type { AnswerInput, AnswerProvider, QuestionContext } from '../../assistant/types';
import { mayRefine, refineUnderstanding } from '../../assistant/understand/refine';
import { type Understanding, UnderstandingSchema } from '../../assistant/understanding-schema';
import type { Catalog } from '../../catalog/types';
import { AppError, ModelUnavailableError } from '../../errors';
import type { LastSearch, TurnContext } from '../../store/types';
import { maskPersonalData } from '../../text/mask-personal-data';
import { normalizeText } from '../../text/normalize-text';
import { detectPromptInjection } from '../../text/prompt-injection';
import type { CachedAnswer } from './answer-parts';
import type { TurnFacts } from './turn-recorder';

export interface ScreenedQuestion {
  /** The question with personal data masked: the only form stored, cached, counted or sent. */
  question: string;
  /** Whether it looked like an attempt to instruct the assistant (counted either way). */
  injection: boolean;
}

/** Untrusted input: masked first; refused when it instructs the assistant and input is strict. */
export function screenQuestion(raw: string, strictInput: boolean): ScreenedQuestion {
  // The length limit and "not empty" hold for what is stored: NFKC can lengthen a question
  // (U+FDFA becomes 18 characters) and a question of zero-width characters is no question.
  const normal = normalizeText(raw).trim();
  if (normal.length === 0 || normal.length > QUESTION_MAX_CHARS) {
    const message =
      normal.length === 0
        ? 'q must not be empty (invisible characters do not count)'
        : `q must be at most ${QUESTION_MAX_CHARS} characters once normalised (NFKC)`;
    throw new AppError('VALIDATION_ERROR', message, { issues: [{ path: 'q', message }] });
  }
  const question = maskPersonalData(normal).text;
  const injection = detectPromptInjection(question);
  if (injection.suspicious && strictInput) {
    throw new AppError(
      'UNSAFE_INPUT',
      'The question looks like an attempt to instruct the assistant',
      { issues: [{ path: 'q', message: `matched: ${injection.patterns.join(', ')}` }] },
    );
  }
  return { question, injection: injection.suspicious };
}

/**
 * What the session knows, with the products last shown read back from the catalog and the
 * search that found them.
 */
export function questionContext(stored: TurnContext, catalog: Catalog): QuestionContext {
  return {
    preferences: stored.preferences,
    history: stored.history,
    lastShown: stored.shown.flatMap((sku) => catalog.get(sku) ?? []),
    ...(stored.search === undefined ? {} : { lastSearch: stored.search }),
  };
}

/** The provider's reading of the question, validated whichever provider made it. */
export async function understandQuestion(
  provider: AnswerProvider,
  question: string,
  context: QuestionContext,
  signal?: AbortSignal,
): Promise<Understanding> {
  let raw: unknown;
  try {
    raw = await provider.understand(question, context, signal);
  } catch (err) {
    throw err instanceof AppError ? err : new ModelUnavailableError(undefined, err);
  }
  const parsed = UnderstandingSchema.safeParse(raw);
  if (!parsed.success) {
    throw new ModelUnavailableError('The model returned an unusable reading of the question');
  }
  return parsed.data;
}

/** A question read in its conversation: the reading to act on, and what it depends on. */
export interface ConversationReading {
  understanding: Understanding;
  /** Whether a session's last search could change the answer (see `mayRefine`). */
  refinable: boolean;
  /** The reading before refinement, when the question only added words (see refine.ts). */
  unrefined?: Understanding;
  /** For "something cheaper?": the search within the last budget (see refine.ts). */
  sameBudget?: Understanding;
}

/**
 * The conversation step, after the question is understood (by whichever provider): a
 * follow-up like "only Samsung" or "something cheaper?" refines the session's last search.
 */
export function followConversation(
  question: string,
  understood: Understanding,
  context: QuestionContext,
): ConversationReading {
  const { understanding, unrefined, sameBudget } = refineUnderstanding(
    question,
    understood,
    context,
  );
  return {
    understanding,
    refinable: mayRefine(question, understood),
    ...(unrefined === undefined ? {} : { unrefined }),
    ...(sameBudget === undefined ? {} : { sameBudget }),
  };
}

/** The search an answer ran, kept with the products it showed so a follow-up can refine it. */
export function searchOf(understanding: Understanding): LastSearch {
  const { query, excludedBrands, fromPreferences } = understanding;
  const search: LastSearch = { query };
  if (excludedBrands !== undefined && excludedBrands.length > 0) {
    search.excludedBrands = excludedBrands;
  }
  if (fromPreferences?.category === true || fromPreferences?.price === true) {
    search.fromPreferences = fromPreferences;
  }
  return search;
}

/** Where an answer's facts come from: the catalog for product questions, documents for FAQs. */
export interface AnswerSources {
  catalog: Catalog;
  searchDocuments: (question: string) => Promise<KnowledgeDoc[]>;
}

/** How many earlier questions a refinement's missing words are looked for in. */
const EARLIER_QUESTIONS = 4;

/**
 * What the shopper asked for that the store does not carry, in the shopper's words. Retrieval
 * names it for a fresh search; a refinement of one ("the cheapest one?" after "any 85 inch
 * TVs?") still searches for the missing size, which the shopper wrote in an earlier message.
 * Nothing when the products are matches, or when the shopper never wrote the missing words.
 */
function notCarriedWords(
  question: string,
  understanding: Understanding,
  context: QuestionContext,
  found: Retrieval,
  catalog: Catalog,
): string[] {
  if (!found.alternatives) return [];
  const { text, category, brands } = understanding.query;
  const missing = found.notCarried === true ? (found.missing ?? []) : catalog.missingTerms(text);
  if (missing.length === 0) return [];
  const search = {
    text,
    names: [...(category === undefined ? [] : [category]), ...(brands ?? [])],
  };
  const earlier = context.history
    .filter((m) => m.role === 'user')
    .slice(-EARLIER_QUESTIONS)
    .map((m) => m.content);
  for (const asked of [question, ...earlier.reverse()]) {
    const words = askedWords(asked, search, missing);
    if (words.length > 0) return words;
  }
  return [];
}

/** Everything the answer may use, retrieved for what the question asks. */
export async function gatherAnswerInput(
  question: string,
  understanding: Understanding,
  context: QuestionContext,
  sources: AnswerSources,
): Promise<AnswerInput> {
  let documents: KnowledgeDoc[] = [];
  let products: Product[] = [];
  let alternatives = false;
  let notCarried: string[] = [];
  if (understanding.intent === 'faq') {
    documents = await sources.searchDocuments(question);
  } else if (understanding.intent === 'product_inquiry' || understanding.intent === 'sales') {
    const found = retrieveProducts(understanding, context, sources.catalog);
    ({ products, alternatives } = found);
    notCarried = notCarriedWords(question, understanding, context, found, sources.catalog);
  }
  return {
    question,
    understanding,
    products,
    alternatives,
    ...(notCarried.length === 0 ? {} : { notCarried }),
    documents,
    context,
    currency: sources.catalog.currency,
  };
}

/**
 * The answer's input for a question read in its conversation, when the refined search finds
 * only alternatives. Words added to the last search ("what about headphones?" after TVs) may
 * name something it cannot hold: when the words alone find real matches, those answer. When
 * nothing is cheaper ("something cheaper?"), the alternatives are the cheapest within the
 * shopper's own constraints and budget, not those of a looser search.
 */
export async function gatherInConversation(
  question: string,
  reading: ConversationReading,
  context: QuestionContext,
  sources: AnswerSources,
): Promise<AnswerInput> {
  const input = await gatherAnswerInput(question, reading.understanding, context, sources);
  if (!input.alternatives) return input;
  if (reading.unrefined !== undefined) {
    const own = await gatherAnswerInput(question, reading.unrefined, context, sources);
    return own.products.length > 0 && !own.alternatives ? own : input;
  }
  if (reading.sameBudget !== undefined) {
    const near = await gatherAnswerInput(question, reading.sameBudget, context, sources);
    if (near.products.length > 0 && !near.alternatives) {
      return { ...input, products: near.products, alternatives: true };
    }
  }
  return input;
}

export const sourcesOf = (documents: readonly KnowledgeDoc[]) =>
  documents.map((d) => ({ id: d.id, title: d.title }));

/**
 * What the session remembers of a turn. "Which of those is cheapest?" narrows the answer to
 * one product, but "those" must still mean the same list next time: follow-ups keep the
 * products shown before.
 */
export function turnFactsOf(
  input: AnswerInput,
  screened: ScreenedQuestion,
  topics: string[],
  llmCall: boolean,
): TurnFacts {
  const shown = input.products.map((p) => p.sku);
  return {
    topics,
    ...(shown.length > 0 && !input.understanding.followUp
      ? { shown, search: searchOf(input.understanding) }
      : {}),
    cached: false,
    llmCall,
    injection: screened.injection,
  };
}

/** The cache entry of a complete answer: products by SKU, re-read from the catalog on a hit. */
export const cacheEntryOf = (
  input: AnswerInput,
  answer: string,
  refinable: boolean,
): CachedAnswer => ({
  answer,
  intent: input.understanding.intent,
  skus: input.products.map((p) => p.sku),
  sources: sourcesOf(input.documents),
  followUp: input.understanding.followUp,
  search: searchOf(input.understanding),
  refinable,
  ...(input.alternatives ? { alternatives: true } : {}),
  ...(input.notCarried === undefined ? {} : { notCarried: input.notCarried }),
});

/**
 * The cache key was chosen before the question was understood: a follow-up the key did not
 * see coming depends on products it does not include, so it is not cached at all.
 */
export const isCacheable = (understanding: Understanding, keyIncludesShown: boolean): boolean =>
  !understanding.followUp || keyIncludesShown;

/**
 * The cache key is chosen before the question is read, so it cannot say whether the answer
 * depends on the session's last search. An answer that may refine one is cached only when
 * the session had none (marked `refinable`, and served only to sessions without one): an
 * answer that refined a session's search is that session's alone.
 */
export const cacheableInConversation = (context: QuestionContext, refinable: boolean): boolean =>
  context.lastSearch === undefined || !refinable;

/** Whether a cached answer holds for this session: always, unless it may refine its search. */
export const servesConversation = (entry: CachedAnswer, context: QuestionContext): boolean =>
  context.lastSearch === undefined || entry.refinable === false;
