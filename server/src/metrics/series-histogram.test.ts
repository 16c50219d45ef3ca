import { Histogram, Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { SeriesHistogram } from './series-histogram';

const BUCKETS = [0.001, 0.01, 0.1, 1];
const SAMPLES = [0.0005, 0.001, 0.002, 0.05, 0.1, 0.7, 3, 0.01, 0];

describe('SeriesHistogram', () => {
  it("writes exactly what prom-client's Histogram writes for the same observations", async () => {
    const theirs = new Registry();
    const reference = new Histogram({
      name: 'h_seconds',
      help: 'h',
      labelNames: ['operation', 'store'] as const,
      buckets: BUCKETS,
      registers: [theirs],
    });
    const ours = new Registry();
    const fast = new SeriesHistogram('h_seconds', 'h', BUCKETS, ours);
    const a = fast.series({ operation: 'getCart', store: 'redis' });
    const b = fast.series({ operation: 'cartAdd', store: 'redis' });
    fast.series({ operation: 'never', store: 'redis' }); // never observed: not written
    for (const [i, v] of SAMPLES.entries()) {
      const series = i % 3 === 0 ? b : a;
      series.observe(v);
      reference.observe({ operation: i % 3 === 0 ? 'cartAdd' : 'getCart', store: 'redis' }, v);
    }
    const lines = async (r: Registry) => (await r.metrics()).trim().split('\n').sort();
    expect(await lines(ours)).toEqual(await lines(theirs));
    expect(JSON.stringify(await ours.getMetricsAsJSON())).toContain('"type":"histogram"');

    ours.resetMetrics();
    theirs.resetMetrics();
    expect(await lines(ours)).toEqual(await lines(theirs));
  });
});
