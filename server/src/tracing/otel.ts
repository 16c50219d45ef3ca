import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Context, Span, Tracer } from '@opentelemetry/api';
import type { SpanExporter } from '@opentelemetry/sdk-trace';
import { routeLabel } from '../metrics/route-label';
import type { SpanAttributes, SpanHandle, SpanKindName, Tracing } from './types';

/**
 * OpenTelemetry's packages, imported here with `import()` rather than at the top: a bundler
 * that inlines this module still leaves them unloaded until tracing is switched on (static
 * imports of external packages would be hoisted to the bundle's top and load at start-up).
 */
async function loadSdk() {
  const [api, hooks, core, otlp, resources, sdk] = await Promise.all([
    import('@opentelemetry/api'),
    import('@opentelemetry/context-async-hooks'),
    import('@opentelemetry/core'),
    import('@opentelemetry/exporter-trace-otlp-http'),
    import('@opentelemetry/resources'),
    import('@opentelemetry/sdk-trace'),
  ]);
  return { api, hooks, core, otlp, resources, sdk };
}
type Sdk = Awaited<ReturnType<typeof loadSdk>>;

/** Semantic-convention attribute names (stable HTTP and error ones). */
const ATTR = {
  method: 'http.request.method',
  route: 'http.route',
  status: 'http.response.status_code',
  path: 'url.path',
  scheme: 'url.scheme',
  protocol: 'network.protocol.version',
  agent: 'user_agent.original',
  errorType: 'error.type',
  serviceName: 'service.name',
} as const;

/** A shutdown flushes what is buffered but never waits longer than this for a collector. */
const SHUTDOWN_BOUND_MS = 3000;

export interface OtlpTracingOptions {
  /** OTEL_EXPORTER_OTLP_ENDPOINT: the collector's base URL; spans go to `<endpoint>/v1/traces`. */
  endpoint: string;
  serviceName: string;
}

/** The real path: spans batched and posted as OTLP/HTTP (JSON) to the collector. */
export async function createOtlpTracing(opts: OtlpTracingOptions): Promise<Tracing> {
  const sdk = await loadSdk();
  const url = `${opts.endpoint.replace(/\/+$/, '')}/v1/traces`;
  const exporter = new sdk.otlp.OTLPTraceExporter({ url });
  return tracingOf(sdk, { serviceName: opts.serviceName, exporter, batch: true });
}

export interface TracingOptions {
  serviceName: string;
  exporter: SpanExporter;
  /** Batch spans before export (production); false exports each span as it ends (tests). */
  batch: boolean;
}

/** Tracing into any exporter (tests use the SDK's InMemorySpanExporter). */
export async function createTracing(opts: TracingOptions): Promise<Tracing> {
  return tracingOf(await loadSdk(), opts);
}

/** A tracer provider of this app's own (never the global one), with our hooks on top. */
function tracingOf(sdk: Sdk, opts: TracingOptions): Tracing {
  const { api } = sdk;
  ensureContextManager(sdk);
  const provider = new sdk.sdk.TracerProvider({
    resource: sdk.resources.resourceFromAttributes({ [ATTR.serviceName]: opts.serviceName }),
    spanProcessors: [
      opts.batch
        ? new sdk.sdk.BatchSpanProcessor({ exporter: opts.exporter })
        : new sdk.sdk.SimpleSpanProcessor({ exporter: opts.exporter }),
    ],
  });
  const tracer = provider.getTracer('aisle');
  const propagator = new sdk.core.W3CTraceContextPropagator();
  const kinds: Record<SpanKindName, number> = {
    internal: api.SpanKind.INTERNAL,
    client: api.SpanKind.CLIENT,
  };
  return {
    serveHttp: (req, res, handle) => serveHttp(sdk, tracer, propagator, req, res, handle),
    async active(name, attributes, fn) {
      const span = tracer.startSpan(name, { kind: api.SpanKind.INTERNAL, attributes });
      const handle = handleOf(sdk, span);
      try {
        return await api.context.with(api.trace.setSpan(api.context.active(), span), () =>
          fn(handle),
        );
      } catch (error) {
        handle.fail(error);
        throw error;
      } finally {
        span.end();
      }
    },
    child(name, kind, attributes) {
      const parent = api.context.active();
      // Timers and loops started during a request inherit its context (AsyncLocalStorage)
      // and outlive it: once that span has ended, their calls are no part of its trace.
      if (!api.trace.getSpan(parent)?.isRecording()) return undefined;
      return handleOf(sdk, tracer.startSpan(name, { kind: kinds[kind], attributes }, parent));
    },
    shutdown: () =>
      Promise.race([
        provider.shutdown(),
        new Promise<void>((resolve) => setTimeout(resolve, SHUTDOWN_BOUND_MS).unref()),
      ]),
  };
}

/**
 * Spans need the active context to follow async calls (a store call made deep inside a
 * request belongs to that request): the AsyncLocalStorage context manager, registered once
 * per process (the API keeps one global manager; several apps in one process share it).
 */
function ensureContextManager({ api, hooks }: Sdk): void {
  const probe = api.ROOT_CONTEXT.setValue(Symbol('probe'), true);
  const works = api.context.with(probe, () => api.context.active() === probe);
  if (!works) {
    api.context.setGlobalContextManager(new hooks.AsyncLocalStorageContextManager().enable());
  }
}

function handleOf({ api }: Sdk, span: Span): SpanHandle {
  return {
    setAttributes: (attributes) => span.setAttributes(attributes),
    fail(error) {
      const type = error instanceof Error ? error.name : typeof error;
      span.setAttribute(ATTR.errorType, codeOf(error) ?? type);
      span.setStatus({ code: api.SpanStatusCode.ERROR, message: messageOf(error) });
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
  { api }: Sdk,
  tracer: Tracer,
  propagator: InstanceType<Sdk['core']['W3CTraceContextPropagator']>,
  req: IncomingMessage,
  res: ServerResponse,
  handle: () => unknown,
): void {
  const method = req.method ?? 'GET';
  const parent: Context = propagator.extract(
    api.ROOT_CONTEXT,
    req.headers,
    api.defaultTextMapGetter,
  );
  const path = (req.url ?? '/').split('?')[0] ?? '/';
  const attributes: SpanAttributes = {
    [ATTR.method]: method,
    [ATTR.path]: path,
    [ATTR.scheme]: 'http',
    [ATTR.protocol]: req.httpVersion,
  };
  const agent = req.headers['user-agent'];
  if (agent) attributes[ATTR.agent] = agent;
  const span = tracer.startSpan(method, { kind: api.SpanKind.SERVER, attributes }, parent);
  res.once('close', () => {
    const route = routeLabel(method, new URL(req.url ?? '/', 'http://localhost').pathname);
    if (route !== '(other)') {
      span.updateName(`${method} ${route}`);
      span.setAttribute(ATTR.route, route);
    }
    const status = res.statusCode;
    span.setAttribute(ATTR.status, status);
    if (status >= 500) {
      span.setAttribute(ATTR.errorType, String(status));
      span.setStatus({ code: api.SpanStatusCode.ERROR });
    }
    if (!res.writableFinished) span.setAttribute('aisle.client_aborted', true);
    span.end();
  });
  api.context.with(api.trace.setSpan(parent, span), handle);
}
