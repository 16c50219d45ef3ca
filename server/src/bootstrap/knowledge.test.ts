import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isDemoDocument, loadDemoDocuments } from '../knowledge/demo';
import { loadSeedDocuments } from './knowledge';

const dir = mkdtempSync(join(tmpdir(), 'aisle-seed-'));
const file = (name: string, content: string) => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};

describe('loadSeedDocuments', () => {
  it('seeds the demo policies for the demo catalog only', () => {
    const demo = loadSeedDocuments({});
    expect(demo.length).toBe(loadDemoDocuments().length);
    expect(demo.every(isDemoDocument)).toBe(true);
    expect(loadSeedDocuments({ CATALOG_FILE: '/data/shop.csv' })).toEqual([]);
  });

  it("seeds a store's own documents file, in either shape, beyond the per-call limit", () => {
    const many = Array.from({ length: 150 }, (_, i) => ({ id: `d${i}`, text: `Doc ${i}.` }));
    const docs = loadSeedDocuments({
      CATALOG_FILE: '/data/shop.csv',
      KNOWLEDGE_FILE: file('many.json', JSON.stringify({ documents: many })),
    });
    expect(docs).toHaveLength(150);
    expect(docs.some(isDemoDocument)).toBe(false);
    const bare = loadSeedDocuments({
      KNOWLEDGE_FILE: file('bare.json', '[{"id":"returns","content":"14 days."}]'),
    });
    expect(bare).toEqual([{ id: 'returns', title: 'Returns', text: '14 days.' }]);
  });

  it('fails the start-up naming the file and the field', () => {
    const bad = file('bad.json', '{"documents":[{"id":"a"}]}');
    expect(() => loadSeedDocuments({ KNOWLEDGE_FILE: bad })).toThrow(
      `KNOWLEDGE_FILE ${bad}: documents.0.text: text (or content) is required`,
    );
    const broken = file('broken.json', '{nope');
    expect(() => loadSeedDocuments({ KNOWLEDGE_FILE: broken })).toThrow(
      new RegExp(`^KNOWLEDGE_FILE ${broken}: .*JSON`),
    );
    expect(() => loadSeedDocuments({ KNOWLEDGE_FILE: join(dir, 'missing.json') })).toThrow(
      /ENOENT/,
    );
  });
});
