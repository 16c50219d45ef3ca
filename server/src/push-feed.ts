/**
 * The push protocol between event feeds (services) and transports that can take pushes
 * (the WebSocket handler): a feed is an async iterable that can also be started into a sink.
 */

/** Where a feed pushes: synchronously, in order; after `error` or `complete`, nothing. */
export interface FeedSink<T> {
  next(value: T): void;
  error(err: unknown): void;
  complete(): void;
}

/** A started feed: `stop` ends it (idempotent) and runs its cleanup. */
export interface RunningFeed {
  stop(): void;
}

/** The key under which a feed takes a push sink (transports that can push look for it). */
export const PUSH = Symbol.for('aisle.feed.push');

/**
 * A resumable event feed, consumable two ways: pushed into a sink (our WebSocket handler:
 * no promise, generator or queue per delivery per subscriber, which is what a fan-out to
 * thousands of subscribers pays for), or iterated (tRPC's HTTP/SSE subscriptions and any
 * other consumer of an async iterable). services/live-feed.ts builds both from one logic.
 */
export interface PushFeed<T> extends AsyncIterable<T> {
  /** Starts the feed into `sink`; returns what stops it (an object: no closure to keep). */
  [PUSH](sink: FeedSink<T>): RunningFeed;
}

export function isPushFeed<T>(value: unknown): value is PushFeed<T> {
  return typeof value === 'object' && value !== null && PUSH in value;
}
