/**
 * HTTP benchmark: `cart.add` over REST (POST /api/v1/shopping/session/{id}/cart/add) and over
 * tRPC HTTP (POST /trpc/cart.add, superjson body, bearer header) beside a plain node:http +
 * ioredis server doing the same Redis work (see http-baseline.ts). One private redis-server
 * (separate key prefixes), every server and the load generator in this process, 32 requests
 * in flight over keep-alive connections; the three take turns in 500 ms slices after a warm-up,
 * ~5 s each in total, so the machine's other load hits all three alike.
 *
 *   pnpm exec tsx scripts/bench/http.ts [--quick] [--profile]
 *
 * `--profile` then runs each path alone for 3 s under the V8 sampling profiler and prints where
 * the time went (by package, by function), saving the .cpuprofile files.
 */
import { randomUUID } from 'node:crypto';
import type { Agent } from 'node:http';
import { createApp } from '../../server/src/app';
import { loadDemoProducts } from '../../server/src/catalog/demo';
import { hashToken } from '../../server/src/services/tokens';
import { startRedis } from '../../server/test/support/redis-server';
import { benchConfig, isMain, quickMode, runAlone, withCleanup, withTarget } from './common';
import { loadDirectScripts, plainRedis } from './direct-redis';
import { type BaselineItem, startBaselineServer } from './http-baseline';
import {
  type HttpCall,
  keepAliveAgent,
  type LoadResult,
  runInterleaved,
  runLoad,
  type Side,
  send,
  sendJson,
} from './load';
import {
  type ProfileSummary,
  printCostPerRequest,
  printSummary,
  profile,
  saveProfile,
  summarize,
} from './profile';
import { type BenchRow, compared, percentile } from './report';

const CONCURRENCY = 32;
const SKUS = ['IPH15PRO-256', 'IPH15-128', 'SGS24-128', 'SGS24U-256', 'IPHSE3-64'];
const REST_TARGET = 0.85;
const TRPC_TARGET = 0.5;

interface Session {
  id: string;
  token: string;
}

const restPath = (id: string) => `/api/v1/shopping/session/${id}/cart/add`;

/** The three ways to add to a cart, as request builders over one worker's session. */
function calls(sessions: readonly Session[]) {
  const session = (w: number): Session => {
    const s = sessions[w % sessions.length];
    if (!s) throw new Error('no session');
    return s;
  };
  const sku = (n: number) => SKUS[n % SKUS.length] ?? 'IPH15-128';
  const headers = (s: Session) => ({
    'content-type': 'application/json',
    authorization: `Bearer ${s.token}`,
  });
  return {
    rest: (w: number, n: number): HttpCall => {
      const s = session(w);
      return {
        method: 'POST',
        path: restPath(s.id),
        headers: headers(s),
        body: JSON.stringify({ sku: sku(n), quantity: 1 }),
      };
    },
    trpc: (w: number, n: number): HttpCall => {
      const s = session(w);
      return {
        method: 'POST',
        path: '/trpc/cart.add',
        headers: headers(s),
        body: JSON.stringify({ json: { sessionId: s.id, sku: sku(n), quantity: 1 } }),
      };
    },
  };
}

function side(
  name: string,
  agent: Agent,
  port: number,
  build: (w: number, n: number) => HttpCall,
): Side {
  return {
    name,
    call: async (w, n) => (await send(agent, port, build(w, n))).status === 200,
  };
}

/** A cart in either envelope: REST {success, data} or tRPC {result: {data: {json}}}. */
function itemCountOf(body: unknown): number {
  const b = body as {
    data?: { item_count?: number };
    result?: { data?: { json?: { item_count?: number } } };
  };
  return b.data?.item_count ?? b.result?.data?.json?.item_count ?? 0;
}

export async function benchHttp(): Promise<BenchRow[]> {
  const quick = quickMode();
  const durationMs = Number(process.env.BENCH_HTTP_MS) || (quick ? 2500 : 5000);
  return withCleanup(async (cleanup) => {
    const redis = await startRedis();
    cleanup.add('redis', () => redis.stop());

    const app = await createApp(benchConfig({ REDIS_URL: redis.url, REDIS_PREFIX: 'bhapp' }));
    cleanup.add('app', () => app.close());

    const direct = await plainRedis(redis.url);
    cleanup.add('baseline redis', () => direct.quit());
    const scripts = await loadDirectScripts(direct, 'bhbase');
    const catalog = new Map<string, BaselineItem>(
      loadDemoProducts().map((p) => [
        p.sku,
        { sku: p.sku, name: p.name, price: p.price, category: p.category },
      ]),
    );
    const baseline = await startBaselineServer({
      redis: direct,
      scripts,
      prefix: 'bhbase',
      catalog,
    });
    cleanup.add('baseline server', () => baseline.close());

    const agents = {
      baseline: keepAliveAgent(CONCURRENCY),
      rest: keepAliveAgent(CONCURRENCY),
      trpc: keepAliveAgent(CONCURRENCY),
    };
    cleanup.add('agents', () => {
      for (const a of Object.values(agents)) a.destroy();
    });

    // One session per worker on each side: the app's through its own API, the baseline's
    // by the same create_session script.
    const appSessions: Session[] = [];
    for (let w = 0; w < CONCURRENCY; w++) {
      const created = (await sendJson(agents.rest, app.port, {
        method: 'POST',
        path: '/api/v1/shopping/session',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      })) as { data: { session_id: string; session_token: string } };
      appSessions.push({ id: created.data.session_id, token: created.data.session_token });
    }
    const baseSessions: Session[] = [];
    for (let w = 0; w < CONCURRENCY; w++) {
      const s = { id: `s_${randomUUID()}`, token: randomUUID() };
      await scripts.run('create_session', s.id, Date.now(), hashToken(s.token));
      baseSessions.push(s);
    }

    const app_ = calls(appSessions);
    const base_ = calls(baseSessions);
    // Each path answers a real cart before we time it.
    for (const [name, agent, port, call] of [
      ['baseline', agents.baseline, baseline.port, base_.rest(0, 0)],
      ['REST', agents.rest, app.port, app_.rest(0, 0)],
      ['tRPC', agents.trpc, app.port, app_.trpc(0, 0)],
    ] as const) {
      if (itemCountOf(await sendJson(agent, port, call)) < 1) {
        throw new Error(`${name}: cart.add did not return a cart`);
      }
    }

    const sides = [
      side('baseline', agents.baseline, baseline.port, base_.rest),
      side('rest', agents.rest, app.port, app_.rest),
      side('trpc', agents.trpc, app.port, app_.trpc),
    ];
    const results = await runInterleaved(sides, {
      concurrency: CONCURRENCY,
      warmupMs: 1000,
      durationMs,
      sliceMs: 500,
    });
    const get = (name: string): LoadResult => {
      const r = results.get(name);
      if (!r) throw new Error(`no result for ${name}`);
      if (r.errors > 0) throw new Error(`${name}: ${r.errors} failed requests: ${r.firstError}`);
      return r;
    };
    const base = get('baseline');
    const rest = get('rest');
    const trpc = get('trpc');

    const rows: BenchRow[] = [];
    const ref = { name: 'node:http+ioredis', value: base.perSecond };
    for (const [label, r, target] of [
      ['REST cart.add', rest, REST_TARGET],
      ['tRPC cart.add', trpc, TRPC_TARGET],
    ] as const) {
      const row = compared(`${label} (${CONCURRENCY} in flight)`, r.perSecond, 'req/s', ref);
      const ratio = row.ratio ?? 0;
      rows.push(
        withTarget(
          row,
          `${label} >= ${target} x baseline req/s (got ${ratio.toFixed(3)})`,
          ratio >= target,
        ),
        compared(`  ${label} p50`, percentile(r.latencies, 50), 'ms', {
          name: 'baseline p50',
          value: percentile(base.latencies, 50),
        }),
        compared(`  ${label} p99`, percentile(r.latencies, 99), 'ms', {
          name: 'baseline p99',
          value: percentile(base.latencies, 99),
        }),
        compared(`  ${label} CPU per request`, r.cpuMicros / r.requests, 'us', {
          name: 'baseline',
          value: base.cpuMicros / base.requests,
        }),
      );
    }
    rows.push({ name: 'baseline requests measured', value: base.requests, unit: 'req' });

    if (process.argv.includes('--profile')) {
      const runs: { name: string; summary: ProfileSummary; requests: number }[] = [];
      for (const s of sides) {
        // Already warm: profile 3 s of each path alone.
        const { result, profile: p } = await profile(() =>
          runLoad({ concurrency: CONCURRENCY, warmupMs: 0, durationMs: 3000, call: s.call }),
        );
        const summary = summarize(p, 15, (f) => /@trpc|superjson|zod|server\/src/.test(f));
        printSummary(
          `profile ${s.name} cart.add (${result.requests} requests)`,
          summary,
          saveProfile(s.name, p),
        );
        runs.push({ name: s.name, summary, requests: result.requests });
      }
      printCostPerRequest(runs);
    }
    return rows;
  });
}

if (isMain(import.meta.url)) runAlone(benchHttp);
