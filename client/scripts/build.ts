/**
 * Builds the publishable `@aisle/client`: `dist/index.js` (ESM, dependencies left as imports)
 * and `dist/index.d.ts`, one declaration file holding the client's API and the `AppRouter`
 * contract as plain types: no import of `@aisle/server` or `@aisle/shared` is left in it, and
 * no server internals (store, LangChain, ioredis) are reachable from it.
 *
 * `pnpm --filter @aisle/client build` (or `pnpm build:client` at the root).
 *
 * Steps: tsc emits declarations for the client and the workspace sources it names; rollup with
 * rollup-plugin-dts inlines the declarations the public API reaches (tree-shaken) and keeps
 * npm packages (@trpc/*) as imports; esbuild bundles the JavaScript.
 */
import { mkdir, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';
import { type Plugin, rollup } from 'rollup';
import { dts } from 'rollup-plugin-dts';
import ts from 'typescript';

const CLIENT_DIR = fileURLToPath(new URL('..', import.meta.url));
const REPO_DIR = resolve(CLIENT_DIR, '..');
const DIST_DIR = join(CLIENT_DIR, 'dist');
const ENTRY = join(CLIENT_DIR, 'src/index.ts');

/**
 * The workspace packages whose declarations are inlined, by the file tsc emits for each. Of
 * the server the client takes only the `AppRouter` type, so it starts at the routers' file
 * rather than the package's index (which reaches the HTTP server, config, and so on).
 */
const WORKSPACE_ENTRIES: Record<string, string> = {
  '@aisle/server': 'server/src/routers/index.d.ts',
  '@aisle/shared': 'shared/src/index.d.ts',
};

/**
 * The server's request context (config, services, the store) types `ctx` in the router's
 * root config, which a client never reads (tRPC clients take only the transformer and the
 * error shape from it). Inlining it would drag the whole server into the client's types, so
 * the bundle sees it as an opaque object.
 */
const SERVER_CONTEXT_DTS = 'server/src/context.d.ts';
const OPAQUE_CONTEXT = [
  '/** The server-side request context: not part of the client contract. */',
  'export type Context = object;',
  '',
].join('\n');

export interface ClientBuild {
  files: { path: string; bytes: number }[];
  ms: number;
}

export async function buildClient(): Promise<ClientBuild> {
  const started = performance.now();
  const declDir = await mkdtemp(join(tmpdir(), 'aisle-client-dts-'));
  try {
    await mkdir(DIST_DIR, { recursive: true });
    emitDeclarations(declDir);
    await Promise.all([bundleDeclarations(declDir), bundleJavaScript()]);
  } finally {
    await rm(declDir, { recursive: true, force: true });
  }
  const paths = ['index.js', 'index.d.ts'].map((name) => join(DIST_DIR, name));
  const files = await Promise.all(
    paths.map(async (path) => ({ path, bytes: (await stat(path)).size })),
  );
  return { files, ms: Math.round(performance.now() - started) };
}

/**
 * Declarations of the client and of the workspace packages it imports. Those are listed as
 * root files because tsc never emits files it reached through node_modules (the workspace
 * links), and it checks them all, so a type error anywhere fails the build.
 */
function emitDeclarations(outDir: string): void {
  const configPath = join(CLIENT_DIR, 'tsconfig.build.json');
  const parsed = ts.getParsedCommandLineOfConfigFile(
    configPath,
    { outDir },
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
      },
    },
  );
  if (!parsed) throw new Error(`cannot read ${configPath}`);
  const program = ts.createProgram({ rootNames: parsed.fileNames, options: parsed.options });
  const emitted = program.emit(undefined, undefined, undefined, true);
  const diagnostics = [...ts.getPreEmitDiagnostics(program), ...emitted.diagnostics];
  if (diagnostics.length > 0) {
    throw new Error(
      ts.formatDiagnostics(diagnostics, {
        getCanonicalFileName: (f) => f,
        getCurrentDirectory: () => REPO_DIR,
        getNewLine: () => '\n',
      }),
    );
  }
}

/** Resolves the workspace packages to their emitted declarations, and makes `Context` opaque. */
function workspaceDeclarations(declDir: string): Plugin {
  const contextPath = join(declDir, SERVER_CONTEXT_DTS);
  return {
    name: 'aisle-workspace-declarations',
    resolveId(source) {
      const entry = WORKSPACE_ENTRIES[source];
      return entry ? join(declDir, entry) : null;
    },
    load(id) {
      return id === contextPath ? OPAQUE_CONTEXT : null;
    },
  };
}

async function bundleDeclarations(declDir: string): Promise<void> {
  const dependencies = await npmDependencies();
  const bundle = await rollup({
    input: join(declDir, 'client/src/index.d.ts'),
    // The package's own dependencies stay imports; anything else unresolved is an error.
    external: (id) => isDependency(id, dependencies),
    plugins: [workspaceDeclarations(declDir), dts()],
    onwarn(warning) {
      // Declarations the public API never reaches still get parsed, and their imports (node:*,
      // the server's npm packages) cannot be resolved here: tree-shaking drops them, and
      // assertSelfContained below fails the build if any survives.
      if (warning.code === 'UNRESOLVED_IMPORT') return;
      throw new Error(`declaration bundle: ${warning.message}`);
    },
  });
  try {
    await bundle.write({ file: join(DIST_DIR, 'index.d.ts'), format: 'es' });
  } finally {
    await bundle.close();
  }
  await assertSelfContained(join(DIST_DIR, 'index.d.ts'));
}

async function npmDependencies(): Promise<string[]> {
  const pkg = JSON.parse(await readFile(join(CLIENT_DIR, 'package.json'), 'utf8')) as {
    dependencies: Record<string, string>;
  };
  return Object.keys(pkg.dependencies);
}

const isDependency = (specifier: string, dependencies: string[]) =>
  dependencies.some((dep) => specifier === dep || specifier.startsWith(`${dep}/`));

/** What a published declaration may import: the client's own npm dependencies, nothing else. */
async function assertSelfContained(dtsPath: string): Promise<void> {
  const dependencies = await npmDependencies();
  const text = await readFile(dtsPath, 'utf8');
  const specifiers = [...text.matchAll(/(?:from\s+|import\()\s*['"]([^'"]+)['"]/g)].map(
    (m) => m[1] ?? '',
  );
  const foreign = specifiers.filter((s) => !isDependency(s, dependencies));
  if (foreign.length > 0) {
    throw new Error(`${dtsPath} imports what the package does not depend on: ${foreign}`);
  }
}

/** One ESM file; npm dependencies stay imports (the package depends on them). */
async function bundleJavaScript(): Promise<void> {
  await esbuild.build({
    entryPoints: [ENTRY],
    outfile: join(DIST_DIR, 'index.js'),
    bundle: true,
    packages: 'external',
    platform: 'neutral',
    format: 'esm',
    target: 'es2022',
    sourcemap: false,
    legalComments: 'none',
    logLevel: 'silent',
  });
}

const executedDirectly = process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href;
if (executedDirectly) {
  buildClient().then(
    (b) =>
      console.log(
        `@aisle/client built in ${b.ms} ms: ${b.files
          .map((f) => `${f.path.slice(dirname(DIST_DIR).length + 1)} (${f.bytes} B)`)
          .join(', ')}`,
      ),
    (err: unknown) => {
      console.error(err instanceof Error ? err.message : err);
      process.exitCode = 1;
    },
  );
}
