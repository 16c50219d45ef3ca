/**
 * Whether `dist/` was built from the sources as they are now: a hash over the content of every
 * file the build reads, written beside the bundle by `pnpm build` and compared by `pnpm start`.
 * A content hash, not mtimes: a `git checkout` or a fresh clone touches every mtime.
 *
 * Only `node:` imports, so `node scripts/start.ts` can load it without tsx (Node strips types).
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/** Directories and files whose content decides what the build produces (repo-relative). */
const INPUTS = [
  'server/src',
  'shared/src',
  'client/dashboard',
  'client/storefront-chat',
  'pnpm-lock.yaml',
  'package.json',
  'server/package.json',
  'shared/package.json',
  'patches',
  'scripts/build.ts',
  'scripts/build-server.ts',
  'scripts/build-page.ts',
  'scripts/build-dashboard.ts',
  'scripts/build-storefront-chat.ts',
  'scripts/build-stamp.ts',
];

/** Tests sit beside the sources but never reach the bundle: editing one need not rebuild. */
const isTestFile = (name: string) => /\.test\.ts$/.test(name);

const STAMP_FILE = '.build-stamp';

function filesUnder(root: string, path: string): string[] {
  let entries: import('node:fs').Dirent[];
  try {
    entries = readdirSync(join(root, path), { withFileTypes: true });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOTDIR') return [path];
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  return entries.flatMap((e) => {
    const child = join(path, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : filesUnder(root, child);
    return isTestFile(e.name) ? [] : [child];
  });
}

/** sha256 over the path and content of every input file, in a stable order. */
export function buildInputsHash(root: string): string {
  const hash = createHash('sha256');
  const files = INPUTS.flatMap((input) => filesUnder(root, input)).sort();
  for (const file of files) {
    hash.update(relative(root, join(root, file)));
    hash.update('\0');
    hash.update(readFileSync(join(root, file)));
    hash.update('\0');
  }
  return hash.digest('hex');
}

export function readStamp(outDir: string): string | undefined {
  try {
    return readFileSync(join(outDir, STAMP_FILE), 'utf8').trim();
  } catch {
    return undefined;
  }
}

export function writeStamp(outDir: string, hash: string): void {
  writeFileSync(join(outDir, STAMP_FILE), `${hash}\n`);
}
