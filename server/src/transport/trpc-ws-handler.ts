import type { IncomingMessage } from 'node:http';
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
import type { RawData, WebSocket, WebSocketServer } from 'ws';
import { type FeedSink, isPushFeed, PUSH, type PushFeed } from '../push-feed';
import { WireEvent } from '../services/live-events';
import {
  parseClientMessage,
  parseConnectionParams,
  type RequestId,
  type RequestMessage,
} from './trpc-ws-messages';

/**
 * tRPC's WebSocket protocol (the one `wsLink` speaks) serving a router, built to be small per
 * connection and cheap per delivery. Same wire format as `applyWSSHandler` (a conformance
 * test replays the same conversations against both), but:
 *
 * - per connection: one object and no closures (the socket listeners are shared functions);
 * - per subscription: one AbortController and one loop over the iterator, with no race
 *   promise per event (our feeds end themselves when their signal aborts);
 * - per delivery: a plain-JSON event is stringified once, however many subscribers get it.
 *
 * tRPC's handler spends ~15 KB per subscribed connection and a superjson walk per delivery
 * per subscriber; at thousands of dashboard and session subscribers that is the bill.
 */

export interface TrpcWsOptions<TContext> {
  router: AnyTRPCRouter;
  createContext: (opts: {
    req: IncomingMessage;
    connectionParams: Record<string, string> | null;
  }) => TContext | Promise<TContext>;
  maxBatchSize: number;
  /** Errors of calls that fail after setup; the default logs nothing (middleware logs). */
  onError?: (error: TRPCError, path: string | undefined) => void;
}

const OPEN = 1;
type ProcedureType = RequestMessage['method'];
type CtxResult<TContext> = { ok: true; ctx: TContext } | { ok: false; error: TRPCError };

/**
 * Frames of plain-JSON tracked events, built once per event and subscription id (clients
 * mostly number their subscriptions alike), so a fan-out to thousands of subscribers
 * stringifies and encodes each event once, not once per subscriber.
 */
const framesOf = new WeakMap<object, Map<RequestId, Buffer>>();
function trackedFrame(msg: RequestMessage, eventId: string, payload: object): Buffer {
  // JSON-RPC-style clients (rare) get theirs built each time; the cache is keyed by id alone.
  if (msg.jsonrpc) return buildTrackedFrame(msg, eventId, payload);
  let frames = framesOf.get(payload);
  if (!frames) {
    frames = new Map();
    framesOf.set(payload, frames);
  }
  let frame = frames.get(msg.id);
  if (!frame) {
    frame = buildTrackedFrame(msg, eventId, payload);
    if (frames.size < 16) frames.set(msg.id, frame);
  }
  return frame;
}

/** The bytes tRPC's handler sends for `tracked(id, payload)` (a test compares them). */
function buildTrackedFrame(msg: RequestMessage, eventId: string, payload: object): Buffer {
  const id = JSON.stringify(eventId);
  const rpc = msg.jsonrpc ? ',"jsonrpc":"2.0"' : '';
  return Buffer.from(
    `{"id":${JSON.stringify(msg.id)}${rpc},"result":{"type":"data","data":{"json":{"id":${id},"data":${JSON.stringify(payload)}}},"id":${id}}}`,
  );
}

const TEXT = { binary: false } as const;

/** A sink for a feed started only to be stopped. */
const IGNORE: FeedSink<unknown> = { next() {}, error() {}, complete() {} };

export function createTrpcWsHandler<TContext>(opts: TrpcWsOptions<TContext>) {
  const config = opts.router._def._config;
  const connections = new WeakMap<WebSocket, Connection>();

  class Connection {
    private ctx: TContext | undefined;
    private ctxResult: Promise<CtxResult<TContext>> | undefined;
    /** Open subscriptions by request id; created with the first one. */
    private subs: Map<RequestId, AbortController> | undefined;

    constructor(
      private readonly ws: WebSocket,
      private readonly req: IncomingMessage,
      awaitsParams: boolean,
    ) {
      if (!awaitsParams) this.ctxResult = this.createCtx(() => null);
    }

    private createCtx(params: () => Record<string, string> | null): Promise<CtxResult<TContext>> {
      return (async (): Promise<CtxResult<TContext>> => {
        try {
          this.ctx = await opts.createContext({ req: this.req, connectionParams: params() });
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
        this.ctxResult = this.createCtx(() => parseConnectionParams(text));
        return;
      }
      const parsed = parseClientMessage(text, config.transformer, opts.maxBatchSize);
      if (parsed.kind === 'error') {
        for (const id of parsed.ids) {
          this.send({ id, error: this.shape(parsed.error, 'unknown', undefined, undefined) });
        }
        return;
      }
      for (const msg of parsed.messages) {
        if (msg.method === 'subscription.stop') this.subs?.get(msg.id)?.abort();
        else this.run(msg, this.ctxResult).catch(() => {});
      }
    }

    closed(): void {
      if (this.subs) for (const ac of this.subs.values()) ac.abort();
    }

    private async run(msg: RequestMessage, ctxResult: Promise<CtxResult<TContext>>) {
      const { id, method: type } = msg;
      const { path, lastEventId } = msg.params;
      let input = msg.params.input;
      if (lastEventId !== undefined) {
        input =
          typeof input === 'object' && input !== null
            ? { ...input, lastEventId }
            : (input ?? { lastEventId });
      }
      if (type === 'subscription') {
        if (this.subs?.has(id)) {
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
          router: opts.router,
          path,
          getRawInput: async () => input,
          ctx: res.ctx,
          type,
          signal: undefined,
          batchIndex: 0,
        });
        if (isIterable(data) || isObservable(data)) {
          throw new TRPCError({
            code: 'UNSUPPORTED_MEDIA_TYPE',
            message: `Cannot return an async iterable or observable from a ${type} procedure with WebSockets`,
          });
        }
        this.reply(msg, { result: { type: 'data', data } });
      } catch (cause) {
        this.fail(msg, cause, type, path, input);
      }
    }

    private async subscribe(
      msg: RequestMessage,
      path: string,
      input: unknown,
      ctxResult: Promise<CtxResult<TContext>>,
    ): Promise<void> {
      const ac = new AbortController();
      this.subs ??= new Map();
      const subs = this.subs;
      subs.set(msg.id, ac);
      try {
        const res = await ctxResult;
        if (!res.ok || ac.signal.aborted || this.ws.readyState !== OPEN) return;
        let iterable: unknown;
        try {
          iterable = await callTRPCProcedure({
            router: opts.router,
            path,
            getRawInput: async () => input,
            ctx: res.ctx,
            type: 'subscription',
            signal: ac.signal,
            batchIndex: 0,
          });
          // Observables are served as tRPC serves them: through its own adapter to an iterable.
          if (isObservable(iterable)) iterable = observableToAsyncIterable(iterable, ac.signal);
          if (!isIterable(iterable)) {
            throw new TRPCError({
              code: 'INTERNAL_SERVER_ERROR',
              message: `Subscription ${path} did not return an observable or a AsyncGenerator`,
            });
          }
        } catch (cause) {
          if (!ac.signal.aborted) this.fail(msg, cause, 'subscription', path, input);
          return;
        }
        if (isPushFeed(iterable)) await this.push(msg, iterable, ac.signal, path, input);
        else await this.pump(msg, iterable[Symbol.asyncIterator](), ac.signal, path, input);
      } finally {
        if (subs.get(msg.id) === ac) subs.delete(msg.id);
      }
    }

    /**
     * A feed that pushes: each value is sent from the feed's own callback (no promise per
     * delivery), until it ends, fails, or the subscription is stopped.
     */
    private push(
      msg: RequestMessage,
      feed: PushFeed<unknown>,
      signal: AbortSignal,
      path: string,
      input: unknown,
    ): Promise<void> {
      if (signal.aborted || this.ws.readyState !== OPEN) {
        feed[PUSH](IGNORE)(); // started and stopped at once, so its cleanup runs
        return Promise.resolve();
      }
      this.reply(msg, { result: { type: 'started' } });
      return new Promise<void>((resolve) => {
        const sub = new Pushed(this, msg, path, input, resolve);
        sub.stopFeed = feed[PUSH](sub);
        signal.onabort = sub.abort;
      });
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

    /** One delivery. Tracked plain-JSON events take the precomputed text. */
    data(msg: RequestMessage, value: unknown): void {
      if (this.ws.readyState !== OPEN) return;
      if (isTrackedEnvelope(value)) {
        const [eventId, payload] = value;
        if (payload instanceof WireEvent) {
          this.ws.send(trackedFrame(msg, String(eventId), payload), TEXT);
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
      opts.onError?.(error, path);
      this.reply(msg, { error: this.shape(error, type, path, input) });
    }

    private shape(
      error: TRPCError,
      type: ProcedureType | 'unknown',
      path: string | undefined,
      input: unknown,
    ) {
      return getTRPCErrorShape({ config, ctx: this.ctx, error, type, path, input });
    }

    reply(msg: RequestMessage, body: object): void {
      this.send({ id: msg.id, jsonrpc: msg.jsonrpc, ...body });
    }

    private send(response: object): void {
      if (this.ws.readyState !== OPEN) return;
      // biome-ignore lint/suspicious/noExplicitAny: the response union is tRPC's own
      this.ws.send(JSON.stringify(transformTRPCResponse(config, response as any)));
    }
  }

  /** One pushed subscription: the feed's sink, and the stop on abort (no closures). */
  class Pushed implements FeedSink<unknown> {
    stopFeed: (() => void) | undefined;
    private ended = false;
    readonly abort = this.onAbort.bind(this);

    constructor(
      private readonly conn: Connection,
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

  // Shared listeners: a connection costs its Connection object, not a set of closures.
  function onMessage(this: WebSocket, raw: RawData, isBinary: boolean): void {
    connections.get(this)?.message(raw, isBinary);
  }
  function onClose(this: WebSocket): void {
    connections.get(this)?.closed();
    connections.delete(this);
  }
  function onError(): void {
    // A socket error is followed by 'close', which cleans up; nothing to add here.
  }

  return {
    /** Serves one accepted socket; `req` is what contexts may read (URL, headers, address). */
    accept(ws: WebSocket, req: IncomingMessage): void {
      const awaitsParams = /[?&]connectionParams=1(?:&|$)/.test(req.url ?? '');
      connections.set(ws, new Connection(ws, req, awaitsParams));
      ws.on('message', onMessage);
      ws.on('error', onError);
      ws.once('close', onClose);
    },
    /** Tells every client to reconnect (to another instance), as tRPC's handler does. */
    broadcastReconnectNotification(wss: WebSocketServer): void {
      const data = JSON.stringify({ id: null, method: 'reconnect' });
      for (const ws of wss.clients) if (ws.readyState === OPEN) ws.send(data);
    },
  };
}

function isIterable(value: unknown): value is AsyncIterable<unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    Symbol.asyncIterator in value &&
    typeof (value as AsyncIterable<unknown>)[Symbol.asyncIterator] === 'function'
  );
}
