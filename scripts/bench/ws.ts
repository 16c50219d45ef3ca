/**
 * WebSocket benchmarks, each beside a baseline measured in the same run:
 *
 *  (a) fan-out: latency from a mutation (HTTP cart.add) to each of 1,000 `admin.events`
 *      subscribers, vs a bare `ws` server broadcasting a message of the same size on each
 *      HTTP mutation. Servers run in a child process, the clients here; clients time each
 *      arrival without parsing it (one frame per run is parsed and checked), so the bench
 *      process, which reads all 2,000 sockets, measures the servers rather than itself.
 *  (b) memory per idle connection holding one `session.events` subscription, over 10,000
 *      connections: heap + external delta of the server process (child started with
 *      --expose-gc, read over IPC), vs a bare `ws` server holding 10,000 idle connections.
 *  (c) token relay: time per token of `shopping.queryStream` over WebSocket (typed client, app
 *      in this process, a provider streaming N tokens as fast as it can) vs iterating the same
 *      provider directly.
 *
 *   pnpm exec tsx scripts/bench/ws.ts [--quick] [--part=fanout|memory|relay] [--heap]
 *
 * `--profile` writes a CPU profile of each server child and prints where its time went.
 * `--heap` measures (b) over 2,000 connections and diffs heap snapshots of the server taken
 * before and after, by object kind, to show what a connection is made of.
 */
import { type ChildProcess, execSync, fork } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import type { Profiler } from 'node:inspector';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
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
import { heapCounts, printHeapDiff } from './heap-diff';
import { keepAliveAgent, sendJson } from './load';
import { printSummary, summarize } from './profile';
import { type BenchRow, compared, percentile } from './report';
import type { HostMode, HostReply, HostRequest } from './ws-host';
import { inBatches, openSocket, subscribeTrpc, type WsSocket } from './ws-lib';

const ADMIN_TOKEN = 'bench-admin-token-0123456789';
const FANOUT_P99_TARGET_MS = 50;
const KB_PER_CONNECTION_TARGET = 15;
const RELAY_TARGET_MS = 1;

// ---------------------------------------------------------------------------------------------
// The child process host

interface Host {
  port: number;
  url: string;
  request<T extends HostReply['type']>(
    m: HostRequest,
    expect: T,
  ): Promise<Extract<HostReply, { type: T }>>;
  stop(): Promise<void>;
}

async function startHost(mode: HostMode, env: Record<string, string>, cleanup: Cleanup) {
  // --profile: the server child writes a V8 CPU profile when it stops; summarised then.
  const profileDir = process.argv.includes('--profile')
    ? mkdtempSync(join(tmpdir(), `aisle-bench-ws-${mode}-`))
    : undefined;
  const child: ChildProcess = fork(
    fileURLToPath(new URL('./ws-host.ts', import.meta.url)),
    [mode],
    {
      execArgv: [
        ...process.execArgv,
        '--expose-gc',
        ...(process.env.BENCH_HOST_ARGS?.split(' ').filter(Boolean) ?? []),
        ...(profileDir
          ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`, '--cpu-prof-interval=250']
          : []),
      ],
      env: { ...process.env, ...env },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    if (child.connected) child.send({ type: 'stop' } satisfies HostRequest);
    const timeout = sleep(5000).then(() => 'timeout' as const);
    if ((await Promise.race([exited, timeout])) === 'timeout') {
      child.kill('SIGKILL');
      await exited;
    }
    for (const file of profileDir ? readdirSync(profileDir) : []) {
      const path = join(profileDir ?? '', file);
      const p = JSON.parse(readFileSync(path, 'utf8')) as Profiler.Profile;
      printSummary(`server (${mode}) CPU profile, whole process`, summarize(p, 25), path);
    }
  };
  cleanup.add(`ws-host ${mode}`, stop);

  const next = () =>
    new Promise<HostReply>((resolve, reject) => {
      const onExit = () => reject(new Error(`ws-host ${mode} exited`));
      child.once('exit', onExit);
      child.once('message', (m: HostReply) => {
        child.off('exit', onExit);
        resolve(m);
      });
    });
  const ready = await next();
  if (ready.type !== 'ready') throw new Error(`ws-host ${mode}: ${JSON.stringify(ready)}`);
  const host: Host = {
    port: ready.port,
    url: `http://127.0.0.1:${ready.port}`,
    async request(m, expect) {
      const answer = next();
      child.send(m);
      const r = await answer;
      if (r.type !== expect) throw new Error(`ws-host ${mode}: ${JSON.stringify(r).slice(0, 300)}`);
      return r as Extract<HostReply, { type: typeof expect }>;
    },
    stop,
  };
  return host;
}

function closeAll(sockets: WsSocket[]): void {
  for (const s of sockets) s.terminate();
  sockets.length = 0;
}

// ---------------------------------------------------------------------------------------------
// (a) fan-out latency

interface Round {
  t0: number;
  latencies: number[];
  expected: number;
  done: () => void;
}

/** One mutation; resolves with every subscriber's delivery latency (ms) once all arrived. */
async function fanOutRound(
  subscribers: number,
  setRound: (r: Round | undefined) => void,
  mutate: () => Promise<unknown>,
): Promise<number[]> {
  const latencies: number[] = [];
  let done: () => void = () => {};
  const delivered = new Promise<void>((r) => {
    done = r;
  });
  setRound({ t0: performance.now(), latencies, expected: subscribers, done });
  await mutate();
  const timedOut = await Promise.race([
    delivered.then(() => false),
    sleep(10_000).then(() => true),
  ]);
  setRound(undefined);
  if (timedOut) throw new Error(`${latencies.length}/${subscribers} deliveries in 10 s`);
  return latencies;
}

function arrival(round: Round | undefined): void {
  if (!round) return;
  round.latencies.push(performance.now() - round.t0);
  if (round.latencies.length === round.expected) round.done();
}

/**
 * Both servers run at once (each in its own child process, with its own 1,000 clients here);
 * mutations alternate between them, so the machine's other load hits both alike.
 */
async function benchFanOut(redisUrl: string, cleanup: Cleanup): Promise<BenchRow[]> {
  const subscribers = 1000;
  const mutations = quickMode() ? 20 : 40;
  const warm = 15; // rounds to settle the JIT on both servers before measuring
  const agent = keepAliveAgent(2);
  cleanup.add('fan-out agent', () => agent.destroy());
  const sockets: WsSocket[] = [];
  cleanup.add('fan-out sockets', () => closeAll(sockets));

  // Aisle: admin.events subscribers, cart.add over REST.
  const aisle = await startHost(
    'aisle',
    { BENCH_REDIS_URL: redisUrl, BENCH_ADMIN_TOKEN: ADMIN_TOKEN },
    cleanup,
  );
  const created = (await sendJson(agent, aisle.port, {
    method: 'POST',
    path: '/api/v1/shopping/session',
    headers: { 'content-type': 'application/json' },
    body: '{}',
  })) as { data: { session_id: string; session_token: string } };
  const session = created.data;
  let aisleRound: Round | undefined;
  let lastFrame: Buffer | undefined;
  let started = 0;
  let failure = '';
  await inBatches(subscribers, 50, async () => {
    sockets.push(
      await subscribeTrpc({
        baseUrl: aisle.url,
        connectionParams: { adminToken: ADMIN_TOKEN },
        path: 'admin.events',
        input: {},
        onReply: (reply, raw) => {
          if (reply.error) failure ||= `admin.events: ${raw.slice(0, 300)}`;
          if (reply.result?.type === 'started') started += 1;
        },
        // Arrivals are timed unparsed (on both sides); one frame is checked after the warm-up.
        onDataFrame: (frame) => {
          lastFrame = frame;
          arrival(aisleRound);
        },
      }),
    );
  });
  for (let t = 0; started < subscribers && !failure && t < 200; t++) await sleep(50);
  if (started < subscribers) {
    throw new Error(`only ${started}/${subscribers} subscriptions started ${failure}`);
  }
  await sleep(300); // every feed past its backlog read
  const cartAdd = () =>
    sendJson(agent, aisle.port, {
      method: 'POST',
      path: `/api/v1/shopping/session/${session.session_id}/cart/add`,
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${session.session_token}`,
      },
      body: JSON.stringify({ sku: 'IPH15-128', quantity: 1 }),
    });
  const setAisle = (r: Round | undefined) => {
    aisleRound = r;
  };
  for (let m = 0; m < warm; m++) await fanOutRound(subscribers, setAisle, cartAdd);
  const sample = lastFrame?.toString() ?? '';
  const delivered = JSON.parse(sample || '{}') as {
    result?: { data?: { json?: { data?: { type?: string } } } };
  };
  if (delivered.result?.data?.json?.data?.type !== 'cart.updated') {
    throw new Error(`fan-out: unexpected delivery ${sample.slice(0, 300)}`);
  }

  // Baseline: a bare ws server broadcasting the same message on each HTTP mutation.
  const bare = await startHost('bare', {}, cleanup);
  let bareRound: Round | undefined;
  await inBatches(subscribers, 50, async () => {
    const s = await openSocket(`ws://127.0.0.1:${bare.port}/`);
    s.on('message', () => arrival(bareRound));
    sockets.push(s);
  });
  const broadcast = () =>
    sendJson(agent, bare.port, {
      method: 'POST',
      path: '/mutate',
      headers: { 'content-type': 'application/json' },
      body: sample,
    });
  const setBare = (r: Round | undefined) => {
    bareRound = r;
  };
  for (let m = 0; m < warm; m++) await fanOutRound(subscribers, setBare, broadcast);

  const ours: number[] = [];
  const theirs: number[] = [];
  const oursFirst: number[] = [];
  const theirsFirst: number[] = [];
  for (let m = 0; m < mutations; m++) {
    const a = await fanOutRound(subscribers, setAisle, cartAdd);
    await sleep(20);
    const b = await fanOutRound(subscribers, setBare, broadcast);
    await sleep(20);
    ours.push(...a);
    theirs.push(...b);
    if (process.env.BENCH_ROUNDS) {
      const f = (xs: number[]) =>
        `first ${Math.min(...xs).toFixed(1)} p50 ${percentile(xs, 50).toFixed(1)} max ${Math.max(...xs).toFixed(1)}`;
      console.log(`round ${m}: aisle ${f(a)} | bare ${f(b)}`);
    }
    oursFirst.push(Math.min(...a));
    theirsFirst.push(Math.min(...b));
  }
  closeAll(sockets);
  await aisle.stop();
  await bare.stop();

  const label = `(${subscribers} subscribers x ${mutations} mutations)`;
  const p99 = percentile(ours, 99);
  return [
    compared(`fan-out p50 ${label}`, percentile(ours, 50), 'ms', {
      name: 'bare ws broadcast p50',
      value: percentile(theirs, 50),
    }),
    withTarget(
      compared(`fan-out p99 ${label}`, p99, 'ms', {
        name: 'bare ws broadcast p99',
        value: percentile(theirs, 99),
      }),
      `admin.events fan-out p99 < ${FANOUT_P99_TARGET_MS} ms (got ${p99.toFixed(1)} ms)`,
      p99 < FANOUT_P99_TARGET_MS,
    ),
    compared('  first delivery of a mutation, p50', percentile(oursFirst, 50), 'ms', {
      name: 'bare ws',
      value: percentile(theirsFirst, 50),
    }),
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
      `heap+external per subscribed connection < ${KB_PER_CONNECTION_TARGET} KB (got ${kb.toFixed(1)} KB)`,
      kb < KB_PER_CONNECTION_TARGET,
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
