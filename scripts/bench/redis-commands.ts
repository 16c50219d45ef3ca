/**
 * Counts the Redis work of one request, as Redis saw it (counted, not estimated): requests are
 * sent one at a time while MONITOR lists every command the server ran and `INFO stats`
 * `total_reads_processed` counts the reads it made from its clients.
 *
 * - Round trips: the reads Redis processed per request. A client's batch (one command, a
 *   MULTI..EXEC block, an auto-pipelined batch of independent commands) arrives in one read;
 *   sequential steps need one read each. With one request in flight, nothing else is batched
 *   with it, so this is the number of times the request waited on Redis.
 * - Top-level commands: what clients sent (a MULTI..EXEC block counts as one), split by whether
 *   they touch the session's keys (a key containing the session id) or other (global) keys.
 * - Commands inside scripts: what Lua ran (MONITOR shows them after their EVALSHA, source
 *   `lua`); `INFO commandstats` would mix them with the top-level ones.
 *
 * Works from the outside only (Redis's view), so it does not depend on the store's key layout
 * beyond session keys naming their session id, which cluster hash tags require anyway.
 */
import type { Redis } from 'ioredis';
import { plainRedis } from './direct-redis';

interface TopLevel {
  label: string;
  session: boolean;
  /** Commands a script ran, or the commands of a MULTI block. */
  inside: string[];
}

export interface RedisWork {
  requests: number;
  /**
   * Every figure below is per request, the median over the requests: a background command
   * (a version poll, say) that lands during one request does not move it.
   */
  roundTrips: number;
  topLevel: number;
  sessionTopLevel: number;
  otherTopLevel: number;
  inScripts: number;
  /** Label -> mean calls per request, and what each call ran inside on average. */
  byLabel: Map<string, { perRequest: number; inside: Map<string, number> }>;
}

const SCRIPT_CALLS = new Set(['eval', 'evalsha', 'eval_ro', 'evalsha_ro', 'fcall', 'fcall_ro']);

/** The keys of a command as MONITOR shows it: a script's KEYS, else the first argument. */
function keysOf(args: readonly string[]): string[] {
  const name = (args[0] ?? '').toLowerCase();
  if (SCRIPT_CALLS.has(name)) return args.slice(3, 3 + Number(args[2] ?? 0));
  return args.length > 1 ? [args[1] as string] : [];
}

function labelOf(args: readonly string[]): string {
  const name = (args[0] ?? '').toUpperCase();
  if (name === 'EVALSHA' || name === 'EVALSHA_RO') {
    return `${name} ${(args[1] ?? '').slice(0, 8)} (${args[2]} keys)`;
  }
  if (name === 'EVAL' || name === 'EVAL_RO') return `${name} (${args[2]} keys)`;
  return name;
}

async function readsProcessed(probe: Redis): Promise<number> {
  const stats = await probe.info('stats');
  return Number(/total_reads_processed:(\d+)/.exec(stats)?.[1] ?? Number.NaN);
}

/**
 * Runs `run(0..requests-1)` one after another and returns what Redis did for them. `sessionIds`
 * tells the session's keys apart from global ones. A probe's `INFO stats` before and after
 * each request reads the read counter and, as MONITOR lists it too, marks where each request's
 * commands start and end.
 */
export async function countRedisWork(opts: {
  url: string;
  requests: number;
  sessionIds: readonly string[];
  run: (i: number) => Promise<void>;
}): Promise<RedisWork> {
  const probe = await plainRedis(opts.url);
  const watcher = await plainRedis(opts.url);
  try {
    const probeAddr = /addr=(\S+)/.exec(String(await probe.client('INFO')))?.[1];
    const monitor = await watcher.monitor();
    // segments[i]: the commands between the probe's i-th and (i+1)-th INFO, request i's.
    const segments: TopLevel[][] = [];
    const blocks = new Map<string, TopLevel>();
    let lastScript: TopLevel | undefined;
    let done: () => void = () => {};
    const finished = new Promise<void>((resolve) => {
      done = resolve;
    });
    const isSession = (args: readonly string[]) =>
      keysOf(args).some((key) => opts.sessionIds.some((id) => key.includes(id)));
    const record = (entry: TopLevel) => segments.at(-1)?.push(entry);

    monitor.on('monitor', (_time: string, args: string[], source: string) => {
      const name = (args[0] ?? '').toLowerCase();
      if (source === probeAddr) {
        if (name !== 'info') return;
        // MONITOR lags the commands it reports: the last INFO arriving means all have.
        if (segments.length === opts.requests) done();
        else segments.push([]);
        return;
      }
      if (source === 'lua') {
        lastScript?.inside.push(name.toUpperCase());
        return;
      }
      const block = blocks.get(source);
      if (name === 'multi') {
        blocks.set(source, { label: 'MULTI', session: false, inside: [] });
      } else if (block && (name === 'exec' || name === 'discard')) {
        blocks.delete(source);
        block.label = `MULTI [${block.inside.join(' ')}] EXEC`;
        record(block);
      } else if (block) {
        block.inside.push(name.toUpperCase());
        block.session ||= isSession(args);
      } else {
        const entry = { label: labelOf(args), session: isSession(args), inside: [] };
        if (SCRIPT_CALLS.has(name)) lastScript = entry;
        record(entry);
      }
    });

    // Each INFO's own read is in the count it reports: a request's reads are the difference
    // less the next INFO's one.
    const reads: number[] = [];
    let before = await readsProcessed(probe);
    for (let i = 0; i < opts.requests; i++) {
      await opts.run(i);
      const after = await readsProcessed(probe);
      reads.push(after - before - 1);
      before = after;
    }
    await finished;
    monitor.disconnect();
    return summarize(segments, reads);
  } finally {
    probe.disconnect();
    watcher.disconnect();
  }
}

function median(xs: readonly number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

function summarize(segments: readonly TopLevel[][], reads: readonly number[]): RedisWork {
  const requests = segments.length;
  const byLabel = new Map<string, { calls: number; inside: Map<string, number> }>();
  for (const entry of segments.flat()) {
    const slot = byLabel.get(entry.label) ?? { calls: 0, inside: new Map() };
    byLabel.set(entry.label, slot);
    slot.calls += 1;
    if (entry.label.startsWith('MULTI')) continue;
    for (const name of entry.inside) slot.inside.set(name, (slot.inside.get(name) ?? 0) + 1);
  }
  const per = (f: (segment: readonly TopLevel[]) => number) => median(segments.map(f));
  const scripted = (e: TopLevel) => (e.label.startsWith('MULTI') ? 0 : e.inside.length);
  return {
    requests,
    roundTrips: median(reads),
    topLevel: per((s) => s.length),
    sessionTopLevel: per((s) => s.filter((e) => e.session).length),
    otherTopLevel: per((s) => s.filter((e) => !e.session).length),
    inScripts: per((s) => s.reduce((n, e) => n + scripted(e), 0)),
    byLabel: new Map(
      [...byLabel].map(([label, { calls, inside }]) => [
        label,
        {
          perRequest: calls / requests,
          inside: new Map([...inside].map(([name, n]) => [name, n / calls])),
        },
      ]),
    ),
  };
}

const fmt = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(2));

/** A small table: the totals, then each top-level command with what it ran inside per call. */
export function printRedisWork(title: string, work: RedisWork): void {
  console.log(
    `\n${title}: Redis work per request (${work.requests} requests one at a time; MONITOR, INFO ` +
      'stats; totals: median, commands: mean)',
  );
  console.log(`  round trips (reads Redis processed)  ${fmt(work.roundTrips)}`);
  console.log(
    `  top-level commands                   ${fmt(work.topLevel)}` +
      `  (session keys ${fmt(work.sessionTopLevel)}, other keys ${fmt(work.otherTopLevel)})`,
  );
  console.log(`  commands run inside scripts          ${fmt(work.inScripts)}`);
  const rows = [...work.byLabel].sort((a, b) => b[1].perRequest - a[1].perRequest);
  const width = Math.max(...rows.map(([label]) => label.length), 20);
  for (const [label, { perRequest, inside }] of rows) {
    const ran = [...inside]
      .sort((a, b) => b[1] - a[1])
      .map(([name, n]) => `${name} ${fmt(n)}`)
      .join(', ');
    console.log(
      `    ${label.padEnd(width)}  ${fmt(perRequest).padStart(5)}${ran ? `  runs ${ran}` : ''}`,
    );
  }
}
