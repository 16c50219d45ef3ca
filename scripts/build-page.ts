/**
 * Builds one browser page of client/ (the dashboard, the storefront chat): bundles its
 * `main.ts` with esbuild and copies its page and styles beside it.
 */
import { copyFile, mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';

const STATIC_FILES = ['index.html', 'styles.css'];

export interface PageBuild {
  outDir: string;
  files: string[];
  bytes: number;
  ms: number;
}

export async function buildPage(sourceDir: string, outDir: string): Promise<PageBuild> {
  const started = performance.now();
  const out = resolve(outDir);
  await mkdir(out, { recursive: true });
  const [result] = await Promise.all([
    esbuild.build({
      entryPoints: [join(sourceDir, 'main.ts')],
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
    ...STATIC_FILES.map((name) => copyFile(join(sourceDir, name), join(out, name))),
  ]);
  const outputs = Object.entries(result.metafile.outputs);
  return {
    outDir: out,
    files: [...STATIC_FILES, ...outputs.map(([path]) => path.split('/').at(-1) ?? path)],
    bytes: outputs.reduce((sum, [, o]) => sum + o.bytes, 0),
    ms: Math.round(performance.now() - started),
  };
}

/** `tsx scripts/build-<page>.ts [outDir]`: builds when run directly, not when imported. */
export function buildWhenRun(
  moduleUrl: string,
  name: string,
  build: (outDir?: string) => Promise<PageBuild>,
): void {
  if (!process.argv[1] || moduleUrl !== pathToFileURL(process.argv[1]).href) return;
  build(process.argv[2]).then(
    (b) =>
      console.log(
        `${name} built in ${b.ms} ms: ${b.outDir} (${b.files.join(', ')}; ${Math.round(b.bytes / 1024)} KB)`,
      ),
    (err: unknown) => {
      console.error(err instanceof Error ? err.message : err);
      process.exitCode = 1;
    },
  );
}
