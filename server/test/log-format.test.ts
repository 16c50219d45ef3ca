import { type ChildProcess, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config';
import { openLogger } from '../src/logger';

const MAIN = fileURLToPath(new URL('../src/main.ts', import.meta.url));

/** The real entry point in its own process; stdout collected as it comes. */
function startMain(env: Record<string, string>) {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', MAIN], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout?.on('data', (d: Buffer) => {
    out += d.toString();
  });
  child.stderr?.on('data', (d: Buffer) => {
    err += d.toString();
  });
  const waitFor = async (pattern: RegExp, ms = 20_000): Promise<RegExpMatchArray> => {
    const deadline = Date.now() + ms;
    for (;;) {
      const m = pattern.exec(out);
      if (m) return m;
      if (Date.now() > deadline || child.exitCode !== null) {
        throw new Error(`no ${pattern} in stdout:\n${out}\nstderr:\n${err}`);
      }
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  const stop = async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  };
  return { child, waitFor, stop, output: () => out, errors: () => err };
}

describe('LOG_FORMAT', () => {
  it('pretty: human-readable lines for a terminal (time, level, message, fields below)', async () => {
    const server = startMain({ LOG_FORMAT: 'pretty' });
    try {
      await server.waitFor(/INFO: Aisle is listening/);
      const [, url] = await server.waitFor(/url: "(http:\/\/127\.0\.0\.1:\d+)"/);
      const res = await fetch(`${url}/health`, { headers: { 'x-request-id': 'pretty-1' } });
      expect(res.status).toBe(200);
      await server.waitFor(/INFO: request\n(?: {4}.*\n)*? {4}reqId: "pretty-1"/);
      const text = server.output();
      expect(text).toMatch(/^\[\d\d:\d\d:\d\d\.\d{3}\] INFO: Aisle is listening$/m);
      expect(text).toMatch(/^ {4}route: "\/health"$/m);
      expect(text).toMatch(/^ {4}status: 200$/m);
      // No JSON lines.
      expect(text).not.toContain('{"level"');
    } finally {
      await server.stop();
    }
  });

  it('json (the default): one JSON object per line on stdout, nothing on stderr', async () => {
    const server = startMain({});
    try {
      const [line] = await server.waitFor(/^\{.*"Aisle is listening".*\}$/m);
      const listening = JSON.parse(line);
      expect(listening).toMatchObject({ level: 'info', msg: 'Aisle is listening' });
      expect(typeof listening.time).toBe('string');
      await fetch(`${listening.url}/health/live`, { headers: { 'x-request-id': 'json-1' } });
      await server.waitFor(/"reqId":"json-1"/);
    } finally {
      await server.stop();
    }
    const lines = server.output().trim().split('\n');
    for (const l of lines) expect(() => JSON.parse(l)).not.toThrow();
    expect(lines.map((l) => JSON.parse(l).msg)).toContain('shutting down');
    expect(server.errors()).toBe('');
  });

  it('rejects an unknown LOG_FORMAT with a clear message', () => {
    expect(() => loadConfig({ LOG_FORMAT: 'xml' })).toThrow(/LOG_FORMAT.*must be json or pretty/);
    expect(loadConfig({}).LOG_FORMAT).toBe('json');
  });

  it('loads pino-pretty only for the pretty format', async () => {
    const require = createRequire(import.meta.url);
    const prettyLoaded = () => Object.keys(require.cache).some((k) => k.includes('pino-pretty'));
    await openLogger('info', 'json');
    expect(prettyLoaded()).toBe(false);
    await openLogger('info', 'pretty');
    expect(prettyLoaded()).toBe(true);
  });
});
