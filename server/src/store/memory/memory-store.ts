import {
  type CartLine,
  type ChatMessage,
  type KnowledgeDoc,
  type Preferences,
  ROLES,
  type StoreSynonyms,
} from '@aisle/shared';
import { RateLimiterMemory } from 'rate-limiter-flexible';
import { SessionBudgetError } from '../../errors';
import {
  byCodeUnit,
  type CachedValue,
  decodeAnalytics,
  historyScore,
  type StoredCartLine,
  sortCart,
  storedCartItem,
  storedText,
  topFive,
  topTen,
} from '../codec';
import { completeEventData } from '../event-codec';
import { compareHistory } from '../history-order';
import { decodeShownState, encodeShownState, type LastSearch } from '../shown-state';
import {
  ACTIVE_INDEX_KEPT_MS,
  type Activity,
  type AnswerLogEntry,
  type CartItem,
  type CartMutation,
  DEFAULT_EVENT_LIMITS,
  GLOBAL_TOPICS_KEPT,
  type HistoryPage,
  type HistoryPosition,
  type MessagePage,
  type NewEvent,
  type Overview,
  type RateLimitSpec,
  type SessionAccess,
  type SessionAuth,
  type SessionBudget,
  type SessionCall,
  type SessionSnapshot,
  type Store,
  type StoredEvent,
  type StoreLimits,
  type TurnCall,
  type TurnContext,
  type TurnOpening,
  type TurnRecord,
} from '../types';
import { MemoryEventLog } from './event-log';

interface HistoryEntry extends HistoryPosition {
  message: ChatMessage;
}

interface MemorySession {
  tokenHash: string;
  createdAt: number;
  lastActive: number;
  conversationCount: number;
  /** Idle expiry of the session and everything but history / shown. */
  expiresAt: number;
  prefs: Preferences;
  cart: Map<string, StoredCartLine>;
  history: HistoryEntry[];
  historyExpiresAt: number;
  shown: string[];
  /** The search behind `shown`: set, replaced and expired with it. */
  search?: LastSearch;
  shownExpiresAt: number;
  counters: Map<string, number>;
  topics: Map<string, number>;
  cache: Map<string, CachedValue>;
  /** The session's own budgets: requests counted in the current fixed window. */
  budgets: Map<string, { count: number; until: number }>;
}

const SHARED_CACHE_LIMIT = 10_000;

/**
 * The embedded store: same contract as the Redis store (TTLs, limits, atomicity), in one
 * process. Every method runs synchronously inside, so it is atomic by construction. Sessions
 * live in a Map kept in order of activity, so the least recently active is evicted first.
 */
export class MemoryStore implements Store {
  readonly kind = 'memory' as const;
  private readonly sessions = new Map<string, MemorySession>();
  private readonly sharedCache = new Map<string, CachedValue>();
  private readonly docs = new Map<string, KnowledgeDoc>();
  private docsVersion = 0;
  private synonyms: StoreSynonyms | null = null;
  private synonymsVersionCount = 0;
  private readonly active = new Map<string, number>();
  private readonly stats = new Map<string, number>();
  private readonly globalTopics = new Map<string, number>();
  private readonly minutes = new Map<number, number>();
  private readonly answers = new Map<string, { entries: AnswerLogEntry[]; expiresAt: number }>();
  private readonly sweeper: NodeJS.Timeout;
  private readonly events: MemoryEventLog;

  constructor(
    private readonly limits: StoreLimits,
    private readonly clock: () => number = Date.now,
  ) {
    this.events = new MemoryEventLog(
      limits.events ?? DEFAULT_EVENT_LIMITS,
      limits.sessionTtlMs,
      clock,
    );
    this.sweeper = setInterval(() => this.sweep(), 30_000);
    this.sweeper.unref();
  }

  /** A live session or undefined; expired parts are dropped on the way. */
  private live(id: string): MemorySession | undefined {
    const s = this.sessions.get(id);
    if (!s) return undefined;
    const t = this.clock();
    if (s.expiresAt <= t) {
      this.sessions.delete(id);
      return undefined;
    }
    if (s.historyExpiresAt <= t) s.history = [];
    if (s.shownExpiresAt <= t) {
      s.shown = [];
      delete s.search;
    }
    for (const [k, v] of s.cache) if (v.exp <= t) s.cache.delete(k);
    return s;
  }

  private touch(id: string, s: MemorySession, now: number): void {
    s.lastActive = now;
    s.expiresAt = this.clock() + this.limits.sessionTtlMs;
    // Re-insert: Map order is activity order, the front is evicted first.
    this.sessions.delete(id);
    this.sessions.set(id, s);
    this.events.slide(id);
  }

  /**
   * The caller admitted as the Redis request scripts do (_request.lua): undefined when the
   * session is missing or the token is not its own; a spent budget throws, nothing written.
   */
  private admit(id: string, access: SessionAccess | undefined): MemorySession | undefined {
    const s = this.live(id);
    if (!s || (access && s.tokenHash !== access.tokenHash)) return undefined;
    const budget = access?.budget;
    if (budget) {
      const now = this.clock();
      let window = s.budgets.get(budget.name);
      if (!window || now >= window.until) window = { count: 0, until: now + budget.windowMs };
      if (window.count + 1 > budget.points) {
        throw new SessionBudgetError(budget.name, window.until - now);
      }
      window.count += 1;
      s.budgets.set(budget.name, window);
    }
    return s;
  }

  /** A read by the owner slides the session at most once per touch interval. */
  private touchIfDue(id: string, s: MemorySession, access: SessionAccess | undefined): void {
    const now = this.clock();
    if (access && now - s.lastActive >= this.limits.touchIntervalMs) this.touch(id, s, now);
  }

  /** The call's event, in the same step as its write: both logs and the dashboard counters. */
  private announce(
    id: string,
    type: string,
    call: SessionCall | undefined,
    now: number,
    produced: Record<string, unknown>,
  ): void {
    const event = call?.event;
    if (!event) return;
    this.events.append({
      type,
      sessionId: id,
      timestamp: event.timestamp,
      data: completeEventData(type, { ...event.data, ...produced }),
    });
    this.activity({ sessionId: id, now, counters: event.counters, topics: [], messages: 0 });
  }

  private sweep(): void {
    const t = this.clock();
    for (const [id, s] of this.sessions) if (s.expiresAt <= t) this.sessions.delete(id);
    for (const [k, v] of this.sharedCache) if (v.exp <= t) this.sharedCache.delete(k);
    this.events.sweep();
    for (const [id, log] of this.answers) if (log.expiresAt <= t) this.answers.delete(id);
    this.boundGlobals(t);
  }

  /** The global index and counts stay bounded, as on Redis (types.ts). */
  boundGlobals(t = this.clock()): void {
    for (const [id, at] of this.active) if (at < t - ACTIVE_INDEX_KEPT_MS) this.active.delete(id);
    const excess = this.globalTopics.size - GLOBAL_TOPICS_KEPT;
    if (excess > 0) {
      // Same rule as ZREMRANGEBYRANK: the lowest counts go first (ties by word, ascending).
      const ranked = [...this.globalTopics].sort((a, b) => a[1] - b[1] || byCodeUnit(a[0], b[0]));
      for (const [word] of ranked.slice(0, excess)) this.globalTopics.delete(word);
    }
  }

  async createSession(
    id: string,
    tokenHash: string,
    now: number,
    call?: SessionCall,
  ): Promise<boolean> {
    if (this.live(id)) return false;
    const t = this.clock();
    this.sessions.set(id, {
      tokenHash,
      createdAt: now,
      lastActive: now,
      conversationCount: 0,
      expiresAt: t + this.limits.sessionTtlMs,
      prefs: {},
      cart: new Map(),
      history: [],
      historyExpiresAt: 0,
      shown: [],
      shownExpiresAt: 0,
      counters: new Map(),
      topics: new Map(),
      cache: new Map(),
      budgets: new Map(),
    });
    this.announce(id, 'session.created', call, now, {});
    while (this.sessions.size > this.limits.maxSessions) {
      const oldest = this.sessions.keys().next().value;
      if (oldest === undefined) break;
      this.sessions.delete(oldest);
      this.events.drop(oldest);
    }
    return true;
  }

  async authenticate(
    id: string,
    now: number,
    tokenHash: string,
    budget?: SessionBudget,
  ): Promise<SessionAuth | null> {
    const owner = this.live(id)?.tokenHash === tokenHash;
    // The owner's budget is charged as a request would charge it; strangers charge nothing.
    const s = owner && budget ? this.admit(id, { tokenHash, budget }) : this.live(id);
    if (!s) return null;
    if (owner && now - s.lastActive >= this.limits.touchIntervalMs) this.touch(id, s, now);
    return { tokenHash: s.tokenHash, createdAt: s.createdAt, lastActive: s.lastActive };
  }

  async getSession(id: string, access?: SessionAccess): Promise<SessionSnapshot | null> {
    const s = this.admit(id, access);
    if (!s) return null;
    this.touchIfDue(id, s, access);
    const topics = [...s.topics].map(([word, count]) => ({ word, count }));
    return {
      meta: {
        tokenHash: s.tokenHash,
        createdAt: s.createdAt,
        lastActive: s.lastActive,
        conversationCount: s.conversationCount,
      },
      preferences: structuredClone(s.prefs),
      cart: this.cartOf(s),
      analytics: decodeAnalytics(
        Object.fromEntries([...s.counters].map(([k, v]) => [k, String(v)])),
        topFive(topics),
      ),
    };
  }

  async sessionExists(id: string): Promise<boolean> {
    return this.live(id) !== undefined;
  }

  async deleteSession(id: string): Promise<boolean> {
    const existed = this.live(id) !== undefined;
    this.sessions.delete(id);
    this.events.drop(id);
    return existed;
  }

  async getPreferences(id: string, access?: SessionAccess): Promise<Preferences | null> {
    const s = this.admit(id, access);
    if (!s) return null;
    this.touchIfDue(id, s, access);
    return structuredClone(s.prefs);
  }

  async updatePreferences(id: string, patch: Preferences, now: number, call?: SessionCall) {
    const s = this.admit(id, call?.access);
    if (!s) return null;
    for (const [field, value] of Object.entries(patch)) {
      if (value !== undefined) Object.assign(s.prefs, { [field]: structuredClone(value) });
    }
    this.touch(id, s, now);
    this.announce(id, 'preferences.updated', call, now, { preferences: structuredClone(s.prefs) });
    return structuredClone(s.prefs);
  }

  private cartOf(s: MemorySession): CartLine[] {
    return sortCart([...s.cart.values()].map((l) => ({ ...l })));
  }

  private count(s: MemorySession, field: string, by = 1): void {
    s.counters.set(field, (s.counters.get(field) ?? 0) + by);
  }

  /** The lines as a cart write announces them (event-codec.ts completes the event). */
  private announcedLines(s: MemorySession): Record<string, unknown> {
    return { items: [...s.cart.values()].map((l) => ({ ...l })) };
  }

  async getCart(id: string, access?: SessionAccess): Promise<CartLine[] | null> {
    const s = this.admit(id, access);
    if (!s) return null;
    this.touchIfDue(id, s, access);
    return this.cartOf(s);
  }

  async cartAdd(id: string, item: CartItem, quantity: number, now: number, call?: SessionCall) {
    const s = this.admit(id, call?.access);
    if (!s) return null;
    const stored = storedCartItem(item);
    const line = s.cart.get(stored.sku);
    if (line) line.quantity += quantity;
    else s.cart.set(stored.sku, { ...stored, quantity, added_at: now });
    this.count(s, 'cart_adds');
    this.touch(id, s, now);
    this.announce(id, 'cart.updated', call, now, this.announcedLines(s));
    return this.cartOf(s);
  }

  cartRemove(id: string, sku: string, now: number, call?: SessionCall) {
    return this.cartSetQuantity(id, sku, 0, now, call);
  }

  async cartSetQuantity(
    id: string,
    sku: string,
    quantity: number,
    now: number,
    call?: SessionCall,
  ): Promise<CartMutation | null> {
    const s = this.admit(id, call?.access);
    if (!s) return null;
    const key = storedText(sku);
    const line = s.cart.get(key);
    if (line) {
      if (quantity <= 0) {
        s.cart.delete(key);
        this.count(s, 'cart_removes');
      } else {
        line.quantity = quantity;
      }
      this.touch(id, s, now);
      this.announce(id, 'cart.updated', call, now, this.announcedLines(s));
    }
    return { found: line !== undefined, cart: this.cartOf(s) };
  }

  async cartClear(id: string, now: number, call?: SessionCall) {
    const s = this.admit(id, call?.access);
    if (!s) return null;
    s.cart.clear();
    this.touch(id, s, now);
    this.announce(id, 'cart.updated', call, now, this.announcedLines(s));
    return [];
  }

  async getMessages(id: string, page: HistoryPage): Promise<MessagePage | null> {
    const s = this.live(id);
    if (!s) return null;
    const beforeScore = page.before === undefined ? Number.POSITIVE_INFINITY : page.before * 1000;
    const { olderThan } = page;
    const older = s.history.filter(
      (e) => e.score < beforeScore && (!olderThan || compareHistory(e, olderThan) < 0),
    );
    const start = Math.max(0, older.length - page.limit);
    const oldest = older[start];
    return {
      messages: older.slice(start).map((e) => ({ ...e.message })),
      next: start > 0 && oldest ? { score: oldest.score, seq: oldest.seq } : null,
    };
  }

  async loadTurnContext(
    id: string,
    historyLimit: number,
    opening: TurnOpening = {},
  ): Promise<TurnContext | null> {
    const s = this.admit(id, opening.access);
    if (!s) return null;
    this.touchIfDue(id, s, opening.access);
    const { cacheHash } = opening;
    return {
      preferences: structuredClone(s.prefs),
      history: s.history.slice(-historyLimit).map((e) => ({ ...e.message })),
      shown: [...s.shown],
      ...(s.search === undefined ? {} : { search: structuredClone(s.search) }),
      ...(cacheHash === undefined
        ? {}
        : {
            cached: {
              session: this.cached(s.cache.get(cacheHash)),
              shared: this.cached(this.sharedCache.get(cacheHash)),
            },
          }),
    };
  }

  private cached(entry: CachedValue | undefined): string | null {
    return entry && entry.exp > this.clock() ? entry.value : null;
  }

  async recordTurn(id: string, turn: TurnRecord, now: number, call: TurnCall = {}) {
    // Checked before any change, as the Redis script does: a turn is stored whole or not at all.
    const timestamps = turn.messages.map((m) => Date.parse(m.timestamp));
    const bad = turn.messages.findIndex(
      (m, i) => !Number.isFinite(timestamps[i]) || !ROLES.includes(m.role),
    );
    if (bad >= 0) throw new Error(`recordTurn: bad message ${bad + 1}`);
    // Through the same encoding as Redis (bounded, validated, well-formed), before any change.
    const shown = turn.shown && decodeShownState(encodeShownState(turn.shown, turn.search));
    const s = this.live(id);
    if (!s) return false;
    const t = this.clock();
    turn.messages.forEach((message, i) => {
      s.conversationCount += 1;
      const score = historyScore(timestamps[i] ?? 0, s.conversationCount);
      s.history.push({ score, seq: s.conversationCount, message: { ...message } });
      this.count(s, `${message.role}_messages`);
    });
    s.history.sort(compareHistory);
    if (s.history.length > this.limits.maxHistory) {
      s.history.splice(0, s.history.length - this.limits.maxHistory);
    }
    for (const topic of turn.topics) {
      const word = storedText(topic);
      s.topics.set(word, (s.topics.get(word) ?? 0) + 1);
    }
    if (s.topics.size > this.limits.maxTopics) {
      // Same rule as ZREMRANGEBYRANK: drop the lowest counts (ties by word, descending).
      const ranked = [...s.topics].sort((a, b) => a[1] - b[1] || byCodeUnit(a[0], b[0]));
      for (const [word] of ranked.slice(0, s.topics.size - this.limits.maxTopics)) {
        s.topics.delete(word);
      }
    }
    if (shown) {
      s.shown = shown.shown;
      if (shown.search === undefined) delete s.search;
      else s.search = shown.search;
    }
    s.shownExpiresAt = t + this.limits.conversationTtlMs;
    if (turn.cached) this.count(s, 'cache_hits');
    if (turn.llmCall) this.count(s, 'llm_calls');
    if (turn.injection) this.count(s, 'injection_attempts');
    s.historyExpiresAt = t + this.limits.conversationTtlMs;
    this.touch(id, s, now);
    if (call.cache) {
      const { shared, hash, value, ttlSeconds } = call.cache;
      this.cacheEntry(shared ? null : s, hash, value, ttlSeconds);
    }
    const events = call.events ?? [];
    for (const e of events) {
      this.events.append({ type: e.type, sessionId: id, timestamp: e.timestamp, data: e.data });
      this.activity({ sessionId: id, now, counters: e.counters, topics: [], messages: 0 });
    }
    if (events.length > 0) {
      this.activity({
        sessionId: id,
        now,
        counters: {},
        topics: turn.topics,
        messages: turn.messages.length,
      });
    }
    return true;
  }

  async cacheGet(sessionId: string | null, hash: string): Promise<string | null> {
    const t = this.clock();
    const entry =
      sessionId === null ? this.sharedCache.get(hash) : this.live(sessionId)?.cache.get(hash);
    return entry && entry.exp > t ? entry.value : null;
  }

  async cacheSet(sessionId: string | null, hash: string, value: string, ttlSeconds: number) {
    const s = sessionId === null ? null : this.live(sessionId);
    if (s !== undefined) this.cacheEntry(s, hash, value, ttlSeconds);
  }

  /** `s` null: the shared cache. */
  private cacheEntry(s: MemorySession | null, hash: string, value: string, ttlSeconds: number) {
    const entry = { exp: this.clock() + ttlSeconds * 1000, value };
    if (s === null) {
      this.sharedCache.delete(hash);
      this.sharedCache.set(hash, entry);
      if (this.sharedCache.size > SHARED_CACHE_LIMIT) {
        const oldest = this.sharedCache.keys().next().value;
        if (oldest !== undefined) this.sharedCache.delete(oldest);
      }
      return;
    }
    if (s.cache.size >= this.limits.maxSessionCache) s.cache.clear();
    s.cache.set(hash, entry);
  }

  async putDocuments(docs: KnowledgeDoc[]): Promise<void> {
    for (const d of docs) this.docs.set(storedText(d.id), structuredClone(d));
    this.docsVersion += 1;
  }

  async documentsVersion(): Promise<number> {
    return this.docsVersion;
  }

  async listDocuments(): Promise<KnowledgeDoc[]> {
    return [...this.docs.values()]
      .map((d) => structuredClone(d))
      .sort((a, b) => byCodeUnit(a.id, b.id));
  }

  async deleteDocuments(ids: readonly string[]): Promise<string[]> {
    if (ids.length === 0) return [];
    const removed = [...new Set(ids)].filter((id) => this.docs.delete(storedText(id)));
    this.docsVersion += 1;
    return removed;
  }

  async getSynonyms(): Promise<{ synonyms: StoreSynonyms | null; version: number }> {
    return { synonyms: structuredClone(this.synonyms), version: this.synonymsVersionCount };
  }

  async setSynonyms(synonyms: StoreSynonyms): Promise<number> {
    this.synonyms = structuredClone(synonyms);
    this.synonymsVersionCount += 1;
    return this.synonymsVersionCount;
  }

  async synonymsVersion(): Promise<number> {
    return this.synonymsVersionCount;
  }

  async appendEvent(event: NewEvent): Promise<StoredEvent> {
    return this.events.append(event);
  }

  async readSessionEvents(sessionId: string, afterId: string | undefined, count: number) {
    return this.events.readSession(sessionId, afterId, count);
  }

  async readGlobalEvents(afterId: string | undefined, count: number) {
    return this.events.readGlobal(afterId, count);
  }

  tailGlobalEvents(afterId: string, blockMs: number, count: number) {
    return this.events.tail(afterId, blockMs, count);
  }

  async lastGlobalEventId(): Promise<string> {
    return this.events.lastId();
  }

  async appendAnswerLog(streamId: string, entries: AnswerLogEntry[], ttlMs: number) {
    const log = this.answers.get(streamId) ?? { entries: [], expiresAt: 0 };
    for (const e of entries) {
      const last = log.entries.at(-1)?.seq ?? 0;
      if (e.seq <= last) throw new Error(`answer log ids must increase (${e.seq} after ${last})`);
      log.entries.push({ ...e });
    }
    log.expiresAt = this.clock() + ttlMs;
    this.answers.set(streamId, log);
  }

  async readAnswerLog(streamId: string, afterSeq: number, count: number) {
    const log = this.answers.get(streamId);
    if (!log || log.expiresAt <= this.clock()) {
      this.answers.delete(streamId);
      return [];
    }
    return log.entries.filter((e) => e.seq > afterSeq).slice(0, count);
  }

  async recordActivity(a: Activity): Promise<void> {
    this.activity(a);
  }

  private activity(a: Activity): void {
    this.active.set(a.sessionId, a.now);
    for (const [field, by] of Object.entries(a.counters)) {
      this.stats.set(field, (this.stats.get(field) ?? 0) + by);
    }
    for (const topic of a.topics) {
      const word = storedText(topic);
      this.globalTopics.set(word, (this.globalTopics.get(word) ?? 0) + 1);
    }
    if (a.messages > 0) {
      const minute = Math.floor(a.now / 60_000);
      this.minutes.set(minute, (this.minutes.get(minute) ?? 0) + a.messages);
      for (const m of this.minutes.keys()) if (m < minute - 120) this.minutes.delete(m);
    }
  }

  async readOverview(now: number, windowMs: number, minutes: number): Promise<Overview> {
    let activeSessions = 0;
    for (const [id, at] of this.active) {
      if (at < now - 86_400_000) this.active.delete(id);
      else if (at >= now - windowMs) activeSessions += 1;
    }
    const current = Math.floor(now / 60_000);
    return {
      activeSessions,
      counters: Object.fromEntries(this.stats),
      topTopics: topTen([...this.globalTopics].map(([word, count]) => ({ word, count }))),
      messagesPerMinute: Array.from({ length: minutes }, (_, i) => {
        const m = current - minutes + 1 + i;
        return { minute: new Date(m * 60_000).toISOString(), count: this.minutes.get(m) ?? 0 };
      }),
    };
  }

  createRateLimiter(spec: RateLimitSpec) {
    return new RateLimiterMemory({
      keyPrefix: spec.keyPrefix,
      points: spec.points,
      duration: spec.durationSeconds,
    });
  }

  async ping(): Promise<number> {
    return 0;
  }

  async close(): Promise<void> {
    clearInterval(this.sweeper);
  }

  /** For tests and the README's claim: how many sessions are held. */
  get size(): number {
    return this.sessions.size;
  }
}
