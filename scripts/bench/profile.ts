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
  byCategory: { name: string; selfPct: number }[];
  bySelf: { name: string; selfPct: number }[];
  byInclusive: { name: string; pct: number }[];
}

/** Self and inclusive shares of the samples (a function counted once per sample). */
export function summarize(p: Profiler.Profile, top = 15): ProfileSummary {
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const samples = p.samples ?? [];
  const total = samples.length || 1;
  const self = new Map<string, number>();
  const cat = new Map<string, number>();
  const incl = new Map<string, number>();
  const bump = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);
  for (const id of samples) {
    const node = byId.get(id);
    if (!node) continue;
    bump(self, frameName(node.callFrame));
    bump(cat, categoryOf(node.callFrame));
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const frame = byId.get(cur)?.callFrame;
      if (!frame?.url) continue;
      const name = frameName(frame);
      if (!seen.has(name)) {
        seen.add(name);
        bump(incl, name);
      }
    }
  }
  const pct = (n: number) => (n / total) * 100;
  const sorted = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]).slice(0, top);
  return {
    totalMs: (p.endTime - p.startTime) / 1000,
    byCategory: sorted(cat).map(([name, n]) => ({ name, selfPct: pct(n) })),
    bySelf: sorted(self).map(([name, n]) => ({ name, selfPct: pct(n) })),
    byInclusive: sorted(incl).map(([name, n]) => ({ name, pct: pct(n) })),
  };
}

export function printSummary(title: string, s: ProfileSummary, file: string): void {
  const line = (pct: number, name: string) => `  ${pct.toFixed(1).padStart(5)}%  ${name}`;
  console.log(`\n${title}: ${s.totalMs.toFixed(0)} ms profiled (${file})`);
  console.log(' self time by package / file:');
  for (const c of s.byCategory) console.log(line(c.selfPct, c.name));
  console.log(' self time by function:');
  for (const f of s.bySelf) console.log(line(f.selfPct, f.name));
  console.log(' inclusive time by function (JS frames):');
  for (const f of s.byInclusive) console.log(line(f.pct, f.name));
}
