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
  /** Every figure below is per request. */
  roundTrips: number;
  topLevel: number;
  sessionTopLevel: number;
  otherTopLevel: number;
  inScripts: number;
  /** Label -> calls per request, and what each call ran inside on average. */
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
 * tells the session's keys apart from global ones.
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
    const marker = `count-done-${Date.now()}`;
    const seen: TopLevel[] = [];
    const blocks = new Map<string, TopLevel>();
    let lastScript: TopLevel | undefined;
    let done: () => void = () => {};
    const finished = new Promise<void>((resolve) => {
      done = resolve;
    });
    const isSession = (args: readonly string[]) =>
      keysOf(args).some((key) => opts.sessionIds.some((id) => key.includes(id)));

    monitor.on('monitor', (_time: string, args: string[], source: string) => {
      if (source === probeAddr) {
        if (args[0]?.toLowerCase() === 'echo' && args[1] === marker) done();
        return;
      }
      const name = (args[0] ?? '').toLowerCase();
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
        seen.push(block);
      } else if (block) {
        block.inside.push(name.toUpperCase());
        block.session ||= isSession(args);
      } else {
        const entry = { label: labelOf(args), session: isSession(args), inside: [] };
        if (SCRIPT_CALLS.has(name)) lastScript = entry;
        seen.push(entry);
      }
    });

    const before = await readsProcessed(probe);
    for (let i = 0; i < opts.requests; i++) await opts.run(i);
    // MONITOR lags the commands it reports: wait for our own marker to come through.
    await probe.echo(marker);
    await finished;
    // Less the probe's own two reads (ECHO, then this INFO).
    const reads = (await readsProcessed(probe)) - before - 2;
    monitor.disconnect();
    return summarize(seen, opts.requests, reads);
  } finally {
    probe.disconnect();
    watcher.disconnect();
  }
}

function summarize(seen: readonly TopLevel[], requests: number, reads: number): RedisWork {
  const byLabel = new Map<string, { calls: number; inside: Map<string, number> }>();
  let inScripts = 0;
  for (const entry of seen) {
    const slot = byLabel.get(entry.label) ?? { calls: 0, inside: new Map() };
    byLabel.set(entry.label, slot);
    slot.calls += 1;
    if (entry.label.startsWith('MULTI')) continue;
    inScripts += entry.inside.length;
    for (const name of entry.inside) slot.inside.set(name, (slot.inside.get(name) ?? 0) + 1);
  }
  const session = seen.filter((e) => e.session).length;
  return {
    requests,
    roundTrips: reads / requests,
    topLevel: seen.length / requests,
    sessionTopLevel: session / requests,
    otherTopLevel: (seen.length - session) / requests,
    inScripts: inScripts / requests,
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
    `\n${title}: Redis work per request (${work.requests} requests one at a time; MONITOR, INFO stats)`,
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
