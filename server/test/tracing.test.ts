import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { InMemorySpanExporter, type ReadableSpan } from '@opentelemetry/sdk-trace';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type OpenAIStub, startOpenAIStub } from '../src/llm/testing/openai-stub';
import { createTracing } from '../src/tracing/otel';
import { startTestApp, type TestApp } from './support/app';
import { useRedisServer } from './support/both-stores';

const API = '/api/v1/shopping';
const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const PARENT_ID = '00f067aa0ba902b7';
const redis = useRedisServer();

describe('traces (OpenTelemetry SDK, in-memory exporter, real server and redis-server)', () => {
  const exporter = new InMemorySpanExporter();
  let app: TestApp;
  beforeAll(async () => {
    const tracing = await createTracing({ serviceName: 'aisle', exporter, batch: false });
    app = await startTestApp(
      { REDIS_URL: redis().url, REDIS_COMMAND_TIMEOUT_MS: '200' },
      { tracing },
    );
  });
  afterAll(async () => {
    await app?.close();
  });

  const spans = () => exporter.getFinishedSpans();
  const idOf = (s: ReadableSpan) => s.spanContext().spanId;
  const parentOf = (s: ReadableSpan) =>
    spans().find((p) => idOf(p) === s.parentSpanContext?.spanId);
  /** Names from the span up to its trace's local root. */
  const lineage = (s: ReadableSpan): string[] => {
    const parent = parentOf(s);
    return parent ? [s.name, ...lineage(parent)] : [s.name];
  };
  /** The server span of a request, once its response has closed. */
  async function serverSpan(name: string, traceId?: string): Promise<ReadableSpan> {
    let found: ReadableSpan | undefined;
    await expect
      .poll(() => {
        found = spans().find(
          (s) => s.name === name && (!traceId || s.spanContext().traceId === traceId),
        );
        return found !== undefined;
      })
      .toBe(true);
    return found as ReadableSpan;
  }
  const inTrace = (root: ReadableSpan) =>
    spans().filter((s) => s.spanContext().traceId === root.spanContext().traceId);

  it('a REST question: server span under the caller’s traceparent, tRPC span, store and model spans beneath', async () => {
    const res = await app.rest('POST', `${API}/query`, {
      body: { q: 'cheapest laptops' },
      headers: { traceparent: `00-${TRACE_ID}-${PARENT_ID}-01` },
    });
    expect(res.status).toBe(200);
    const server = await serverSpan(`POST ${API}/query`, TRACE_ID);
    expect(server.kind).toBe(SpanKind.SERVER);
    expect(server.parentSpanContext?.spanId).toBe(PARENT_ID);
    expect(server.attributes).toMatchObject({
      'http.request.method': 'POST',
      'http.route': `${API}/query`,
      'http.response.status_code': 200,
      'url.path': `${API}/query`,
    });
    expect(server.status.code).toBe(SpanStatusCode.UNSET);
    expect(server.resource.attributes['service.name']).toBe('aisle');

    const trace = inTrace(server);
    const trpc = trace.find((s) => s.name === 'trpc shopping.query');
    expect(trpc && parentOf(trpc)).toBe(server);
    expect(trpc?.attributes).toMatchObject({
      'rpc.system': 'trpc',
      'rpc.method': 'shopping.query',
    });

    const store = trace.filter((s) => s.name.startsWith('store '));
    expect(store.map((s) => s.name)).toEqual(
      expect.arrayContaining(['store createSession', 'store recordTurn']),
    );
    for (const s of store) {
      expect(lineage(s).slice(-2)).toEqual(['trpc shopping.query', `POST ${API}/query`]);
      expect(s.kind).toBe(SpanKind.CLIENT);
      expect(s.attributes['db.system.name']).toBe('redis');
      expect(s.name).toBe(`store ${s.attributes['db.operation.name']}`);
    }
    const model = trace.filter((s) => s.name === 'chat local');
    expect(model.map((s) => s.attributes['aisle.model.kind']).sort()).toEqual([
      'answer',
      'understand',
    ]);
    for (const s of model) expect(lineage(s).slice(-2)[0]).toBe('trpc shopping.query');
  });

  it('a tRPC cart add: its own trace; a failed call marks its tRPC span as an error', async () => {
    const s = (await app.rest('POST', `${API}/session`, { body: {} })).body.data;
    const add = (sku: string) =>
      fetch(`${app.url}/trpc/cart.add`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${s.session_token}` },
        body: JSON.stringify({ json: { sessionId: s.session_id, sku, quantity: 1 } }),
      });
    expect((await add('IPH15-128')).status).toBe(200);
    const ok = await serverSpan('POST /trpc/cart.add');
    expect(ok.parentSpanContext).toBeUndefined();
    const names = inTrace(ok).map(lineage);
    expect(names).toContainEqual(['trpc cart.add', 'POST /trpc/cart.add']);
    // One store call: the token check, the write and its event are one step.
    expect(names).toContainEqual(['store cartAdd', 'trpc cart.add', 'POST /trpc/cart.add']);
    expect(names.filter((n) => n[0]?.startsWith('store '))).toHaveLength(1);

    exporter.reset();
    const missing = await add('NO-SUCH-SKU');
    expect(missing.status).toBe(422);
    const failed = await serverSpan('POST /trpc/cart.add');
    expect(failed.attributes['http.response.status_code']).toBe(422);
    // A 4xx is the client's error: the server span stays unset, the procedure's span fails.
    expect(failed.status.code).toBe(SpanStatusCode.UNSET);
    const trpc = inTrace(failed).find((x) => x.name === 'trpc cart.add');
    expect(trpc?.status.code).toBe(SpanStatusCode.ERROR);
    expect(trpc?.attributes['error.type']).toBe('UNKNOWN_SKU');
    expect(inTrace(failed).some((x) => x.name === 'store cartAdd')).toBe(false);
  });

  it('a timer started in a request and firing after it ended adds nothing to its trace', async () => {
    const tracing = app.deps.tracing;
    if (!tracing) throw new Error('tracing is on in this suite');
    exporter.reset();
    let later: Promise<unknown> | undefined;
    await tracing.active('request', {}, async () => {
      await app.services.store.sessionExists('s_during_the_request_000000');
      later = new Promise((r) => setTimeout(r, 20)).then(() =>
        app.services.store.sessionExists('s_after_the_request_0000000'),
      );
    });
    await later;
    const request = spans().find((x) => x.name === 'request');
    const children = spans().filter(
      (x) => x.parentSpanContext?.spanId === idOf(request as ReadableSpan),
    );
    expect(children.map((x) => x.name)).toEqual(['store sessionExists']);
  });

  it('a store outage: the store span fails with its exception, the server span with the 503', async () => {
    const s = (await app.rest('POST', `${API}/session`, { body: {} })).body.data;
    exporter.reset();
    redis().pause();
    try {
      const res = await app.rest('GET', `${API}/session/${s.session_id}/cart`, {
        token: s.session_token,
      });
      expect(res.status).toBe(503);
    } finally {
      redis().resume();
    }
    const server = await serverSpan(`GET ${API}/session/{id}/cart`);
    expect(server.status.code).toBe(SpanStatusCode.ERROR);
    expect(server.attributes['error.type']).toBe('503');
    const store = inTrace(server).find((x) => x.name === 'store getCart');
    expect(store?.status.code).toBe(SpanStatusCode.ERROR);
    expect(store?.events.some((e) => e.name === 'exception')).toBe(true);
    expect(lineage(store as ReadableSpan).at(-1)).toBe(server.name);
  });
});

describe('model call spans (the real OpenAI client against the local stub)', () => {
  const exporter = new InMemorySpanExporter();
  const mode = { fail: false };
  let stub: OpenAIStub;
  let app: TestApp;
  beforeAll(async () => {
    stub = await startOpenAIStub((call) => {
      if (mode.fail) return { status: 500 };
      if (!call.body.tools?.length) return { chunks: ['Three ', 'laptops.'] };
      const query = { text: 'laptop', category: 'laptop', sort: 'price_asc', limit: 3 };
      return {
        toolCall: {
          arguments: { intent: 'product_inquiry', query, references: [], followUp: false },
        },
      };
    });
    const tracing = await createTracing({ serviceName: 'aisle', exporter, batch: false });
    app = await startTestApp(
      {
        LLM_PROVIDER: 'openai',
        OPENAI_API_KEY: 'sk-test',
        OPENAI_BASE_URL: stub.url,
        OPENAI_MODEL: 'gpt-4o-mini',
        OPENAI_TIMEOUT_MS: '3000',
      },
      { tracing },
    );
  });
  afterAll(async () => {
    await app?.close();
    await stub?.close();
  });
  const modelSpans = () => exporter.getFinishedSpans().filter((s) => s.name === 'chat gpt-4o-mini');
  const parentName = (s: ReadableSpan) =>
    exporter.getFinishedSpans().find((p) => p.spanContext().spanId === s.parentSpanContext?.spanId)
      ?.name;

  it('a client span per model call, under the procedure, with the tokens it used', async () => {
    const res = await app.rest('POST', `${API}/query`, { body: { q: 'cheapest laptops' } });
    expect(res.status).toBe(200);
    const [understand, answer] = ['understand', 'answer'].map((kind) =>
      modelSpans().find((s) => s.attributes['aisle.model.kind'] === kind),
    );
    for (const span of [understand, answer]) {
      expect(span?.kind).toBe(SpanKind.CLIENT);
      expect(span && parentName(span)).toBe('trpc shopping.query');
      expect(span?.attributes).toMatchObject({
        'gen_ai.operation.name': 'chat',
        'gen_ai.provider.name': 'openai',
        'gen_ai.request.model': 'gpt-4o-mini',
      });
    }
    // The stub's reported usage on the understanding; counted tokens on the stream.
    expect(understand?.attributes['gen_ai.usage.input_tokens']).toBe(1);
    expect(understand?.attributes['gen_ai.usage.output_tokens']).toBe(1);
    expect(answer?.attributes['gen_ai.usage.output_tokens']).toBeGreaterThan(0);
  });

  it('a failed model call: its span and the 503 request span are errors', async () => {
    exporter.reset();
    mode.fail = true;
    try {
      const res = await app.rest('POST', `${API}/query`, { body: { q: 'tablets for kids' } });
      expect(res.status).toBe(503);
    } finally {
      mode.fail = false;
    }
    await expect
      .poll(() => exporter.getFinishedSpans().some((s) => s.name === `POST ${API}/query`))
      .toBe(true);
    const [failed] = modelSpans();
    expect(failed?.status.code).toBe(SpanStatusCode.ERROR);
    expect(failed?.attributes['error.type']).toBe('MODEL_UNAVAILABLE');
    const server = exporter.getFinishedSpans().find((s) => s.name === `POST ${API}/query`);
    expect(server?.status.code).toBe(SpanStatusCode.ERROR);
    expect(server?.attributes['http.response.status_code']).toBe(503);
  });
});

const MAIN = fileURLToPath(new URL('../src/main.ts', import.meta.url));
const PROBE = fileURLToPath(new URL('./support/module-probe.mjs', import.meta.url));

/**
 * The real entry point in its own process, with a probe recording every module resolved from
 * node_modules: one question asked, then SIGTERM (a graceful stop flushes traces).
 */
interface Resolved {
  url: string;
  parent: string;
}

/** `@opentelemetry/<name>` of a resolved module URL, if it is one of OpenTelemetry's. */
const otelPackage = (url: string) => /\/node_modules\/@opentelemetry\/([^/]+)\//.exec(url)?.[1];

async function runServer(env: Record<string, string>): Promise<Resolved[]> {
  const dir = mkdtempSync(join(tmpdir(), 'aisle-probe-'));
  const out = join(dir, 'modules.json');
  try {
    const child = spawn(process.execPath, ['--import', 'tsx', '--import', PROBE, MAIN], {
      env: { ...process.env, PORT: '0', HOST: '127.0.0.1', PROBE_OUT: out, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    const url = await new Promise<string>((resolve, reject) => {
      let text = '';
      const timer = setTimeout(() => reject(new Error(`no start: ${text}`)), 20_000);
      const onData = (d: Buffer) => {
        text += d.toString();
        const m =
          /"Aisle is listening".*?"url":"(http[^"]+)"|"url":"(http[^"]+)".*?"Aisle is listening"/.exec(
            text,
          );
        if (m) {
          clearTimeout(timer);
          resolve((m[1] ?? m[2]) as string);
        }
      };
      child.stdout?.on('data', onData);
      child.stderr?.on('data', onData);
      child.once('exit', (code) => reject(new Error(`exited ${code}: ${text}`)));
    });
    const res = await fetch(`${url}${API}/query`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ q: 'laptops' }),
    });
    expect(res.status).toBe(200);
    child.kill('SIGTERM');
    await exited;
    return JSON.parse(readFileSync(out, 'utf8')) as Resolved[];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('tracing off by default, and the real OTLP/HTTP path when on', () => {
  it('loads no OpenTelemetry module when OTEL_EXPORTER_OTLP_ENDPOINT is unset', {
    timeout: 30_000,
  }, async () => {
    const modules = await runServer({ OTEL_EXPORTER_OTLP_ENDPOINT: '' });
    // The probe sees the server's own modules and dependencies (so what it lacks means something).
    expect(modules.some((m) => m.url.includes('/prom-client/'))).toBe(true);
    expect(modules.some((m) => m.url.endsWith('/src/tracing/index.ts'))).toBe(true);
    expect(modules.filter((m) => m.url.endsWith('/src/tracing/otel.ts'))).toEqual([]);
    // prom-client itself requires @opentelemetry/api (for exemplars) whatever we do; nothing
    // else of OpenTelemetry loads: no SDK, exporter, context manager or resource, and no
    // module of ours asks for the API.
    const otel = modules.filter((m) => otelPackage(m.url));
    expect(new Set(otel.map((m) => otelPackage(m.url)))).toEqual(new Set(['api']));
    const askers = otel.filter((m) => !otelPackage(m.parent)).map((m) => m.parent);
    expect(askers.length).toBeGreaterThan(0);
    for (const asker of askers) expect(asker).toContain('/node_modules/prom-client/');
  });

  it('posts spans to <endpoint>/v1/traces (OTLP/HTTP) when it is set', {
    timeout: 30_000,
  }, async () => {
    const received: { path: string; type: string; body: string }[] = [];
    const collector = createServer((req: IncomingMessage, res) => {
      let body = '';
      req.on('data', (d: Buffer) => {
        body += d.toString();
      });
      req.on('end', () => {
        received.push({
          path: req.url ?? '',
          type: req.headers['content-type'] ?? '',
          body,
        });
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((r) => collector.listen(0, '127.0.0.1', r));
    const { port } = collector.address() as AddressInfo;
    try {
      const modules = await runServer({
        OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${port}`,
        OTEL_SERVICE_NAME: 'aisle',
      });
      const loaded = new Set(modules.map((m) => otelPackage(m.url)));
      for (const name of ['sdk-trace', 'exporter-trace-otlp-http', 'context-async-hooks']) {
        expect(loaded.has(name)).toBe(true);
      }
      const posts = received.filter((r) => r.path === '/v1/traces');
      expect(posts.length).toBeGreaterThan(0);
      expect(posts[0]?.type).toContain('json');
      const all = posts.map((p) => p.body).join('\n');
      expect(all).toContain('"service.name"');
      expect(all).toContain('"aisle"');
      expect(all).toContain(`"POST ${API}/query"`);
      expect(all).toContain('"trpc shopping.query"');
    } finally {
      await new Promise((r) => collector.close(r));
    }
  });
});
