/**
 * Start to ready: from spawning the server to its first 200 on /health/ready, with the demo
 * catalog and the embedded store (what `pnpm start` and the Docker image run), with V8's
 * compile cache filled by an earlier start (every start after a container's first) and empty
 * (the first). Beside it,
 * measured in the same run and interleaved with it so load on the machine hits all alike:
 * Node's own start-to-listen (a bare node:http server answering 200) as the baseline, and
 * the same server through tsx (what `pnpm start` ran before the build) for comparison.
 *
 *   pnpm exec tsx scripts/bench/startup.ts [--quick]
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../../server/test/support/redis-server';
import { ensureBuilt } from '../build.ts';
import { isMain, quickMode, runAlone, sleep, withTarget } from './common';
import { type BenchRow, compared, percentile } from './report';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TARGET_MS = 1500;

const BARE_SERVER =
  "require('node:http').createServer((q, s) => s.end('ok'))" +
  ".listen(Number(process.env.PORT), '127.0.0.1')";

interface Variant {
  name: string;
  args: string[];
  /** A fresh, empty compile cache for every start. */
  coldCache?: boolean;
}

const VARIANTS = {
  bare: { name: 'bare node:http server (node -e)', args: ['-e', BARE_SERVER] },
  bundle: { name: 'node dist/main.js', args: ['dist/main.js'] },
  cold: { name: 'node dist/main.js, empty compile cache', args: ['dist/main.js'], coldCache: true },
  tsx: { name: 'tsx server/src/main.ts', args: ['--import', 'tsx', 'server/src/main.ts'] },
} satisfies Record<string, Variant>;

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

/** Milliseconds from spawn to the first 200 of /health/ready. */
async function startToReady(variant: Variant): Promise<number> {
  const port = await freePort();
  const cache = variant.coldCache ? mkdtempSync(join(tmpdir(), 'aisle-compile-cache-')) : undefined;
  const started = performance.now();
  const child = spawn(process.execPath, variant.args, {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      SHUTDOWN_TIMEOUT_MS: '2000',
      ...(cache ? { NODE_COMPILE_CACHE: cache } : {}),
    },
    stdio: 'ignore',
  });
  try {
    const url = `http://127.0.0.1:${port}/health/ready`;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`${variant.name} exited with ${child.exitCode}`);
      const ok = await fetch(url).then(
        (r) => r.status === 200,
        () => false,
      );
      if (ok) return performance.now() - started;
      if (performance.now() - started > 30_000) throw new Error(`${variant.name}: not ready`);
      await sleep(5);
    }
  } finally {
    await stop(child);
    if (cache) rmSync(cache, { recursive: true, force: true });
  }
}

export async function benchStartup(): Promise<BenchRow[]> {
  await ensureBuilt((line) => console.log(line));
  const runs = quickMode() ? 3 : 7;
  const samples = {
    bare: [] as number[],
    bundle: [] as number[],
    cold: [] as number[],
    tsx: [] as number[],
  };
  // One of each per round: a busy moment on the machine lands on all of them, not on one.
  await startToReady(VARIANTS.bundle); // fills the page and compile caches; not counted
  for (let round = 0; round < runs; round++) {
    for (const key of ['bare', 'bundle', 'cold', 'tsx'] as const) {
      samples[key].push(await startToReady(VARIANTS[key]));
    }
  }
  const p50 = (xs: number[]) => percentile(xs, 50);
  const bundle = p50(samples.bundle);
  const bare = { name: `${VARIANTS.bare.name} p50`, value: p50(samples.bare) };
  return [
    withTarget(
      compared(`start to ready: ${VARIANTS.bundle.name} p50 (${runs} runs)`, bundle, 'ms', bare),
      `start to ready under ${TARGET_MS.toLocaleString('en-US')} ms (p50 ${Math.round(bundle)} ms)`,
      bundle < TARGET_MS,
    ),
    compared(`start to ready: ${VARIANTS.bundle.name} max`, Math.max(...samples.bundle), 'ms', {
      name: `${VARIANTS.bare.name} max`,
      value: Math.max(...samples.bare),
    }),
    compared(`start to ready: ${VARIANTS.cold.name} p50`, p50(samples.cold), 'ms', bare),
    compared(`start to ready: ${VARIANTS.tsx.name} p50`, p50(samples.tsx), 'ms', {
      name: `${VARIANTS.bundle.name} p50`,
      value: bundle,
    }),
  ];
}

if (isMain(import.meta.url)) runAlone(benchStartup);
