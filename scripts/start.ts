/**
 * The first half of `pnpm start`: rebuild dist/ when the sources changed since the last build,
 * else nothing (a hash over the inputs, ~tens of ms). The second half, in package.json, is
 * `exec node dist/main.js`: the shell replaces itself with the server, so the process pnpm
 * forwards signals to is the server itself, not a wrapper that would leave it orphaned.
 *
 * Plain `node scripts/start.ts` (Node strips the types): no tsx, and esbuild is loaded only
 * when a build is due.
 */
import { buildInputsHash, readStamp } from './build-stamp.ts';

const root = new URL('..', import.meta.url).pathname;
const dist = new URL('../dist/', import.meta.url).pathname;

if (readStamp(dist) !== buildInputsHash(root)) {
  const { ensureBuilt } = await import('./build.ts');
  await ensureBuilt((line) => process.stderr.write(`${line}\n`));
}
