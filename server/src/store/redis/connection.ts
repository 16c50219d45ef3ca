import { Cluster, Redis, type RedisOptions } from 'ioredis';

export type RedisClient = Redis | Cluster;

export interface RedisConnectionOptions {
  url: string;
  /** Comma-separated seed nodes switch to Redis Cluster. */
  cluster?: boolean;
  commandTimeoutMs: number;
  /** Connection errors are expected during outages; they are reported here, not thrown. */
  onError?: (err: Error) => void;
  /** 'reconnecting' after a connection is lost or refused, 'ready' once it serves (again). */
  onStatus?: (status: 'ready' | 'reconnecting') => void;
}

/**
 * Fails fast while Redis is down (no offline queue, bounded command time) and reconnects by
 * itself, so requests get STORE_UNAVAILABLE within a bounded time and succeed again once
 * Redis is back, without a restart.
 *
 * Auto-pipelining (one write per batch, not per command: ~100 us less CPU per REST request):
 * ioredis starts a command's timer only when its pipeline is sent, so the store holds each
 * call to the bound from when it was made (deadline.ts).
 * Never a resend: a command whose connection dropped may already have run (a script sent,
 * the reply lost), so it fails (the caller gets STORE_UNAVAILABLE) instead of being sent
 * again on the new connection, where a cart add would be applied twice.
 */
export function connectRedis(opts: RedisConnectionOptions): RedisClient {
  const common: RedisOptions = {
    commandTimeout: opts.commandTimeoutMs,
    enableOfflineQueue: false,
    enableAutoPipelining: true,
    maxRetriesPerRequest: 0,
    autoResendUnfulfilledCommands: false,
    retryStrategy: (times) => Math.min(50 * 2 ** times, 1000),
    lazyConnect: true,
  };
  if (opts.cluster) {
    const nodes = opts.url.split(',').map((u) => {
      const parsed = new URL(u.includes('://') ? u : `redis://${u}`);
      return { host: parsed.hostname, port: Number(parsed.port || 6379) };
    });
    const cluster = new Cluster(nodes, {
      // Not on a cluster: ioredis 6's per-node auto-pipelines intermittently fail a whole batch
      // with "All keys in the pipeline should belong to the same slots allocation group" when
      // scripts and plain commands for several slots share a tick (seen in the store contract
      // on a real cluster; ioredis issues #1264, #2109). Commands sent in one tick without
      // awaiting still go out back to back on each node's connection.
      redisOptions: { ...common, enableAutoPipelining: false },
      enableOfflineQueue: false,
      enableAutoPipelining: false,
      lazyConnect: true,
      clusterRetryStrategy: (times) => Math.min(50 * 2 ** times, 1000),
    });
    cluster.on('error', opts.onError ?? (() => {}));
    watchStatus(cluster, opts.onStatus);
    return cluster;
  }
  const client = new Redis(opts.url, common);
  client.on('error', opts.onError ?? (() => {}));
  watchStatus(client, opts.onStatus);
  return client;
}

/** 'reconnecting' comes only when a retry follows (never on quit), so shutdown is no outage. */
function watchStatus(client: RedisClient, onStatus: RedisConnectionOptions['onStatus']): void {
  if (!onStatus) return;
  client.on('ready', () => onStatus('ready'));
  client.on('reconnecting', () => onStatus('reconnecting'));
}

/** Waits for the first connection, up to `timeoutMs`; later drops reconnect in the background. */
export async function waitUntilReady(client: RedisClient, timeoutMs: number): Promise<void> {
  if (client.status === 'ready') return;
  const ready = new Promise<void>((resolve, reject) => {
    client.once('ready', () => resolve());
    if (client.status === 'wait') client.connect().catch(reject);
  });
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`Redis did not become ready in ${timeoutMs} ms`)),
      timeoutMs,
    );
  });
  try {
    await Promise.race([ready, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** A second connection for XREAD BLOCK: its command timeout must outlast the block. */
export function duplicateForBlocking(client: RedisClient, blockMs: number): RedisClient {
  const commandTimeout = blockMs + 2000;
  const copy =
    client instanceof Cluster
      ? client.duplicate(undefined, {
          redisOptions: { ...client.options.redisOptions, commandTimeout },
        })
      : client.duplicate({ commandTimeout });
  copy.on('error', () => {});
  return copy;
}
