/**
 * Compares two V8 heap snapshots by what the objects are (constructor / closure name / type):
 * which kinds grew, by how many objects and bytes (self size). Used by `ws.ts --heap` to
 * say what one WebSocket connection costs the server.
 */
import { readFileSync } from 'node:fs';

interface SnapshotFile {
  snapshot: { meta: { node_fields: string[]; node_types: [string[], ...unknown[]] } };
  nodes: number[];
  strings: string[];
}

export type HeapCounts = Map<string, { count: number; bytes: number }>;

const STRING_TYPES = new Set(['string', 'concatenated string', 'sliced string']);

export function heapCounts(file: string): HeapCounts {
  const data = JSON.parse(readFileSync(file, 'utf8')) as SnapshotFile;
  const fields = data.snapshot.meta.node_fields;
  const types = data.snapshot.meta.node_types[0];
  const width = fields.length;
  const typeAt = fields.indexOf('type');
  const nameAt = fields.indexOf('name');
  const sizeAt = fields.indexOf('self_size');
  const counts: HeapCounts = new Map();
  for (let i = 0; i < data.nodes.length; i += width) {
    const type = types[data.nodes[i + typeAt] ?? 0] ?? '?';
    const name = data.strings[data.nodes[i + nameAt] ?? 0] ?? '';
    const key = STRING_TYPES.has(type) ? '(strings)' : `${type} ${name.slice(0, 60)}`;
    const entry = counts.get(key) ?? { count: 0, bytes: 0 };
    entry.count += 1;
    entry.bytes += data.nodes[i + sizeAt] ?? 0;
    counts.set(key, entry);
  }
  return counts;
}

/** The kinds that grew most between the snapshots, per `per` (e.g. per connection). */
export function printHeapDiff(before: HeapCounts, after: HeapCounts, per: number, top = 30): void {
  const rows = [...after].map(([key, a]) => {
    const b = before.get(key) ?? { count: 0, bytes: 0 };
    return { key, count: (a.count - b.count) / per, bytes: (a.bytes - b.bytes) / per };
  });
  rows.sort((x, y) => y.bytes - x.bytes);
  const total = rows.reduce((s, r) => s + r.bytes, 0);
  console.log(`\nheap growth per connection (self sizes): ${total.toFixed(0)} bytes in all`);
  for (const r of rows.slice(0, top)) {
    console.log(
      `  ${r.bytes.toFixed(0).padStart(7)} B  ${r.count.toFixed(2).padStart(6)} x  ${r.key}`,
    );
  }
}
