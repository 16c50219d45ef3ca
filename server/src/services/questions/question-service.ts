import type {
  ChatMessage,
  Intent,
  Product,
  ProductLabels,
  QueryResult,
  QueryStreamEvent,
} from '@aisle/shared';
import type { AnswerInput, AnswerProvider, QuestionContext } from '../../assistant/types';
import type { Catalog } from '../../catalog/types';
import { AppError, ModelUnavailableError, sessionNotFound } from '../../errors';
import type { Logger } from '../../logger';
import { validSearch } from '../../store/shown-state';
import type { LastSearch, Store, TurnContext } from '../../store/types';
import { extractTopics } from '../../text/topics';
import { wordChunks } from '../../text/word-chunks';
import type { EventSink } from '../events';
import type { KnowledgeService } from '../knowledge';
import type { RateLimitService } from '../rate-limits';
import type { SessionService } from '../sessions';
import type { SynonymsService } from '../synonyms';
import { type CachedAnswer, labelsOf, toCard } from './answer-parts';
import { cacheKeyFor } from './cache-key';
import { logCacheLookup, logRetrieved, logUnderstood } from './question-log';
import {
  type AnswerSources,
  cacheableInConversation,
  cacheEntryOf,
  followConversation,
  gatherInConversation,
  isCacheable,
  questionContext,
  type ScreenedQuestion,
  screenQuestion,
  servesConversation,
  sourcesOf,
  turnFactsOf,
  understandQuestion,
} from './question-steps';
import { type TurnFacts, TurnRecorder } from './turn-recorder';

export interface QuestionSettings {
  cacheTtlSeconds: number;
  /** Messages loaded as context for each question (the LLM path trims them to tokens). */
  historyMessages: number;
  strictInput: boolean;
}

/**
 * Where a question's answer is cached. `probe` is the question's hash without any session
 * state, known before the session is read, so the first round trip can look the answer up:
 * a shared answer is stored under it; a session's answer too (one per question), with the full
 * `key` inside the entry, which must match the session's state now to serve.
 */
interface TurnCache {
  shared: boolean;
  probe: string;
  key: string;
  includesShown: boolean;
}

/** One question on its way through the steps: who asked, what they know, where it is cached. */
interface OpenTurn {
  sessionId: string;
  /** The token of a session created for this question, returned once. */
  tokenField: { session_token?: string };
  screened: ScreenedQuestion;
  context: QuestionContext;
  cache: TurnCache;
  /** What the first round trip found cached under `cache.probe`. */
  found: { session: string | null; shared: string | null };
  userMessage: ChatMessage;
  topics: string[];
}

/** How far an answer got: what was said, and whether the turn is stored. */
interface AnswerProgress {
  text: string;
  complete: boolean;
  recorded: boolean;
}

/**
 * A question's whole journey: screen the input -> open the turn (session, context, cache
 * key) -> cached answer, or understand -> retrieve -> streamed answer -> stored turn,
 * analytics and events. `answer` is `stream` collected, so both transports share one path.
 * The steps that need no store live in question-steps.ts.
 */
export class QuestionService {
  private readonly recorder: TurnRecorder;
  private readonly sources: AnswerSources;

  constructor(
    private readonly deps: {
      store: Store;
      catalog: Catalog;
      knowledge: KnowledgeService;
      /** The store's own synonyms: their version is part of the cache key. */
      synonyms?: Pick<SynonymsService, 'freshVersion'>;
      provider: AnswerProvider;
      sessions: SessionService;
      limits: RateLimitService;
      events: EventSink;
      settings: QuestionSettings;
      now?: () => number;
      /** Debug lines of each step (question-log.ts). */
      log?: Logger;
      /** Told of each finished answer (metrics); knows nothing of how it is counted. */
      onAnswered?: (outcome: { intent: Intent; provider: string; cached: boolean }) => void;
    },
  ) {
    this.recorder = new TurnRecorder(deps.store, deps.events, deps.now ?? Date.now);
    this.sources = {
      catalog: deps.catalog,
      searchDocuments: (question) => deps.knowledge.search(question),
    };
  }

  private now(): number {
    return (this.deps.now ?? Date.now)();
  }

  async answer(
    input: { q: string; sessionId?: string | undefined },
    token: string | undefined,
    signal?: AbortSignal,
  ): Promise<QueryResult> {
    let result: QueryResult | undefined;
    for await (const event of this.stream(input, token, signal)) {
      if (event.type === 'done') {
        const { type: _, ...rest } = event;
        result = rest;
      }
    }
    if (!result) throw new AppError('INTERNAL_ERROR', 'The answer stream ended without a result');
    return result;
  }

  async *stream(
    input: { q: string; sessionId?: string | undefined },
    token: string | undefined,
    signal?: AbortSignal,
  ): AsyncGenerator<QueryStreamEvent> {
    for await (const event of this.steps(input, token, signal)) {
      if (event.type === 'done') {
        const { intent, cached } = event;
        this.deps.onAnswered?.({ intent, provider: this.deps.provider.name, cached });
      }
      yield event;
    }
  }

  private async *steps(
    input: { q: string; sessionId?: string | undefined },
    token: string | undefined,
    signal?: AbortSignal,
  ): AsyncGenerator<QueryStreamEvent> {
    const screened = screenQuestion(input.q, this.deps.settings.strictInput);
    const turn = await this.openTurn(input.sessionId, token, screened);
    const cached = this.cachedAnswer(turn);
    if (cached) {
      yield* this.replayCached(turn, cached);
      return;
    }
    const { question } = screened;
    const understood = await understandQuestion(this.deps.provider, question, turn.context, signal);
    logUnderstood(this.deps.log, question, understood);
    const reading = followConversation(question, understood, turn.context);
    const gathering = performance.now();
    const answerInput = await gatherInConversation(question, reading, turn.context, this.sources);
    logRetrieved(this.deps.log, answerInput, performance.now() - gathering);
    const labels = labelsOf(answerInput, answerInput.products);
    yield metaEvent(turn, answerInput.understanding.intent, answerInput.products, labels);
    yield* this.composeAndRecord(turn, answerInput, reading.refinable, signal);
  }

  /**
   * The session (created when no id is given), its context and cache key: one round trip to
   * the session's slot (the token checked, the question budget charged, the context and the
   * cached answers read together).
   */
  private async openTurn(
    sessionId: string | undefined,
    token: string | undefined,
    screened: ScreenedQuestion,
  ): Promise<OpenTurn> {
    const { store, catalog, knowledge, synonyms, provider, sessions, limits, settings } = this.deps;
    const versions = {
      question: screened.question,
      catalogVersion: catalog.version,
      knowledgeVersion: await knowledge.freshVersion(),
      // Also brings this instance's lexicon up to date before the question is read.
      synonymsVersion: (await synonyms?.freshVersion()) ?? 0,
      provider: provider.name,
    };
    const probe = cacheKeyFor({ ...versions, preferences: {}, shown: [] }).hash;
    let opened: { id: string; token?: string };
    let stored: TurnContext;
    if (sessionId !== undefined) {
      // The question budget is charged with the token check: a stranger's question never
      // spends the owner's budget.
      const access = sessions.ownerAccess(token, limits.sessionBudget('query'));
      const found = await store.loadTurnContext(sessionId, settings.historyMessages, {
        access,
        cacheHash: probe,
      });
      if (!found) throw sessionNotFound(sessionId);
      sessions.proven(sessionId);
      opened = { id: sessionId };
      stored = found;
    } else {
      // A new session has no state: only a shared answer can serve it.
      const [created, shared] = await Promise.all([sessions.create(), store.cacheGet(null, probe)]);
      opened = { id: created.session_id, token: created.session_token };
      stored = { preferences: {}, history: [], shown: [], cached: { session: null, shared } };
    }
    const key = cacheKeyFor({ ...versions, preferences: stored.preferences, shown: stored.shown });
    return {
      sessionId: opened.id,
      tokenField: opened.token ? { session_token: opened.token } : {},
      screened,
      context: questionContext(stored, catalog),
      cache: { shared: key.shared, probe, key: key.hash, includesShown: key.refers },
      found: stored.cached ?? { session: null, shared: null },
      userMessage: {
        role: 'user',
        content: screened.question,
        timestamp: new Date(this.now()).toISOString(),
      },
      topics: extractTopics(screened.question),
    };
  }

  private cachedAnswer(turn: OpenTurn): CachedAnswer | undefined {
    const { cache, found } = turn;
    const hit = cache.shared ? found.shared : found.session;
    const entry = hit ? (JSON.parse(hit) as CachedAnswer) : undefined;
    // A session's entry answers the question as it was asked then: with other preferences or
    // products shown (another full key) it is not this answer.
    if (!entry || (!cache.shared && entry.key !== cache.key)) {
      logCacheLookup(this.deps.log, turn.cache, 'miss');
      return undefined;
    }
    // "Only Samsung" answered for a session with no search is not this session's answer.
    const serves = servesConversation(entry, turn.context);
    logCacheLookup(this.deps.log, turn.cache, serves ? 'hit' : 'stale');
    return serves ? entry : undefined;
  }

  /** A cached answer, streamed as if it were new, and counted as a turn that saved a call. */
  private async *replayCached(turn: OpenTurn, cached: CachedAnswer) {
    const products = cached.skus.flatMap((sku) => this.deps.catalog.get(sku) ?? []);
    const labels = labelsOf(
      { alternatives: cached.alternatives === true, ...notCarriedOf(cached) },
      products,
    );
    yield metaEvent(turn, cached.intent, products, labels);
    for (const text of wordChunks(cached.answer)) yield { type: 'token' as const, text };
    await this.recorder.record(
      turn.sessionId,
      turn.userMessage,
      cached.answer,
      false,
      {
        topics: turn.topics,
        ...(cached.followUp || cached.skus.length === 0 ? {} : shownOf(cached)),
        cached: true,
        llmCall: false,
        injection: turn.screened.injection,
      },
      { cacheHitQuestion: turn.screened.question },
    );
    yield doneEvent(turn, cached.answer, cached.intent, products, {
      ...labels,
      cached: true,
      sources: cached.sources,
    });
  }

  /**
   * Streams the provider's answer, then stores the turn and caches the answer. A client that
   * goes away mid-answer: the turn is stored once, marked interrupted.
   */
  private async *composeAndRecord(
    turn: OpenTurn,
    input: AnswerInput,
    refinable: boolean,
    signal?: AbortSignal,
  ) {
    const { provider } = this.deps;
    const facts = turnFactsOf(input, turn.screened, turn.topics, provider.name !== 'local');
    const progress: AnswerProgress = { text: '', complete: false, recorded: false };
    try {
      const clientLeft = yield* this.relayAnswer(input, progress, signal);
      if (clientLeft) return;
      if (progress.complete) await this.recordComplete(turn, input, progress, facts, refinable);
      yield doneEvent(turn, progress.text, input.understanding.intent, input.products, {
        ...labelsOf(input, input.products),
        cached: false,
        sources: sourcesOf(input.documents),
        ...(progress.complete ? {} : { interrupted: true }),
      });
    } finally {
      if (!progress.recorded && !progress.complete && progress.text.length > 0) {
        progress.recorded = true;
        await this.recorder
          .record(turn.sessionId, turn.userMessage, progress.text, true, facts)
          .catch(() => {});
      }
    }
  }

  /**
   * The provider's chunks as token events; an upstream failure leaves no half answer. True
   * when the provider failed because the client left (no result is owed then).
   */
  private async *relayAnswer(
    input: AnswerInput,
    progress: AnswerProgress,
    signal?: AbortSignal,
  ): AsyncGenerator<QueryStreamEvent, boolean> {
    try {
      for await (const chunk of this.deps.provider.answer(input, signal)) {
        if (signal?.aborted) break;
        progress.text += chunk;
        yield { type: 'token' as const, text: chunk };
      }
      progress.complete = !signal?.aborted;
      return false;
    } catch (err) {
      if (signal?.aborted) return true; // what was said is stored as interrupted
      progress.text = '';
      throw err instanceof AppError ? err : new ModelUnavailableError(undefined, err);
    }
  }

  private async recordComplete(
    turn: OpenTurn,
    input: AnswerInput,
    progress: AnswerProgress,
    facts: TurnFacts,
    refinable: boolean,
  ): Promise<void> {
    progress.recorded = true;
    const cacheable =
      isCacheable(input.understanding, turn.cache.includesShown) &&
      cacheableInConversation(turn.context, refinable);
    const { shared, probe, key } = turn.cache;
    const entry: CachedAnswer = {
      ...cacheEntryOf(input, progress.text, refinable),
      ...(shared ? {} : { key }),
    };
    const cache = cacheable
      ? {
          shared,
          hash: probe,
          value: JSON.stringify(entry),
          ttlSeconds: this.deps.settings.cacheTtlSeconds,
        }
      : undefined;
    await this.recorder.record(
      turn.sessionId,
      turn.userMessage,
      progress.text,
      false,
      facts,
      cache ? { cache } : {},
    );
  }
}

/**
 * What a replayed answer showed, with the search that found it. An entry cached by an older
 * version may hold a search the schema no longer takes: then the products alone.
 */
function shownOf(cached: CachedAnswer): { shown: string[]; search?: LastSearch } {
  const search = validSearch(cached.search);
  return search === undefined ? { shown: cached.skus } : { shown: cached.skus, search };
}

/** What a cached entry says the store lacks; an entry of an older version says nothing. */
const notCarriedOf = (cached: CachedAnswer): { notCarried?: string[] } =>
  Array.isArray(cached.notCarried) && cached.notCarried.every((w) => typeof w === 'string')
    ? { notCarried: cached.notCarried }
    : {};

function metaEvent(
  turn: OpenTurn,
  intent: Intent,
  products: readonly Product[],
  labels: ProductLabels,
): QueryStreamEvent {
  return {
    type: 'meta',
    session_id: turn.sessionId,
    intent,
    products: products.map(toCard),
    ...labels,
    ...turn.tokenField,
  };
}

function doneEvent(
  turn: OpenTurn,
  answer: string,
  intent: Intent,
  products: readonly Product[],
  extra: ProductLabels & {
    cached: boolean;
    sources: { id: string; title: string }[];
    interrupted?: true;
  },
): QueryStreamEvent {
  return {
    type: 'done',
    session_id: turn.sessionId,
    answer,
    intent,
    products: products.map(toCard),
    ...extra,
    ...turn.tokenField,
  };
}
