import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  type Context,
  context,
  defaultTextMapGetter,
  ROOT_CONTEXT,
  type Span,
  SpanKind,
  SpanStatusCode,
  type Tracer,
  trace,
} from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  BatchSpanProcessor,
  SimpleSpanProcessor,
  type SpanExporter,
  TracerProvider,
} from '@opentelemetry/sdk-trace';
import {
  ATTR_ERROR_TYPE,
  ATTR_HTTP_REQUEST_METHOD,
  ATTR_HTTP_RESPONSE_STATUS_CODE,
  ATTR_HTTP_ROUTE,
  ATTR_NETWORK_PROTOCOL_VERSION,
  ATTR_SERVICE_NAME,
  ATTR_URL_PATH,
  ATTR_URL_SCHEME,
  ATTR_USER_AGENT_ORIGINAL,
} from '@opentelemetry/semantic-conventions';
import { routeLabel } from '../metrics/route-label';
import type { SpanAttributes, SpanHandle, SpanKindName, Tracing } from './types';

const KINDS: Record<SpanKindName, SpanKind> = {
  internal: SpanKind.INTERNAL,
  client: SpanKind.CLIENT,
};
const propagator = new W3CTraceContextPropagator();
const SHUTDOWN_BOUND_MS = 3000;

/**
 * Spans need the active context to follow async calls (a store call made deep inside a
 * request belongs to that request): the AsyncLocalStorage context manager, registered once
 * per process (the API keeps one global manager; several apps in one process share it).
 */
function ensureContextManager(): void {
  const probe = ROOT_CONTEXT.setValue(Symbol('probe'), true);
  const works = context.with(probe, () => context.active() === probe);
  if (!works) context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
}

export interface OtlpTracingOptions {
  /** OTEL_EXPORTER_OTLP_ENDPOINT: the collector's base URL; spans go to `<endpoint>/v1/traces`. */
  endpoint: string;
  serviceName: string;
}

/** The real path: spans batched and posted as OTLP/HTTP (JSON) to the collector. */
export function createOtlpTracing(opts: OtlpTracingOptions): Tracing {
  const url = `${opts.endpoint.replace(/\/+$/, '')}/v1/traces`;
  const exporter = new OTLPTraceExporter({ url });
  return createTracing({ serviceName: opts.serviceName, exporter, batch: true });
}

export interface TracingOptions {
  serviceName: string;
  exporter: SpanExporter;
  /** Batch spans before export (production); false exports each span as it ends (tests). */
  batch: boolean;
}

/** A tracer provider of this app's own (never the global one), with our hooks on top. */
export function createTracing(opts: TracingOptions): Tracing {
  ensureContextManager();
  const provider = new TracerProvider({
    resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: opts.serviceName }),
    spanProcessors: [
      opts.batch
        ? new BatchSpanProcessor({ exporter: opts.exporter })
        : new SimpleSpanProcessor({ exporter: opts.exporter }),
    ],
  });
  const tracer = provider.getTracer('aisle');
  return {
    serveHttp: (req, res, handle) => serveHttp(tracer, req, res, handle),
    async active(name, attributes, fn) {
      const span = tracer.startSpan(name, { kind: SpanKind.INTERNAL, attributes });
      const handle = handleOf(span);
      try {
        return await context.with(trace.setSpan(context.active(), span), () => fn(handle));
      } catch (error) {
        handle.fail(error);
        throw error;
      } finally {
        span.end();
      }
    },
    child(name, kind, attributes) {
      const parent = context.active();
      // Timers and loops started during a request inherit its context (AsyncLocalStorage)
      // and outlive it: once that span has ended, their calls are no part of its trace.
      if (!trace.getSpan(parent)?.isRecording()) return undefined;
      return handleOf(tracer.startSpan(name, { kind: KINDS[kind], attributes }, parent));
    },
    // Flushes what is buffered, but never holds a shutdown longer than SHUTDOWN_BOUND_MS
    // for a collector that does not answer.
    shutdown: () =>
      Promise.race([
        provider.shutdown(),
        new Promise<void>((resolve) => setTimeout(resolve, SHUTDOWN_BOUND_MS).unref()),
      ]),
  };
}

function handleOf(span: Span): SpanHandle {
  return {
    setAttributes: (attributes) => span.setAttributes(attributes),
    fail(error) {
      const type = error instanceof Error ? error.name : typeof error;
      span.setAttribute(ATTR_ERROR_TYPE, codeOf(error) ?? type);
      span.setStatus({ code: SpanStatusCode.ERROR, message: messageOf(error) });
      if (error instanceof Error) span.recordException(error);
    },
    end: () => span.end(),
  };
}

/** A domain error's stable code (AppError and tRPC errors carry one), if any. */
function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

const messageOf = (error: unknown): string =>
  error instanceof Error ? error.message : String(error);

/**
 * The server span of one request (semantic conventions for HTTP servers): named
 * `METHOD /route/template` when the response ends (the route is known only then for
 * unknown paths), failed on a 5xx. The request runs inside it, so everything it calls nests.
 */
function serveHttp(
  tracer: Tracer,
  req: IncomingMessage,
  res: ServerResponse,
  handle: () => unknown,
): void {
  const method = req.method ?? 'GET';
  const parent: Context = propagator.extract(ROOT_CONTEXT, req.headers, defaultTextMapGetter);
  const path = (req.url ?? '/').split('?')[0] ?? '/';
  const attributes: SpanAttributes = {
    [ATTR_HTTP_REQUEST_METHOD]: method,
    [ATTR_URL_PATH]: path,
    [ATTR_URL_SCHEME]: 'http',
    [ATTR_NETWORK_PROTOCOL_VERSION]: req.httpVersion,
  };
  const agent = req.headers['user-agent'];
  if (agent) attributes[ATTR_USER_AGENT_ORIGINAL] = agent;
  const span = tracer.startSpan(method, { kind: SpanKind.SERVER, attributes }, parent);
  res.once('close', () => {
    const route = routeLabel(method, new URL(req.url ?? '/', 'http://localhost').pathname);
    if (route !== '(other)') {
      span.updateName(`${method} ${route}`);
      span.setAttribute(ATTR_HTTP_ROUTE, route);
    }
    const status = res.statusCode;
    span.setAttribute(ATTR_HTTP_RESPONSE_STATUS_CODE, status);
    if (status >= 500) {
      span.setAttribute(ATTR_ERROR_TYPE, String(status));
      span.setStatus({ code: SpanStatusCode.ERROR });
    }
    if (!res.writableFinished) span.setAttribute('aisle.client_aborted', true);
    span.end();
  });
  context.with(trace.setSpan(parent, span), handle);
}
