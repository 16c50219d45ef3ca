import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildInputsHash, readStamp, writeStamp } from './build-stamp.ts';

const root = mkdtempSync(join(tmpdir(), 'aisle-stamp-'));
const put = (path: string, text: string) => {
  mkdirSync(join(root, path, '..'), { recursive: true });
  writeFileSync(join(root, path), text);
};
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('the build stamp (pnpm start rebuilds only when an input changed)', () => {
  put('server/src/main.ts', 'main');
  put('server/src/app.test.ts', 'a test');
  put('shared/src/index.ts', 'shared');
  put('pnpm-lock.yaml', 'lock');
  put('README.md', 'readme');

  it('changes with a source, a moved file or the lockfile; not with a test or the README', () => {
    const before = buildInputsHash(root);
    expect(buildInputsHash(root)).toBe(before);
    put('server/src/app.test.ts', 'another test');
    put('README.md', 'another readme');
    expect(buildInputsHash(root)).toBe(before);

    put('shared/src/index.ts', 'shared, edited');
    const edited = buildInputsHash(root);
    expect(edited).not.toBe(before);
    rmSync(join(root, 'shared/src/index.ts'));
    put('shared/src/moved.ts', 'shared, edited');
    expect(buildInputsHash(root)).not.toBe(edited);
    put('pnpm-lock.yaml', 'lock, upgraded');
    expect(buildInputsHash(root)).not.toBe(edited);
  });

  it('reads back what it wrote, and nothing before a build', () => {
    const dist = join(root, 'dist');
    expect(readStamp(dist)).toBeUndefined();
    mkdirSync(dist);
    writeStamp(dist, 'abc');
    expect(readStamp(dist)).toBe('abc');
  });
});

describe('nodeVersion in pnpm-workspace.yaml', () => {
  const repo = join(import.meta.dirname, '..');
  it('is the Node of the `node` devDependency, the one that runs every script', () => {
    // pnpm reads it from pnpm-workspace.yaml; in .npmrc npm (run by npx) warns it is unknown.
    const workspace = readFileSync(join(repo, 'pnpm-workspace.yaml'), 'utf8');
    const declared = /^nodeVersion: (\S+)$/m.exec(workspace)?.[1];
    const locked = /\n {6}node:\n {8}specifier: \S+\n {8}version: (\S+)\n/.exec(
      readFileSync(join(repo, 'pnpm-lock.yaml'), 'utf8'),
    )?.[1];
    expect(declared).toBeDefined();
    expect(declared).toBe(locked);
    const engines = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')).engines.node;
    expect(engines).toBe(`>=${declared?.split('.')[0]} <${Number(declared?.split('.')[0]) + 1}`);
  });
});
