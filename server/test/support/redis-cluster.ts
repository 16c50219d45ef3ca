import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Redis } from 'ioredis';
import { freePort } from './redis-server';

const run = promisify(execFile);

export interface RedisClusterHandle {
  /** Comma-separated seed nodes, as REDIS_URL takes them with REDIS_CLUSTER=true. */
  url: string;
  ports: number[];
  stop(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}

/**
 * A real Redis Cluster of `masters` nodes on free ports (data and bus ports both chosen free:
 * the default bus port, port + 10000, may be taken), created with `redis-cli --cluster create`
 * and ready (every slot served) before it resolves. No persistence; its files live in a
 * temporary directory removed on stop.
 */
export async function startRedisCluster(masters = 3): Promise<RedisClusterHandle> {
  const dir = mkdtempSync(join(tmpdir(), 'aisle-cluster-'));
  const children: ChildProcess[] = [];
  const ports: number[] = [];
  const stop = async () => {
    await Promise.all(
      children.splice(0).map((c) => {
        if (c.exitCode !== null) return undefined;
        const exited = new Promise((r) => c.once('exit', r));
        c.kill('SIGKILL');
        return exited;
      }),
    );
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    for (let i = 0; i < masters; i++) {
      const port = await freePort();
      const bus = await freePort();
      ports.push(port);
      children.push(
        spawn(
          'redis-server',
          [
            '--port',
            String(port),
            '--cluster-port',
            String(bus),
            '--bind',
            '127.0.0.1',
            '--cluster-enabled',
            'yes',
            '--cluster-config-file',
            join(dir, `nodes-${port}.conf`),
            '--cluster-node-timeout',
            '2000',
            '--dir',
            dir,
            '--save',
            '',
            '--appendonly',
            'no',
          ],
          { stdio: 'ignore' },
        ),
      );
    }
    await Promise.all(ports.map((port) => waitFor(port, async (r) => (await r.ping()) === 'PONG')));
    await run('redis-cli', [
      '--cluster',
      'create',
      ...ports.map((p) => `127.0.0.1:${p}`),
      '--cluster-replicas',
      '0',
      '--cluster-yes',
    ]);
    await Promise.all(
      ports.map((port) =>
        waitFor(port, async (r) => String(await r.cluster('INFO')).includes('cluster_state:ok')),
      ),
    );
  } catch (err) {
    await stop();
    throw err;
  }
  const handle: RedisClusterHandle = {
    url: ports.map((p) => `redis://127.0.0.1:${p}`).join(','),
    ports,
    stop,
    [Symbol.asyncDispose]: stop,
  };
  return handle;
}

async function waitFor(port: number, ok: (r: Redis) => Promise<boolean>, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const r = new Redis({ port, host: '127.0.0.1', lazyConnect: true, maxRetriesPerRequest: 0 });
    r.on('error', () => {});
    try {
      await r.connect();
      if (await ok(r)) return;
    } catch {
      // not up yet
    } finally {
      r.disconnect();
    }
    if (Date.now() > deadline) throw new Error(`redis cluster node ${port} not ready`);
    await new Promise((res) => setTimeout(res, 100));
  }
}
