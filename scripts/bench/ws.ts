/**
 * WebSocket benchmarks, each beside a baseline measured in the same run:
 *
 *  (a) fan-out: latency from a mutation (REST cart add) to each of 10,000 connections holding
 *      one `admin.events` subscription each, vs a bare `ws` server broadcasting a message of
 *      the same size (one Buffer, built once) to 10,000 connections on each HTTP request.
 *      Each server runs in a child process, and so does each server's fleet of clients
 *      (ws-clients.ts: a process may hold 20,000 descriptors here); rounds alternate between
 *      the two servers, so the machine's other load hits both alike. Clients time each arrival
 *      without parsing it (one frame is parsed and checked after the warm-up).
 *  (b) memory per idle connection holding one `session.events` subscription, over 10,000
 *      connections: heap + external delta of the server process (child started with
 *      --expose-gc, read over IPC), vs a bare `ws` server holding 10,000 idle connections.
 *  (c) token relay: time per token of `shopping.queryStream` over WebSocket (typed client, app
 *      in this process, a provider streaming N tokens as fast as it can) vs iterating the same
 *      provider directly.
 *
 *   pnpm exec tsx scripts/bench/ws.ts [--quick] [--part=fanout|memory|relay] [--heap]
 *                                     [--profile] [--subscribers=N]
 *
 * `--profile` profiles each server child's CPU over the measured fan-out rounds and prints
 * where its time went (and its cost per round beside the bare server's). `--heap` measures (b)
 * over 2,000 connections and diffs heap snapshots of the server taken before and after, by
 * object kind and by owner (heap-diff.ts), to show what a connection is made of.
 * `--subscribers=N` runs (a) with N connections instead of 10,000.
 */
import { execSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { Profiler } from 'node:inspector';
import { ProductQuerySchema } from '@aisle/shared';
import { createRealtimeAisleClient } from '../../client/src/index';
import { createApp } from '../../server/src/app';
import type { AnswerProvider } from '../../server/src/assistant/types';
import { startRedis } from '../../server/test/support/redis-server';
import {
  benchConfig,
  type Cleanup,
  isMain,
  quickMode,
  runAlone,
  sleep,
  withCleanup,
  withTarget,
} from './common';
import { heapCounts, printHeapDiff, printNewObjectOwners } from './heap-diff';
import { printCostPerRequest, printSummary, summarize } from './profile';
import { type BenchRow, compared, percentile } from './report';
import { type Child, forkChild } from './ws-child';
import type { ClientsMode, ClientsReply, ClientsRequest } from './ws-clients';
import type { HostMode, HostReply, HostRequest } from './ws-host';
import { inBatches, openSocket, subscribeTrpc, type WsSocket } from './ws-lib';

const ADMIN_TOKEN = 'bench-admin-token-0123456789';
/** The target: fan-out p99 within 1.3x a bare `ws` broadcast's p99. */
const FANOUT_P99_RATIO_TARGET = 1.3;
/** The target is at most 8 KB; kept with headroom, so a small regression shows. */
const KB_PER_CONNECTION_TARGET = 8;
const RELAY_TARGET_MS = 1;

const profiling = () => process.argv.includes('--profile');

// ---------------------------------------------------------------------------------------------
// The child processes: servers (ws-host.ts) and client fleets (ws-clients.ts)

interface Host {
  port: number;
  url: string;
  request: Child<HostRequest, HostReply>['request'];
  stop(): Promise<void>;
}

async function startHost(mode: HostMode, env: Record<string, string>, cleanup: Cleanup) {
  const child = forkChild<HostRequest, HostReply>(
    new URL('./ws-host.ts', import.meta.url),
    {
      name: `server (${mode})`,
      args: [mode],
      env,
      execArgv: ['--expose-gc', ...(process.env.BENCH_HOST_ARGS?.split(' ').filter(Boolean) ?? [])],
    },
    cleanup,
  );
  const ready = await child.next();
  if (ready.type !== 'ready') throw new Error(`ws-host ${mode}: ${JSON.stringify(ready)}`);
  const host: Host = {
    port: ready.port,
    url: `http://127.0.0.1:${ready.port}`,
    request: child.request,
    stop: child.stop,
  };
  return host;
}

async function startClients(mode: ClientsMode, cleanup: Cleanup) {
  const child = forkChild<ClientsRequest, ClientsReply>(
    new URL('./ws-clients.ts', import.meta.url),
    { name: `clients (${mode})`, args: [mode] },
    cleanup,
  );
  const ready = await child.next();
  if (ready.type !== 'ready') throw new Error(`ws-clients ${mode}: ${JSON.stringify(ready)}`);
  return child;
}

function closeAll(sockets: WsSocket[]): void {
  for (const s of sockets) s.terminate();
  sockets.length = 0;
}

// ---------------------------------------------------------------------------------------------
// (a) fan-out latency

/** --profile: where each server's CPU went over the measured rounds, per round. */
async function printRoundProfiles(aisle: Host, bare: Host, rounds: number): Promise<void> {
  const runs = [];
  for (const [name, host] of [
    ['bare', bare],
    ['aisle', aisle],
  ] as const) {
    const { file } = await host.request({ type: 'profile-stop' }, 'profile');
    const summary = summarize(JSON.parse(readFileSync(file, 'utf8')) as Profiler.Profile, 25);
    printSummary(`server (${name}) CPU profile over the measured rounds`, summary, file);
    runs.push({ name, summary, requests: rounds });
  }
  printCostPerRequest(runs, 25);
}

/**
 * 10,000, or --subscribers=N; fewer where a process may not hold that many sockets (each
 * server and each fleet holds one descriptor per connection, plus its own few hundred).
 */
function subscriberCount(): number {
  const arg = process.argv.find((a) => a.startsWith('--subscribers='));
  const wanted = arg ? Number(arg.slice('--subscribers='.length)) : 10_000;
  const limit = fdLimit();
  return Number.isFinite(limit) ? Math.min(wanted, limit - 500) : wanted;
}

/**
 * Both servers run at once (each in its own child process, with its own fleet of clients in
 * another); rounds alternate between them, so the machine's other load hits both alike.
 */
async function benchFanOut(redisUrl: string, cleanup: Cleanup): Promise<BenchRow[]> {
  const subscribers = subscriberCount();
  const mutations = quickMode() ? 10 : 40;
  const warm = 5; // rounds to settle the JIT on both servers (and fleets) before measuring

  const aisle = await startHost(
    'aisle',
    { BENCH_REDIS_URL: redisUrl, BENCH_ADMIN_TOKEN: ADMIN_TOKEN },
    cleanup,
  );
  const bare = await startHost('bare', {}, cleanup);
  const aisleClients = await startClients('aisle', cleanup);
  const bareClients = await startClients('bare', cleanup);
  const connect = { count: subscribers, adminToken: ADMIN_TOKEN };
  await aisleClients.request({ type: 'connect', port: aisle.port, ...connect }, 'connected');
  await bareClients.request({ type: 'connect', port: bare.port, ...connect }, 'connected');
  await aisle.request({ type: 'time-loops' }, 'timing');

  const aisleRound = async () =>
    (await aisleClients.request({ type: 'round', body: '' }, 'round')).latencies;
  await aisleRound();
  const { frame: sample } = await aisleClients.request({ type: 'sample' }, 'sample');
  const delivered = JSON.parse(sample || '{}') as {
    result?: { data?: { json?: { data?: { type?: string } } } };
  };
  if (delivered.result?.data?.json?.data?.type !== 'cart.updated') {
    throw new Error(`fan-out: unexpected delivery ${sample.slice(0, 300)}`);
  }
  // The baseline broadcasts a message of the same size (the sample itself).
  const bareRound = async () =>
    (await bareClients.request({ type: 'round', body: sample }, 'round')).latencies;

  // Warm-up rounds alternate as the measured ones do, so neither server comes to its first
  // measured round from a longer idle spell than the others.
  for (let m = 0; m < warm; m++) {
    await bareRound();
    await sleep(30);
    await aisleRound();
    await sleep(30);
  }

  await aisle.request({ type: 'loops' }, 'loops'); // the warm-up's go
  await bare.request({ type: 'loops' }, 'loops');
  if (profiling()) {
    await aisle.request({ type: 'profile-start' }, 'profiling');
    await bare.request({ type: 'profile-start' }, 'profiling');
  }
  const ours: number[] = [];
  const theirs: number[] = [];
  const oursFirst: number[] = [];
  const theirsFirst: number[] = [];
  const oursLast: number[] = [];
  const theirsLast: number[] = [];
  const oursRoundP99: number[] = [];
  const theirsRoundP99: number[] = [];
  for (let m = 0; m < mutations; m++) {
    // Which goes first alternates too: neither always follows the other's GC or cool-down.
    const first = m % 2 === 0 ? aisleRound : bareRound;
    const second = m % 2 === 0 ? bareRound : aisleRound;
    const x = await first();
    await sleep(30);
    const y = await second();
    await sleep(30);
    const [a, b] = m % 2 === 0 ? [x, y] : [y, x];
    for (const v of a) ours.push(v);
    for (const v of b) theirs.push(v);
    const f = (xs: Float64Array) => [Math.min(...xs), Math.max(...xs)] as const;
    const [aMin, aMax] = f(a);
    const [bMin, bMax] = f(b);
    oursFirst.push(aMin);
    theirsFirst.push(bMin);
    oursLast.push(aMax);
    theirsLast.push(bMax);
    oursRoundP99.push(percentile(Array.from(a), 99));
    theirsRoundP99.push(percentile(Array.from(b), 99));
    if (process.env.BENCH_ROUNDS) {
      console.log(
        `round ${m}: aisle first ${aMin.toFixed(1)} last ${aMax.toFixed(1)} | ` +
          `bare first ${bMin.toFixed(1)} last ${bMax.toFixed(1)} ms`,
      );
    }
  }
  if (profiling()) await printRoundProfiles(aisle, bare, mutations);
  const { ms: aisleLoops } = await aisle.request({ type: 'loops' }, 'loops');
  const { ms: bareLoops } = await bare.request({ type: 'loops' }, 'loops');
  if (aisleLoops.length !== mutations || bareLoops.length !== mutations) {
    throw new Error(`fan-out: ${aisleLoops.length} and ${bareLoops.length} send loops timed`);
  }
  if (process.env.BENCH_ROUNDS) {
    const ms = (xs: number[]) => xs.map((x) => x.toFixed(0)).join(' ');
    console.log(
      `send loops (ms), aisle: ${ms(aisleLoops)}\nsend loops (ms), bare: ${ms(bareLoops)}`,
    );
  }
  await aisleClients.stop();
  await bareClients.stop();
  await aisle.stop();
  await bare.stop();

  const label = `(${subscribers.toLocaleString('en-US')} subscribers x ${mutations} mutations)`;
  const p99 = percentile(ours, 99);
  const bareP99 = percentile(theirs, 99);
  const ratio = p99 / bareP99;
  return [
    compared(`fan-out p50 ${label}`, percentile(ours, 50), 'ms', {
      name: 'bare ws broadcast p50',
      value: percentile(theirs, 50),
    }),
    withTarget(
      compared(`fan-out p99 ${label}`, p99, 'ms', {
        name: 'bare ws broadcast p99',
        value: bareP99,
      }),
      `admin.events fan-out to ${subscribers.toLocaleString('en-US')} p99 <= ` +
        `${FANOUT_P99_RATIO_TARGET}x a bare ws broadcast's (got ${ratio.toFixed(2)}x: ` +
        `${p99.toFixed(1)} vs ${bareP99.toFixed(1)} ms)`,
      ratio <= FANOUT_P99_RATIO_TARGET,
    ),
    // A round that another process disturbed holds 1% of all deliveries by itself; this is
    // the tail of a typical round, beside the pooled p99 above.
    compared(
      "  p99 of one mutation's deliveries, median over rounds",
      percentile(oursRoundP99, 50),
      'ms',
      {
        name: 'bare ws',
        value: percentile(theirsRoundP99, 50),
      },
    ),
    compared('  first delivery of a mutation, p50', percentile(oursFirst, 50), 'ms', {
      name: 'bare ws',
      value: percentile(theirsFirst, 50),
    }),
    compared('  last delivery of a mutation, p50', percentile(oursLast, 50), 'ms', {
      name: 'bare ws',
      value: percentile(theirsLast, 50),
    }),
    compared(
      '  server send loop per event (first to last send), p50',
      percentile(aisleLoops, 50),
      'ms',
      {
        name: 'bare ws',
        value: percentile(bareLoops, 50),
      },
    ),
    { name: '  message size (event as sent)', value: sample.length, unit: 'bytes' },
  ];
}

// ---------------------------------------------------------------------------------------------
// (b) memory per idle connection

function fdLimit(): number {
  try {
    return Number(execSync('ulimit -n', { shell: '/bin/sh', encoding: 'utf8' }).trim());
  } catch {
    return Number.NaN;
  }
}

interface MemoryDelta {
  heapAndExternal: number;
  rss: number;
  gc: boolean;
}

async function idleMemory(
  mode: HostMode,
  connections: number,
  redisUrl: string,
  cleanup: Cleanup,
  heap: boolean,
): Promise<MemoryDelta> {
  const warm = 200;
  const sockets: WsSocket[] = [];
  cleanup.add(`idle sockets ${mode}`, () => closeAll(sockets));
  const host = await startHost(mode, { BENCH_REDIS_URL: redisUrl }, cleanup);
  const { sessions } =
    mode === 'aisle'
      ? await host.request({ type: 'sessions', count: connections + warm }, 'sessions')
      : { sessions: [] };

  const connect = async (i: number) => {
    if (mode === 'bare') {
      sockets.push(await openSocket(`ws://127.0.0.1:${host.port}/`));
      return;
    }
    const s = sessions[i];
    if (!s) throw new Error(`no session ${i}`);
    let subscribed: () => void = () => {};
    let failed: (e: Error) => void = () => {};
    const first = new Promise<void>((resolve, reject) => {
      subscribed = resolve;
      failed = reject;
    });
    sockets.push(
      await subscribeTrpc({
        baseUrl: host.url,
        connectionParams: { sessionToken: s.token },
        path: 'session.events',
        input: { sessionId: s.id },
        // The backlog's session.created arrives once the feed is live.
        onReply: (reply, raw) => {
          if (reply.error) failed(new Error(`session.events: ${raw.slice(0, 300)}`));
          else if (reply.result?.type === 'data') subscribed();
        },
      }),
    );
    await first;
  };

  await inBatches(warm, 50, (i) => connect(i));
  await sleep(300);
  const before = await host.request({ type: 'memory' }, 'memory');
  const snapBefore = heap
    ? await host.request({ type: 'heap-snapshot' }, 'heap-snapshot')
    : undefined;
  await inBatches(connections, 100, (i) => connect(warm + i));
  await sleep(1000);
  const after = await host.request({ type: 'memory' }, 'memory');
  if (snapBefore) {
    const snapAfter = await host.request({ type: 'heap-snapshot' }, 'heap-snapshot');
    console.log(`\n${mode}: heap snapshots ${snapBefore.file} ${snapAfter.file}`);
    printHeapDiff(heapCounts(snapBefore.file), heapCounts(snapAfter.file), connections);
    printNewObjectOwners(snapBefore.file, snapAfter.file, connections);
  }
  closeAll(sockets);
  await host.stop();
  const b = before.usage;
  const a = after.usage;
  return {
    heapAndExternal: (a.heapUsed + a.external - (b.heapUsed + b.external)) / connections,
    rss: (a.rss - b.rss) / connections,
    gc: before.gc && after.gc,
  };
}

async function benchIdleMemory(redisUrl: string, cleanup: Cleanup): Promise<BenchRow[]> {
  const limit = fdLimit();
  // --heap: fewer connections, and heap snapshots before/after, diffed by object kind.
  const heap = process.argv.includes('--heap');
  const wanted = heap ? 2000 : 10_000;
  // Client and server sockets live in different processes; each needs one fd per connection.
  const connections = Number.isFinite(limit) ? Math.min(wanted, limit - 500) : wanted;
  const ours = await idleMemory('aisle', connections, redisUrl, cleanup, heap);
  const theirs = await idleMemory('bare', connections, redisUrl, cleanup, heap);
  const kb = ours.heapAndExternal / 1024;
  const rows: BenchRow[] = [
    withTarget(
      compared(`memory per connection + session.events (${connections} conns)`, kb, 'KB', {
        name: 'bare ws idle conn',
        value: theirs.heapAndExternal / 1024,
      }),
      `heap+external per subscribed connection <= ${KB_PER_CONNECTION_TARGET} KB (got ${kb.toFixed(2)} KB)`,
      kb <= KB_PER_CONNECTION_TARGET,
    ),
    compared('  RSS per connection', ours.rss / 1024, 'KB', {
      name: 'bare ws idle conn',
      value: theirs.rss / 1024,
    }),
    { name: '  fd limit (ulimit -n) of bench and server', value: limit, unit: 'fds' },
  ];
  if (!ours.gc || !theirs.gc) {
    rows.push({ name: '  WARNING: no global.gc in the server process', value: 0, unit: '' });
  }
  return rows;
}

// ---------------------------------------------------------------------------------------------
// (c) token relay

/** Streams `tokens` short tokens with no delay; understands every question as small talk. */
function burstProvider(tokens: number): AnswerProvider {
  return {
    name: 'local',
    understand: async () => ({
      intent: 'other',
      query: ProductQuerySchema.parse({}),
      references: [],
      followUp: false,
    }),
    async *answer() {
      for (let i = 0; i < tokens; i++) yield ` tok${i % 10}`;
    },
  };
}

/** Time per token between the first and the last token (ms). */
async function directPerToken(provider: AnswerProvider, tokens: number): Promise<number> {
  let first = 0;
  let last = 0;
  let n = 0;
  const input = {
    question: 'q',
    understanding: await provider.understand('q', { preferences: {}, history: [], lastShown: [] }),
    products: [],
    alternatives: false,
    documents: [],
    context: { preferences: {}, history: [], lastShown: [] },
    currency: 'USD',
  };
  for await (const _ of provider.answer(input)) {
    last = performance.now();
    if (n === 0) first = last;
    n += 1;
  }
  if (n !== tokens) throw new Error(`direct: ${n}/${tokens} tokens`);
  return (last - first) / (tokens - 1);
}

async function benchRelay(redisUrl: string, cleanup: Cleanup): Promise<BenchRow[]> {
  const tokens = 2000;
  const runs = quickMode() ? 3 : 5;
  const provider = burstProvider(tokens);
  const app = await createApp(benchConfig({ REDIS_URL: redisUrl }), { provider });
  cleanup.add('relay app', () => app.close());
  const rt = createRealtimeAisleClient({ url: app.url });
  cleanup.add('relay client', () => rt.close());

  const relayed = (q: string) =>
    new Promise<number>((resolve, reject) => {
      let first = 0;
      let last = 0;
      let n = 0;
      const sub = rt.api.shopping.queryStream.subscribe(
        { q },
        {
          onData: ({ data: event }) => {
            if (event.type === 'token') {
              last = performance.now();
              if (n === 0) first = last;
              n += 1;
            } else if (event.type === 'done') {
              sub.unsubscribe();
              if (n !== tokens) reject(new Error(`relay: ${n}/${tokens} tokens`));
              else resolve((last - first) / (tokens - 1));
            }
          },
          onError: reject,
        },
      );
    });

  // Distinct questions: a repeated one would be answered from the cache, not the provider.
  await relayed('relay warm-up question');
  await directPerToken(provider, tokens);
  const ours: number[] = [];
  const theirs: number[] = [];
  for (let r = 0; r < runs; r++) {
    ours.push(await relayed(`relay question number ${r}`));
    theirs.push(await directPerToken(provider, tokens));
  }
  const relay = percentile(ours, 50);
  const direct = percentile(theirs, 50);
  const overhead = relay - direct;
  return [
    compared(`queryStream over WS per token (median of ${runs} x ${tokens})`, relay * 1000, 'us', {
      name: 'provider iterated directly',
      value: direct * 1000,
    }),
    withTarget(
      { name: '  relay overhead per token', value: overhead * 1000, unit: 'us' },
      `token relay overhead < ${RELAY_TARGET_MS} ms per token (got ${(overhead * 1000).toFixed(1)} us)`,
      overhead < RELAY_TARGET_MS,
    ),
  ];
}

// ---------------------------------------------------------------------------------------------

export async function benchWs(): Promise<BenchRow[]> {
  return withCleanup(async (cleanup) => {
    const redis = await startRedis();
    cleanup.add('redis', () => redis.stop());
    const part = process.argv.find((a) => a.startsWith('--part='))?.slice('--part='.length);
    const rows: BenchRow[] = [];
    if (!part || part === 'fanout') rows.push(...(await benchFanOut(redis.url, cleanup)));
    if (!part || part === 'memory') rows.push(...(await benchIdleMemory(redis.url, cleanup)));
    if (!part || part === 'relay') rows.push(...(await benchRelay(redis.url, cleanup)));
    return rows;
  });
}

if (isMain(import.meta.url)) runAlone(benchWs);
