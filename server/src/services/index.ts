import type { KnowledgeDoc } from '@aisle/shared';
import type { AnswerProvider } from '../assistant/types';
import type { Catalog } from '../catalog/types';
import type { Config } from '../config';
import type { Logger } from '../logger';
import type { ServiceMetrics } from '../metrics/registry';
import type { Store } from '../store/types';
import { AdminService } from './admin';
import { CartService } from './cart';
import type { EventBus } from './event-bus';
import { KnowledgeService } from './knowledge';
import { LiveEvents } from './live-events';
import { PreferencesService } from './preferences';
import { QuestionService } from './questions/question-service';
import { ResumableAnswers } from './questions/resumable-answers';
import { RateLimitService } from './rate-limits';
import { SessionService } from './sessions';
import { SynonymsService } from './synonyms';

export interface Services {
  store: Store;
  catalog: Catalog;
  provider: AnswerProvider;
  events: EventBus;
  sessions: SessionService;
  preferences: PreferencesService;
  cart: CartService;
  knowledge: KnowledgeService;
  /** The store's own synonyms, widening the general lexicon on every instance. */
  synonyms: SynonymsService;
  /** Questions answered whole (`shopping.query`). */
  questions: QuestionService;
  /** The same answers streamed, resumable from the store's answer log (`shopping.queryStream`). */
  answerStreams: ResumableAnswers;
  limits: RateLimitService;
  live: LiveEvents;
  admin: AdminService;
  /** What /health/ready checks. */
  healthProbes(): { name: string; probe: () => Promise<unknown> }[];
}

export interface ServiceParts {
  config: Config;
  store: Store;
  catalog: Catalog;
  provider: AnswerProvider & { health?: () => Promise<unknown> };
  events: EventBus;
  seedDocuments: KnowledgeDoc[];
  log: Logger;
  now?: () => number;
  metrics?: ServiceMetrics;
}

/** Wires the domain services; nothing here knows about transports. */
export async function createServices(parts: ServiceParts): Promise<Services> {
  const { config, store, catalog, provider, events } = parts;
  const now = parts.now ?? Date.now;
  const sessions = new SessionService(store, events, now);
  const limits = new RateLimitService(
    store,
    {
      enabled: config.RATE_LIMIT_ENABLED,
      queryPerMinute: config.RATE_LIMIT_QUERY_PER_MINUTE,
      writePerMinute: config.RATE_LIMIT_WRITE_PER_MINUTE,
      ipPerMinute: config.RATE_LIMIT_IP_PER_MINUTE,
      readPerMinute: config.RATE_LIMIT_READ_PER_MINUTE,
    },
    (scope) => {
      parts.metrics?.rateLimited(scope);
      parts.log.debug('rate limited', { scope });
    },
  );
  const knowledge = new KnowledgeService(store, parts.seedDocuments);
  await knowledge.init();
  const synonyms = new SynonymsService(store, catalog.vocabulary, config.SYNONYMS_FILE);
  await synonyms.init();
  const questions = new QuestionService({
    store,
    catalog,
    knowledge,
    synonyms,
    provider,
    sessions,
    limits,
    events,
    settings: {
      cacheTtlSeconds: config.CACHE_TTL_SECONDS,
      historyMessages: 20,
      strictInput: config.STRICT_INPUT,
    },
    now,
    log: parts.log,
    onAnswered: (outcome) => parts.metrics?.answered(outcome),
  });
  return {
    store,
    catalog,
    provider,
    events,
    sessions,
    knowledge,
    synonyms,
    preferences: new PreferencesService(store, events, now),
    cart: new CartService(store, catalog, events, now),
    questions,
    answerStreams: new ResumableAnswers(
      questions,
      sessions,
      store,
      { logTtlMs: 5 * 60_000, maxLifetimeMs: config.OPENAI_TIMEOUT_MS * 3, pollMs: 50 },
      parts.log,
    ),
    // A watcher notices an expired session within half its TTL (at most every 30 s).
    live: new LiveEvents(store, events, Math.min(30_000, (config.SESSION_TTL_SECONDS * 1000) / 2)),
    admin: new AdminService(store, now),
    limits,
    healthProbes: () => [
      { name: `store:${store.kind}`, probe: () => store.ping() },
      ...(provider.health ? [{ name: `llm:${provider.name}`, probe: provider.health }] : []),
    ],
  };
}
