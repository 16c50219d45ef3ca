/**
 * In-process CPU profiling for the benches (node:inspector): profile a piece of work, save the
 * .cpuprofile (open it in Chrome DevTools), and summarise where the samples landed by package /
 * source file (self time), by function (self time) and by function (inclusive time).
 */
import { writeFileSync } from 'node:fs';
import type { Profiler, Runtime } from 'node:inspector';
import { Session } from 'node:inspector/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export async function profile<T>(
  work: () => Promise<T>,
  intervalMicros = 200,
): Promise<{ result: T; profile: Profiler.Profile }> {
  const session = new Session();
  session.connect();
  try {
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: intervalMicros });
    await session.post('Profiler.start');
    const result = await work();
    const { profile } = await session.post('Profiler.stop');
    return { result, profile };
  } finally {
    session.disconnect();
  }
}

export function saveProfile(name: string, p: Profiler.Profile): string {
  const file = join(tmpdir(), `aisle-bench-${name}-${Date.now()}.cpuprofile`);
  writeFileSync(file, JSON.stringify(p));
  return file;
}

/** Where a frame's code lives: a package, a file of ours, a Node internal area, or a VM state. */
export function categoryOf(frame: Runtime.CallFrame): string {
  const { url, functionName } = frame;
  if (!url) {
    if (functionName.startsWith('(')) return functionName; // (garbage collector), (idle), (program)
    return '(native)';
  }
  if (url.startsWith('node:')) {
    const area = url.slice(5).split('/');
    return area[0] === 'internal' ? `node:${area.slice(1, 3).join('/')}` : `node:${area[0]}`;
  }
  const nm = url.lastIndexOf('/node_modules/');
  if (nm >= 0) {
    const rest = url.slice(nm + '/node_modules/'.length).split('/');
    return rest[0]?.startsWith('@') ? `${rest[0]}/${rest[1]}` : (rest[0] ?? url);
  }
  const ours = /\/(server|shared|client|scripts)\/(.*)$/.exec(url);
  return ours ? `${ours[1]}/${ours[2]}` : url;
}

const frameName = (f: Runtime.CallFrame): string => {
  const where = categoryOf(f);
  const name = f.functionName || '(anonymous)';
  return f.url ? `${name}  ${where}:${f.lineNumber + 1}` : name;
};

export interface ProfileSummary {
  totalMs: number;
  /** Wall time one sample stands for. */
  msPerSample: number;
  /** Self samples per package / file (every one, not only the top). */
  categories: Map<string, number>;
  bySelf: { name: string; selfPct: number }[];
  byInclusive: { name: string; pct: number }[];
}

/** Self and inclusive shares of the samples (a function counted once per sample). */
export function summarize(
  p: Profiler.Profile,
  top = 15,
  inclusiveFilter: (name: string) => boolean = () => true,
): ProfileSummary {
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const samples = p.samples ?? [];
  const total = samples.length || 1;
  const self = new Map<string, number>();
  const categories = new Map<string, number>();
  const incl = new Map<string, number>();
  const bump = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);
  for (const id of samples) {
    const node = byId.get(id);
    if (!node) continue;
    bump(self, frameName(node.callFrame));
    bump(categories, categoryOf(node.callFrame));
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const frame = byId.get(cur)?.callFrame;
      if (!frame?.url) continue;
      const name = frameName(frame);
      if (!seen.has(name) && inclusiveFilter(name)) {
        seen.add(name);
        bump(incl, name);
      }
    }
  }
  const pct = (n: number) => (n / total) * 100;
  const sorted = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]).slice(0, top);
  const totalMs = (p.endTime - p.startTime) / 1000;
  return {
    totalMs,
    msPerSample: totalMs / total,
    categories,
    bySelf: sorted(self).map(([name, n]) => ({ name, selfPct: pct(n) })),
    byInclusive: sorted(incl).map(([name, n]) => ({ name, pct: pct(n) })),
  };
}

const line = (pct: number, name: string) => `  ${pct.toFixed(1).padStart(5)}%  ${name}`;

export function printSummary(title: string, s: ProfileSummary, file: string): void {
  console.log(`\n${title}: ${s.totalMs.toFixed(0)} ms profiled (${file})`);
  console.log(' self time by function:');
  for (const f of s.bySelf) console.log(line(f.selfPct, f.name));
  console.log(' inclusive time by function:');
  for (const f of s.byInclusive) console.log(line(f.pct, f.name));
}

/**
 * Microseconds of wall time per request spent (self) in each package / file, one column per
 * profiled run, the rows ordered by how far the runs differ from the first (the baseline).
 */
export function printCostPerRequest(
  runs: readonly { name: string; summary: ProfileSummary; requests: number }[],
  top = 18,
): void {
  const perReq = runs.map((r) => {
    const m = new Map<string, number>();
    for (const [k, n] of r.summary.categories) {
      m.set(k, (n * r.summary.msPerSample * 1000) / Math.max(1, r.requests));
    }
    return m;
  });
  const names = new Set(perReq.flatMap((m) => [...m.keys()]));
  const first = perReq[0] ?? new Map<string, number>();
  const spread = (k: string) =>
    Math.max(
      ...perReq.map((m) => Math.abs((m.get(k) ?? 0) - (first.get(k) ?? 0))),
      first.get(k) ?? 0,
    );
  const rows = [...names].sort((a, b) => spread(b) - spread(a)).slice(0, top);
  const width = Math.max(...rows.map((r) => r.length), 10);
  console.log(
    `\nwall us per request by package / file (self time): ${runs.map((r) => r.name).join(' | ')}`,
  );
  const total = perReq.map((m) => [...m.values()].reduce((a, b) => a + b, 0));
  for (const k of rows) {
    const cells = perReq.map((m) => (m.get(k) ?? 0).toFixed(1).padStart(9));
    console.log(`  ${k.padEnd(width)}  ${cells.join('  ')}`);
  }
  console.log(
    `  ${'(all, incl. idle)'.padEnd(width)}  ${total.map((t) => t.toFixed(1).padStart(9)).join('  ')}`,
  );
}
