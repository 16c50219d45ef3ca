import { Counter, type Registry } from 'prom-client';
import { SeriesHistogram } from './series-histogram';

/** One store operation's series, resolved once: a call then costs no label lookup. */
export interface StoreOperationMetrics {
  observe(seconds: number): void;
  error(): void;
}

export interface StoreMetrics {
  operation(name: string, store: string): StoreOperationMetrics;
}

/**
 * Store call latency and errors by operation (a Store method name: a fixed list, so the
 * label is bounded) and store kind (redis or memory).
 */
export function createStoreMetrics(registry: Registry): StoreMetrics {
  // Observed on every store call: the cheap histogram (series-histogram.ts).
  const duration = new SeriesHistogram(
    'aisle_store_call_duration_seconds',
    'Store call latency by operation (the Store method) and store kind',
    [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
    registry,
  );
  const errors = new Counter({
    name: 'aisle_store_errors_total',
    help: 'Store calls that failed (threw or rejected), by operation and store kind',
    labelNames: ['operation', 'store'] as const,
    registers: [registry],
  });
  return {
    operation(operation, store) {
      const timer = duration.series({ operation, store });
      const failed = errors.labels({ operation, store });
      return { observe: (s) => timer.observe(s), error: () => failed.inc() };
    },
  };
}
