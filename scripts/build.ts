/**
 * `pnpm build`: the dashboard (client/dist/dashboard) and the storefront chat page
 * (client/dist/storefront-chat), then the server bundle (dist/) that
 * carries a copy of it, then the stamp that tells `pnpm start` the bundle is current.
 * `ensureBuilt()` is the same, skipped when nothing the build reads has changed.
 */
import { fileURLToPath } from 'node:url';
import { buildDashboard } from './build-dashboard.ts';
import { buildServer, type ServerBuild } from './build-server.ts';
import { buildInputsHash, readStamp, writeStamp } from './build-stamp.ts';
import { buildStorefrontChat } from './build-storefront-chat.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const DIST = fileURLToPath(new URL('../dist/', import.meta.url));

export async function build(): Promise<ServerBuild> {
  // Hashed before building: an edit made while the build runs makes the next start rebuild.
  const hash = buildInputsHash(ROOT);
  await buildDashboard();
  await buildStorefrontChat();
  const server = await buildServer(DIST);
  writeStamp(DIST, hash);
  return server;
}

/** Builds when the sources differ from those of the last build; true when it built. */
export async function ensureBuilt(log: (line: string) => void = () => {}): Promise<boolean> {
  if (readStamp(DIST) === buildInputsHash(ROOT)) return false;
  log('sources changed since the last build: building dist/ ...');
  const server = await build();
  log(describe(server));
  return true;
}

export function describe(b: ServerBuild): string {
  const kb = (bytes: number) => `${Math.round(bytes / 1024)} KB`;
  const server = b.outputs.find((o) => o.file === 'server.js');
  return (
    `built ${b.outDir} in ${b.ms} ms: server.js ${kb(server?.bytes ?? 0)}, ` +
    `${b.outputs.length - 2} lazy or shared chunks, ${b.assets.length} asset paths`
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  build().then(
    (b) => console.log(describe(b)),
    (err: unknown) => {
      console.error(err instanceof Error ? err.message : err);
      process.exitCode = 1;
    },
  );
}
