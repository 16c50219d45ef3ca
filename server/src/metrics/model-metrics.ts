import { Counter, Histogram, type Registry } from 'prom-client';

/** understand: the structured reading of a question; answer: the streamed reply. */
export type ModelKind = 'understand' | 'answer';

export interface ModelLabels {
  /** `openai` or `local` (the provider's own name). */
  provider: string;
  /** The configured model (one per deployment), or `local` for the built-in responder. */
  model: string;
  kind: ModelKind;
}

export interface ModelCallMetrics {
  /** A call that reached the model ended, successfully or not. */
  called(seconds: number, failed: boolean): void;
  tokens(prompt: number, completion: number): void;
}

export interface ModelMetrics {
  series(labels: ModelLabels): ModelCallMetrics;
}

const LABELS = ['provider', 'model', 'kind'] as const;

/** Model calls, their latency, errors and tokens, by provider, model and kind. */
export function createModelMetrics(registry: Registry): ModelMetrics {
  const calls = new Counter({
    name: 'aisle_model_calls_total',
    help: 'Model calls by provider, model and kind (understand or answer)',
    labelNames: LABELS,
    registers: [registry],
  });
  const errors = new Counter({
    name: 'aisle_model_errors_total',
    help: 'Model calls that failed (upstream error, timeout, stalled stream), by provider, model and kind',
    labelNames: LABELS,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'aisle_model_call_duration_seconds',
    help: 'Model call latency (a streamed answer counts until its last chunk), by provider, model and kind',
    labelNames: LABELS,
    buckets: [0.001, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 20, 60],
    registers: [registry],
  });
  const tokens = new Counter({
    name: 'aisle_model_tokens_total',
    help: 'Model tokens by provider, model, kind and type (prompt or completion)',
    labelNames: [...LABELS, 'type'] as const,
    registers: [registry],
  });
  return {
    series(labels) {
      const count = calls.labels(labels);
      const failures = errors.labels(labels);
      const timer = duration.labels(labels);
      const prompt = tokens.labels({ ...labels, type: 'prompt' });
      const completion = tokens.labels({ ...labels, type: 'completion' });
      return {
        called(seconds, failed) {
          count.inc();
          timer.observe(seconds);
          if (failed) failures.inc();
        },
        tokens(p, c) {
          if (p > 0) prompt.inc(p);
          if (c > 0) completion.inc(c);
        },
      };
    },
  };
}
