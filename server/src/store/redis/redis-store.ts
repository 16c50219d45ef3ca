import {
  type CartLine,
  isEndingEvent,
  type KnowledgeDoc,
  type Preferences,
  type StoreSynonyms,
} from '@aisle/shared';
import type { Cluster, Redis } from 'ioredis';
import { RateLimiterRedis } from 'rate-limiter-flexible';
import { SessionBudgetError, StoreUnavailableError } from '../../errors';
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
  ACTIVE_INDEX_KEPT_MS,
  type Activity,
  type AnswerLogEntry,
  type CartItem,
  type CartMutation,
  DEFAULT_EVENT_LIMITS,
  type EventLogLimits,
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

/** A request script's refusal for a spent budget: `AISLE_BUDGET <name> <ms before next>`. */
const BUDGET_REPLY = /AISLE_BUDGET (\S+) (\d+)/;

function budgetError(err: unknown): SessionBudgetError | undefined {
  if (!(err instanceof Error) || err.name !== 'ReplyError') return undefined;
  const m = BUDGET_REPLY.exec(err.message);
  return m ? new SessionBudgetError(m[1] ?? '', Number(m[2])) : undefined;
}

/** Dashboard counters as a request script reads them: "field:by field:by". */
const counterSpec = (counters: Record<string, number>): string =>
  Object.entries(counters)
    .map(([field, by]) => `${field}:${Math.trunc(by)}`)
    .join(' ');

const parseCounters = (spec: string): [string, number][] =>
  spec
    .split(' ')
    .filter(Boolean)
    .map((pair) => {
      const at = pair.lastIndexOf(':');
      return [pair.slice(0, at), Number(pair.slice(at + 1))];
    });

/** What a question's turn adds to the global side besides its events (record_turn). */
interface TurnGlobals {
  /** The user's topic words and the messages stored, for the dashboard. */
  topics?: string[];
  messages?: number;
  /** The shared answer's cache key: read (open_turn) or written (record_turn). */
  sharedCacheHash?: string;
  sharedCache?: { hash: string; value: string; ttlSeconds: number };
}

/** What the request scripts announce, by script (each file's header says so too). */
const EVENT_OF = {
  create_session: 'session.created',
  read_session: '',
  open_turn: '',
  record_turn: '',
  update_preferences: 'preferences.updated',
  cart_add: 'cart.updated',
  cart_set_quantity: 'cart.updated',
  cart_clear: 'cart.updated',
} as const;
type RequestScript = keyof typeof EVENT_OF;

export interface RedisStoreOptions {
  /**
   * Where an event's global side (global log, dashboard counters, active index) is written:
   * 'inline' in the request's own script (one round trip; a single Redis node only), or
   * 'pipelined' as one batch after it (Redis Cluster, where those keys live in other slots).
   * Default: 'pipelined' on a cluster client, else 'inline'.
   */
  globalWrites?: 'inline' | 'pipelined';
  /**
   * Told when a pipelined global write fails after its session write succeeded: the request
   * still succeeds (retrying it would repeat the write); the dashboard misses the event.
   */
  onGlobalWriteFailed?: (err: unknown) => void;
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
  private readonly globalInline: boolean;
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
    private readonly options: RedisStoreOptions = {},
  ) {
    this.global = globalKeys(prefix);
    const cluster = 'isCluster' in client && client.isCluster === true;
    this.globalInline = (options.globalWrites ?? (cluster ? 'pipelined' : 'inline')) === 'inline';
    if (cluster && this.globalInline) {
      throw new Error(
        "globalWrites 'inline' needs a single Redis node: on a cluster the keys span slots",
      );
    }
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

  /**
   * Runs a request script (`_request.lua`): the caller checked, its budget charged, the work
   * and its event, in one round trip to the session's slot; on a cluster, the event's global
   * side follows as one pipelined batch. Null when the session is missing or not the caller's;
   * else the script's own reply after the event's session id and data.
   */
  private async request(
    name: RequestScript,
    id: string,
    now: number,
    call: SessionCall | undefined,
    own: (string | number)[],
    turn?: TurnGlobals,
  ): Promise<unknown[] | null> {
    const keys = scriptKeys(name, sessionKeys(this.prefix, id));
    const globalKeys = this.globalInline ? this.globalKeysOf(name, now, turn?.sharedCacheHash) : [];
    const { access, event } = call ?? {};
    const budget = access?.budget;
    const eventType = event ? EVENT_OF[name] : '';
    const { sessionTtlMs, conversationTtlMs, touchIntervalMs } = this.limits;
    const reply = (await this.guard(() =>
      this.scripts[name](
        keys.length + globalKeys.length,
        ...keys,
        ...globalKeys,
        now,
        sessionTtlMs,
        conversationTtlMs,
        access?.tokenHash ?? '',
        touchIntervalMs,
        budget?.name ?? '',
        budget?.points ?? 0,
        budget?.windowMs ?? 0,
        eventType,
        event?.timestamp ?? '',
        event ? JSON.stringify(event.data) : '{}',
        event ? counterSpec(event.counters) : '',
        this.eventLimits.sessionMax,
        this.eventLimits.globalMax,
        id,
        globalKeys.length,
        ...own,
      ),
    ).catch((err: unknown) => {
      throw budgetError(err) ?? err;
    })) as [string[], ...unknown[]] | null;
    if (!reply) return null;
    const [announced, ...rest] = reply;
    if (!this.globalInline && (announced.length > 0 || turn?.sharedCache)) {
      await this.writeGlobalSide(id, now, announced, turn);
    }
    return rest;
  }

  /**
   * The global keys a request script gets on a single node, in `_request.lua`'s order, and
   * only as many as it uses (each key is an argument to encode and send): the global log, the
   * counters and the active index for a script that announces; a turn also the topics, this
   * minute's message count and a shared answer's cache key; a read none, but a question's
   * opening the shared answer's key.
   */
  private globalKeysOf(name: RequestScript, now: number, sharedCacheHash?: string): string[] {
    const g = this.global;
    const shared =
      sharedCacheHash === undefined ? [] : [sharedCacheKey(this.prefix, sharedCacheHash)];
    switch (name) {
      case 'read_session':
        return [];
      case 'open_turn':
        return shared;
      case 'record_turn':
        return [
          g.events,
          g.stats,
          g.active,
          g.topics,
          g.minute(Math.floor(now / 60_000)),
          ...shared,
        ];
      default:
        return [g.events, g.stats, g.active];
    }
  }

  /**
   * The global side of a request on a cluster, where those keys live in other slots: each
   * announced event's global log entry and counters, the active index, a turn's topics and
   * messages per minute, a shared answer cached; all sent before any is awaited (one
   * pipelined batch). `announced` is the script's: entry id, type, timestamp, data, counters.
   */
  private async writeGlobalSide(
    id: string,
    now: number,
    announced: string[],
    turn: TurnGlobals | undefined,
  ): Promise<void> {
    const g = this.global;
    const ops: Promise<unknown>[] = [];
    for (let i = 0; i + 4 < announced.length; i += 5) {
      const [seid, type, ts, data, counters] = announced.slice(i, i + 5) as string[];
      ops.push(
        this.client.xadd(
          g.events,
          'MAXLEN',
          '~',
          this.eventLimits.globalMax,
          '*',
          ...['type', type ?? '', 'sid', id, 'ts', ts ?? '', 'data', data ?? '{}'],
          'seid',
          seid ?? '',
        ),
      );
      for (const [field, by] of parseCounters(counters ?? ''))
        ops.push(this.client.hincrby(g.stats, field, by));
    }
    if (announced.length > 0) {
      ops.push(...this.activeIndexWrites(now, id), ...this.topicWrites(turn?.topics ?? []));
      if (turn?.messages) {
        const minute = g.minute(Math.floor(now / 60_000));
        ops.push(this.client.incrby(minute, turn.messages), this.client.expire(minute, 7200));
      }
    }
    const cache = turn?.sharedCache;
    if (cache) {
      ops.push(
        this.client.set(
          sharedCacheKey(this.prefix, cache.hash),
          cache.value,
          'EX',
          cache.ttlSeconds,
        ),
      );
    }
    try {
      await this.guard(() => Promise.all(ops));
    } catch (err) {
      this.options.onGlobalWriteFailed?.(err);
    }
  }

  async createSession(
    id: string,
    tokenHash: string,
    now: number,
    call?: SessionCall,
  ): Promise<boolean> {
    const r = await this.request('create_session', id, now, call, [tokenHash]);
    return r?.[0] === 1;
  }

  async authenticate(
    id: string,
    now: number,
    tokenHash: string,
    budget?: SessionBudget,
  ): Promise<SessionAuth | null> {
    const r = (await this.script(
      'authenticate',
      id,
      now,
      this.limits.touchIntervalMs,
      tokenHash,
      budget?.name ?? '',
      budget?.points ?? 0,
      budget?.windowMs ?? 0,
    ).catch((err: unknown) => {
      throw budgetError(err) ?? err;
    })) as [string, string, string] | null;
    if (!r) return null;
    return { tokenHash: r[0], createdAt: Number(r[1]), lastActive: Number(r[2]) };
  }

  /** One script (read_session): cheaper for the client than a MULTI of the five reads. */
  async getSession(id: string, access?: SessionAccess): Promise<SessionSnapshot | null> {
    // A trusted read takes the light script: no request header to encode, nothing to check.
    const r = access
      ? await this.request('read_session', id, Date.now(), { access }, ['session'])
      : ((await this.guard(() =>
          this.scripts.read_snapshot(...scriptKeys('read_snapshot', sessionKeys(this.prefix, id))),
        )) as unknown[]);
    if (!r) return null;
    const [meta, cart, topics] = r as string[][];
    return snapshot(meta ?? [], cart ?? [], topics ?? []);
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

  async getPreferences(id: string, access?: SessionAccess): Promise<Preferences | null> {
    const r = await this.request('read_session', id, Date.now(), access && { access }, [
      'preferences',
    ]);
    return r ? decodePreferences(pairs(r as string[])) : null;
  }

  async updatePreferences(id: string, patch: Preferences, now: number, call?: SessionCall) {
    const r = await this.request('update_preferences', id, now, call, encodePreferences(patch));
    return r ? decodePreferences(pairs(r as string[])) : null;
  }

  async getCart(id: string, access?: SessionAccess): Promise<CartLine[] | null> {
    const r = await this.request('read_session', id, Date.now(), access && { access }, ['cart']);
    return r ? decodeCart(r as string[]) : null;
  }

  async cartAdd(id: string, item: CartItem, quantity: number, now: number, call?: SessionCall) {
    const line = storedCartItem(item);
    const r = await this.request('cart_add', id, now, call, [
      line.sku,
      JSON.stringify(line),
      quantity,
    ]);
    return r ? decodeCart(r as string[]) : null;
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
    const r = await this.request('cart_set_quantity', id, now, call, [sku, quantity]);
    if (!r) return null;
    const [found, ...lines] = r as [number, ...string[]];
    return { found: found === 1, cart: decodeCart(lines) };
  }

  async cartClear(id: string, now: number, call?: SessionCall) {
    return (await this.request('cart_clear', id, now, call, [])) ? [] : null;
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

  /**
   * One round trip to the session's slot (open_turn): the asker checked, the context read and
   * the answers cached under `cacheHash` looked up. On a cluster the shared answer lives in
   * another slot: its GET is sent alongside, not after.
   */
  async loadTurnContext(
    id: string,
    historyLimit: number,
    opening: TurnOpening = {},
  ): Promise<TurnContext | null> {
    const { access, cacheHash } = opening;
    const sharedOnCluster =
      cacheHash !== undefined && !this.globalInline
        ? this.guard(() => this.client.get(sharedCacheKey(this.prefix, cacheHash)))
        : undefined;
    // Settled here so a failed session read never leaves this one unhandled.
    sharedOnCluster?.catch(() => {});
    const r = await this.request(
      'open_turn',
      id,
      Date.now(),
      access ? { access } : undefined,
      [historyLimit, cacheHash ?? ''],
      cacheHash === undefined ? undefined : { sharedCacheHash: cacheHash },
    );
    if (!r) return null;
    const [prefs, history, shown, sessionCached, sharedCached] = r as [
      string[],
      string[],
      string | null,
      string | null,
      string | null,
    ];
    const context: TurnContext = {
      preferences: decodePreferences(pairs(prefs)),
      history: history.map(decodeMessage),
      ...decodeShownState(shown),
    };
    if (cacheHash === undefined) return context;
    return {
      ...context,
      cached: {
        session: unexpired(sessionCached),
        shared: sharedOnCluster ? await sharedOnCluster : sharedCached,
      },
    };
  }

  /**
   * The second and last round trip of a question (record_turn): the turn, its events and its
   * session-cached answer in the session's slot; on a cluster the global side (events,
   * counters, topics, a shared answer) follows as one pipelined batch.
   */
  async recordTurn(id: string, turn: TurnRecord, now: number, call: TurnCall = {}) {
    // The role travels as its own argument so the script never decodes the message.
    const messageArgs = turn.messages.flatMap((m) => [
      Date.parse(m.timestamp),
      m.role,
      JSON.stringify(m),
    ]);
    const events = call.events ?? [];
    const eventArgs = events.flatMap((e) => [
      e.type,
      e.timestamp,
      JSON.stringify(e.data),
      counterSpec(e.counters),
    ]);
    const cache = call.cache;
    const cacheValue =
      cache && !cache.shared
        ? JSON.stringify({ exp: Date.now() + cache.ttlSeconds * 1000, value: cache.value })
        : (cache?.value ?? '');
    const r = await this.request(
      'record_turn',
      id,
      now,
      undefined,
      [
        this.limits.maxHistory,
        this.limits.maxTopics,
        turn.shown ? encodeShownState(turn.shown, turn.search) : '',
        turn.cached ? 1 : 0,
        turn.llmCall ? 1 : 0,
        turn.injection ? 1 : 0,
        cache ? (cache.shared ? 'shared' : 'session') : '',
        cache?.hash ?? '',
        cacheValue,
        (cache?.ttlSeconds ?? 0) * 1000,
        this.limits.maxSessionCache,
        events.length,
        ...eventArgs,
        turn.messages.length,
        ...messageArgs,
        ...turn.topics,
      ],
      {
        topics: turn.topics,
        messages: turn.messages.length,
        ...(cache?.shared
          ? {
              sharedCacheHash: cache.hash,
              sharedCache: { hash: cache.hash, value: cache.value, ttlSeconds: cache.ttlSeconds },
            }
          : {}),
      },
    );
    return Number(r?.[0] ?? 0) > 0;
  }

  async cacheGet(sessionId: string | null, hash: string): Promise<string | null> {
    if (sessionId === null) {
      return this.guard(() => this.client.get(sharedCacheKey(this.prefix, hash)));
    }
    return unexpired(
      await this.guard(() => this.client.hget(sessionKeys(this.prefix, sessionId).cache, hash)),
    );
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
    const ops = [...this.activeIndexWrites(a.now, a.sessionId), ...this.topicWrites(a.topics)];
    for (const [field, by] of Object.entries(a.counters))
      ops.push(this.client.hincrby(g.stats, field, by));
    if (a.messages > 0) {
      ops.push(this.client.incrby(minute, a.messages), this.client.expire(minute, 7200));
    }
    await this.guard(() => Promise.all(ops));
  }

  /** The session marked active, and the index trimmed to its bound (types.ts). */
  private activeIndexWrites(now: number, id: string): Promise<unknown>[] {
    const { active } = this.global;
    return [
      this.client.zadd(active, now, id),
      this.client.zremrangebyscore(active, '-inf', `(${now - ACTIVE_INDEX_KEPT_MS}`),
    ];
  }

  /** Topic words counted, and the counts trimmed to the most frequent (types.ts). */
  private topicWrites(words: readonly string[]): Promise<unknown>[] {
    if (words.length === 0) return [];
    const { topics } = this.global;
    return [
      ...words.map((word) => this.client.zincrby(topics, 1, word)),
      this.client.zremrangebyrank(topics, 0, -(GLOBAL_TOPICS_KEPT + 1)),
    ];
  }

  async readOverview(now: number, windowMs: number, minutes: number): Promise<Overview> {
    const g = this.global;
    const current = Math.floor(now / 60_000);
    const buckets = Array.from({ length: minutes }, (_, i) => current - minutes + 1 + i);
    const [active, , stats, topics, counts] = await this.guard(() =>
      Promise.all([
        this.client.zcount(g.active, now - windowMs, '+inf'),
        // Sessions idle past the index's bound leave it (writes trim it too).
        this.client.zremrangebyscore(g.active, '-inf', now - ACTIVE_INDEX_KEPT_MS),
        this.client.hgetall(g.stats),
        this.client.zrevrange(g.topics, 0, 19, 'WITHSCORES'),
        // One GET per minute, not MGET: on a cluster the minutes live in different slots.
        Promise.all(buckets.map((m) => this.client.get(g.minute(m)))),
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

/**
 * A session from its hash (metadata, `p:` preferences, `a:` counters: keys.ts), its cart
 * lines and its top topics; null without a token hash (no such session).
 */
function snapshot(flat: string[], cart: string[], topics: string[]): SessionSnapshot | null {
  const meta: Record<string, string> = {};
  const prefs: Record<string, string> = {};
  const counters: Record<string, string> = {};
  for (let i = 0; i + 1 < flat.length; i += 2) {
    const field = flat[i] as string;
    const value = flat[i + 1] as string;
    if (field.startsWith('p:')) prefs[field.slice(2)] = value;
    else if (field.startsWith('a:')) counters[field.slice(2)] = value;
    else meta[field] = value;
  }
  if (!meta.token_hash) return null;
  return {
    meta: {
      tokenHash: meta.token_hash,
      createdAt: Number(meta.created_at),
      lastActive: Number(meta.last_active),
      conversationCount: Number(meta.conversation_count ?? 0),
    },
    preferences: decodePreferences(prefs),
    cart: decodeCart(cart),
    analytics: decodeAnalytics(counters, topFive(decodeTopics(topics))),
  };
}

/** A session-cached entry's value while it is fresh (hash fields have no TTL of their own). */
function unexpired(raw: string | null): string | null {
  if (!raw) return null;
  const cached = JSON.parse(raw) as CachedValue;
  return cached.exp > Date.now() ? cached.value : null;
}

function pairs(flat: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i + 1 < flat.length; i += 2) out[flat[i] as string] = flat[i + 1] as string;
  return out;
}
