import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, realpath, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../server/test/support/app';

/**
 * `@aisle/client` as a storefront gets it: packed (`pnpm pack`, which builds it), installed from
 * the tarball into a fresh project outside the workspace, type-checked there with the project's
 * TypeScript, and run with plain node against a real server.
 */

const run = promisify(execFile);
const REPO = resolve(import.meta.dirname, '../..');
const CLIENT = join(REPO, 'client');
const TSC = createRequire(join(REPO, 'package.json')).resolve('typescript/bin/tsc');
const TS_LIB_DIR = dirname(TSC).replace(/bin$/, 'lib');

/** What a storefront's type-check may read: its own files, its node_modules, TypeScript's libs. */
const MAX_FILES = 120;
/** Generous: the same script took 11 s and 899 files when the client was raw workspace TS. */
const MAX_TYPECHECK_MS = 10_000;

/** pnpm's script environment (npm_config_*) must not leak the workspace into the storefront. */
const cleanEnv = () =>
  Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k)));

let app: TestApp;
let work: string;
let tarball: string;
let storefront: string;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'aisle-packed-client-'));
  [app, tarball] = await Promise.all([startTestApp(), pack(join(work, 'pack'))]);
  storefront = await createStorefront(join(work, 'storefront'), tarball);
}, 300_000);

afterAll(async () => {
  await app?.close();
  if (work) await rm(work, { recursive: true, force: true });
});

/** `pnpm pack` runs the package's prepack (the build) and applies its publishConfig. */
async function pack(dest: string): Promise<string> {
  await mkdir(dest, { recursive: true });
  await run('pnpm', ['pack', '--pack-destination', dest], { cwd: CLIENT, env: cleanEnv() });
  const [file] = (await readdir(dest)).filter((f) => f.endsWith('.tgz'));
  if (!file) throw new Error(`pnpm pack left no tarball in ${dest}`);
  return join(dest, file);
}

/**
 * A project that knows nothing of the workspace. Dependencies come from the local pnpm store:
 * offline when pnpm has their metadata cached, else with the registry asked for metadata only
 * (prefer-offline; a fresh machine has the tarballs in its store but no metadata cache).
 * TypeScript is not installed there: the checks run the project's own tsc, so tRPC's optional
 * peer is not fetched either.
 */
async function createStorefront(dir: string, tgz: string): Promise<string> {
  await mkdir(dir, { recursive: true });
  await writeFile(
    join(dir, 'package.json'),
    JSON.stringify({ name: 'storefront', private: true, type: 'module' }),
  );
  await writeFile(join(dir, '.npmrc'), 'auto-install-peers=false\n');
  const add = (mode: string) => run('pnpm', ['add', tgz, mode], { cwd: dir, env: cleanEnv() });
  await add('--offline').catch(() => add('--prefer-offline'));
  return dir;
}

const compilerOptions = {
  target: 'ES2022',
  module: 'NodeNext',
  moduleResolution: 'NodeNext',
  lib: ['ES2023', 'DOM'],
  types: [],
  strict: true,
  skipLibCheck: true,
  outDir: 'build',
};

/** The storefront's script: every call typed by the installed package alone. */
const storefrontScript = (
  url: string,
) => `import { type AisleOutputs, createAisleClient } from '@aisle/client';

type ProductCard = AisleOutputs['shopping']['query']['products'][number];

const client = createAisleClient({ url: ${JSON.stringify(url)} });
const { session_id: sessionId } = await client.session.create.mutate({});
const answer = await client.shopping.query.mutate({ sessionId, q: 'Show me headphones' });
const first: ProductCard | undefined = answer.products[0];
if (!first) throw new Error('no products in the answer');
await client.cart.add.mutate({ sessionId, sku: first.sku, quantity: 2 });
const cart = await client.cart.get.query({ sessionId });
const subtotal: number = cart.subtotal;
const { currency } = await client.catalog.info.query();

// The streamed answer over server-sent events (the package's EventSource dependency).
const streamed = await new Promise<{ tokens: number; answer: string }>((done, fail) => {
  let tokens = 0;
  const sub = client.shopping.queryStream.subscribe(
    { sessionId, q: 'Any laptops under 1500?' },
    {
      onData({ data: event }) {
        if (event.type === 'token') tokens += 1;
        if (event.type === 'done') {
          sub.unsubscribe();
          done({ tokens, answer: event.answer });
        }
      },
      onError: fail,
    },
  );
});

console.log(
  JSON.stringify({
    sessionId,
    categories: answer.products.map((p) => p.category),
    first: { sku: first.sku, price: first.price },
    currency,
    cart: { items: cart.items.map((i) => ({ sku: i.sku, quantity: i.quantity })), subtotal },
    streamed,
  }),
);
`;

/** Each marked line must fail to compile: the types come from the server's real contract. */
const WRONG_SCRIPT = `import { createAisleClient } from '@aisle/client';

const client = createAisleClient({ url: 'http://127.0.0.1:1' });
export async function wrong(sessionId: string) {
  await client.cart.ad.mutate({ sessionId, sku: 'X' }); // no such procedure
  await client.cart.add.mutate({ sessionId, skuu: 'X' }); // no such input field
  await client.cart.setQuantity.mutate({ sessionId, sku: 'X', quantity: '2' }); // not a number
  const cart = await client.cart.get.query({ sessionId });
  return cart.subtotal.toUpperCase(); // the output is a number
}
`;
const WRONG_LINES = [5, 6, 7, 9];

interface TscRun {
  code: number;
  output: string;
  files: string[];
  stats: Record<string, string>;
}

async function tsc(dir: string, config: object): Promise<TscRun> {
  const project = join(dir, `tsconfig.${Math.random().toString(36).slice(2)}.json`);
  await writeFile(project, JSON.stringify(config));
  try {
    const { stdout } = await run(
      process.execPath,
      [TSC, '-p', project, '--extendedDiagnostics', '--listFiles'],
      { cwd: dir },
    );
    return parseTsc(0, stdout);
  } catch (err) {
    const { code, stdout } = err as { code?: number; stdout?: string };
    if (typeof code !== 'number' || stdout === undefined) throw err;
    return parseTsc(code, stdout);
  } finally {
    await rm(project, { force: true });
  }
}

function parseTsc(code: number, output: string): TscRun {
  const lines = output.split('\n');
  const files = lines.filter((l) => l.startsWith('/') && /\.(d\.)?[mc]?ts$/.test(l));
  const stats = Object.fromEntries(
    lines
      .map((l) => /^([A-Z][\w /]+):\s+(\S+)$/.exec(l))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => [m[1] ?? '', m[2] ?? '']),
  );
  return { code, output, files, stats };
}

/** The storefront's script checked (and emitted) once, for the tests that need it. */
let storefrontCheck: Promise<TscRun> | undefined;
function typecheckStorefront(): Promise<TscRun> {
  storefrontCheck ??= writeFile(join(storefront, 'storefront.ts'), storefrontScript(app.url)).then(
    () => tsc(storefront, { compilerOptions, files: ['storefront.ts'] }),
  );
  return storefrontCheck;
}

const seconds = (s: string | undefined) => Number((s ?? 'NaN').replace(/s$/, '')) * 1000;

describe('@aisle/client packed and installed outside the workspace', () => {
  it('packs the built JavaScript and one declaration file: no sources, no server', async () => {
    const { stdout } = await run('tar', ['-tzf', tarball]);
    expect(stdout.trim().split('\n').sort()).toEqual([
      'package/dist/index.d.ts',
      'package/dist/index.js',
      'package/package.json',
    ]);
    const root = join(storefront, 'node_modules/@aisle/client');
    const pkg = JSON.parse(await readFile(join(root, 'package.json'), 'utf8'));
    expect(pkg.exports['.']).toEqual({ types: './dist/index.d.ts', default: './dist/index.js' });
    expect(Object.keys(pkg.dependencies).sort()).toEqual([
      '@trpc/client',
      '@trpc/server',
      'eventsource',
      'superjson',
    ]);
    const dts = await readFile(join(root, 'dist/index.d.ts'), 'utf8');
    const js = await readFile(join(root, 'dist/index.js'), 'utf8');
    for (const text of [dts, js]) {
      expect(text).not.toMatch(/@aisle\/|ioredis|langchain|openai|rate-limiter|node:/i);
    }
    // The contract is in the declaration as types; the JavaScript imports only its dependencies.
    expect(dts).toMatch(/type AppRouter = typeof appRouter/);
    const imported = [...js.matchAll(/from\s+"([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(imported)).toEqual(
      new Set(['@trpc/client', '@trpc/server/observable', 'eventsource', 'superjson']),
    );
  });

  it('installs from the tarball, not from the workspace', async () => {
    const installed = await realpath(join(storefront, 'node_modules/@aisle/client'));
    expect(installed.startsWith(await realpath(storefront))).toBe(true);
    expect(installed.startsWith(REPO)).toBe(false);
  });

  it('type-checks a storefront script cheaply, from the installed package alone', async () => {
    const result = await typecheckStorefront();
    expect(result.output).not.toMatch(/error TS/);
    expect(result.code).toBe(0);
    const outside = result.files.filter(
      (f) => !f.startsWith(storefront) && !f.startsWith(TS_LIB_DIR),
    );
    expect(outside).toEqual([]);
    const files = Number(result.stats.Files);
    const totalMs = seconds(result.stats['Total time']);
    console.log(
      `storefront type-check: ${files} files (${result.files.filter((f) => f.startsWith(TS_LIB_DIR)).length} of them TypeScript's lib), ` +
        `check ${seconds(result.stats['Check time'])} ms, total ${totalMs} ms`,
    );
    expect(files).toBeGreaterThan(0);
    expect(files).toBeLessThan(MAX_FILES);
    expect(totalMs).toBeLessThan(MAX_TYPECHECK_MS);
  });

  it('refuses a wrong procedure, a wrong input field and a wrong use of an output', async () => {
    await writeFile(join(storefront, 'wrong.ts'), WRONG_SCRIPT);
    // skipLibCheck off too: the package's own declaration must be sound, not merely skipped.
    const result = await tsc(storefront, {
      compilerOptions: {
        ...compilerOptions,
        lib: ['ES2023', 'DOM', 'ESNext.Disposable'],
        skipLibCheck: false,
        noEmit: true,
      },
      files: ['wrong.ts'],
    });
    expect(result.code).not.toBe(0);
    const errors = [...result.output.matchAll(/^(.+?)\((\d+),\d+\): error (TS\d+)/gm)];
    expect(errors.map((e) => e[1])).toEqual(WRONG_LINES.map(() => 'wrong.ts'));
    expect(errors.map((e) => Number(e[2]))).toEqual(WRONG_LINES);
    expect(result.output).toMatch(/Property 'ad' does not exist/);
    expect(result.output).toMatch(/'skuu' does not exist/);
    expect(result.output).toMatch(/Property 'toUpperCase' does not exist on type 'number'/);
  });

  it('runs with plain node against a running server', async () => {
    // The check also emitted the JavaScript (outDir build/); node runs it as it is.
    expect((await typecheckStorefront()).code).toBe(0);
    const { stdout } = await run(process.execPath, [join(storefront, 'build/storefront.js')], {
      cwd: storefront,
      timeout: 60_000,
    });
    const out = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}');
    expect(out.categories.length).toBeGreaterThan(0);
    expect(out.categories.every((c: string) => c === 'headphones')).toBe(true);
    expect(out.cart.items).toEqual([{ sku: out.first.sku, quantity: 2 }]);
    expect(out.cart.subtotal).toBeCloseTo(out.first.price * 2, 2);
    expect(out.currency).toBe('USD');
    expect(out.streamed.tokens).toBeGreaterThan(0);
    expect(out.streamed.answer.length).toBeGreaterThan(0);
    // The server holds what the script did.
    const cart = await app.services.store.getCart(out.sessionId);
    expect(cart?.map((i) => [i.sku, i.quantity])).toEqual([[out.first.sku, 2]]);
  });
});
