import type { KnowledgeDoc } from '@aisle/shared';
import { describe, expect, it } from 'vitest';
import { loadDemoDocuments } from '../knowledge/demo';
import { MemoryStore } from '../store/memory/memory-store';
import { defaultLimits } from '../store/store.contract';
import { KnowledgeService } from './knowledge';

const doc = (id: string, text: string): KnowledgeDoc => ({ id, title: id, text });
const NOW = Date.parse('2026-01-02T03:04:05Z');

async function started(store: MemoryStore, seed: KnowledgeDoc[]) {
  const service = new KnowledgeService(store, seed, () => NOW);
  await service.init();
  return service;
}

describe('KnowledgeService seeding', () => {
  it('seeds the demo policies into an empty knowledge base only', async () => {
    const store = new MemoryStore(defaultLimits);
    await started(store, loadDemoDocuments());
    expect((await store.listDocuments()).length).toBe(loadDemoDocuments().length);
    const own = new MemoryStore(defaultLimits);
    await own.putDocuments([doc('mine', 'Mine.')]);
    await started(own, loadDemoDocuments());
    expect((await own.listDocuments()).map((d) => d.id)).toEqual(['mine']);
  });

  it('removes demo policies left in the store when the store has its own catalog', async () => {
    const store = new MemoryStore(defaultLimits);
    await started(store, loadDemoDocuments());
    await store.putDocuments([doc('mine', 'Mine.')]);
    const service = await started(store, []);
    expect((await store.listDocuments()).map((d) => d.id)).toEqual(['mine']);
    expect(await service.search('What is your return policy?')).toEqual([]);
  });

  it("writes a store's own documents when new or changed, stamping when", async () => {
    const store = new MemoryStore(defaultLimits);
    await started(store, [doc('returns', '14 days.')]);
    const v1 = await store.documentsVersion();
    await started(store, [doc('returns', '14 days.')]);
    expect(await store.documentsVersion()).toBe(v1);
    await started(store, [doc('returns', '30 days.')]);
    expect(await store.documentsVersion()).toBeGreaterThan(v1);
    expect(await store.listDocuments()).toEqual([
      { ...doc('returns', '30 days.'), updated_at: '2026-01-02T03:04:05.000Z' },
    ]);
  });
});

describe('KnowledgeService admin', () => {
  it('lists summaries and deletes, re-indexing at once', async () => {
    const store = new MemoryStore(defaultLimits);
    const service = await started(store, []);
    await service.add({
      documents: [
        { id: 'gift-wrap', title: 'Gift wrapping', text: 'We gift wrap any order for £2.' },
        { id: 'hours', text: 'Open 9 to 5.', metadata: { topic: 'hours' } },
      ],
    });
    expect(await service.list()).toEqual({
      count: 2,
      documents: [
        {
          id: 'gift-wrap',
          title: 'Gift wrapping',
          chars: 30,
          updated_at: '2026-01-02T03:04:05.000Z',
        },
        {
          id: 'hours',
          title: 'Hours',
          chars: 12,
          updated_at: '2026-01-02T03:04:05.000Z',
          metadata: { topic: 'hours' },
        },
      ],
    });
    expect((await service.search('Do you gift wrap?')).map((d) => d.id)).toEqual(['gift-wrap']);
    const before = await service.freshVersion();
    expect(await service.delete({ ids: ['gift-wrap', 'gift-wrap', 'nope'] })).toEqual({
      count: 1,
      deleted_ids: ['gift-wrap'],
      not_found: ['nope'],
    });
    expect(service.currentVersion).toBeGreaterThan(before);
    expect(await service.search('Do you gift wrap?')).toEqual([]);
    expect((await service.list()).count).toBe(1);
  });
});
