/**
 * Runs every benchmark in sequence and prints one table per bench (each figure beside its
 * baseline from the same run, and the ratio), then a summary of the targets met and missed.
 *
 *   pnpm bench                      # everything (~3 minutes on 2 cores)
 *   pnpm bench -- --only=http       # one bench (or a comma-separated list)
 *   pnpm bench -- --quick           # shorter runs; search's naive baseline on 400 queries
 *
 * Bench-specific flags pass through: --profile (http, ws), --heap (ws), --part=... (ws).
 */

import os from 'node:os';
import { isMain, printRows, quickMode, type Target, targetOf } from './common';
import { benchHttp } from './http';
import { benchImport } from './import';
import { benchLogs } from './logs';
import { benchQuery } from './query';
import type { BenchRow } from './report';
import { benchSearch } from './search';
import { benchStartup } from './startup';
import { benchStore } from './store';
import { benchTelemetry } from './telemetry';
import { benchWs } from './ws';

const BENCHES: Record<string, { title: string; run: () => Promise<BenchRow[]> }> = {
  store: { title: 'store: RedisStore vs the ideal direct ioredis equivalent', run: benchStore },
  http: {
    title: 'http: cart.add over REST and tRPC vs the ideal node:http + ioredis (one Lua script)',
    run: benchHttp,
  },
  query: {
    title: 'query: /api/v1/shopping/query, Redis vs memory, cached vs uncached',
    run: benchQuery,
  },
  search: {
    title: 'search: catalog index vs naive scan',
    run: () => benchSearch(quickMode() ? { queries: 400 } : {}),
  },
  ws: { title: 'ws: fan-out, memory per connection, token relay', run: benchWs },
  import: { title: 'import: 100,000-product catalogs vs the parser alone', run: benchImport },
  startup: {
    title: 'startup: spawn to first 200 of /health/ready vs a bare node:http server',
    run: benchStartup,
  },
  telemetry: {
    title: 'telemetry: store calls through the instrumented wrapper vs the bare store',
    run: benchTelemetry,
  },
  logs: { title: 'logs: REST throughput with access lines vs without', run: benchLogs },
};

export async function main(argv: readonly string[]): Promise<number> {
  const only = argv
    .find((a) => a.startsWith('--only='))
    ?.slice('--only='.length)
    .split(',')
    .filter(Boolean);
  const unknown = (only ?? []).filter((name) => !(name in BENCHES));
  if (unknown.length > 0) {
    console.error(`unknown bench ${unknown.join(', ')}; have ${Object.keys(BENCHES).join(', ')}`);
    return 2;
  }
  const names = only ?? Object.keys(BENCHES);
  const cpus = os.cpus();
  console.log(
    `node ${process.version}, ${cpus.length} CPUs (${cpus[0]?.model ?? '?'}), load average ` +
      `${os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}${quickMode() ? ', --quick' : ''}`,
  );
  const targets: { bench: string; target: Target }[] = [];
  const failed: string[] = [];
  const started = performance.now();
  for (const name of names) {
    const bench = BENCHES[name];
    if (!bench) continue;
    console.log(`\n== ${bench.title}`);
    const t0 = performance.now();
    try {
      const rows = await bench.run();
      printRows(rows);
      for (const row of rows) {
        const target = targetOf(row);
        if (target) targets.push({ bench: name, target });
      }
    } catch (err) {
      failed.push(name);
      console.error(`bench ${name} failed:`, err);
    }
    console.log(`(${name}: ${((performance.now() - t0) / 1000).toFixed(1)} s)`);
  }

  const met = targets.filter((t) => t.target.met);
  const missed = targets.filter((t) => !t.target.met);
  console.log(
    `\n== summary: ${met.length} targets met, ${missed.length} missed` +
      `${failed.length ? `, ${failed.length} benches failed (${failed.join(', ')})` : ''}` +
      ` in ${((performance.now() - started) / 1000).toFixed(0)} s`,
  );
  for (const { bench, target } of [...met, ...missed]) {
    console.log(`  ${target.met ? 'MET   ' : 'MISSED'} [${bench}] ${target.text}`);
  }
  return failed.length > 0 ? 1 : 0;
}

if (isMain(import.meta.url)) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      console.error(err);
      process.exitCode = 1;
    },
  );
}
