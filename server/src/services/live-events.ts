import { isEndingEvent } from '@aisle/shared';
import { sessionNotFound } from '../errors';
import type { PushFeed } from '../push-feed';
import type { Store, StoredEvent } from '../store/types';
import type { EventBus } from './event-bus';
import { Feed, type FeedSource, type GoneWatcher } from './live-feed';

/**
 * An event as subscribers receive it. Plain JSON by construction (strings and the stored
 * event's parsed-JSON data): a transport may recognise the class and skip its rich
 * serializer, which a fan-out to thousands of subscribers would otherwise pay per delivery.
 */
export class WireEvent {
  constructor(
    readonly id: string,
    readonly type: string,
    readonly session_id: string,
    readonly timestamp: string,
    readonly data: Record<string, unknown>,
  ) {}
}

const BACKLOG_PAGE = 500;

/**
 * One wire object per stored event and id (session or global), shared by every subscriber
 * it reaches, so a transport can serialize it once for all of them.
 */
const wireCache = new WeakMap<StoredEvent, WireEvent>();
const toWire = (e: StoredEvent, id: string): WireEvent => {
  const cached = wireCache.get(e);
  if (cached?.id === id) return cached;
  const wire = new WireEvent(id, e.type, e.sessionId, e.timestamp, e.data);
  wireCache.set(e, wire);
  return wire;
};

/**
 * How a transport wants a feed delivered, applied inside the feed rather than as a wrapping
 * generator (each layer costs memory per idle subscriber and a promise per event per
 * subscriber).
 */
export interface FeedHooks<T> {
  map: (event: WireEvent) => T;
  /** Runs once when the feed ends, however it ends. */
  onEnd: () => void;
}

const identityHooks: FeedHooks<WireEvent> = {
  map: (e) => e,
  onEnd: () => {},
};

/**
 * Resumable event feeds (a session's, and everyone's), built on live-feed.ts: subscribed
 * before the backlog is read, no gaps, no duplicates. One shared watchdog (not a timer per
 * feed) ends the feeds of sessions that are gone.
 */
export class LiveEvents {
  private readonly announcedExpired = new Set<string>();
  /** Who to tell when a session goes: nearly always one feed, kept without a Set (~170 B). */
  private readonly watched = new Map<string, GoneWatcher | Set<GoneWatcher>>();
  private watchdog: NodeJS.Timeout | undefined;

  constructor(
    private readonly store: Store,
    private readonly bus: EventBus,
    private readonly watchIntervalMs = 30_000,
  ) {}

  sessionFeed<T = WireEvent>(
    sessionId: string,
    lastEventId: string | undefined,
    signal?: AbortSignal,
    hooks?: FeedHooks<T>,
  ): PushFeed<T> {
    const h = hooks ?? (identityHooks as unknown as FeedHooks<T>);
    return new Feed(new SessionFeedSource(this, sessionId, this.store, lastEventId, h, signal));
  }

  globalFeed<T = WireEvent>(
    lastEventId: string | undefined,
    signal?: AbortSignal,
    hooks?: FeedHooks<T>,
  ): PushFeed<T> {
    const h = hooks ?? (identityHooks as unknown as FeedHooks<T>);
    return new Feed(new GlobalFeedSource(this.bus, this.store, lastEventId, h, signal));
  }

  /** The live bus, for feeds. */
  subscribe(listener: (e: StoredEvent) => void, sessionId?: string): Promise<() => void> {
    return this.bus.subscribe(listener, sessionId);
  }

  /**
   * Whether a watched session is still there, announcing `session.expired` when it is not
   * (best effort: each instance that notices says it once; a deleted session already said
   * `session.deleted`). A pure read: watching never keeps a session alive.
   */
  async assertSessionAlive(sessionId: string): Promise<void> {
    if (await this.store.sessionExists(sessionId)) return;
    if (!this.announcedExpired.has(sessionId)) {
      this.announcedExpired.add(sessionId);
      if (this.announcedExpired.size > 10_000) this.announcedExpired.clear();
      await this.bus.publish(sessionId, 'session.expired', {});
    }
    throw sessionNotFound(sessionId);
  }

  /** Tells `watcher` (once the shared watchdog notices) if the session goes away. */
  watch(sessionId: string, watcher: GoneWatcher): void {
    const had = this.watched.get(sessionId);
    if (had === undefined) this.watched.set(sessionId, watcher);
    else if (had instanceof Set) had.add(watcher);
    else if (had !== watcher) this.watched.set(sessionId, new Set([had, watcher]));
    if (!this.watchdog) {
      this.watchdog = setInterval(() => this.sweep(), this.watchIntervalMs);
      this.watchdog.unref();
    }
  }

  unwatch(sessionId: string, watcher: GoneWatcher): void {
    const had = this.watched.get(sessionId);
    if (had === watcher) this.watched.delete(sessionId);
    else if (!(had instanceof Set) || !had.delete(watcher)) return;
    else if (had.size === 0) this.watched.delete(sessionId);
    if (this.watched.size === 0) {
      clearInterval(this.watchdog);
      this.watchdog = undefined;
    }
  }

  private sweep(): void {
    for (const [sessionId, watching] of this.watched) {
      this.assertSessionAlive(sessionId).catch((err: Error) => {
        // The closing event (session.expired) normally ends the feeds first; if it never
        // arrives, the error does, shortly after.
        setTimeout(() => {
          if (watching instanceof Set) for (const w of watching) w.gone(err);
          else watching.gone(err);
        }, 2000).unref();
      });
    }
  }
}

/** What both feeds share: hooks applied, the backlog page, the signal. */
abstract class HookedSource<T> {
  readonly pageSize = BACKLOG_PAGE;

  constructor(
    protected readonly store: Store,
    protected readonly lastEventId: string | undefined,
    private readonly hooks: FeedHooks<T>,
    readonly signal: AbortSignal | undefined,
  ) {}

  map(e: StoredEvent, id: string) {
    return this.hooks.map(toWire(e, id));
  }
  onEnd() {
    this.hooks.onEnd();
  }
}

/** One session's events: resumable from the client's last id, ending with the session. */
class SessionFeedSource<T> extends HookedSource<T> implements FeedSource<T> {
  constructor(
    private readonly live: LiveEvents,
    private readonly sessionId: string,
    ...base: ConstructorParameters<typeof HookedSource<T>>
  ) {
    super(...base);
  }

  subscribe(listener: (e: StoredEvent) => void) {
    return this.live.subscribe(listener, this.sessionId);
  }
  watch(watcher: GoneWatcher) {
    this.live.watch(this.sessionId, watcher);
  }
  unwatch(watcher: GoneWatcher) {
    this.live.unwatch(this.sessionId, watcher);
  }
  backlog(after: string | undefined) {
    return this.store.readSessionEvents(this.sessionId, after, BACKLOG_PAGE);
  }
  async start() {
    return this.lastEventId;
  }
  idOf(e: StoredEvent) {
    return e.sessionEventId;
  }
  ends(e: StoredEvent) {
    return isEndingEvent(e.type);
  }
}

/** Every session's events (the dashboard's feed): resumable; a fresh one starts from now. */
class GlobalFeedSource<T> extends HookedSource<T> implements FeedSource<T> {
  constructor(
    private readonly bus: EventBus,
    ...base: ConstructorParameters<typeof HookedSource<T>>
  ) {
    super(...base);
  }

  subscribe(listener: (e: StoredEvent) => void) {
    return this.bus.subscribe(listener);
  }
  watch() {}
  unwatch() {}
  backlog(after: string | undefined) {
    return this.store.readGlobalEvents(after, BACKLOG_PAGE);
  }
  // admin.overview paints the past; the feed need not replay 10,000 events.
  async start() {
    return this.lastEventId ?? (await this.store.lastGlobalEventId());
  }
  idOf(e: StoredEvent) {
    return e.globalEventId;
  }
  ends() {
    return false;
  }
}
