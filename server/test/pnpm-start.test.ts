/**
 * `pnpm start` as a newcomer runs it, in a copy of the checkout: it builds dist/ when the
 * sources changed (and only then), and the process pnpm starts is the server itself, so a
 * SIGTERM to pnpm (forwarded to its child) drains the server instead of orphaning it.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, readFileSync, readlinkSync, writeFileSync } from 'node:fs';
import { basename, isAbsolute, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyOfCheckout } from './support/image';
import { freePort } from './support/redis-server';

const REPO = fileURLToPath(new URL('../../', import.meta.url));

interface Started {
  pnpm: ChildProcess;
  port: number;
  output: () => string;
  exited: Promise<number | null>;
}

async function pnpmStart(cwd: string): Promise<Started> {
  const port = await freePort();
  // A plain terminal's PATH: under vitest, this checkout's node_modules/.bin comes first (and
  // this machine's PATH has a relative ./node_modules/.bin), and its `node` shell wrapper would
  // run pnpm itself as a grandchild. Other absolute entries stay: under `npx pnpm`, one of
  // them is where pnpm is.
  const PATH = (process.env.PATH ?? '')
    .split(':')
    .filter((p) => isAbsolute(p) && !p.startsWith(REPO))
    .join(':');
  const pnpm = spawn('pnpm', ['start'], {
    cwd,
    env: {
      ...process.env,
      PATH,
      PORT: String(port),
      HOST: '127.0.0.1',
      SHUTDOWN_TIMEOUT_MS: '5000',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  pnpm.stdout?.on('data', (d: Buffer) => {
    output += d.toString();
  });
  pnpm.stderr?.on('data', (d: Buffer) => {
    output += d.toString();
  });
  const exited = new Promise<number | null>((resolve) => pnpm.once('exit', resolve));
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (pnpm.exitCode !== null) throw new Error(`pnpm start exited: ${output}`);
    const ok = await fetch(`http://127.0.0.1:${port}/health/ready`).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ok) return { pnpm, port, output: () => output, exited };
    if (Date.now() > deadline) throw new Error(`not ready: ${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The processes whose parent is `pid`, with their command lines. */
function childrenOf(pid: number): { pid: number; argv: string[] }[] {
  const out = execFileSync('ps', ['-o', 'pid=', '--ppid', String(pid)], { encoding: 'utf8' });
  return out
    .split('\n')
    .map((l) => Number(l.trim()))
    .filter((p) => p > 0)
    .map((p) => ({
      pid: p,
      argv: readFileSync(`/proc/${p}/cmdline`, 'utf8').split('\0').filter(Boolean),
    }));
}

describe('pnpm start', () => {
  let checkout: ReturnType<typeof copyOfCheckout>;
  beforeAll(() => {
    checkout = copyOfCheckout(REPO);
  });
  afterAll(() => checkout?.remove());

  it('builds once, runs the bundle as pnpm child, and drains on SIGTERM to pnpm', async () => {
    expect(existsSync(join(checkout.dir, 'dist'))).toBe(false);
    const first = await pnpmStart(checkout.dir);
    expect(first.output()).toContain('sources changed since the last build: building dist/');

    // pnpm -> the server: no shell, no `node` wrapper script in between.
    const [server, ...others] = childrenOf(first.pnpm.pid ?? 0);
    expect(others).toEqual([]);
    expect(server?.argv.slice(1)).toEqual(['dist/main.js']);
    expect(basename(readlinkSync(`/proc/${server?.pid}/exe`))).toBe('node');

    first.pnpm.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    expect(existsSync(`/proc/${server?.pid}`)).toBe(false);
    expect(first.output()).toContain('"shutting down"');

    // Nothing changed: no build. A source edited: a build.
    const second = await pnpmStart(checkout.dir);
    expect(second.output()).not.toContain('building dist/');
    second.pnpm.kill('SIGTERM');
    expect(await second.exited).toBe(0);

    const health = join(checkout.dir, 'server/src/transport/health.ts');
    writeFileSync(health, `${readFileSync(health, 'utf8')}\n// edited\n`);
    const third = await pnpmStart(checkout.dir);
    expect(third.output()).toContain('building dist/');
    third.pnpm.kill('SIGTERM');
    expect(await third.exited).toBe(0);
  }, 300_000);
});
