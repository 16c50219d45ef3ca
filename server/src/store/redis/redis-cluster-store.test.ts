import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type RedisClusterHandle, startRedisCluster } from '../../../test/support/redis-cluster';
import { historyPagingContract } from '../history-paging.contract';
import { sessionCallsContract, turnCallsContract } from '../session-calls.contract';
import { type StoreFactory, storeContract } from '../store.contract';
import { connectRedis, waitUntilReady } from './connection';
import { RedisStore } from './redis-store';

/**
 * The store contracts on a real Redis Cluster (3 masters): every script keeps to the
 * session's slot (a key of another slot would fail with CROSSSLOT), and the global side of
 * each request goes out as one pipelined batch to the slots that hold it.
 */
let cluster: RedisClusterHandle;
beforeAll(async () => {
  cluster = await startRedisCluster(3);
}, 60_000);
afterAll(async () => {
  await cluster?.stop();
});

const clusterStores: StoreFactory = async (limits, connections = 1) => {
  const prefix = `c-${randomUUID().slice(0, 8)}`;
  const stores = await Promise.all(
    Array.from({ length: connections }, async () => {
      const client = connectRedis({ url: cluster.url, cluster: true, commandTimeoutMs: 1000 });
      await waitUntilReady(client, 10_000);
      return new RedisStore(client, limits, prefix);
    }),
  );
  return { stores, close: async () => void (await Promise.all(stores.map((s) => s.close()))) };
};

storeContract('redis cluster', clusterStores);
historyPagingContract('redis cluster', clusterStores);
sessionCallsContract('redis cluster', clusterStores);
turnCallsContract('redis cluster', clusterStores);

it('refuses to write the global side inside the scripts on a cluster', async () => {
  const client = connectRedis({ url: cluster.url, cluster: true, commandTimeoutMs: 1000 });
  try {
    expect(
      () =>
        new RedisStore(
          client,
          {
            sessionTtlMs: 1000,
            conversationTtlMs: 1000,
            touchIntervalMs: 0,
            maxHistory: 10,
            maxTopics: 10,
            maxSessionCache: 10,
            maxSessions: 10,
          },
          'x',
          undefined,
          { globalWrites: 'inline' },
        ),
    ).toThrow(/single Redis node/);
  } finally {
    client.disconnect();
  }
});
