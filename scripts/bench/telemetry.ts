/**
 * Telemetry cost: `getSession` on the in-memory store (the cheapest store call, so the
 * wrapper's share is as large as it gets) bare, through the instrumented wrapper with tracing
 * off (what every deployment without OTEL_EXPORTER_OTLP_ENDPOINT runs), and with tracing on
 * inside a request's span (a span per call, batched to an exporter that drops them). The
 * sides take turns in rounds, so the machine's other load hits them alike; medians shown.
 *
 *   pnpm exec tsx scripts/bench/telemetry.ts [--quick]
 */
import { createMetrics } from '../../server/src/metrics/registry';
import { instrumentStore } from '../../server/src/store/instrumented-store';
import { MemoryStore } from '../../server/src/store/memory/memory-store';
import type { Store } from '../../server/src/store/types';
import { createTracing } from '../../server/src/tracing/otel';
import { isMain, quickMode, runAlone, withTarget } from './common';
import { type BenchRow, compared } from './report';

const SESSIONS = 1000;
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

/** Nanoseconds per call over `calls` sequential getSession calls. */
async function timeCalls(store: Store, calls: number): Promise<number> {
  const started = process.hrtime.bigint();
  for (let i = 0; i < calls; i++) await store.getSession(idOf(i % SESSIONS));
  return Number(process.hrtime.bigint() - started) / calls;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

export async function benchTelemetry(): Promise<BenchRow[]> {
  const calls = quickMode() ? 20_000 : 100_000;
  const rounds = quickMode() ? 5 : 9;
  const bare = await seeded();
  const off = instrumentStore(await seeded(), {
    metrics: createMetrics().store,
  });
  const tracing = createTracing({ serviceName: 'bench', exporter: discard, batch: true });
  const on = instrumentStore(await seeded(), {
    metrics: createMetrics().store,
    tracing,
  });
  // Inside a request's span, as store calls run when tracing is on.
  const traced = (n: number) => tracing.active('bench request', {}, () => timeCalls(on, n));

  const sides = { bare: [] as number[], off: [] as number[], on: [] as number[] };
  for (let round = 0; round <= rounds; round++) {
    const b = await timeCalls(bare, calls);
    const o = await timeCalls(off, calls);
    const t = await traced(calls);
    if (round === 0) continue; // warm-up
    sides.bare.push(b);
    sides.off.push(o);
    sides.on.push(t);
  }
  await tracing.shutdown();
  const baseline = { name: 'bare MemoryStore', value: median(sides.bare) };
  const offNs = median(sides.off);
  const overhead = offNs - baseline.value;
  return [
    compared('getSession, instrumented, tracing off', offNs, 'ns/call', baseline),
    withTarget(
      { name: 'wrapper overhead, tracing off', value: overhead, unit: 'ns/call' },
      `tracing off adds under ${TARGET_NS} ns per store call`,
      overhead < TARGET_NS,
    ),
    compared(
      'getSession, instrumented, in a traced request',
      median(sides.on),
      'ns/call',
      baseline,
    ),
  ];
}

if (isMain(import.meta.url)) runAlone(benchTelemetry);
