import { type FeedSink, PUSH, type PushFeed, type RunningFeed } from '../push-feed';
import { compareEventIds } from '../store/event-ids';
import type { StoredEvent } from '../store/types';
import { AsyncQueue } from './async-queue';

/**
 * What a feed reads and how it delivers. Implemented by small classes (see live-events.ts),
 * not by object literals of arrows: an idle subscription then holds no closures of its own
 * (each costs ~300 bytes here, its name property included), only its fields.
 */
export interface FeedSource<T> {
  /** Adds a live listener; resolves once anything appended afterwards will reach it. */
  subscribe(listener: (e: StoredEvent) => void): Promise<() => void>;
  /** Tells `watcher` if the feed's session goes away, until `unwatch`. */
  watch(watcher: GoneWatcher): void;
  unwatch(watcher: GoneWatcher): void;
  /** A page of stored events after `after` (from the log's start when undefined). */
  backlog(after: string | undefined): Promise<StoredEvent[]>;
  readonly pageSize: number;
  /** Where to start: the client's last id, or where this kind of feed starts without one. */
  start(): Promise<string | undefined>;
  idOf(e: StoredEvent): string;
  /** The value delivered for an event and its id. */
  map(e: StoredEvent, id: string): T;
  /** Whether the feed ends after delivering this event. */
  ends(e: StoredEvent): boolean;
  /** Runs once when the feed stops, however it stops. */
  onEnd(): void;
  readonly signal: AbortSignal | undefined;
}

/** Who hears that a feed's session is gone: the feed's run itself (no callback to keep). */
export interface GoneWatcher {
  gone(err: Error): void;
}

/** Live events that arrive while the backlog is read wait here; past this, the feed fails. */
const MAX_PENDING = 10_000;

/**
 * A resumable feed, pushed (into a transport's sink) or iterated. Subscribes to the live bus
 * *before* reading the backlog, delivers the backlog, then the live events that arrived
 * meanwhile, then live ones as they come, skipping any id already delivered: no gaps, no
 * duplicates.
 */
export class Feed<T> implements PushFeed<T> {
  constructor(private readonly source: FeedSource<T>) {}

  [PUSH](sink: FeedSink<T>): RunningFeed {
    const run = new FeedRun(this.source, sink);
    run.start();
    return run;
  }

  [Symbol.asyncIterator](): AsyncIterator<T> {
    return iterate(this, this.source.signal);
  }
}

class FeedRun<T> implements RunningFeed, GoneWatcher {
  private stopped = false;
  private live = false;
  private last: string | undefined;
  private pending: StoredEvent[] | undefined = [];
  private unsubscribe: (() => void) | undefined;
  /** The bus listener, bound once (the bus takes functions). */
  private readonly listener = this.onEvent.bind(this);

  constructor(
    private readonly source: FeedSource<T>,
    private readonly sink: FeedSink<T>,
  ) {}

  start(): void {
    this.run().catch((err: unknown) => this.fail(err));
  }

  gone(err: Error): void {
    this.fail(err);
  }

  private async run(): Promise<void> {
    const off = await this.source.subscribe(this.listener);
    if (this.stopped) {
      off();
      return;
    }
    this.unsubscribe = off;
    this.source.watch(this);
    this.last = await this.source.start();
    for (;;) {
      const page = await this.source.backlog(this.last);
      if (this.stopped) return;
      for (const e of page) if (!this.deliver(e)) return;
      if (page.length < this.source.pageSize) break;
    }
    const caughtUp = this.pending ?? [];
    this.pending = undefined;
    this.live = true;
    for (const e of caughtUp) if (!this.deliver(e)) return;
  }

  private onEvent(e: StoredEvent): void {
    if (this.stopped) return;
    if (this.live) {
      this.deliver(e);
      return;
    }
    if (this.pending && this.pending.length >= MAX_PENDING) {
      this.fail(new Error(`more than ${MAX_PENDING} events arrived while the backlog was read`));
      return;
    }
    this.pending?.push(e);
  }

  /** Delivers one event unless already delivered; false once the feed has ended. */
  private deliver(e: StoredEvent): boolean {
    const id = this.source.idOf(e);
    if (this.last !== undefined && compareEventIds(id, this.last) <= 0) return true;
    this.last = id;
    this.sink.next(this.source.map(e, id));
    if (!this.source.ends(e)) return true;
    this.stop();
    this.sink.complete();
    return false;
  }

  private fail(err: unknown): void {
    if (this.stopped) return;
    this.stop();
    this.sink.error(err);
  }

  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.pending = undefined;
    this.unsubscribe?.();
    this.source.unwatch(this);
    this.source.onEnd();
  }
}

/** The same feed as an async iterable, ended by its signal. */
async function* iterate<T>(feed: Feed<T>, signal: AbortSignal | undefined): AsyncGenerator<T> {
  const queue = new AsyncQueue<T>();
  const running = feed[PUSH]({
    next: (v) => queue.push(v),
    error: (err) => queue.fail(err instanceof Error ? err : new Error(String(err))),
    complete: () => queue.end(),
  });
  try {
    yield* queue.drain(signal);
  } finally {
    running.stop();
  }
}
