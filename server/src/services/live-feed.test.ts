import { describe, expect, it } from 'vitest';
import { PUSH } from '../push-feed';
import type { StoredEvent } from '../store/types';
import { Feed, type FeedSource } from './live-feed';

/**
 * The feed's ordering rules, with a scripted source (a log in an array, a listener set): the
 * store-backed paths are tested end to end over WebSocket on both stores; these pin the
 * races that are hard to provoke there.
 */
const event = (n: number, type = 'cart.updated'): StoredEvent => ({
  type: type as StoredEvent['type'],
  sessionId: 's_x',
  timestamp: new Date(0).toISOString(),
  data: { n },
  sessionEventId: `1000-${n}`,
  globalEventId: `2000-${n}`,
});

class ScriptedSource implements FeedSource<string> {
  readonly pageSize = 2;
  readonly listeners = new Set<(e: StoredEvent) => void>();
  ended = 0;
  watching = 0;
  /** Runs while the backlog is read (between the subscription and the first page). */
  duringBacklog: () => void = () => {};

  constructor(
    readonly log: StoredEvent[],
    private readonly from?: string,
    readonly signal: AbortSignal | undefined = undefined,
  ) {}

  async subscribe(listener: (e: StoredEvent) => void) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  watch() {
    this.watching += 1;
  }
  unwatch() {
    this.watching -= 1;
  }
  async backlog(after: string | undefined) {
    this.duringBacklog();
    this.duringBacklog = () => {};
    const start =
      after === undefined ? 0 : this.log.findIndex((e) => e.sessionEventId === after) + 1;
    return this.log.slice(start, start + this.pageSize);
  }
  async start() {
    return this.from;
  }
  idOf(e: StoredEvent) {
    return e.sessionEventId;
  }
  map(e: StoredEvent) {
    return `${e.type}#${String(e.data.n)}`;
  }
  ends(e: StoredEvent) {
    return e.type === 'session.deleted';
  }
  onEnd() {
    this.ended += 1;
  }
  emit(e: StoredEvent) {
    this.log.push(e);
    for (const l of this.listeners) l(e);
  }
}

function collect(source: ScriptedSource) {
  const got: string[] = [];
  const outcome: { completed: boolean; error?: unknown } = { completed: false };
  const running = new Feed(source)[PUSH]({
    next: (v) => got.push(v),
    error: (err) => {
      outcome.error = err;
    },
    complete: () => {
      outcome.completed = true;
    },
  });
  return { got, outcome, stop: () => running.stop() };
}

const tick = () => new Promise((r) => setTimeout(r, 5));

describe('Feed', () => {
  it('delivers the backlog in pages, then events that arrived meanwhile, once each', async () => {
    const source = new ScriptedSource([event(1), event(2), event(3)]);
    // Arrives during the backlog read: in the log (so in a later page) and on the bus.
    source.duringBacklog = () => source.emit(event(4));
    const { got, stop } = collect(source);
    await tick();
    source.emit(event(5));
    expect(got).toEqual([1, 2, 3, 4, 5].map((n) => `cart.updated#${n}`));
    stop();
    expect(source.listeners.size).toBe(0);
    expect(source.ended).toBe(1);
    expect(source.watching).toBe(0);
  });

  it('resumes after a last id and skips what is older', async () => {
    const source = new ScriptedSource([event(1), event(2), event(3)], '1000-2');
    const { got, stop } = collect(source);
    await tick();
    source.emit(event(2)); // a late duplicate from the bus
    source.emit(event(4));
    expect(got).toEqual(['cart.updated#3', 'cart.updated#4']);
    stop();
  });

  it('completes after an ending event and lets go of everything', async () => {
    const source = new ScriptedSource([event(1)]);
    const { got, outcome } = collect(source);
    await tick();
    source.emit(event(2, 'session.deleted'));
    source.emit(event(3));
    expect(got).toEqual(['cart.updated#1', 'session.deleted#2']);
    expect(outcome.completed).toBe(true);
    expect(source.listeners.size).toBe(0);
    expect(source.ended).toBe(1);
  });

  it('fails with the store error when the backlog read fails, and cleans up once', async () => {
    const source = new ScriptedSource([]);
    source.backlog = async () => {
      throw new Error('store down');
    };
    const { outcome, stop } = collect(source);
    await tick();
    expect(String(outcome.error)).toContain('store down');
    stop();
    expect(source.ended).toBe(1);
    expect(source.listeners.size).toBe(0);
  });

  it('stopped before it subscribed, it never listens', async () => {
    const source = new ScriptedSource([event(1)]);
    const { got, stop } = collect(source);
    stop();
    await tick();
    expect(got).toEqual([]);
    expect(source.listeners.size).toBe(0);
    expect(source.ended).toBe(1);
  });

  it('iterates the same feed, ending with its signal', async () => {
    const ac = new AbortController();
    const source = new ScriptedSource([event(1), event(2)], undefined, ac.signal);
    const seen: string[] = [];
    const done = (async () => {
      for await (const v of new Feed(source)) {
        seen.push(v);
        if (seen.length === 3) ac.abort();
      }
    })();
    await tick();
    source.emit(event(3));
    await done;
    expect(seen).toEqual(['cart.updated#1', 'cart.updated#2', 'cart.updated#3']);
    expect(source.listeners.size).toBe(0);
    expect(source.ended).toBe(1);
  });
});
