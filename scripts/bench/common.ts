/**
 * Helpers shared by the benches: targets attached to rows, the "run me alone" entry point,
 * a bench config for `createApp`, and cleanup that runs even when a bench throws.
 */
import { randomUUID } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { type Config, loadConfig } from '../../server/src/config';
import { type BenchRow, printTable } from './report';

/** What a row promises: `met` is decided by the bench that measured it. */
export interface Target {
  text: string;
  met: boolean;
}

export type TargetedRow = BenchRow & { target: Target };

/** The row with its target attached (shown under the table and in the final summary). */
export function withTarget(row: BenchRow, text: string, met: boolean): TargetedRow {
  return { ...row, target: { text, met } };
}

export function targetOf(row: BenchRow): Target | undefined {
  return 'target' in row ? (row as TargetedRow).target : undefined;
}

/** The rows as a table, then one line per target. */
export function printRows(rows: readonly BenchRow[]): void {
  printTable(rows);
  for (const row of rows) {
    const target = targetOf(row);
    if (target) console.log(`  target ${target.met ? 'MET   ' : 'MISSED'} ${target.text}`);
  }
}

/** True when the module at `url` is the script node was started with. */
export function isMain(url: string): boolean {
  const entry = process.argv[1];
  return entry !== undefined && url === pathToFileURL(entry).href;
}

/** Runs a bench as a script: prints its table, exit code 1 on failure. */
export function runAlone(bench: () => Promise<BenchRow[]>): void {
  bench().then(printRows, (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}

/** `--quick` anywhere on the command line. */
export const quickMode = (): boolean => process.argv.includes('--quick');

/** A server config for benches: port 0, no rate limits, quiet, its own Redis key prefix. */
export function benchConfig(env: Record<string, string> = {}): Config {
  return loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    RATE_LIMIT_ENABLED: 'false',
    LOG_LEVEL: 'error',
    SHUTDOWN_TIMEOUT_MS: '2000',
    REDIS_PREFIX: `b${randomUUID().slice(0, 8)}`,
    ...env,
  });
}

/** LIFO cleanup that runs every step even when one fails (servers, children, redis-server). */
export class Cleanup {
  private readonly steps: { name: string; run: () => unknown }[] = [];

  add(name: string, run: () => unknown): void {
    this.steps.push({ name, run });
  }

  async run(): Promise<void> {
    while (this.steps.length > 0) {
      const step = this.steps.pop();
      if (!step) break;
      try {
        await step.run();
      } catch (err) {
        console.error(`cleanup ${step.name} failed: ${String(err)}`);
      }
    }
  }
}

/** Runs `body` with a fresh Cleanup, always running it afterwards. */
export async function withCleanup<T>(body: (cleanup: Cleanup) => Promise<T>): Promise<T> {
  const cleanup = new Cleanup();
  try {
    return await body(cleanup);
  } finally {
    await cleanup.run();
  }
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export const mean = (xs: readonly number[]): number =>
  xs.length === 0 ? Number.NaN : xs.reduce((a, b) => a + b, 0) / xs.length;
