import type { FeedSink, RunningFeed } from '../push-feed';
import type { RequestMessage } from './trpc-ws-messages';

/** What a subscription sends through, and tells when it ends: its connection. */
export interface SubscriptionOwner {
  data(msg: RequestMessage, value: unknown): void;
  fail(
    msg: RequestMessage,
    cause: unknown,
    type: 'subscription',
    path: string,
    input: unknown,
  ): void;
  reply(msg: RequestMessage, body: object): void;
  pushEnded(sub: PushSubscription): void;
}

/**
 * One subscription to a feed that pushes: the feed's sink, and its stop. A class with no
 * closures and no pending promise, because thousands of these live at once and each closure,
 * promise or suspended async function costs its own context. The connection stops it by
 * calling `abort` (a stop message, or the socket closing).
 */
export class PushSubscription implements FeedSink<unknown> {
  feed: RunningFeed | undefined;
  private done = false;

  constructor(
    private readonly conn: SubscriptionOwner,
    readonly msg: RequestMessage,
    private readonly path: string,
    private readonly input: unknown,
    /** The procedure's signal: aborted when the subscription stops, as tRPC does. */
    private readonly ac: AbortController,
    /** What the transport runs once the subscription has ended (metrics). */
    readonly ended: (() => void) | undefined,
  ) {}

  next(value: unknown): void {
    this.conn.data(this.msg, value);
  }
  error(cause: unknown): void {
    this.conn.fail(this.msg, cause, 'subscription', this.path, this.input);
    this.complete();
  }
  complete(): void {
    if (this.done) return;
    this.done = true;
    this.conn.reply(this.msg, { result: { type: 'stopped' } });
    this.conn.pushEnded(this);
  }
  abort(): void {
    this.feed?.stop();
    this.ac.abort();
    this.complete();
  }
}
