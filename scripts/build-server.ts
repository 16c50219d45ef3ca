/**
 * Bundles the server (`server/src/main.ts`) with every npm dependency into `dist/`: plain ESM
 * that `node dist/main.js` runs with no `node_modules` beside it, so the runtime image holds
 * the bundle and nothing else. Code behind a dynamic `import()` becomes its own chunk, loaded
 * only when reached: LangChain, OpenAI and the tokenizer cost nothing unless an OpenAI model
 * is configured (see server/src/bootstrap/provider.ts).
 *
 * `dist/main.js` is a few lines that turn on V8's compile cache (Node's own, in the system's
 * temporary directory, keyed by file content) and then import the bundle, `dist/server.js`:
 * from the second start on, less CPU goes into parsing and compiling the bundle (~20% less CPU
 * to ready, measured under load).
 *
 * Files the sources read at run time through `new URL('<relative path>', import.meta.url)`
 * (the demo catalog, the Lua scripts, the built dashboard) are copied to `dist/assets/<path in
 * the repository>` and the URL in the bundle is rewritten to point there.
 */
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const ENTRY = join(ROOT, 'server/src/main.ts');

/** `new URL('<literal>', import.meta.url)`: the one shape of run-time file access rewritten. */
const ASSET_URL = /new URL\(\s*(['"])([^'"]+)\1\s*,\s*import\.meta\.url\s*\)/g;
/** Any other `new URL(..., import.meta.url)` would point into the source tree: refused. */
const OTHER_URL = /new URL\([^)]*import\.meta\.url\s*\)/;

/** Some CommonJS dependencies `require()` Node's built-ins; ESM output needs a `require`. */
const REQUIRE_SHIM =
  "import { createRequire as __aisleCreateRequire } from 'node:module';\n" +
  'const require = __aisleCreateRequire(import.meta.url);';

/** The entry: the cache must be on before the bundle's modules are loaded, hence two files. */
const MAIN = `// Built by scripts/build-server.ts. The compile cache is an optimisation: if the directory is
// not writable it stays off and nothing else changes.
import { enableCompileCache } from 'node:module';

enableCompileCache();
await import('./server.js');
`;

export interface ServerBuild {
  outDir: string;
  /** Output files (bundle and chunks, not source maps) with their sizes. */
  outputs: { file: string; bytes: number }[];
  /** Asset paths under `outDir` copied for run-time reads. */
  assets: string[];
  ms: number;
}

/** Rewrites asset URLs of the repository's own sources and records what to copy. */
function assetPlugin(outDir: string, assets: Map<string, string>): esbuild.Plugin {
  return {
    name: 'aisle-assets',
    setup(build) {
      build.onLoad({ filter: /\.ts$/ }, (args) => {
        if (args.path.includes('/node_modules/')) return undefined;
        const source = readFileSync(args.path, 'utf8');
        if (!source.includes('import.meta.url')) return undefined;
        const contents = source.replace(ASSET_URL, (_match, _quote: string, path: string) => {
          const target = resolve(dirname(args.path), path);
          const inRepo = relative(ROOT, target);
          if (inRepo.startsWith('..')) {
            throw new Error(`${relative(ROOT, args.path)}: ${path} points outside the repository`);
          }
          const dest = join('assets', inRepo);
          assets.set(target, join(outDir, dest));
          const slash = path.endsWith('/') ? '/' : '';
          return `new URL(${JSON.stringify(`./${dest}${slash}`)}, import.meta.url)`;
        });
        if (OTHER_URL.test(source.replace(ASSET_URL, ''))) {
          throw new Error(
            `${relative(ROOT, args.path)}: new URL(..., import.meta.url) with a computed path ` +
              'cannot be bundled; use a string literal so scripts/build-server.ts copies it',
          );
        }
        return { contents, loader: 'ts' };
      });
    },
  };
}

export async function buildServer(outDir: string = join(ROOT, 'dist')): Promise<ServerBuild> {
  const started = performance.now();
  const out = resolve(outDir);
  const assets = new Map<string, string>();
  // Chunk names carry content hashes: without a clean slate, old ones would pile up.
  rmSync(out, { recursive: true, force: true });
  const result = await esbuild.build({
    absWorkingDir: ROOT,
    entryPoints: { server: ENTRY },
    outdir: out,
    bundle: true,
    splitting: true,
    platform: 'node',
    format: 'esm',
    target: 'node24',
    sourcemap: 'linked',
    // Names stay as written (no minify): stack traces read like the sources.
    minify: false,
    banner: { js: REQUIRE_SHIM },
    legalComments: 'none',
    metafile: true,
    logLevel: 'warning',
    plugins: [assetPlugin(out, assets)],
  });
  for (const [from, to] of assets) cpSync(from, to, { recursive: true });
  writeFileSync(join(out, 'main.js'), MAIN);
  const outputs = Object.entries(result.metafile.outputs)
    .filter(([file]) => !file.endsWith('.map'))
    .map(([file, o]) => ({ file: relative(out, resolve(ROOT, file)), bytes: o.bytes }));
  outputs.unshift({ file: 'main.js', bytes: Buffer.byteLength(MAIN) });
  return {
    outDir: out,
    outputs,
    assets: [...assets.values()].map((a) => relative(out, a)),
    ms: Math.round(performance.now() - started),
  };
}
