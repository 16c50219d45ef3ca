/**
 * Compares two V8 heap snapshots of one process, to say what one WebSocket connection costs
 * the server (`ws.ts --heap`):
 *
 * - by kind: which kinds of object (constructor / closure name / type) grew, by how many
 *   objects and bytes (self size);
 * - by owner: the objects new in the second snapshot (node ids are stable within a process),
 *   each under the object and edge that holds it (`closure <- PushSubscription.ended`), and a
 *   string under the first non-string that holds it (concatenated strings are trees).
 *   A kind tells what grew; an owner tells whose field to trim.
 */
import { readFileSync } from 'node:fs';

interface SnapshotFile {
  snapshot: {
    meta: {
      node_fields: string[];
      node_types: [string[], ...unknown[]];
      edge_fields: string[];
      edge_types: [string[], ...unknown[]];
    };
  };
  nodes: number[];
  edges: number[];
  strings: string[];
}

export type HeapCounts = Map<string, { count: number; bytes: number }>;

const STRING_TYPES = new Set(['string', 'concatenated string', 'sliced string']);

function readSnapshot(file: string): SnapshotFile {
  return JSON.parse(readFileSync(file, 'utf8')) as SnapshotFile;
}

export function heapCounts(file: string): HeapCounts {
  const data = readSnapshot(file);
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
  printRows('heap growth per connection by kind (self sizes)', rows, top);
}

/**
 * The objects of `afterFile` absent from `beforeFile`, grouped by kind and owner, per `per`.
 * An object's owner is its first holder (weak edges aside), preferring a holder that is new
 * itself: a connection's objects are held by its other objects, rarely by old ones.
 */
export function printNewObjectOwners(
  beforeFile: string,
  afterFile: string,
  per: number,
  top = 40,
): void {
  const before = new Set<number>();
  {
    const b = readSnapshot(beforeFile);
    const fields = b.snapshot.meta.node_fields;
    const idAt = fields.indexOf('id');
    for (let i = 0; i < b.nodes.length; i += fields.length) before.add(b.nodes[i + idAt] ?? 0);
  }
  const a = readSnapshot(afterFile);
  const { meta } = a.snapshot;
  const fields = meta.node_fields;
  const width = fields.length;
  const edgeWidth = meta.edge_fields.length;
  const [typeAt, nameAt, idAt, sizeAt, edgesAt] = [
    'type',
    'name',
    'id',
    'self_size',
    'edge_count',
  ].map((f) => fields.indexOf(f)) as [number, number, number, number, number];
  const nodeTypes = meta.node_types[0];
  const edgeTypes = meta.edge_types[0];
  const count = a.nodes.length / width;
  const field = (n: number, at: number) => a.nodes[n * width + at] ?? 0;
  const isNew = (n: number) => !before.has(field(n, idAt));

  // First holder of each node (and the edge it holds it by).
  const holder = new Int32Array(count).fill(-1);
  const holdingEdge = new Int32Array(count).fill(-1);
  let e = 0;
  for (let n = 0; n < count; n++) {
    const fromNew = isNew(n);
    for (let k = field(n, edgesAt); k > 0; k--, e += edgeWidth) {
      const type = edgeTypes[a.edges[e] ?? 0];
      if (type === 'weak' || type === 'shortcut') continue;
      const to = (a.edges[e + 2] ?? 0) / width;
      const had = holder[to] ?? -1;
      if (had === -1 || (fromNew && !isNew(had))) {
        holder[to] = n;
        holdingEdge[to] = e;
      }
    }
  }

  const typeOf = (n: number) => nodeTypes[field(n, typeAt)] ?? '?';
  const kind = (n: number) =>
    STRING_TYPES.has(typeOf(n))
      ? '(string)'
      : `${typeOf(n)} ${(a.strings[field(n, nameAt)] ?? '').slice(0, 40)}`.trimEnd();
  const edgeName = (edge: number) => {
    const type = edgeTypes[a.edges[edge] ?? 0] ?? '?';
    const nameOrIndex = a.edges[edge + 1] ?? 0;
    return type === 'element' || type === 'hidden'
      ? `[${type}]`
      : `${type === 'property' ? '' : `${type}:`}${a.strings[nameOrIndex] ?? ''}`;
  };
  const owner = (n: number): string => {
    let held = n;
    if (STRING_TYPES.has(typeOf(n))) {
      while ((holder[held] ?? -1) >= 0 && STRING_TYPES.has(typeOf(holder[held] ?? 0))) {
        held = holder[held] ?? 0;
      }
    }
    const h = holder[held] ?? -1;
    return h < 0 ? '(no holder)' : `${kind(h)} .${edgeName(holdingEdge[held] ?? 0)}`;
  };

  const groups = new Map<string, { count: number; bytes: number }>();
  for (let n = 0; n < count; n++) {
    if (!isNew(n)) continue;
    const key = `${kind(n)}  <-  ${owner(n)}`;
    const g = groups.get(key) ?? { count: 0, bytes: 0 };
    g.count += 1;
    g.bytes += field(n, sizeAt);
    groups.set(key, g);
  }
  const rows = [...groups].map(([key, g]) => ({
    key,
    count: g.count / per,
    bytes: g.bytes / per,
  }));
  printRows('new objects per connection by kind <- owner (self sizes)', rows, top);
}

function printRows(
  title: string,
  rows: { key: string; count: number; bytes: number }[],
  top: number,
): void {
  rows.sort((x, y) => y.bytes - x.bytes);
  const total = rows.reduce((s, r) => s + r.bytes, 0);
  console.log(`\n${title}: ${total.toFixed(0)} bytes in all`);
  for (const r of rows.slice(0, top)) {
    console.log(
      `  ${r.bytes.toFixed(0).padStart(7)} B  ${r.count.toFixed(2).padStart(6)} x  ${r.key}`,
    );
  }
}
