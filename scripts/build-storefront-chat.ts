/**
 * Builds the example storefront chat page (/chat): bundles client/storefront-chat/main.ts (the
 * `ai` package's chat included) for the browser and copies the page and its styles beside it.
 * `pnpm exec tsx scripts/build-storefront-chat.ts [outDir]`
 */
import { copyFile, mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';

const SOURCE_DIR = fileURLToPath(new URL('../client/storefront-chat/', import.meta.url));
const DEFAULT_OUT_DIR = fileURLToPath(new URL('../client/dist/storefront-chat/', import.meta.url));
const STATIC_FILES = ['index.html', 'styles.css'];

export interface StorefrontChatBuild {
  outDir: string;
  files: string[];
  bytes: number;
  ms: number;
}

export async function buildStorefrontChat(
  outDir: string = DEFAULT_OUT_DIR,
): Promise<StorefrontChatBuild> {
  const started = performance.now();
  const out = resolve(outDir);
  await mkdir(out, { recursive: true });
  const [result] = await Promise.all([
    esbuild.build({
      entryPoints: [join(SOURCE_DIR, 'main.ts')],
      outfile: join(out, 'main.js'),
      bundle: true,
      platform: 'browser',
      format: 'esm',
      target: 'es2022',
      minify: true,
      sourcemap: 'linked',
      legalComments: 'none',
      metafile: true,
      logLevel: 'silent',
    }),
    ...STATIC_FILES.map((name) => copyFile(join(SOURCE_DIR, name), join(out, name))),
  ]);
  const outputs = Object.entries(result.metafile.outputs);
  return {
    outDir: out,
    files: [...STATIC_FILES, ...outputs.map(([path]) => path.split('/').at(-1) ?? path)],
    bytes: outputs.reduce((sum, [, o]) => sum + o.bytes, 0),
    ms: Math.round(performance.now() - started),
  };
}

const executedDirectly = process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href;
if (executedDirectly) {
  buildStorefrontChat(process.argv[2]).then(
    (b) =>
      console.log(
        `storefront chat built in ${b.ms} ms: ${b.outDir} (${b.files.join(', ')}; ${Math.round(b.bytes / 1024)} KB)`,
      ),
    (err: unknown) => {
      console.error(err instanceof Error ? err.message : err);
      process.exitCode = 1;
    },
  );
}
