/**
 * The Dockerfile followed without Docker: its build stage in a temporary directory (the
 * context filtered by .dockerignore, dependencies taken from this checkout in place of
 * `pnpm install`, every other RUN executed), then its runtime stage assembled from its
 * `COPY --from` lines alone in a second directory, with the ENV, USER, CMD and HEALTHCHECK
 * it declares. What the runtime directory lacks, the image would lack.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, posix, relative } from 'node:path';
import {
  dockerIgnore,
  execForm,
  type Instruction,
  parseCopy,
  parseDockerfile,
  parseEnv,
  type Stage,
} from './dockerfile';

export interface RuntimeImage {
  /** Root of the temporary tree (build/ and runtime/ inside). */
  root: string;
  /** The runtime stage's WORKDIR, as a directory holding only what it COPYs. */
  workdir: string;
  env: Record<string, string>;
  cmd: string[];
  healthcheck: string[];
  user: string | undefined;
  stopSignal: string | undefined;
  stages: Stage[];
  remove(): void;
}

/** RUN lines that install a tool, or the dependencies: this checkout already has both. */
const INSTALL_TOOL = /^npm install -g pnpm@\S+$/;
const INSTALL_DEPENDENCIES = /^pnpm install --frozen-lockfile$/;

export function assembleImage(repo: string): RuntimeImage {
  const stages = parseDockerfile(join(repo, 'Dockerfile'));
  const ignored = dockerIgnore(join(repo, '.dockerignore'));
  const root = mkdtempSync(join(tmpdir(), 'aisle-image-'));
  const dirs = new Map<string, { workdir: string; dir: string }>();
  const runtime = stages.at(-1);
  if (!runtime) throw new Error('Dockerfile has no stage');

  for (const stage of stages) {
    const dir = join(root, stage.name);
    mkdirSync(dir, { recursive: true });
    let workdir = '/';
    const env: Record<string, string> = {};
    const inStage = (path: string) => join(dir, posix.relative('/', posix.resolve(workdir, path)));
    for (const step of stage.instructions) {
      switch (step.op) {
        case 'WORKDIR':
          workdir = posix.resolve(workdir, step.args);
          mkdirSync(inStage('.'), { recursive: true });
          break;
        case 'ENV':
          Object.assign(env, parseEnv(step.args));
          break;
        case 'COPY':
          copyStep(step, { repo, ignored, dirs, into: inStage });
          break;
        case 'RUN':
          if (stage === runtime) throw new Error(`runtime stage RUN ${step.args}: not followed`);
          if (INSTALL_DEPENDENCIES.test(step.args)) linkDependencies(repo, inStage('.'));
          else if (!INSTALL_TOOL.test(step.args)) run(step.args, inStage('.'), env);
          break;
        default:
          break;
      }
    }
    dirs.set(stage.name, { workdir, dir });
  }

  const last = (op: string) => runtime.instructions.filter((i) => i.op === op).at(-1)?.args;
  const runtimeDir = dirs.get(runtime.name);
  const cmd = last('CMD');
  const healthcheck = last('HEALTHCHECK');
  if (!runtimeDir || !cmd || !healthcheck)
    throw new Error('runtime stage needs CMD and HEALTHCHECK');
  return {
    root,
    workdir: join(runtimeDir.dir, posix.relative('/', runtimeDir.workdir)),
    env: Object.assign(
      {},
      ...runtime.instructions.filter((i) => i.op === 'ENV').map((i) => parseEnv(i.args)),
    ),
    cmd: execForm(cmd),
    healthcheck: execForm(healthcheck),
    user: last('USER'),
    stopSignal: last('STOPSIGNAL'),
    stages,
    remove: () => rmSync(root, { recursive: true, force: true }),
  };
}

function copyStep(
  step: Instruction,
  ctx: {
    repo: string;
    ignored: (rel: string) => boolean;
    dirs: Map<string, { workdir: string; dir: string }>;
    into: (path: string) => string;
  },
): void {
  const copy = parseCopy(step.args);
  const dest = ctx.into(copy.dest);
  const many = copy.sources.length > 1 || copy.dest.endsWith('/');
  for (const source of copy.sources) {
    let from: string;
    let filter: (src: string) => boolean = () => true;
    if (copy.from === undefined) {
      from = join(ctx.repo, source);
      filter = (src) => {
        const rel = relative(ctx.repo, src);
        return rel === '' || !ctx.ignored(rel);
      };
    } else {
      const stage = ctx.dirs.get(copy.from);
      if (!stage) throw new Error(`COPY --from=${copy.from}: no such earlier stage`);
      from = join(stage.dir, posix.relative('/', posix.resolve(stage.workdir, source)));
    }
    if (!existsSync(from)) throw new Error(`COPY ${step.args}: ${source} does not exist`);
    const target = many && source !== '.' ? join(dest, posix.basename(source)) : dest;
    cpSync(from, target, { recursive: true, filter, verbatimSymlinks: true });
  }
}

/**
 * A working copy of the checkout as the build context sees it (.dockerignore applied), with
 * this checkout's dependencies linked in: a place to run `pnpm build` / `pnpm start` that
 * leaves the checkout's own dist/ alone.
 */
export function copyOfCheckout(repo: string): { dir: string; remove(): void } {
  const ignored = dockerIgnore(join(repo, '.dockerignore'));
  const dir = mkdtempSync(join(tmpdir(), 'aisle-checkout-'));
  cpSync(repo, dir, {
    recursive: true,
    filter: (src) => {
      const rel = relative(repo, src);
      return rel === '' || !ignored(rel);
    },
  });
  linkDependencies(repo, dir);
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** `pnpm install` stands for the checkout's own node_modules (root and each package). */
function linkDependencies(repo: string, dir: string): void {
  for (const pkg of ['', 'shared', 'server', 'client', 'scripts']) {
    const modules = join(repo, pkg, 'node_modules');
    if (!existsSync(modules)) continue;
    mkdirSync(join(dir, pkg), { recursive: true });
    symlinkSync(modules, join(dir, pkg, 'node_modules'));
  }
}

function run(command: string, cwd: string, env: Record<string, string>): void {
  const result = spawnSync('sh', ['-c', command], {
    cwd,
    env: { ...process.env, ...env },
    encoding: 'utf8',
    timeout: 180_000,
  });
  if (result.status !== 0) {
    throw new Error(`RUN ${command} failed (${result.status}): ${result.stderr}${result.stdout}`);
  }
}
