/**
 * `pnpm lint:openapi`: the OpenAPI document the server serves, linted by Redocly's CLI under
 * its `recommended` rules. Any problem fails, warnings included (Redocly itself exits 0 on
 * warnings). The document is generated, not checked in: it is written to a temporary file.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildOpenApi } from '../server/src/transport/rest/openapi';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const REDOCLY = join(ROOT, 'node_modules', '.bin', 'redocly');

export interface LintProblem {
  ruleId: string;
  severity: 'error' | 'warn';
  message: string;
  location: { pointer: string }[];
}

export interface LintResult {
  totals: { errors: number; warnings: number; ignored: number };
  problems: LintProblem[];
}

// Offline and quiet: no usage telemetry, no update check (CI reaches only package registries).
const ENV = { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' };

function run(
  args: string[],
  cwd: string,
  inherit: boolean,
): Promise<{ code: number; out: string }> {
  return new Promise((done, fail) => {
    const child = spawn(REDOCLY, args, {
      cwd,
      env: ENV,
      stdio: inherit ? 'inherit' : ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout?.on('data', (d: Buffer) => {
      out += d;
    });
    child.stderr?.on('data', (d: Buffer) => {
      err += d;
    });
    child.on('error', fail);
    child.on('close', (code) => {
      if (!inherit && out.trim() === '') fail(new Error(`redocly printed nothing: ${err}`));
      else done({ code: code ?? 1, out });
    });
  });
}

const LINT = ['lint', '--extends=recommended', '--max-problems=1000'];

/** Lints `doc` as it would be served; with `show`, also prints Redocly's own report. */
export async function lintOpenApi(
  doc: unknown = buildOpenApi(),
  show = false,
): Promise<LintResult> {
  const dir = await mkdtemp(join(tmpdir(), 'aisle-openapi-'));
  try {
    await writeFile(join(dir, 'openapi.json'), `${JSON.stringify(doc, null, 2)}\n`);
    const { out } = await run([...LINT, '--format=json', 'openapi.json'], dir, false);
    const result = JSON.parse(out) as LintResult;
    if (show && result.problems.length > 0) await run([...LINT, 'openapi.json'], dir, true);
    return result;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { totals } = await lintOpenApi(buildOpenApi(), true);
  const clean = totals.errors === 0 && totals.warnings === 0;
  console.log(
    clean
      ? 'OpenAPI document: no errors, no warnings (redocly, recommended rules)'
      : `OpenAPI document: ${totals.errors} errors, ${totals.warnings} warnings`,
  );
  process.exit(clean ? 0 : 1);
}
