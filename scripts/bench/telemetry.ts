/**
 * Telemetry cost: `getSession` on the in-memory store (the cheapest store call, so the
 * wrapper's share is as large as it gets) bare, through the instrumented wrapper with tracing
 * off (what every deployment without OTEL_EXPORTER_OTLP_ENDPOINT runs), and with tracing on
 * inside a request's span (a span per call, batched to an exporter that drops them). The
 * sides take turns every BATCH calls (in rotating order), so the machine's other load hits
 * them alike; each round's per-call average, median over rounds.
 *
 *   pnpm exec tsx scripts/bench/telemetry.ts [--quick]
 */
import { Histogram, Registry } from 'prom-client';
import { createMetrics } from '../../server/src/metrics/registry';
import { SeriesHistogram } from '../../server/src/metrics/series-histogram';
import { instrumentStore } from '../../server/src/store/instrumented-store';
import { MemoryStore } from '../../server/src/store/memory/memory-store';
import type { Store } from '../../server/src/store/types';
import type { Tracing } from '../../server/src/tracing';
import { createTracing } from '../../server/src/tracing/otel';
import { isMain, quickMode, runAlone, withTarget } from './common';
import { type BenchRow, compared } from './report';

const SESSIONS = 1000;
const BATCH = 500;
/** Tracing off must cost at most this much per store call. */
const TARGET_NS = 1000;

type SpanExporter = Parameters<typeof createTracing>[0]['exporter'];

/** An exporter that drops what it is given: the bench measures our side, not a collector. */
const discard: SpanExporter = {
  export: (_spans, done) => done({ code: 0 }),
  shutdown: async () => {},
};

async function seeded(): Promise<MemoryStore> {
  const store = new MemoryStore({
    sessionTtlMs: 3_600_000,
    conversationTtlMs: 3_600_000,
    touchIntervalMs: 60_000,
    maxHistory: 50,
    maxTopics: 20,
    maxSessionCache: 20,
    maxSessions: SESSIONS * 2,
  });
  for (let i = 0; i < SESSIONS; i++) await store.createSession(idOf(i), 'hash', Date.now());
  return store;
}

const idOf = (i: number) => `s_bench${String(i).padStart(20, '0')}`;

/** The calls measured: the one the brief names, and the cheapest (the wrapper's share is largest). */
type Op = 'getSession' | 'sessionExists';

/** Nanoseconds per call over `calls` sequential calls. */
async function timeCalls(store: Store, op: Op, calls: number): Promise<number> {
  const started = process.hrtime.bigint();
  for (let i = 0; i < calls; i++) await store[op](idOf(i % SESSIONS));
  return Number(process.hrtime.bigint() - started) / calls;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
type Side = 'bare' | 'off' | 'on';

async function measure(op: Op, stores: Record<Side, Store>, tracing: Tracing): Promise<BenchRow[]> {
  const calls = quickMode() ? 20_000 : 100_000;
  const rounds = quickMode() ? 5 : 9;
  // Inside a request's span, as store calls run when tracing is on.
  const traced = (n: number) =>
    tracing.active('bench request', {}, () => timeCalls(stores.on, op, n));
  const runs: Array<[Side, (n: number) => Promise<number>]> = [
    ['bare', (n) => timeCalls(stores.bare, op, n)],
    ['off', (n) => timeCalls(stores.off, op, n)],
    ['on', traced],
  ];
  const sides: Record<Side, number[]> = { bare: [], off: [], on: [] };
  for (let round = 0; round <= rounds; round++) {
    const total: Record<Side, number> = { bare: 0, off: 0, on: 0 };
    for (let b = 0; b < calls / BATCH; b++) {
      for (let k = 0; k < runs.length; k++) {
        const [side, run] = runs[(b + k) % runs.length] as (typeof runs)[number];
        total[side] += await run(BATCH);
      }
    }
    if (round === 0) continue; // warm-up
    for (const side of ['bare', 'off', 'on'] as const) {
      sides[side].push(total[side] / (calls / BATCH));
    }
  }
  const baseline = { name: 'bare MemoryStore', value: median(sides.bare) };
  const offNs = median(sides.off);
  const overhead = offNs - baseline.value;
  return [
    compared(`${op}, instrumented, tracing off`, offNs, 'ns/call', baseline),
    withTarget(
      { name: `${op}: wrapper overhead, tracing off`, value: overhead, unit: 'ns/call' },
      `tracing off adds under ${TARGET_NS} ns per ${op} call`,
      overhead < TARGET_NS,
    ),
    compared(`${op}, instrumented, in a traced request`, median(sides.on), 'ns/call', baseline),
  ];
}

/**
 * The store latency histogram is our own (series-histogram.ts) because prom-client's re-hashes
 * the labels on every observation. The library beside it: the same bucket layout and labels,
 * observed through `labels(...)` resolved once (prom-client's fastest path) and through
 * `observe(labels, v)`, alternating in batches like the store sides above.
 */
function benchHistogram(): BenchRow[] {
  const buckets = [0.0001, 0.0005, 0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1];
  const labels = { operation: 'getSession', store: 'memory' };
  const registry = new Registry();
  const lib = new Histogram({
    name: 'bench_lib_seconds',
    help: 'prom-client',
    labelNames: ['operation', 'store'],
    buckets,
    registers: [registry],
  });
  const libChild = lib.labels(labels);
  const ours = new SeriesHistogram('bench_ours_seconds', 'ours', buckets, registry).series(labels);
  const n = quickMode() ? 200_000 : 1_000_000;
  const sides = {
    ours: (v: number) => ours.observe(v),
    child: (v: number) => libChild.observe(v),
    labelled: (v: number) => lib.observe(labels, v),
  };
  const times: Record<keyof typeof sides, number[]> = { ours: [], child: [], labelled: [] };
  for (let round = 0; round <= 9; round++) {
    for (const [side, observe] of Object.entries(sides) as Array<
      [keyof typeof sides, (v: number) => void]
    >) {
      const started = process.hrtime.bigint();
      for (let i = 0; i < n / 10; i++) observe((i % 997) * 1e-6);
      if (round > 0) times[side].push(Number(process.hrtime.bigint() - started) / (n / 10));
    }
  }
  const baseline = {
    name: 'prom-client Histogram.labels(...).observe',
    value: median(times.child),
  };
  return [
    compared('store latency observation, SeriesHistogram', median(times.ours), 'ns/call', baseline),
    compared(
      'store latency observation, prom-client observe(labels, v)',
      median(times.labelled),
      'ns/call',
      baseline,
    ),
  ];
}

export async function benchTelemetry(): Promise<BenchRow[]> {
  const tracing = await createTracing({ serviceName: 'bench', exporter: discard, batch: true });
  const stores: Record<Side, Store> = {
    bare: await seeded(),
    off: instrumentStore(await seeded(), { metrics: createMetrics().store }),
    on: instrumentStore(await seeded(), { metrics: createMetrics().store, tracing }),
  };
  try {
    return [
      ...benchHistogram(),
      ...(await measure('getSession', stores, tracing)),
      ...(await measure('sessionExists', stores, tracing)),
    ];
  } finally {
    await tracing.shutdown();
  }
}

if (isMain(import.meta.url)) runAlone(benchTelemetry);
