import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import {
  type AnyTRPCRouter,
  callTRPCProcedure,
  getTRPCErrorFromUnknown,
  getTRPCErrorShape,
  isTrackedEnvelope,
  TRPCError,
  transformTRPCResponse,
} from '@trpc/server';
import { isObservable, observableToAsyncIterable } from '@trpc/server/observable';
import type { RawData, WebSocket } from 'ws';
import { type FeedSink, isPushFeed, PUSH, type PushFeed } from '../push-feed';
import { WireEvent } from '../services/live-events';
import { trackedFrame } from './trpc-ws-frames';
import {
  parseClientMessage,
  parseConnectionParams,
  type RequestId,
  type RequestMessage,
} from './trpc-ws-messages';
import { PushSubscription } from './trpc-ws-push-subscription';
import { rawSocketOf } from './ws-prebuilt-frame';

export type CreateWsContext<TContext> = (opts: {
  req: IncomingMessage;
  connectionParams: Record<string, string> | null;
}) => TContext | Promise<TContext>;

/** What every connection of one handler shares: built once per handler, not per connection. */
export interface ConnectionDeps<TContext> {
  router: AnyTRPCRouter;
  config: AnyTRPCRouter['_def']['_config'];
  createContext: CreateWsContext<TContext>;
  maxBatchSize: number;
  onError: ((error: TRPCError, path: string | undefined) => void) | undefined;
  /** A subscription opened (metrics); returns what to call once it has ended. */
  onSubscribe?: ((path: string) => () => void) | undefined;
}

export const OPEN = 1;
type ProcedureType = RequestMessage['method'];
type CtxResult<TContext> = { ok: true; ctx: TContext } | { ok: false; error: TRPCError };

const TEXT = { binary: false } as const;

/** A sink for a feed started only to be stopped. */
const IGNORE: FeedSink<unknown> = { next() {}, error() {}, complete() {} };

/** What a connection keeps per open subscription: how to stop it. */
interface Stoppable {
  abort(): void;
}

const ignore = () => {};

/**
 * One client socket: its context, its open subscriptions, and everything sent to it. Its state
 * lives in fields rather than closures: at thousands of connections each closure is a bill.
 */
export class Connection<TContext> {
  private ctx: TContext | undefined;
  private ctxResult: Promise<CtxResult<TContext>> | undefined;
  /**
   * Open subscriptions by request id. Nearly every connection has one: it lives in the two
   * fields, and a Map (~180 bytes) is made only for a second one.
   */
  private firstId: RequestId | undefined;
  private first: Stoppable | undefined;
  private more: Map<RequestId, Stoppable> | undefined;
  /** Read once, by the context factory; then let go (a connection lives for hours). */
  private req: IncomingMessage | undefined;
  /** Where prebuilt event frames are written, when they may be (see rawSocketOf). */
  private readonly raw: Duplex | undefined;

  constructor(
    private readonly deps: ConnectionDeps<TContext>,
    private readonly ws: WebSocket,
    req: IncomingMessage,
    awaitsParams: boolean,
  ) {
    this.req = req;
    this.raw = rawSocketOf(ws);
    if (!awaitsParams) this.ctxResult = this.createCtx(false, undefined);
  }

  /** `text`: the connection-params message when `hasParams` (undefined: a binary frame). */
  private createCtx(hasParams: boolean, text: string | undefined): Promise<CtxResult<TContext>> {
    const req = this.req as IncomingMessage;
    this.req = undefined;
    return (async (): Promise<CtxResult<TContext>> => {
      try {
        const connectionParams = hasParams ? parseConnectionParams(text) : null;
        this.ctx = await this.deps.createContext({ req, connectionParams });
        return { ok: true, ctx: this.ctx };
      } catch (cause) {
        const error = getTRPCErrorFromUnknown(cause);
        this.send({ id: null, error: this.shape(error, 'unknown', undefined, undefined) });
        setImmediate(() => this.ws.close());
        return { ok: false, error };
      }
    })();
  }

  message(raw: RawData, isBinary: boolean): void {
    const text = isBinary ? undefined : raw.toString();
    if (text === 'PONG') return;
    if (text === 'PING') {
      this.ws.send('PONG');
      return;
    }
    if (!this.ctxResult) {
      // The first message of a `?connectionParams=1` connection carries the params.
      this.ctxResult = this.createCtx(true, text);
      return;
    }
    const parsed = parseClientMessage(text, this.deps.config.transformer, this.deps.maxBatchSize);
    if (parsed.kind === 'error') {
      for (const id of parsed.ids) {
        this.send({ id, error: this.shape(parsed.error, 'unknown', undefined, undefined) });
      }
      return;
    }
    for (const msg of parsed.messages) {
      if (msg.method === 'subscription.stop') this.subscription(msg.id)?.abort();
      else this.run(msg, this.ctxResult).catch(ignore);
    }
  }

  closed(): void {
    this.first?.abort();
    if (this.more) for (const sub of this.more.values()) sub.abort();
  }

  private subscription(id: RequestId): Stoppable | undefined {
    return this.first !== undefined && this.firstId === id ? this.first : this.more?.get(id);
  }

  private setSubscription(id: RequestId, sub: Stoppable): void {
    if (this.first === undefined || this.firstId === id) {
      this.firstId = id;
      this.first = sub;
    } else {
      this.more ??= new Map();
      this.more.set(id, sub);
    }
  }

  /** Forgets the subscription `id` if `sub` is still the one registered under it. */
  private deleteSubscription(id: RequestId, sub: Stoppable): void {
    if (this.first === sub && this.firstId === id) {
      this.first = undefined;
      this.firstId = undefined;
    } else if (this.more?.get(id) === sub) {
      this.more.delete(id);
    }
  }

  /** A pushed subscription has ended (PushSubscription calls this once). */
  pushEnded(sub: PushSubscription): void {
    this.deleteSubscription(sub.msg.id, sub);
    sub.ended?.();
  }

  private async run(msg: RequestMessage, ctxResult: Promise<CtxResult<TContext>>) {
    const { id, method: type } = msg;
    const { path } = msg.params;
    const input = inputWithLastEventId(msg.params);
    if (type === 'subscription') {
      if (this.subscription(id)) {
        const error = new TRPCError({ code: 'BAD_REQUEST', message: `Duplicate id ${id}` });
        this.reply(msg, { error: this.shape(error, type, path, input) });
        return;
      }
      await this.subscribe(msg, path, input, ctxResult);
      return;
    }
    const res = await ctxResult;
    if (!res.ok) return;
    try {
      const data = await callTRPCProcedure({
        router: this.deps.router,
        path,
        getRawInput: async () => input,
        ctx: res.ctx,
        type,
        signal: undefined,
        batchIndex: 0,
      });
      refuseStream(data, type);
      this.reply(msg, { result: { type: 'data', data } });
    } catch (cause) {
      this.fail(msg, cause, type, path, input);
    }
  }

  /**
   * Sets a subscription up. A feed that pushes is handed to a PushSubscription and this
   * returns: an idle subscriber holds no suspended async function (each costs ~1 KB of
   * generator, promises and contexts). An iterator is pumped here until it ends.
   */
  private async subscribe(
    msg: RequestMessage,
    path: string,
    input: unknown,
    ctxResult: Promise<CtxResult<TContext>>,
  ): Promise<void> {
    const ac = new AbortController();
    this.setSubscription(msg.id, ac);
    const ended = this.deps.onSubscribe?.(path);
    let handedOff = false;
    try {
      const res = await ctxResult;
      if (!res.ok || ac.signal.aborted || this.ws.readyState !== OPEN) return;
      let iterable: AsyncIterable<unknown>;
      try {
        const returned = await callTRPCProcedure({
          router: this.deps.router,
          path,
          getRawInput: async () => input,
          ctx: res.ctx,
          type: 'subscription',
          signal: ac.signal,
          batchIndex: 0,
        });
        iterable = subscriptionIterable(returned, path, ac.signal);
      } catch (cause) {
        if (!ac.signal.aborted) this.fail(msg, cause, 'subscription', path, input);
        return;
      }
      if (isPushFeed(iterable)) handedOff = this.push(msg, iterable, ac, path, input, ended);
      else await this.pump(msg, iterable[Symbol.asyncIterator](), ac.signal, path, input);
    } finally {
      if (!handedOff) {
        this.deleteSubscription(msg.id, ac);
        ended?.();
      }
    }
  }

  /**
   * A feed that pushes: each value is sent from the feed's own callback (no promise per
   * delivery), until it ends, fails, or the subscription is stopped. True when the
   * PushSubscription took over (it then ends the subscription itself).
   */
  private push(
    msg: RequestMessage,
    feed: PushFeed<unknown>,
    ac: AbortController,
    path: string,
    input: unknown,
    ended: (() => void) | undefined,
  ): boolean {
    if (ac.signal.aborted || this.ws.readyState !== OPEN) {
      feed[PUSH](IGNORE).stop(); // started and stopped at once, so its cleanup runs
      return false;
    }
    this.reply(msg, { result: { type: 'started' } });
    const sub = new PushSubscription(this, msg, path, input, ac, ended);
    this.setSubscription(msg.id, sub);
    sub.feed = feed[PUSH](sub);
    return true;
  }

  /** Sends each value until the iterator ends, fails, or the subscription is stopped. */
  private async pump(
    msg: RequestMessage,
    it: AsyncIterator<unknown>,
    signal: AbortSignal,
    path: string,
    input: unknown,
  ): Promise<void> {
    if (signal.aborted || this.ws.readyState !== OPEN) {
      await it.return?.().catch(() => {});
      return;
    }
    this.reply(msg, { result: { type: 'started' } });
    try {
      for (;;) {
        const step = await it.next();
        if (step.done || signal.aborted) break;
        this.data(msg, step.value);
      }
    } catch (cause) {
      if (!signal.aborted) this.fail(msg, cause, 'subscription', path, input);
    } finally {
      // Runs the iterator's own cleanup when we stopped it early (a no-op once it ended).
      await it.return?.().catch(() => {});
    }
    this.reply(msg, { result: { type: 'stopped' } });
  }

  /** One delivery. Tracked plain-JSON events take the frame built once for all subscribers. */
  data(msg: RequestMessage, value: unknown): void {
    if (this.ws.readyState !== OPEN) return;
    if (isTrackedEnvelope(value)) {
      const [eventId, payload] = value;
      if (payload instanceof WireEvent) {
        const frame = trackedFrame(msg, String(eventId), payload);
        if (this.raw) this.raw.write(frame.framed);
        else this.ws.send(frame.payload, TEXT);
        return;
      }
      this.reply(msg, {
        result: { type: 'data', data: { id: eventId, data: payload }, id: eventId },
      });
      return;
    }
    this.reply(msg, { result: { type: 'data', data: value } });
  }

  fail(
    msg: RequestMessage,
    cause: unknown,
    type: ProcedureType,
    path: string,
    input: unknown,
  ): void {
    const error = getTRPCErrorFromUnknown(cause);
    this.deps.onError?.(error, path);
    this.reply(msg, { error: this.shape(error, type, path, input) });
  }

  private shape(
    error: TRPCError,
    type: ProcedureType | 'unknown',
    path: string | undefined,
    input: unknown,
  ) {
    return getTRPCErrorShape({ config: this.deps.config, ctx: this.ctx, error, type, path, input });
  }

  reply(msg: RequestMessage, body: object): void {
    this.send({ id: msg.id, jsonrpc: msg.jsonrpc, ...body });
  }

  private send(response: object): void {
    if (this.ws.readyState !== OPEN) return;
    // biome-ignore lint/suspicious/noExplicitAny: the response union is tRPC's own
    this.ws.send(JSON.stringify(transformTRPCResponse(this.deps.config, response as any)));
  }
}

/** The procedure's input, with a resuming client's `lastEventId` added as tRPC adds it. */
export function inputWithLastEventId(params: RequestMessage['params']): unknown {
  const { input, lastEventId } = params;
  if (lastEventId === undefined) return input;
  return typeof input === 'object' && input !== null
    ? { ...input, lastEventId }
    : (input ?? { lastEventId });
}

/** Queries and mutations answer once: a stream from one is refused, with tRPC's error. */
function refuseStream(data: unknown, type: ProcedureType): void {
  if (isIterable(data) || isObservable(data)) {
    throw new TRPCError({
      code: 'UNSUPPORTED_MEDIA_TYPE',
      message: `Cannot return an async iterable or observable from a ${type} procedure with WebSockets`,
    });
  }
}

/**
 * What a subscription procedure returned, as an iterable. Observables go through tRPC's own
 * adapter so they are served as tRPC serves them; anything else is tRPC's error.
 */
function subscriptionIterable(
  returned: unknown,
  path: string,
  signal: AbortSignal,
): AsyncIterable<unknown> {
  const iterable = isObservable(returned) ? observableToAsyncIterable(returned, signal) : returned;
  if (!isIterable(iterable)) {
    throw new TRPCError({
      code: 'INTERNAL_SERVER_ERROR',
      message: `Subscription ${path} did not return an observable or a AsyncGenerator`,
    });
  }
  return iterable;
}

function isIterable(value: unknown): value is AsyncIterable<unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    Symbol.asyncIterator in value &&
    typeof (value as AsyncIterable<unknown>)[Symbol.asyncIterator] === 'function'
  );
}
