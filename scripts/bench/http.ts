/**
 * HTTP benchmark: `cart.add` over REST (POST /api/v1/shopping/session/{id}/cart/add) and over
 * tRPC HTTP (POST /trpc/cart.add, superjson body, bearer header; answered by the single-call
 * path, with tRPC's own Node handler measured beside it on the same app) beside the ideal
 * implementation of the same job: plain node:http + ioredis, the whole request's Redis work in
 * one Lua script (see http-baseline.ts). One private redis-server (separate key prefixes),
 * every server and the load generator in this process, 32 requests in flight over keep-alive
 * connections, rate limits off; the three take turns in 500 ms slices after a warm-up, ~5 s
 * each in total, so the machine's other load hits all three alike.
 *
 * Then, one request at a time, the Redis work of each path is counted from Redis's side
 * (redis-commands.ts): round trips, top-level commands by name, commands run inside scripts.
 *
 *   pnpm exec tsx scripts/bench/http.ts [--quick] [--profile]
 *
 * `--profile` then runs each path alone for 3 s under the V8 sampling profiler and prints where
 * the time went (by package, by function), saving the .cpuprofile files.
 */
import { randomUUID } from 'node:crypto';
import { type Agent, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from '../../server/src/app';
import { loadDemoProducts } from '../../server/src/catalog/demo';
import { hashToken } from '../../server/src/services/tokens';
import { createTrpcHttpHandler } from '../../server/src/transport/trpc-http-handler';
import { startRedis } from '../../server/test/support/redis-server';
import { benchConfig, isMain, quickMode, runAlone, withCleanup, withTarget } from './common';
import { idealKeys, loadIdealScripts, plainRedis } from './direct-redis';
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
import { countRedisWork, printRedisWork, type RedisWork } from './redis-commands';
import { type BenchRow, compared, percentile } from './report';

const CONCURRENCY = 32;
const SKUS = ['IPH15PRO-256', 'IPH15-128', 'SGS24-128', 'SGS24U-256', 'IPHSE3-64'];
const REST_TARGET = 0.85;
const REST_P99_TARGET = 1.5;
const TRPC_TARGET = 0.6;
/** Requests counted one at a time for the Redis work per request; odd, so a median is one. */
const COUNTED = 101;

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

type Build = (w: number, n: number) => HttpCall;

function side(name: string, agent: Agent, port: number, build: Build): Side {
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
    const scripts = await loadIdealScripts(direct);
    const catalog = new Map<string, BaselineItem>(
      loadDemoProducts().map((p) => [
        p.sku,
        { sku: p.sku, name: p.name, price: p.price, category: p.category },
      ]),
    );
    const baseline = await startBaselineServer({ scripts, prefix: 'bhbase', catalog });
    cleanup.add('baseline server', () => baseline.close());

    // The library beside our own tRPC single-call path: tRPC's Node handler alone, serving
    // the same app (same store, services and procedures) on a port of its own.
    const libraryHandler = createTrpcHttpHandler(app.deps);
    const library = createServer((req, res) => void libraryHandler(req, res));
    await new Promise<void>((r) => library.listen(0, '127.0.0.1', r));
    cleanup.add('tRPC handler server', () => new Promise((r) => library.close(r)));
    const libraryPort = (library.address() as AddressInfo).port;

    const agents = {
      baseline: keepAliveAgent(CONCURRENCY),
      rest: keepAliveAgent(CONCURRENCY),
      trpc: keepAliveAgent(CONCURRENCY),
      trpcLibrary: keepAliveAgent(CONCURRENCY),
    };
    cleanup.add('agents', () => {
      for (const a of Object.values(agents)) a.destroy();
    });

    // One session per worker on each side: the app's through its own API, the baseline's by
    // its own create_session script (its own layout: it is the ideal, not a copy of ours).
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
      const k = idealKeys('bhbase', s.id);
      await scripts.run(
        'create_session',
        [k.session, k.cart, k.topics, k.events],
        Date.now(),
        hashToken(s.token),
      );
      baseSessions.push(s);
    }

    const app_ = calls(appSessions);
    const base_ = calls(baseSessions);
    // Each path answers a real cart before we time it.
    for (const [name, agent, port, call] of [
      ['baseline', agents.baseline, baseline.port, base_.rest(0, 0)],
      ['REST', agents.rest, app.port, app_.rest(0, 0)],
      ['tRPC', agents.trpc, app.port, app_.trpc(0, 0)],
      ["tRPC's handler", agents.trpcLibrary, libraryPort, app_.trpc(0, 0)],
    ] as const) {
      if (itemCountOf(await sendJson(agent, port, call)) < 1) {
        throw new Error(`${name}: cart.add did not return a cart`);
      }
    }

    const sides = [
      side('baseline', agents.baseline, baseline.port, base_.rest),
      side('rest', agents.rest, app.port, app_.rest),
      side('trpc', agents.trpc, app.port, app_.trpc),
      side('trpc-library', agents.trpcLibrary, libraryPort, app_.trpc),
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
    const trpcLibrary = get('trpc-library');

    const rows: BenchRow[] = [];
    const ref = { name: 'ideal node:http+ioredis', value: base.perSecond };
    const baseP99 = percentile(base.latencies, 99);
    for (const [label, r, target] of [
      ['REST cart.add', rest, REST_TARGET],
      ['tRPC cart.add', trpc, TRPC_TARGET],
    ] as const) {
      const row = compared(`${label} (${CONCURRENCY} in flight)`, r.perSecond, 'req/s', ref);
      const ratio = row.ratio ?? 0;
      const p99 = compared(`  ${label} p99`, percentile(r.latencies, 99), 'ms', {
        name: 'ideal p99',
        value: baseP99,
      });
      rows.push(
        withTarget(
          row,
          `${label} >= ${target} x ideal req/s (got ${ratio.toFixed(3)})`,
          ratio >= target,
        ),
        compared(`  ${label} p50`, percentile(r.latencies, 50), 'ms', {
          name: 'ideal p50',
          value: percentile(base.latencies, 50),
        }),
        label.startsWith('REST')
          ? withTarget(
              p99,
              `${label} p99 <= ${REST_P99_TARGET} x ideal p99 (got ${(p99.ratio ?? 0).toFixed(3)})`,
              (p99.ratio ?? Number.POSITIVE_INFINITY) <= REST_P99_TARGET,
            )
          : p99,
        compared(`  ${label} CPU per request`, r.cpuMicros / r.requests, 'us', {
          name: 'ideal',
          value: base.cpuMicros / base.requests,
        }),
      );
    }
    rows.push(
      compared("  tRPC cart.add through tRPC's own Node handler", trpcLibrary.perSecond, 'req/s', {
        name: 'our single-call path',
        value: trpc.perSecond,
      }),
      compared(
        "  tRPC's own handler CPU per request",
        trpcLibrary.cpuMicros / trpcLibrary.requests,
        'us',
        {
          name: 'single-call path',
          value: trpc.cpuMicros / trpc.requests,
        },
      ),
      { name: 'ideal requests measured', value: base.requests, unit: 'req' },
    );

    // Counted after the timed part: MONITOR slows Redis down.
    const work = async (title: string, port: number, agent: Agent, s: Session, call: Build) => {
      const counted = await countRedisWork({
        url: redis.url,
        requests: COUNTED,
        sessionIds: [s.id],
        run: async (i) => {
          const reply = await send(agent, port, call(0, i));
          if (reply.status !== 200) throw new Error(`${title}: HTTP ${reply.status}`);
        },
      });
      printRedisWork(title, counted);
      return counted;
    };
    const first = (sessions: Session[]) => sessions[0] ?? { id: '', token: '' };
    const ideal = await work(
      'ideal cart.add',
      baseline.port,
      agents.baseline,
      first(baseSessions),
      base_.rest,
    );
    const restWork = await work(
      'REST cart.add',
      app.port,
      agents.rest,
      first(appSessions),
      app_.rest,
    );
    const trpcWork = await work(
      'tRPC cart.add',
      app.port,
      agents.trpc,
      first(appSessions),
      app_.trpc,
    );
    rows.push(
      ...redisWorkRows('REST cart.add', restWork, ideal),
      ...redisWorkRows('tRPC cart.add', trpcWork, ideal),
    );

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

/**
 * Round trips and top-level commands per request beside the ideal's; the target: the
 * store work in one round trip to the session's slot plus at most one pipelined batch of
 * global writes.
 */
function redisWorkRows(label: string, work: RedisWork, ideal: RedisWork): BenchRow[] {
  const trips = compared(`${label} Redis round trips per request`, work.roundTrips, 'trips', {
    name: 'ideal',
    value: ideal.roundTrips,
  });
  const session = compared(
    `  ${label} top-level commands on the session's keys`,
    work.sessionTopLevel,
    'cmds',
    { name: 'ideal', value: ideal.sessionTopLevel },
  );
  return [
    withTarget(
      trips,
      `${label} round trips per request <= 2 (1 + a global batch) (got ${work.roundTrips.toFixed(2)})`,
      work.roundTrips <= 2,
    ),
    withTarget(
      session,
      `${label} top-level commands on the session's keys <= 1 (got ${work.sessionTopLevel.toFixed(2)})`,
      work.sessionTopLevel <= 1,
    ),
    compared(`  ${label} top-level commands on other keys`, work.otherTopLevel, 'cmds', {
      name: 'ideal',
      value: ideal.otherTopLevel,
    }),
    compared(`  ${label} commands run inside scripts`, work.inScripts, 'cmds', {
      name: 'ideal',
      value: ideal.inScripts,
    }),
  ];
}

if (isMain(import.meta.url)) runAlone(benchHttp);
