import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { startTestApp } from './support/app';
import { scrapeText } from './support/prometheus';

// Grafana's own variable syntax, not a JavaScript template.
const DATASOURCE_VARIABLE = ['$', '{datasource}'].join('');
const FILE = fileURLToPath(new URL('../../grafana/aisle-dashboard.json', import.meta.url));

interface Panel {
  type: string;
  title: string;
  id: number;
  datasource?: { type: string; uid: string };
  targets?: { expr: string; datasource?: { uid: string } }[];
}

/** Metric names a PromQL expression reads (ours and the default process/Node.js ones). */
function metricNames(expr: string): string[] {
  return [...expr.matchAll(/\b((?:aisle|process|nodejs)_[a-z0-9_]+)\b/g)].map((m) => m[1] ?? '');
}

describe('the Grafana dashboard (grafana/aisle-dashboard.json)', () => {
  it('queries only metrics the registry has, and has a panel for every metric of ours', async () => {
    const dashboard = JSON.parse(readFileSync(FILE, 'utf8')) as {
      panels: Panel[];
      templating: { list: { name: string; type: string; query: unknown }[] };
    };
    const datasource = dashboard.templating.list.find((v) => v.name === 'datasource');
    expect(datasource).toMatchObject({ type: 'datasource', query: 'prometheus' });

    const queried = dashboard.panels.filter((p) => p.type !== 'row');
    expect(new Set(queried.map((p) => p.id)).size).toBe(queried.length);
    const exprs: string[] = [];
    for (const panel of queried) {
      expect(panel.datasource?.uid, panel.title).toBe(DATASOURCE_VARIABLE);
      expect(panel.targets?.length, panel.title).toBeGreaterThan(0);
      for (const target of panel.targets ?? []) exprs.push(target.expr);
    }

    // The registry of a real app, after a scrape (the default process metrics start there).
    await using app = await startTestApp();
    await scrapeText(app.url);
    const registered = (await app.metrics.registry.getMetricsAsJSON()).map((m) => ({
      name: m.name,
      type: String(m.type),
    }));
    const series = new Set<string>();
    for (const { name, type } of registered) {
      series.add(name);
      if (type === 'histogram') for (const s of ['_bucket', '_sum', '_count']) series.add(name + s);
      if (type === 'summary') for (const s of ['_sum', '_count']) series.add(name + s);
    }
    const used = new Set(exprs.flatMap(metricNames));
    expect(used.size).toBeGreaterThan(15);
    for (const name of used) expect(series, `${name} is not in the registry`).toContain(name);

    // And the other way: none of our metrics is left off the dashboard.
    const base = (name: string) => name.replace(/_(bucket|sum|count)$/, '');
    const shown = new Set([...used].map(base));
    for (const { name } of registered.filter((m) => m.name.startsWith('aisle_'))) {
      expect(shown, `${name} has no panel`).toContain(name);
    }
  });
});
