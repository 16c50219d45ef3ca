import { describe, expect, it } from 'vitest';
import { historyPagingContract } from '../history-paging.contract';
import { sessionCallsContract, turnCallsContract } from '../session-calls.contract';
import { defaultLimits, type StoreFactory, storeContract } from '../store.contract';
import { MemoryStore } from './memory-store';

const memoryStores: StoreFactory = async (limits, connections = 1) => {
  // One process, one store: "connections" all share it, as instances share one Redis.
  const store = new MemoryStore(limits);
  return { stores: Array.from({ length: connections }, () => store), close: () => store.close() };
};
storeContract('memory', memoryStores);
sessionCallsContract('memory', memoryStores);
turnCallsContract('memory', memoryStores);
historyPagingContract('memory', memoryStores);

describe('MemoryStore bounds', () => {
  it('evicts the least recently active session past maxSessions', async () => {
    const store = new MemoryStore({ ...defaultLimits, maxSessions: 3, touchIntervalMs: 0 });
    for (const id of ['s-000001', 's-000002', 's-000003']) await store.createSession(id, 'h', 1);
    await store.authenticate('s-000001', 2, 'h'); // s-000001 is now the most recent
    await store.createSession('s-000004', 'h', 3);
    expect(store.size).toBe(3);
    expect(await store.authenticate('s-000002', 4, 'h')).toBeNull();
    expect(await store.authenticate('s-000001', 4, 'h')).not.toBeNull();
    await store.close();
  });
});
