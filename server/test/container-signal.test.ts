/**
 * The container path end to end, without a Docker engine: the Dockerfile's build stage runs
 * (`pnpm build` in a copy of the context), its runtime stage is assembled from its COPY lines
 * alone, and its CMD starts as a direct child, so `child.pid` is the server, as PID 1 is in
 * the container. Then what `docker stop` does: SIGTERM to that PID while requests are in
 * flight.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { Agent, createServer as createHttpServer, request } from 'node:http';
import { connect, createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assembleImage, type RuntimeImage } from './support/image';
import { freePort } from './support/redis-server';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const QUESTION = JSON.stringify({ q: 'What smartphones do you have under $800?' });

interface Server {
  child: ChildProcess;
  port: number;
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;
}

/** The image's CMD in its WORKDIR with its ENV (plus `extra`), nothing from this checkout. */
async function spawnContainer(image: RuntimeImage, extra: Record<string, string>): Promise<Server> {
  const [command, ...args] = image.cmd;
  expect(command).toBe('node');
  const port = await freePort();
  const child = spawn(process.execPath, args, {
    cwd: image.workdir,
    env: { PATH: process.env.PATH ?? '', ...image.env, PORT: String(port), ...extra },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => {
    output += d.toString();
  });
  child.stderr?.on('data', (d: Buffer) => {
    output += d.toString();
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>(
    (resolve) => child.once('exit', (code, signal) => resolve({ code, signal, at: Date.now() })),
  );
  return { child, port, output: () => output, exited };
}

async function startContainer(image: RuntimeImage, extra: Record<string, string>): Promise<Server> {
  const server = await spawnContainer(image, extra);
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (server.child.exitCode !== null) throw new Error(`exited at start-up: ${server.output()}`);
    const ready = await fetch(`http://127.0.0.1:${server.port}/health/ready`).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ready) return server;
    if (Date.now() > deadline) throw new Error(`server not ready in 60 s: ${server.output()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** A POST whose body is only half sent: in flight on the server until `finish()`. */
function heldPost(port: number, path: string, body: string) {
  const req = request({
    host: '127.0.0.1',
    port,
    path,
    method: 'POST',
    agent: false,
    headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
  });
  const half = Math.floor(body.length / 2);
  req.write(body.slice(0, half));
  let settled = false;
  const response = new Promise<{ status: number; type: string; body: string }>(
    (resolve, reject) => {
      req.once('error', reject);
      req.once('response', (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.once('error', reject);
        res.once('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            type: String(res.headers['content-type']),
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
      });
    },
  ).finally(() => {
    settled = true;
  });
  return {
    response,
    settled: () => settled,
    finish: () => req.end(body.slice(half)),
  };
}

/** Whether a new TCP connection is accepted or refused. */
function tryConnect(port: number): Promise<'accepted' | 'refused'> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve('accepted');
    });
    socket.once('error', (err: NodeJS.ErrnoException) =>
      err.code === 'ECONNREFUSED' ? resolve('refused') : reject(err),
    );
  });
}

async function untilRefused(port: number, withinMs: number): Promise<number> {
  const start = Date.now();
  while ((await tryConnect(port)) === 'accepted') {
    if (Date.now() - start > withinMs) throw new Error(`still accepting after ${withinMs} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
  return Date.now() - start;
}

/** The HEALTHCHECK's command as Docker runs it: in the container, with its environment. */
function healthcheck(image: RuntimeImage, port: number): number | null {
  const [command, ...args] = image.healthcheck;
  expect(command).toBe('node');
  return spawnSync(process.execPath, args, {
    cwd: image.workdir,
    env: { PATH: process.env.PATH ?? '', ...image.env, PORT: String(port) },
    timeout: 10_000,
  }).status;
}

const SLOW = 120_000; // each test starts a server; on a loaded machine that takes seconds

describe('the Docker image, followed without Docker', () => {
  let image: RuntimeImage;
  beforeAll(() => {
    image = assembleImage(REPO);
  }, 240_000);
  afterAll(() => image?.remove());

  it('has a build stage and a slim, non-root runtime stage holding only the bundle', () => {
    expect(image.stages.map((s) => s.name)).toEqual(['build', 'runtime']);
    expect(image.stages.at(-1)?.from).toBe('node:24-bookworm-slim');
    expect(image.user).toBe('node');
    expect(image.stopSignal).toBe('SIGTERM');
    expect(image.cmd).toEqual(['node', 'dist/main.js']);
    // No dependencies anywhere the runtime's node could resolve them from.
    expect(readdirSync(image.workdir)).toEqual(['dist']);
    for (let dir = image.workdir; dir !== dirname(dir); dir = dirname(dir)) {
      expect(existsSync(join(dir, 'node_modules')), `${dir}/node_modules`).toBe(false);
    }
    // The build context leaves out what the build stage makes itself.
    const ignore = readFileSync(join(REPO, '.dockerignore'), 'utf8');
    for (const entry of ['**/node_modules', 'dist', '.git', 'test-artifacts']) {
      expect(ignore.split('\n')).toContain(entry);
    }
    // docker compose builds a stage that exists.
    const compose = readFileSync(join(REPO, 'docker-compose.yml'), 'utf8');
    expect(compose).toMatch(/target: runtime\n/);
  });

  it(
    'serves the demo catalog, dashboard included, and its HEALTHCHECK follows $PORT',
    async () => {
      const server = await startContainer(image, { SHUTDOWN_TIMEOUT_MS: '5000' });
      try {
        expect(server.port).not.toBe(3000);
        const answer = await fetch(`http://127.0.0.1:${server.port}/api/v1/shopping/query`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: QUESTION,
        });
        expect(answer.status).toBe(200);
        expect(
          ((await answer.json()) as { data: { products: unknown[] } }).data.products.length,
        ).toBe(5);
        const dashboard = await fetch(`http://127.0.0.1:${server.port}/dashboard/`);
        expect(dashboard.status).toBe(200);
        expect(await dashboard.text()).toContain('<script');

        expect(healthcheck(image, server.port)).toBe(0);
        // Where nothing listens, it fails: it did probe the configured port.
        expect(healthcheck(image, await freePort())).toBe(1);
      } finally {
        server.child.kill('SIGKILL');
        await server.exited;
      }
    },
    SLOW,
  );

  it(
    'writes JSON access lines by default and readable lines with LOG_FORMAT=pretty, from the bundle alone',
    async () => {
      for (const format of ['json', 'pretty'] as const) {
        const server = await startContainer(image, { LOG_FORMAT: format });
        try {
          await fetch(`http://127.0.0.1:${server.port}/api/v1/shopping/session`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'x-request-id': `req-${format}` },
            body: '{}',
          });
          // The access line is written when the response ends: wait for it.
          for (let i = 0; i < 100 && !server.output().includes(`req-${format}`); i++) {
            await new Promise((r) => setTimeout(r, 20));
          }
          const lines = server.output().trim().split('\n');
          if (format === 'json') {
            const access = lines.map((l) => JSON.parse(l)).find((l) => l.reqId === 'req-json');
            expect(access).toMatchObject({ msg: 'request', method: 'POST', status: 200 });
          } else {
            // pino-pretty comes from the bundle's own chunk: the runtime stage has no node_modules.
            expect(server.output()).toMatch(/INFO: request/);
            expect(server.output()).toContain('reqId: "req-pretty"');
            expect(() => JSON.parse(lines[0] ?? '')).toThrow();
          }
        } finally {
          server.child.kill('SIGKILL');
          await server.exited;
        }
      }
    },
    SLOW,
  );

  it(
    'posts traces from the bundle when OTEL_EXPORTER_OTLP_ENDPOINT is set (SDK in its own chunks)',
    async () => {
      const bodies: string[] = [];
      const collector = createHttpServer((req, res) => {
        let body = '';
        req.on('data', (d: Buffer) => {
          body += d.toString();
        });
        req.on('end', () => {
          if (req.url === '/v1/traces') bodies.push(body);
          res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
        });
      });
      await new Promise<void>((r) => collector.listen(0, '127.0.0.1', r));
      const { port } = collector.address() as { port: number };
      const server = await startContainer(image, {
        OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${port}`,
      });
      try {
        const answer = await fetch(`http://127.0.0.1:${server.port}/api/v1/shopping/query`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: QUESTION,
        });
        expect(answer.status).toBe(200);
        // SIGTERM flushes the batched spans before the process exits.
        server.child.kill('SIGTERM');
        expect((await server.exited).code).toBe(0);
        const all = bodies.join('\n');
        expect(all).toContain('"aisle"');
        expect(all).toContain('"POST /api/v1/shopping/query"');
        expect(all).toContain('"trpc shopping.query"');
      } finally {
        server.child.kill('SIGKILL');
        await new Promise((r) => collector.close(r));
      }
    },
    SLOW,
  );

  it(
    'on SIGTERM refuses new connections, lets in-flight requests finish, exits 0',
    async () => {
      const timeoutMs = 8000;
      const server = await startContainer(image, { SHUTDOWN_TIMEOUT_MS: String(timeoutMs) });
      // An idle keep-alive connection must not hold the shutdown up.
      const keepAlive = new Agent({ keepAlive: true });
      await new Promise<void>((resolve, reject) =>
        request({ host: '127.0.0.1', port: server.port, path: '/health/live', agent: keepAlive })
          .once('response', (res) => res.resume().once('end', resolve))
          .once('error', reject)
          .end(),
      );
      const answer = heldPost(server.port, '/api/v1/shopping/query', QUESTION);
      const stream = heldPost(server.port, '/api/v1/shopping/query/stream', QUESTION);
      await new Promise((r) => setTimeout(r, 300)); // the server has both requests' headers

      const signalledAt = Date.now();
      expect(server.child.kill('SIGTERM')).toBe(true);
      await untilRefused(server.port, 3000);
      expect(answer.settled() || stream.settled()).toBe(false);

      answer.finish();
      stream.finish();
      const [a, s] = await Promise.all([answer.response, stream.response]);
      expect(a.status).toBe(200);
      const body = JSON.parse(a.body) as { success: boolean; data: { answer: string } };
      expect(body.success).toBe(true);
      expect(body.data.answer).toMatch(/smartphones/i);
      expect(s.status).toBe(200);
      expect(s.type).toContain('text/event-stream');
      expect(s.body).toMatch(/^id: [\w-]+~1\nevent: meta\n/);
      expect(s.body).toMatch(/event: done\ndata: \{.*"answer":.*\}\n\n$/);

      const exit = await server.exited;
      keepAlive.destroy();
      expect(exit).toMatchObject({ code: 0, signal: null });
      expect(exit.at - signalledAt).toBeLessThan(timeoutMs);
      expect(server.output()).toContain('"shutting down"');
    },
    SLOW,
  );

  it(
    'cuts a request still open at SHUTDOWN_TIMEOUT_MS and still exits 0',
    async () => {
      const timeoutMs = 1500;
      const server = await startContainer(image, { SHUTDOWN_TIMEOUT_MS: String(timeoutMs) });
      const stuck = heldPost(server.port, '/api/v1/shopping/query', QUESTION);
      const cut = stuck.response.then(
        () => 'answered',
        () => 'cut',
      );
      await new Promise((r) => setTimeout(r, 300));
      const signalledAt = Date.now();
      server.child.kill('SIGTERM');
      const exit = await server.exited;
      expect(exit).toMatchObject({ code: 0, signal: null });
      // It waited for the drain's deadline, and not much past it.
      expect(exit.at - signalledAt).toBeGreaterThanOrEqual(timeoutMs - 100);
      expect(exit.at - signalledAt).toBeLessThan(timeoutMs + 3000);
      expect(await cut).toBe('cut');
    },
    SLOW,
  );

  it(
    'exits at once on a second signal, without waiting for the drain',
    async () => {
      const server = await startContainer(image, { SHUTDOWN_TIMEOUT_MS: '30000' });
      const stuck = heldPost(server.port, '/api/v1/shopping/query', QUESTION);
      stuck.response.catch(() => {});
      await new Promise((r) => setTimeout(r, 300));
      server.child.kill('SIGTERM');
      await untilRefused(server.port, 3000);
      // Past the window in which a repeat is taken for the same signal delivered twice.
      await new Promise((r) => setTimeout(r, 700));
      const secondAt = Date.now();
      server.child.kill('SIGTERM');
      const exit = await server.exited;
      expect(exit.code).toBe(128 + 15);
      expect(exit.at - secondAt).toBeLessThan(2000);
      expect(server.output()).toContain('second signal');
    },
    SLOW,
  );

  it(
    'exits at once on a signal during start-up (here: waiting for Redis)',
    async () => {
      // A Redis that accepts and never answers: start-up waits for it (up to 5 s).
      const silent = createServer(() => {});
      const connected = new Promise<void>((resolve) => {
        silent.once('connection', () => resolve());
      });
      await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
      const { port } = silent.address() as { port: number };
      try {
        const server = await spawnContainer(image, { REDIS_URL: `redis://127.0.0.1:${port}` });
        await connected; // the process is inside createApp, its handlers installed
        const signalledAt = Date.now();
        server.child.kill('SIGTERM');
        const exit = await server.exited;
        expect(exit.code).toBe(128 + 15);
        expect(exit.at - signalledAt).toBeLessThan(2000);
        expect(server.output()).toContain('signal during start-up');
      } finally {
        silent.close();
      }
    },
    SLOW,
  );
});
