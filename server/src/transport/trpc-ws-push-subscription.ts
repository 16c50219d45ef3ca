import type { FeedSink } from '../push-feed';
import type { RequestMessage } from './trpc-ws-messages';

/** What a subscription sends through: its connection (trpc-ws-connection.ts). */
export interface SubscriptionReplies {
  data(msg: RequestMessage, value: unknown): void;
  fail(
    msg: RequestMessage,
    cause: unknown,
    type: 'subscription',
    path: string,
    input: unknown,
  ): void;
  reply(msg: RequestMessage, body: object): void;
}

/**
 * One subscription to a feed that pushes: the feed's sink, and the stop on abort. A class, not
 * closures, because thousands of these live at once and each closure costs its own context.
 */
export class PushSubscription implements FeedSink<unknown> {
  stopFeed: (() => void) | undefined;
  private ended = false;
  readonly abort = this.onAbort.bind(this);

  constructor(
    private readonly conn: SubscriptionReplies,
    private readonly msg: RequestMessage,
    private readonly path: string,
    private readonly input: unknown,
    private readonly resolve: () => void,
  ) {}

  next(value: unknown): void {
    this.conn.data(this.msg, value);
  }
  error(cause: unknown): void {
    this.conn.fail(this.msg, cause, 'subscription', this.path, this.input);
    this.complete();
  }
  complete(): void {
    if (this.ended) return;
    this.ended = true;
    this.conn.reply(this.msg, { result: { type: 'stopped' } });
    this.resolve();
  }
  private onAbort(): void {
    this.stopFeed?.();
    this.complete();
  }
}
