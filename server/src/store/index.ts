import { MemoryStore } from './memory/memory-store';
import type { Store, StoreLimits } from './types';

export type { Store, StoreLimits } from './types';

export interface StoreOptions {
  /** Unset: the embedded in-memory store. */
  redisUrl?: string | undefined;
  redisCluster?: boolean;
  redisPrefix?: string;
  commandTimeoutMs?: number;
  limits: StoreLimits;
  /** Logs a warning instead of failing when Redis is not up yet at start-up. */
  onConnectError?: (err: unknown) => void;
  /** Connection errors while running (outages); throttle before logging. */
  onError?: (err: Error) => void;
  /** Connection lost / back (outage logging). */
  onStatus?: (status: 'ready' | 'reconnecting') => void;
  /** Calls time out with the connection up (true), or are answered again (false). */
  onStall?: (stalled: boolean) => void;
  /** A pipelined global write (Redis Cluster) failed after its session write succeeded. */
  onGlobalWriteFailed?: (err: unknown) => void;
}

export async function createStore(opts: StoreOptions): Promise<Store> {
  if (!opts.redisUrl) return new MemoryStore(opts.limits);
  // Loaded only for Redis: ioredis is the largest module of a start-up that does not use it.
  const { connectRedis, waitUntilReady } = await import('./redis/connection');
  const { RedisStore } = await import('./redis/redis-store');
  const client = connectRedis({
    url: opts.redisUrl,
    cluster: opts.redisCluster ?? false,
    commandTimeoutMs: opts.commandTimeoutMs ?? 1000,
    ...(opts.onError ? { onError: opts.onError } : {}),
    ...(opts.onStatus ? { onStatus: opts.onStatus } : {}),
  });
  // Start-up waits briefly; a Redis that comes up later is picked up by the reconnect loop.
  await waitUntilReady(client, 5000).catch((err) => opts.onConnectError?.(err));
  return new RedisStore(client, opts.limits, opts.redisPrefix, opts.onStall, {
    ...(opts.onGlobalWriteFailed ? { onGlobalWriteFailed: opts.onGlobalWriteFailed } : {}),
  });
}
