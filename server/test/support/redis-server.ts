import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';

/**
 * A real redis-server owned by one test file: started on a free port, killable and
 * restartable (for outage tests), removed at the end. Falls back to REDIS_URL when no
 * binary exists; with neither, the run fails with a clear message under CI.
 */
export interface RedisHandle {
  url: string;
  port: number;
  /** False when running against an external REDIS_URL (cannot stop it). */
  owned: boolean;
  stop(): Promise<void>;
  start(): Promise<void>;
  /**
   * SIGSTOP: the server keeps its sockets open but answers nothing, the outage a command
   * timeout exists for (a killed server refuses at once instead). `resume` is SIGCONT.
   */
  pause(): void;
  resume(): void;
  [Symbol.asyncDispose](): Promise<void>;
}

export function hasRedisBinary(): boolean {
  return spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status === 0;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

async function waitForPing(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const probe = new Redis(url, {
      lazyConnect: true,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
    });
    probe.on('error', () => {}); // refused while the server starts: expected
    try {
      await probe.connect();
      await probe.ping();
      return;
    } catch {
      await sleep(25);
    } finally {
      probe.disconnect();
    }
  }
  throw new Error(`redis-server at ${url} did not answer PING within ${timeoutMs} ms`);
}

export async function startRedis(): Promise<RedisHandle> {
  if (!hasRedisBinary()) {
    const external = process.env.REDIS_URL;
    if (external) {
      return {
        url: external,
        port: Number(new URL(external).port || 6379),
        owned: false,
        stop: async () => {
          throw new Error('Cannot stop an external REDIS_URL; install redis-server for this test');
        },
        start: async () => {},
        pause: () => {
          throw new Error('Cannot pause an external REDIS_URL; install redis-server for this test');
        },
        resume: () => {},
        [Symbol.asyncDispose]: async () => {},
      };
    }
    throw new Error(
      'No redis-server binary on PATH and no REDIS_URL: install Redis (apt-get install redis-server) to run the tests',
    );
  }
  const port = await freePort();
  const url = `redis://127.0.0.1:${port}`;
  let child: ChildProcess | undefined;
  const handle: RedisHandle = {
    url,
    port,
    owned: true,
    async start() {
      child = spawn(
        'redis-server',
        ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
        { stdio: 'ignore' },
      );
      await waitForPing(url, 10_000);
    },
    async stop() {
      const c = child;
      child = undefined;
      if (!c || c.exitCode !== null) return;
      const exited = new Promise((r) => c.once('exit', r));
      c.kill('SIGKILL');
      await exited;
    },
    pause() {
      if (child?.pid) process.kill(child.pid, 'SIGSTOP');
    },
    resume() {
      if (child?.pid && child.exitCode === null) process.kill(child.pid, 'SIGCONT');
    },
    async [Symbol.asyncDispose]() {
      await handle.stop();
    },
  };
  await handle.start();
  return handle;
}
