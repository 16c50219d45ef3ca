import type {
  CartLine,
  ChatMessage,
  KnowledgeDoc,
  Preferences,
  StoreSynonyms,
} from '@aisle/shared';
import type { RateLimiterAbstract } from 'rate-limiter-flexible';
import type { LastSearch } from './shown-state';

export type { LastSearch } from './shown-state';

/** Times are epoch milliseconds inside the store; the API formats them. */
export interface SessionAuth {
  tokenHash: string;
  createdAt: number;
  lastActive: number;
}

export interface SessionMeta extends SessionAuth {
  conversationCount: number;
}

export interface TopicCount {
  word: string;
  count: number;
}

export interface SessionAnalytics {
  userMessages: number;
  assistantMessages: number;
  cartAdds: number;
  cartRemoves: number;
  cacheHits: number;
  llmCalls: number;
  injectionAttempts: number;
  topTopics: TopicCount[];
}

export interface SessionSnapshot {
  meta: SessionMeta;
  preferences: Preferences;
  cart: CartLine[];
  analytics: SessionAnalytics;
}

/** A cart line before it has a quantity: name, price and category come from the catalog. */
export type CartItem = Omit<CartLine, 'quantity'>;

export interface TurnRecord {
  /** The user message, then the assistant answer (personal data already masked). */
  messages: ChatMessage[];
  /** Topic words of the user message, counted in analytics. */
  topics: string[];
  /** SKUs shown with the answer; replaces the session's RAG context when present. */
  shown?: string[];
  /** The structured search that found `shown`; stored with it (and only with it). */
  search?: LastSearch;
  cached: boolean;
  llmCall: boolean;
  injection: boolean;
}

export interface TurnContext {
  preferences: Preferences;
  /** Newest last. */
  history: ChatMessage[];
  shown: string[];
  /** The search behind `shown`, when the turn that showed them recorded one. */
  search?: LastSearch;
  /** With a cache hash to look up: the answers cached under it, the session's and the shared. */
  cached?: { session: string | null; shared: string | null };
}

/** How a question opens its turn: who asks, and the cache hash to look up in the same step. */
export interface TurnOpening {
  access?: SessionAccess;
  cacheHash?: string;
}

/** One of the events a turn announces (its messages, a cache hit). */
export interface TurnEvent extends CallEvent {
  type: string;
}

/**
 * What a turn writes besides itself, in the same step: its events (both logs, counters; the
 * turn's topics and messages count for the dashboard) and its answer cached, for this session
 * or shared by all.
 */
export interface TurnCall {
  events?: TurnEvent[];
  cache?: { shared: boolean; hash: string; value: string; ttlSeconds: number };
}

/**
 * A message's exact place in history: its score (timestamp_ms * 1000 + seq % 1000) and its
 * sequence number, which together tell apart messages of one millisecond (and equal scores).
 */
export interface HistoryPosition {
  score: number;
  seq: number;
}

export interface HistoryPage {
  limit: number;
  /** Only messages strictly older than this instant (epoch ms). */
  before?: number;
  /** Only messages before this position: the `next` of the previous page. */
  olderThan?: HistoryPosition;
}

export interface MessagePage {
  /** The newest `limit` messages that match, oldest first. */
  messages: ChatMessage[];
  /** Where the next (older) page starts; null when no older message matches. */
  next: HistoryPosition | null;
}

/** An event as appended: the session's log and the global log each give it an entry id. */
export interface NewEvent {
  type: string;
  sessionId: string;
  /** ISO 8601 UTC. */
  timestamp: string;
  data: Record<string, unknown>;
}

export interface StoredEvent extends NewEvent {
  /** Entry id in the session's log ("<ms>-<seq>", increasing). */
  sessionEventId: string;
  /** Entry id in the global log. */
  globalEventId: string;
}

export interface EventLogLimits {
  /** Entries kept per session log. */
  sessionMax: number;
  /** Entries kept in the global log. */
  globalMax: number;
}

export interface AnswerLogEntry {
  seq: number;
  /** JSON of one stream event (meta, token, done, or error). */
  event: string;
}

export interface Activity {
  sessionId: string;
  now: number;
  counters: Record<string, number>;
  topics: string[];
  /** Messages to add to the current minute's bucket. */
  messages: number;
}

export interface Overview {
  activeSessions: number;
  counters: Record<string, number>;
  topTopics: TopicCount[];
  /** Messages per minute, oldest first, the last entry being the current minute. */
  messagesPerMinute: { minute: string; count: number }[];
}

export interface RateLimitSpec {
  keyPrefix: string;
  points: number;
  durationSeconds: number;
}

/** A session's own budget for a kind of request, charged once the caller's token matched. */
export interface SessionBudget {
  name: 'query' | 'write';
  points: number;
  windowMs: number;
}

/**
 * Who makes a session call, checked in the same atomic step (and round trip) as the work:
 * a token that is not the session's reads exactly as a missing session (null), and a spent
 * budget throws SessionBudgetError with nothing written.
 */
export interface SessionAccess {
  /** Hash of the presented token. */
  tokenHash: string;
  budget?: SessionBudget;
}

/**
 * The event a session write announces, appended in the same step as the write: to the
 * session's log, to the global log, with the dashboard counters it bumps and the session
 * marked active. The store adds what the write produced (a cart's lines, the preferences).
 */
export interface CallEvent {
  /** ISO 8601 UTC. */
  timestamp: string;
  data: Record<string, unknown>;
  counters: Record<string, number>;
}

/** What a session call may carry besides its own arguments: its caller and its event. */
export interface SessionCall {
  access?: SessionAccess;
  event?: CallEvent;
}

/**
 * The only way services reach storage. Every method is atomic and, on Redis, one round trip
 * (a Lua script or MULTI). Methods that mutate a session return `null` / `false` when the
 * session does not exist (or expired) so callers can answer NOT_FOUND.
 */
export interface Store {
  readonly kind: 'redis' | 'memory';

  /**
   * Creates the session; false when the id is already taken. With an event, announces
   * `session.created` in the same step.
   */
  createSession(id: string, tokenHash: string, now: number, call?: SessionCall): Promise<boolean>;
  /**
   * Reads what ownership checks need. Only for the owner's token (its hash) does it slide the
   * session's TTL, at most once per touch interval: strangers cannot keep a session alive.
   * The budget, if any, is charged for the owner's token only (SessionBudgetError when spent).
   */
  authenticate(
    id: string,
    now: number,
    tokenHash: string,
    budget?: SessionBudget,
  ): Promise<SessionAuth | null>;
  /** With `access`, for its owner only (sliding as `authenticate` does), in the same step. */
  getSession(id: string, access?: SessionAccess): Promise<SessionSnapshot | null>;
  /** A pure read: unlike `authenticate`, never slides the TTL (watchers must not keep it alive). */
  sessionExists(id: string): Promise<boolean>;
  deleteSession(id: string): Promise<boolean>;

  getPreferences(id: string, access?: SessionAccess): Promise<Preferences | null>;
  /**
   * Merges the given fields into the stored preferences. The event, if any, is
   * `preferences.updated` with the merged preferences added as `preferences`.
   */
  updatePreferences(
    id: string,
    patch: Preferences,
    now: number,
    call?: SessionCall,
  ): Promise<Preferences | null>;

  getCart(id: string, access?: SessionAccess): Promise<CartLine[] | null>;
  /**
   * Adds `quantity` to the line (creating it); returns the whole cart. Cart writes announce
   * `cart.updated` (when they change a line) with the cart's lines added as `items`; the
   * stored event's data gains `item_count` and `subtotal` (event-codec.ts).
   */
  cartAdd(
    id: string,
    item: CartItem,
    quantity: number,
    now: number,
    call?: SessionCall,
  ): Promise<CartLine[] | null>;
  /** `found` is false when the SKU was not in the cart. */
  cartRemove(
    id: string,
    sku: string,
    now: number,
    call?: SessionCall,
  ): Promise<CartMutation | null>;
  /** Quantity 0 removes the line. */
  cartSetQuantity(
    id: string,
    sku: string,
    quantity: number,
    now: number,
    call?: SessionCall,
  ): Promise<CartMutation | null>;
  cartClear(id: string, now: number, call?: SessionCall): Promise<CartLine[] | null>;

  getMessages(id: string, page: HistoryPage): Promise<MessagePage | null>;
  /**
   * Preferences, the newest `historyLimit` messages, the SKUs last shown and the search that
   * found them, in one read.
   */
  loadTurnContext(
    id: string,
    historyLimit: number,
    opening?: TurnOpening,
  ): Promise<TurnContext | null>;
  /** Stores a question/answer turn, its analytics and its RAG context; slides both TTLs. */
  recordTurn(id: string, turn: TurnRecord, now: number, call?: TurnCall): Promise<boolean>;

  /** `sessionId` null = the shared cache; otherwise the entry lives and dies with that session. */
  cacheGet(sessionId: string | null, hash: string): Promise<string | null>;
  cacheSet(
    sessionId: string | null,
    hash: string,
    value: string,
    ttlSeconds: number,
  ): Promise<void>;

  /** Adds or replaces documents by id and bumps the documents version. */
  putDocuments(docs: KnowledgeDoc[]): Promise<void>;
  listDocuments(): Promise<KnowledgeDoc[]>;
  /**
   * Removes documents by id in one atomic step that also bumps the documents version (every
   * instance re-indexes). Returns the ids that were there, in the order given; unknown ids are
   * ignored.
   */
  deleteDocuments(ids: readonly string[]): Promise<string[]>;
  /** Changes whenever documents change, so every instance knows when to re-index. */
  documentsVersion(): Promise<number>;

  /**
   * The store's own synonyms (null when none were ever set: start-up seeds them from
   * SYNONYMS_FILE) and their version, in one read.
   */
  getSynonyms(): Promise<{ synonyms: StoreSynonyms | null; version: number }>;
  /** Replaces the store's synonyms and bumps their version in one atomic step; the new version. */
  setSynonyms(synonyms: StoreSynonyms): Promise<number>;
  /** Changes whenever the synonyms change, so every instance knows when to rebuild its lexicon. */
  synonymsVersion(): Promise<number>;

  /** Appends to the session's log (which slides with the session) and to the global log. */
  appendEvent(event: NewEvent): Promise<StoredEvent>;
  /** Session log entries after `afterId` (exclusive; undefined = from the start), oldest first. */
  readSessionEvents(
    sessionId: string,
    afterId: string | undefined,
    count: number,
  ): Promise<StoredEvent[]>;
  /** Global log entries after `afterId` (exclusive; undefined = from the start), oldest first. */
  readGlobalEvents(afterId: string | undefined, count: number): Promise<StoredEvent[]>;
  /**
   * Waits up to `blockMs` for global entries after `afterId` ('$' = only new ones). On Redis
   * this holds its own connection (XREAD BLOCK), one per instance, shared by all subscribers.
   */
  tailGlobalEvents(afterId: string, blockMs: number, count: number): Promise<StoredEvent[]>;
  /** The newest global entry id, or '0-0' when the log is empty. */
  lastGlobalEventId(): Promise<string>;

  /**
   * An answer in progress, kept briefly so a client that lost its connection can resume it
   * on any instance. Entries get the explicit ids 0-1, 0-2, ... (`seq`), so the producer
   * never waits for the store to learn an entry's id.
   */
  appendAnswerLog(streamId: string, entries: AnswerLogEntry[], ttlMs: number): Promise<void>;
  /** Entries with seq > afterSeq, oldest first. */
  readAnswerLog(streamId: string, afterSeq: number, count: number): Promise<AnswerLogEntry[]>;

  /**
   * Global dashboard counters: the session as active now, counters bumped, topics counted,
   * and the current minute's message bucket. Counters, never scans.
   */
  recordActivity(activity: Activity): Promise<void>;
  readOverview(now: number, windowMs: number, minutes: number): Promise<Overview>;

  createRateLimiter(spec: RateLimitSpec): RateLimiterAbstract;

  /** Round-trip latency in ms; throws StoreUnavailableError when unreachable. */
  ping(): Promise<number>;
  close(): Promise<void>;
}

export interface CartMutation {
  found: boolean;
  cart: CartLine[];
}

export interface StoreLimits {
  /** Sliding idle TTL of a session and everything but its history. */
  sessionTtlMs: number;
  /** Sliding TTL of the conversation history and products last shown. */
  conversationTtlMs: number;
  /** Reads slide the TTL at most this often. */
  touchIntervalMs: number;
  /** Messages kept per session (oldest dropped first). */
  maxHistory: number;
  /** Distinct topic words kept per session. */
  maxTopics: number;
  /** Cached answers kept per session. */
  maxSessionCache: number;
  /** In-memory store only: sessions kept before the least recently active is evicted. */
  maxSessions: number;
  events?: EventLogLimits;
}

export const DEFAULT_EVENT_LIMITS: EventLogLimits = { sessionMax: 1000, globalMax: 10_000 };

/**
 * Global keys stay bounded whatever the traffic: the active-session index keeps only sessions
 * active within a day (the overview's windows are shorter), trimmed on every write to it, and
 * the global topic counts keep the most frequent words only (the dashboard shows ten). The Lua
 * scripts hold the same two numbers (`_request.lua`; a test compares them).
 */
export const ACTIVE_INDEX_KEPT_MS = 86_400_000;
export const GLOBAL_TOPICS_KEPT = 10_000;
