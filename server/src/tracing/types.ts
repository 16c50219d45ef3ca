import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * What the server's hooks call to trace. It names no OpenTelemetry type: with tracing off,
 * the hooks hold `undefined` instead of a Tracing and nothing of OpenTelemetry is loaded.
 */
export type SpanAttributes = Record<string, string | number | boolean>;

export type SpanKindName = 'internal' | 'client';

/** A span that was started and must be ended exactly once. */
export interface SpanHandle {
  setAttributes(attributes: SpanAttributes): void;
  /** Marks the span failed (status ERROR) with the error's type and message. */
  fail(error: unknown): void;
  end(): void;
}

export interface Tracing {
  /**
   * Runs an HTTP request's handling inside its server span: a child of the caller's trace
   * when the request carries a `traceparent`, named by route template once the response ends.
   */
  serveHttp(req: IncomingMessage, res: ServerResponse, handle: () => unknown): void;
  /** Runs `fn` in a span that is active meanwhile, so spans started inside nest under it. */
  active<T>(
    name: string,
    attributes: SpanAttributes,
    fn: (span: SpanHandle) => Promise<T>,
  ): Promise<T>;
  /**
   * A child of the active span, not made active (a leaf: a store call, a model call).
   * Undefined outside any trace: background loops do not start traces of their own.
   */
  child(name: string, kind: SpanKindName, attributes: SpanAttributes): SpanHandle | undefined;
  /** Exports what is buffered, then stops. */
  shutdown(): Promise<void>;
}
