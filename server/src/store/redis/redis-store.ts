import {
  type CartLine,
  isEndingEvent,
  type KnowledgeDoc,
  type Preferences,
  type StoreSynonyms,
} from '@aisle/shared';
import type { Cluster, Redis } from 'ioredis';
import { RateLimiterRedis } from 'rate-limiter-flexible';
import { StoreUnavailableError } from '../../errors';
import {
  byCodeUnit,
  type CachedValue,
  decodeAnalytics,
  decodeCart,
  decodeMessage,
  decodePreferences,
  decodeTopics,
  encodePreferences,
  storedCartItem,
  topFive,
  topTen,
} from '../codec';
import { DELETED_EVENTS_TTL_MS, decodeEvent, eventFields } from '../event-codec';
import { compareHistory, seqOfMember } from '../history-order';
import { globalKeys, sessionKeyList, sessionKeys, sharedCacheKey } from '../keys';
import { decodeShownState, encodeShownState } from '../shown-state';
import {
  type Activity,
  type AnswerLogEntry,
  type CartItem,
  type CartMutation,
  DEFAULT_EVENT_LIMITS,
  type EventLogLimits,
  type HistoryPage,
  type HistoryPosition,
  type MessagePage,
  type NewEvent,
  type Overview,
  type RateLimitSpec,
  type SessionAuth,
  type SessionSnapshot,
  type Store,
  type StoredEvent,
  type StoreLimits,
  type TurnContext,
  type TurnRecord,
} from '../types';
import { duplicateForBlocking, type RedisClient, waitUntilReady } from './connection';
import { withDeadline } from './deadline';
import { defineSessionScripts, type ScriptClient, type ScriptName, scriptKeys } from './scripts';

/** Replies that mean "Redis is not serving right now", as opposed to a bug in a script. */
const TRANSIENT_REPLY = /^(LOADING|CLUSTERDOWN|TRYAGAIN|MASTERDOWN|READONLY|BUSY)/;

function isTransient(err: unknown): boolean {
  if (!(err instanceof Error)) return true;
  if (err.name === 'ReplyError') return TRANSIENT_REPLY.test(err.message);
  return true; // connection closed, not writeable, timed out, retries exhausted
}

function rethrowMapped(err: unknown): never {
  throw isTransient(err) ? new StoreUnavailableError(err) : err;
}

interface ScoredMember extends HistoryPosition {
  member: string;
}

/** A WITHSCORES reply: member, score, member, score... */
function scoredMembers(reply: string[]): ScoredMember[] {
  const out: ScoredMember[] = [];
  for (let i = 0; i + 1 < reply.length; i += 2) {
    const member = reply[i] as string;
    out.push({ member, score: Number(reply[i + 1]), seq: seqOfMember(member) });
  }
  return out;
}

/** The client's own command timeout: the bound every store call is held to. */
function commandTimeoutOf(client: RedisClient): number {
  const options =
    'isCluster' in client && client.isCluster
      ? (client as Cluster).options.redisOptions
      : (client as Redis).options;
  return options?.commandTimeout ?? 1000;
}

/** A rate limiter whose calls keep the store's bound (it talks to Redis itself). */
class DeadlineRateLimiter extends RateLimiterRedis {
  constructor(
    options: ConstructorParameters<typeof RateLimiterRedis>[0],
    private readonly deadlineMs: number,
  ) {
    super(options);
  }

  override consume(...args: Parameters<RateLimiterRedis['consume']>) {
    return withDeadline(super.consume(...args), this.deadlineMs);
  }
}

export class RedisStore implements Store {
  readonly kind = 'redis' as const;
  private readonly global;
  private readonly eventLimits: EventLogLimits;
  private blocking: RedisClient | undefined;
  private readonly scripts: ScriptClient;
  /** Every store call fails with STORE_UNAVAILABLE this long after it was made. */
  private readonly deadlineMs: number;
  private closed = false;
  /** Set once a call timed out with the connection up; cleared by the next call answered. */
  private stalled = false;
  private readonly stallExpired = () => {
    if (this.stalled) return;
    this.stalled = true;
    this.onStall?.(true);
  };
  private readonly stallAnswered = () => {
    if (!this.stalled) return;
    this.stalled = false;
    this.onStall?.(false);
  };

  constructor(
    private readonly client: RedisClient,
    private readonly limits: StoreLimits,
    private readonly prefix = 'aisle',
    /**
     * A Redis that stops answering with its connection open (no 'close' to see): told true
     * at the first call past its deadline, false at the next call answered (outage logging).
     */
    private readonly onStall?: (stalled: boolean) => void,
  ) {
    this.global = globalKeys(prefix);
    this.eventLimits = limits.events ?? DEFAULT_EVENT_LIMITS;
    this.scripts = defineSessionScripts(client);
    this.deadlineMs = commandTimeoutOf(client);
  }

  /**
   * Maps connection failures to the typed STORE_UNAVAILABLE (script bugs stay internal), within
   * the command timeout of when the call was made.
   */
  private guard<T>(op: () => Promise<T>): Promise<T> {
    try {
      const call = withDeadline(op(), this.deadlineMs, this.onStall && this.stallExpired);
      // Only while stalled does a call pay for being watched.
      if (this.stalled) call.then(this.stallAnswered, () => {});
      return call.catch(rethrowMapped);
    } catch (err) {
      return rethrowMapped(err);
    }
  }

  /** Runs a session script with the keys it takes, then the ARGV every script shares. */
  private script(name: ScriptName, id: string, now: number, ...args: (string | number)[]) {
    const keys = scriptKeys(name, sessionKeys(this.prefix, id));
    const { sessionTtlMs, conversationTtlMs } = this.limits;
    return this.guard(() =>
      this.scripts[name](...keys, now, sessionTtlMs, conversationTtlMs, ...args),
    );
  }

  async createSession(id: string, tokenHash: string, now: number): Promise<boolean> {
    return (await this.script('create_session', id, now, tokenHash)) === 1;
  }

  async authenticate(id: string, now: number, tokenHash: string): Promise<SessionAuth | null> {
    const r = (await this.script(
      'authenticate',
      id,
      now,
      this.limits.touchIntervalMs,
      tokenHash,
    )) as [string, string, string] | null;
    if (!r) return null;
    return { tokenHash: r[0], createdAt: Number(r[1]), lastActive: Number(r[2]) };
  }

  async getSession(id: string): Promise<SessionSnapshot | null> {
    const k = sessionKeys(this.prefix, id);
    const [meta, prefs, cart, counters, topics] = await this.guard(() =>
      this.exec(
        this.client
          .multi()
          .hgetall(k.meta)
          .hgetall(k.prefs)
          .hvals(k.cart)
          .hgetall(k.analytics)
          .zrevrange(k.topics, 0, 19, 'WITHSCORES'),
      ),
    );
    const m = meta as Record<string, string>;
    if (!m.token_hash) return null;
    return {
      meta: {
        tokenHash: m.token_hash,
        createdAt: Number(m.created_at),
        lastActive: Number(m.last_active),
        conversationCount: Number(m.conversation_count ?? 0),
      },
      preferences: decodePreferences(prefs as Record<string, string>),
      cart: decodeCart(cart as string[]),
      analytics: decodeAnalytics(
        counters as Record<string, string>,
        topFive(decodeTopics(topics as string[])),
      ),
    };
  }

  async sessionExists(id: string): Promise<boolean> {
    const meta = sessionKeys(this.prefix, id).meta;
    return (await this.guard(() => this.client.exists(meta))) === 1;
  }

  async deleteSession(id: string): Promise<boolean> {
    const keys = sessionKeyList(sessionKeys(this.prefix, id));
    const [meta] = keys;
    const removed = await this.guard(async () => {
      const [existed] = await this.exec(
        this.client
          .multi()
          .exists(meta as string)
          .del(...keys),
      );
      return existed === 1;
    });
    return removed;
  }

  async getPreferences(id: string): Promise<Preferences | null> {
    const k = sessionKeys(this.prefix, id);
    const [exists, prefs] = await this.guard(() =>
      this.exec(this.client.multi().exists(k.meta).hgetall(k.prefs)),
    );
    return exists === 1 ? decodePreferences(prefs as Record<string, string>) : null;
  }

  async updatePreferences(id: string, patch: Preferences, now: number) {
    const r = (await this.script('update_preferences', id, now, ...encodePreferences(patch))) as
      | string[]
      | null;
    return r ? decodePreferences(pairs(r)) : null;
  }

  async getCart(id: string): Promise<CartLine[] | null> {
    const k = sessionKeys(this.prefix, id);
    const [exists, cart] = await this.guard(() =>
      this.exec(this.client.multi().exists(k.meta).hvals(k.cart)),
    );
    return exists === 1 ? decodeCart(cart as string[]) : null;
  }

  async cartAdd(id: string, item: CartItem, quantity: number, now: number) {
    const line = storedCartItem(item);
    const r = (await this.script('cart_add', id, now, line.sku, JSON.stringify(line), quantity)) as
      | string[]
      | null;
    return r ? decodeCart(r) : null;
  }

  cartRemove(id: string, sku: string, now: number): Promise<CartMutation | null> {
    return this.cartSetQuantity(id, sku, 0, now);
  }

  async cartSetQuantity(id: string, sku: string, quantity: number, now: number) {
    const r = (await this.script('cart_set_quantity', id, now, sku, quantity)) as
      | [number, ...string[]]
      | null;
    if (!r) return null;
    const [found, ...lines] = r;
    return { found: found === 1, cart: decodeCart(lines) };
  }

  async cartClear(id: string, now: number) {
    return (await this.script('cart_clear', id, now)) === 1 ? [] : null;
  }

  /**
   * One MULTI: the newest `limit + 1` members strictly below the bound (the extra one tells
   * whether an older page exists) and, when continuing from a position, the members that share
   * its score, of which those ordered before it belong to this page too.
   */
  async getMessages(id: string, page: HistoryPage): Promise<MessagePage | null> {
    const k = sessionKeys(this.prefix, id);
    const beforeScore = page.before === undefined ? Number.POSITIVE_INFINITY : page.before * 1000;
    const from = page.olderThan;
    const bound = Math.min(beforeScore, from?.score ?? Number.POSITIVE_INFINITY);
    const max = bound === Number.POSITIVE_INFINITY ? '+inf' : `(${bound}`;
    const withTies = from !== undefined && from.score < beforeScore;
    const [exists, below, ties] = await this.guard(() => {
      const multi = this.client
        .multi()
        .exists(k.meta)
        .zrevrangebyscore(k.history, max, '-inf', 'WITHSCORES', 'LIMIT', 0, page.limit + 1);
      if (withTies) multi.zrangebyscore(k.history, from.score, from.score, 'WITHSCORES');
      return this.exec(multi);
    });
    if (exists !== 1) return null;
    const tiesBefore = withTies
      ? scoredMembers(ties as string[])
          .filter((m) => compareHistory(m, from) < 0)
          .reverse()
      : [];
    const newestFirst = [...tiesBefore, ...scoredMembers(below as string[])];
    const taken = newestFirst.slice(0, page.limit).reverse();
    const oldest = taken[0];
    return {
      messages: taken.map((m) => decodeMessage(m.member)),
      next:
        newestFirst.length > page.limit && oldest ? { score: oldest.score, seq: oldest.seq } : null,
    };
  }

  async loadTurnContext(id: string, historyLimit: number): Promise<TurnContext | null> {
    const k = sessionKeys(this.prefix, id);
    const [exists, prefs, history, shown] = await this.guard(() =>
      this.exec(
        this.client
          .multi()
          .exists(k.meta)
          .hgetall(k.prefs)
          .zrange(k.history, String(-historyLimit), '-1')
          .get(k.shown),
      ),
    );
    if (exists !== 1) return null;
    return {
      preferences: decodePreferences(prefs as Record<string, string>),
      history: (history as string[]).map(decodeMessage),
      ...decodeShownState(shown as string | null),
    };
  }

  async recordTurn(id: string, turn: TurnRecord, now: number): Promise<boolean> {
    // The role travels as its own argument so the script never decodes the message.
    const messageArgs = turn.messages.flatMap((m) => [
      Date.parse(m.timestamp),
      m.role,
      JSON.stringify(m),
    ]);
    const r = await this.script(
      'record_turn',
      id,
      now,
      this.limits.maxHistory,
      this.limits.maxTopics,
      turn.shown ? encodeShownState(turn.shown, turn.search) : '',
      turn.cached ? 1 : 0,
      turn.llmCall ? 1 : 0,
      turn.injection ? 1 : 0,
      turn.messages.length,
      ...messageArgs,
      ...turn.topics,
    );
    return Number(r) > 0;
  }

  async cacheGet(sessionId: string | null, hash: string): Promise<string | null> {
    if (sessionId === null) {
      return this.guard(() => this.client.get(sharedCacheKey(this.prefix, hash)));
    }
    const raw = await this.guard(() =>
      this.client.hget(sessionKeys(this.prefix, sessionId).cache, hash),
    );
    if (!raw) return null;
    const cached = JSON.parse(raw) as CachedValue;
    return cached.exp > Date.now() ? cached.value : null;
  }

  async cacheSet(sessionId: string | null, hash: string, value: string, ttlSeconds: number) {
    if (sessionId === null) {
      await this.guard(() =>
        this.client.set(sharedCacheKey(this.prefix, hash), value, 'EX', ttlSeconds),
      );
      return;
    }
    const entry: CachedValue = { exp: Date.now() + ttlSeconds * 1000, value };
    await this.script(
      'session_cache_set',
      sessionId,
      Date.now(),
      hash,
      JSON.stringify(entry),
      this.limits.maxSessionCache,
    );
  }

  async putDocuments(docs: KnowledgeDoc[]): Promise<void> {
    if (docs.length === 0) return;
    const flat = docs.flatMap((d) => [d.id, JSON.stringify(d)]);
    // One slot (keys.ts): the write and the bump readers watch are one transaction.
    const { docs: key, docsVersion } = this.global;
    await this.guard(() =>
      this.exec(
        this.client
          .multi()
          .hset(key, ...flat)
          .incr(docsVersion),
      ),
    );
  }

  async documentsVersion(): Promise<number> {
    return Number((await this.guard(() => this.client.get(this.global.docsVersion))) ?? 0);
  }

  async listDocuments(): Promise<KnowledgeDoc[]> {
    const all = await this.guard(() => this.client.hgetall(this.global.docs));
    return Object.values(all)
      .map((v) => JSON.parse(v) as KnowledgeDoc)
      .sort((a, b) => byCodeUnit(a.id, b.id));
  }

  async deleteDocuments(ids: readonly string[]): Promise<string[]> {
    if (ids.length === 0) return [];
    const unique = [...new Set(ids)];
    const { docs: key, docsVersion } = this.global;
    // HMGET inside the transaction tells which ids were there when they were deleted.
    const [found] = await this.guard(() =>
      this.exec(
        this.client
          .multi()
          .hmget(key, ...unique)
          .hdel(key, ...unique)
          .incr(docsVersion),
      ),
    );
    const values = Array.isArray(found) ? found : [];
    return unique.filter((_, i) => values[i] !== null && values[i] !== undefined);
  }

  async getSynonyms(): Promise<{ synonyms: StoreSynonyms | null; version: number }> {
    const { synonyms: key, synonymsVersion } = this.global;
    const [json, version] = await this.guard(() =>
      this.exec(this.client.multi().get(key).get(synonymsVersion)),
    );
    return {
      synonyms: typeof json === 'string' ? (JSON.parse(json) as StoreSynonyms) : null,
      version: Number(version ?? 0),
    };
  }

  async setSynonyms(synonyms: StoreSynonyms): Promise<number> {
    const { synonyms: key, synonymsVersion } = this.global;
    // One slot (keys.ts): the replacement and the bump readers watch are one transaction.
    const [, version] = await this.guard(() =>
      this.exec(this.client.multi().set(key, JSON.stringify(synonyms)).incr(synonymsVersion)),
    );
    return Number(version);
  }

  async synonymsVersion(): Promise<number> {
    return Number((await this.guard(() => this.client.get(this.global.synonymsVersion))) ?? 0);
  }

  async appendEvent(event: NewEvent): Promise<StoredEvent> {
    const fields = eventFields(event);
    const ttl = isEndingEvent(event.type) ? DELETED_EVENTS_TTL_MS : this.limits.sessionTtlMs;
    const sessionEventId = String(
      await this.script(
        'append_event',
        event.sessionId,
        Date.now(),
        this.eventLimits.sessionMax,
        ttl,
        ...fields,
      ),
    );
    const globalEventId = (await this.guard(() =>
      this.client.xadd(
        this.global.events,
        'MAXLEN',
        '~',
        this.eventLimits.globalMax,
        '*',
        ...fields,
        'seid',
        sessionEventId,
      ),
    )) as string;
    return { ...event, sessionEventId, globalEventId };
  }

  async readSessionEvents(sessionId: string, afterId: string | undefined, count: number) {
    const key = sessionKeys(this.prefix, sessionId).events;
    const start = afterId ? `(${afterId}` : '-';
    const entries = await this.guard(() => this.client.xrange(key, start, '+', 'COUNT', count));
    return entries.map(([id, f]) => decodeEvent(id, f, 'session'));
  }

  async readGlobalEvents(afterId: string | undefined, count: number) {
    const start = afterId ? `(${afterId}` : '-';
    const entries = await this.guard(() =>
      this.client.xrange(this.global.events, start, '+', 'COUNT', count),
    );
    return entries.map(([id, f]) => decodeEvent(id, f, 'global'));
  }

  async tailGlobalEvents(afterId: string, blockMs: number, count: number) {
    if (this.closed) throw new StoreUnavailableError(new Error('store closed'));
    // Blocking reads get their own connection, without the short command timeout.
    this.blocking ??= duplicateForBlocking(this.client, blockMs);
    const blocking = this.blocking;
    const reply = await this.guard(async () => {
      if (blocking.status !== 'ready') await waitUntilReady(blocking, 2000);
      return blocking.xread(
        'COUNT',
        count,
        'BLOCK',
        blockMs,
        'STREAMS',
        this.global.events,
        afterId,
      );
    });
    const entries = reply?.[0]?.[1] ?? [];
    return entries.map(([id, f]) => decodeEvent(id, f, 'global'));
  }

  async lastGlobalEventId(): Promise<string> {
    const last = await this.guard(() =>
      this.client.xrevrange(this.global.events, '+', '-', 'COUNT', 1),
    );
    return last[0]?.[0] ?? '0-0';
  }

  async appendAnswerLog(streamId: string, entries: AnswerLogEntry[], ttlMs: number) {
    if (entries.length === 0) return;
    const key = this.global.answer(streamId);
    const multi = this.client.multi();
    for (const e of entries) multi.xadd(key, `0-${e.seq}`, 'e', e.event);
    multi.pexpire(key, ttlMs);
    await this.guard(() => this.exec(multi));
  }

  async readAnswerLog(streamId: string, afterSeq: number, count: number) {
    const key = this.global.answer(streamId);
    const entries = await this.guard(() =>
      this.client.xrange(key, `(0-${afterSeq}`, '+', 'COUNT', count),
    );
    return entries.map(([id, fields]) => ({
      seq: Number(id.split('-')[1]),
      event: fields[1] ?? '{}',
    }));
  }

  async recordActivity(a: Activity): Promise<void> {
    const g = this.global;
    const minute = g.minute(Math.floor(a.now / 60_000));
    // Different slots on a cluster, so separate commands, all issued before any is awaited.
    const ops: Promise<unknown>[] = [this.client.zadd(g.active, a.now, a.sessionId)];
    for (const [field, by] of Object.entries(a.counters))
      ops.push(this.client.hincrby(g.stats, field, by));
    for (const word of a.topics) ops.push(this.client.zincrby(g.topics, 1, word));
    if (a.messages > 0) {
      ops.push(this.client.incrby(minute, a.messages), this.client.expire(minute, 7200));
    }
    await this.guard(() => Promise.all(ops));
  }

  async readOverview(now: number, windowMs: number, minutes: number): Promise<Overview> {
    const g = this.global;
    const current = Math.floor(now / 60_000);
    const buckets = Array.from({ length: minutes }, (_, i) => current - minutes + 1 + i);
    const [active, , stats, topics, counts] = await this.guard(() =>
      Promise.all([
        this.client.zcount(g.active, now - windowMs, '+inf'),
        // Keep the index small: sessions idle past a day are dropped from it.
        this.client.zremrangebyscore(g.active, '-inf', now - 86_400_000),
        this.client.hgetall(g.stats),
        this.client.zrevrange(g.topics, 0, 19, 'WITHSCORES'),
        this.client.mget(...buckets.map((m) => g.minute(m))),
      ]),
    );
    return {
      activeSessions: active,
      counters: Object.fromEntries(Object.entries(stats).map(([k, v]) => [k, Number(v)])),
      topTopics: topTen(decodeTopics(topics)),
      messagesPerMinute: buckets.map((m, i) => ({
        minute: new Date(m * 60_000).toISOString(),
        count: Number(counts[i] ?? 0),
      })),
    };
  }

  createRateLimiter(spec: RateLimitSpec) {
    return new DeadlineRateLimiter(
      {
        storeClient: this.client,
        keyPrefix: this.global.rateLimit(spec.keyPrefix),
        points: spec.points,
        duration: spec.durationSeconds,
      },
      this.deadlineMs,
    );
  }

  async ping(): Promise<number> {
    const started = performance.now();
    await this.guard(() => this.client.ping());
    return performance.now() - started;
  }

  async close(): Promise<void> {
    this.closed = true;
    this.blocking?.disconnect();
    await this.client.quit().catch(() => this.client.disconnect());
  }

  /** Runs a MULTI and unwraps its replies, rethrowing the first command error. */
  private async exec(multi: ReturnType<RedisClient['multi']>): Promise<unknown[]> {
    const replies = await multi.exec();
    if (!replies) throw new Error('MULTI was aborted');
    return replies.map(([err, value]) => {
      if (err) throw err;
      return value;
    });
  }
}

function pairs(flat: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i + 1 < flat.length; i += 2) out[flat[i] as string] = flat[i + 1] as string;
  return out;
}
