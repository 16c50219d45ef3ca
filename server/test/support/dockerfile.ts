/**
 * Just enough of the Dockerfile format to run an image's path without a Docker engine: the
 * stages and their instructions, COPY and CMD/HEALTHCHECK arguments, and `.dockerignore`.
 * Only what this repository's Dockerfile uses is supported; anything else throws, so the
 * Dockerfile cannot quietly grow a step the container test does not follow.
 */
import { readFileSync } from 'node:fs';
import { matchesGlob } from 'node:path';

export interface Instruction {
  op: string;
  /** The instruction's text after its keyword, continuation lines joined. */
  args: string;
}

export interface Stage {
  name: string;
  from: string;
  instructions: Instruction[];
}

export interface CopyStep {
  from?: string;
  sources: string[];
  dest: string;
}

/** Stages in order; a stage without `AS name` is named by its index. */
export function parseDockerfile(path: string): Stage[] {
  const logical = readFileSync(path, 'utf8')
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
  const stages: Stage[] = [];
  for (const line of logical) {
    const [, op = '', args = ''] = /^(\S+)\s*(.*)$/.exec(line) ?? [];
    const keyword = op.toUpperCase();
    if (keyword === 'FROM') {
      const [, from = '', name] = /^(\S+)(?:\s+AS\s+(\S+))?$/i.exec(args) ?? [];
      stages.push({ name: name ?? String(stages.length), from, instructions: [] });
      continue;
    }
    const stage = stages.at(-1);
    if (!stage) throw new Error(`${keyword} before FROM`);
    stage.instructions.push({ op: keyword, args });
  }
  return stages;
}

export const instructionsOf = (stage: Stage, op: string): Instruction[] =>
  stage.instructions.filter((i) => i.op === op);

/** `COPY [--from=stage] [--chown=...] src... dest` (the shell form). */
export function parseCopy(args: string): CopyStep {
  const words = args.split(/\s+/);
  let from: string | undefined;
  while (words[0]?.startsWith('--')) {
    const flag = words.shift() ?? '';
    if (flag.startsWith('--from=')) from = flag.slice('--from='.length);
    else if (!/^--(chown|chmod|link)/.test(flag)) throw new Error(`COPY ${flag}: not followed`);
  }
  const dest = words.pop();
  if (!dest || words.length === 0) throw new Error(`COPY ${args}: needs sources and a dest`);
  return { ...(from === undefined ? {} : { from }), sources: words, dest };
}

/** `ENV A=1 B=2` (the key=value form, values without spaces). */
export function parseEnv(args: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const pair of args.split(/\s+/)) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new Error(`ENV ${args}: only KEY=value pairs are followed`);
    env[pair.slice(0, eq)] = pair.slice(eq + 1).replace(/^"(.*)"$/, '$1');
  }
  return env;
}

/** The exec (JSON array) form of CMD or of HEALTHCHECK's CMD, after any options. */
export function execForm(args: string): string[] {
  const json = args.replace(/^(--\S+\s+)*/, '').replace(/^CMD\s+/i, '');
  const argv: unknown = JSON.parse(json);
  if (!Array.isArray(argv) || !argv.every((a) => typeof a === 'string')) {
    throw new Error(`${args}: not an exec-form command`);
  }
  return argv;
}

/**
 * A `.dockerignore` as a predicate on repository-relative paths: a path is left out when it,
 * or a directory above it, matches a pattern. Exceptions (`!pattern`) are not supported.
 */
export function dockerIgnore(path: string): (relPath: string) => boolean {
  const patterns = readFileSync(path, 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'))
    .map((l) => l.replace(/^\/+/, '').replace(/\/+$/, ''));
  const exception = patterns.find((p) => p.startsWith('!'));
  if (exception) throw new Error(`.dockerignore ${exception}: exceptions are not followed`);
  return (relPath) => {
    const parts = relPath.split('/');
    return parts.some((_, i) => {
      const prefix = parts.slice(0, i + 1).join('/');
      return patterns.some((p) => matchesGlob(prefix, p));
    });
  };
}
