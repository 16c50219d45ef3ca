import type {
  ChatMessage,
  KnowledgeDoc,
  Product,
  QueryResult,
  QueryStreamEvent,
} from '@aisle/shared';
import { retrieveProducts } from '../../assistant/retrieve';
import type { AnswerInput, AnswerProvider, QuestionContext } from '../../assistant/types';
import { UnderstandingSchema } from '../../assistant/understanding-schema';
import type { Catalog } from '../../catalog/types';
import { AppError, ModelUnavailableError, sessionNotFound } from '../../errors';
import type { Store } from '../../store/types';
import { maskPersonalData } from '../../text/mask-personal-data';
import { preview } from '../../text/preview';
import { detectPromptInjection } from '../../text/prompt-injection';
import { extractTopics } from '../../text/topics';
import { wordChunks } from '../../text/word-chunks';
import type { EventSink } from '../events';
import type { KnowledgeService } from '../knowledge';
import type { SessionService } from '../sessions';
import { type CachedAnswer, toCard } from './answer-parts';
import { cacheKeyFor } from './cache-key';
import { TurnRecorder } from './turn-recorder';

export interface QuestionSettings {
  cacheTtlSeconds: number;
  /** Messages loaded as context for each question (the LLM path trims them to tokens). */
  historyMessages: number;
  strictInput: boolean;
}

/**
 * A question's whole journey: untrusted-input checks -> session -> context -> cache ->
 * understanding -> retrieval -> streamed answer -> stored turn, analytics and events.
 * `answer` is `stream` collected, so both transports share one path.
 */
export class QuestionService {
  constructor(
    private readonly deps: {
      store: Store;
      catalog: Catalog;
      knowledge: KnowledgeService;
      provider: AnswerProvider;
      sessions: SessionService;
      events: EventSink;
      settings: QuestionSettings;
      now?: () => number;
    },
  ) {
    this.recorder = new TurnRecorder(deps.store, deps.events, deps.now ?? Date.now);
  }

  private readonly recorder: TurnRecorder;

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
    const { store, catalog, knowledge, provider, sessions, events, settings } = this.deps;

    // Untrusted input: masked before it is stored, cached, counted or sent anywhere.
    const question = maskPersonalData(input.q).text;
    const injection = detectPromptInjection(question);
    if (injection.suspicious && settings.strictInput) {
      throw new AppError(
        'UNSAFE_INPUT',
        'The question looks like an attempt to instruct the assistant',
        {
          issues: [{ path: 'q', message: `matched: ${injection.patterns.join(', ')}` }],
        },
      );
    }

    const session = await sessions.open(input.sessionId, token);
    const stored = await store.loadTurnContext(session.id, settings.historyMessages);
    if (!stored) throw sessionNotFound(session.id);
    const lastShown = stored.shown.flatMap((sku) => catalog.get(sku) ?? []);
    const context: QuestionContext = {
      preferences: stored.preferences,
      history: stored.history,
      lastShown,
    };
    const key = cacheKeyFor({
      question,
      catalogVersion: catalog.version,
      knowledgeVersion: knowledge.currentVersion,
      provider: provider.name,
      preferences: stored.preferences,
      shown: stored.shown,
    });
    const cacheScope = key.shared ? null : session.id;
    const tokenField = session.token ? { session_token: session.token } : {};
    const userMessage: ChatMessage = {
      role: 'user',
      content: question,
      timestamp: new Date(this.now()).toISOString(),
    };
    const topics = extractTopics(question);

    const hit = await store.cacheGet(cacheScope, key.hash);
    if (hit) {
      const cached = JSON.parse(hit) as CachedAnswer;
      const products = cached.skus.flatMap((sku) => catalog.get(sku) ?? []);
      yield {
        type: 'meta',
        session_id: session.id,
        intent: cached.intent,
        products: products.map(toCard),
        ...tokenField,
      };
      for (const text of wordChunks(cached.answer)) yield { type: 'token', text };
      await this.recorder.record(session.id, userMessage, cached.answer, false, {
        topics,
        ...(cached.followUp || cached.skus.length === 0 ? {} : { shown: cached.skus }),
        cached: true,
        llmCall: false,
        injection: injection.suspicious,
      });
      await events.publish(session.id, 'cache.hit', { question: preview(question) });
      yield {
        type: 'done',
        session_id: session.id,
        answer: cached.answer,
        intent: cached.intent,
        products: products.map(toCard),
        cached: true,
        sources: cached.sources,
        ...tokenField,
      };
      return;
    }

    const parsed = UnderstandingSchema.safeParse(
      await this.guardModel(() => provider.understand(question, context, signal)),
    );
    if (!parsed.success)
      throw new ModelUnavailableError('The model returned an unusable reading of the question');
    const understanding = parsed.data;
    let documents: KnowledgeDoc[] = [];
    let products: Product[] = [];
    let alternatives = false;
    if (understanding.intent === 'faq') {
      documents = await knowledge.search(question);
    } else if (understanding.intent === 'product_inquiry' || understanding.intent === 'sales') {
      ({ products, alternatives } = retrieveProducts(understanding, context, catalog));
    }
    const cards = products.map(toCard);
    yield {
      type: 'meta',
      session_id: session.id,
      intent: understanding.intent,
      products: cards,
      ...tokenField,
    };

    const answerInput: AnswerInput = {
      question,
      understanding,
      products,
      alternatives,
      documents,
      context,
    };
    let answer = '';
    let complete = false;
    let recorded = false;
    // "Which of those is cheapest?" narrows the answer to one product, but "those" must still
    // mean the same list next time: follow-ups keep the products shown before.
    const shown = products.map((p) => p.sku);
    const turn = {
      topics,
      ...(shown.length > 0 && !understanding.followUp ? { shown } : {}),
      cached: false,
      llmCall: provider.name !== 'local',
      injection: injection.suspicious,
    };
    try {
      try {
        for await (const chunk of provider.answer(answerInput, signal)) {
          if (signal?.aborted) break;
          answer += chunk;
          yield { type: 'token', text: chunk };
        }
        complete = !signal?.aborted;
      } catch (err) {
        if (signal?.aborted) return; // the client left; finally stores what was said
        answer = ''; // upstream failure: no half answer is stored
        throw err instanceof AppError ? err : new ModelUnavailableError(undefined, err);
      }
      const sources = documents.map((d) => ({ id: d.id, title: d.title }));
      if (complete) {
        recorded = true;
        await this.recorder.record(session.id, userMessage, answer, false, turn);
        const cached: CachedAnswer = {
          answer,
          intent: understanding.intent,
          skus: shown,
          sources,
          followUp: understanding.followUp,
        };
        // The key was chosen before understanding: a follow-up the key did not see coming
        // depends on products it does not include, so it is not cached at all.
        if (!understanding.followUp || key.refers) {
          await store.cacheSet(
            cacheScope,
            key.hash,
            JSON.stringify(cached),
            settings.cacheTtlSeconds,
          );
        }
      }
      yield {
        type: 'done',
        session_id: session.id,
        answer,
        intent: understanding.intent,
        products: cards,
        cached: false,
        sources,
        ...(complete ? {} : { interrupted: true }),
        ...tokenField,
      };
    } finally {
      // A client that went away mid-answer: the turn is stored once, marked interrupted.
      if (!recorded && !complete && answer.length > 0) {
        recorded = true;
        await this.recorder.record(session.id, userMessage, answer, true, turn).catch(() => {});
      }
    }
  }

  private async guardModel<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (err) {
      throw err instanceof AppError ? err : new ModelUnavailableError(undefined, err);
    }
  }
}
