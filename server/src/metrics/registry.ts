import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import { createEventMetrics, type EventMetrics } from './event-metrics';
import { createModelMetrics, type ModelMetrics } from './model-metrics';
import { createStoreMetrics, type StoreMetrics } from './store-metrics';

/** What an answered question reports: bounded labels only (intent and provider are enums). */
export interface AnswerOutcome {
  intent: string;
  provider: string;
  cached: boolean;
}

/** The hooks the domain services call; nothing in them knows about Prometheus. */
export interface ServiceMetrics {
  answered(outcome: AnswerOutcome): void;
  rateLimited(scope: string): void;
}

export interface AppMetrics extends ServiceMetrics {
  readonly registry: Registry;
  /** Store call latency and errors (store/instrumented-store.ts). */
  readonly store: StoreMetrics;
  /** Model calls, latency, errors and tokens (llm/model-telemetry.ts). */
  readonly model: ModelMetrics;
  /** Events published and delivered, WebSocket subscriptions. */
  readonly events: EventMetrics;
  httpRequest(route: string, method: string, status: number, seconds: number): void;
  /** A gauge read at scrape time (connections, catalog size): nothing to keep in step. */
  gaugeOf(name: string, help: string, read: () => number): void;
  /** The text exposition of everything registered. */
  scrape(): Promise<string>;
}

/**
 * One registry per app (never prom-client's global one), so tests and several instances in
 * one process keep their own counts.
 */
export function createMetrics(): AppMetrics {
  const registry = new Registry();
  const requests = new Counter({
    name: 'aisle_http_requests_total',
    help: 'HTTP requests by route template, method and status',
    labelNames: ['route', 'method', 'status'] as const,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'aisle_http_request_duration_seconds',
    help: 'HTTP request duration until the response ended (a stream counts whole), by route template',
    labelNames: ['route', 'method'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [registry],
  });
  const answers = new Counter({
    name: 'aisle_answers_total',
    help: 'Answered questions by intent, provider and whether the answer came from the cache',
    labelNames: ['intent', 'provider', 'cached'] as const,
    registers: [registry],
  });
  const cache = new Counter({
    name: 'aisle_answer_cache_total',
    help: 'Answer cache lookups by result',
    labelNames: ['result'] as const,
    registers: [registry],
  });
  const rejections = new Counter({
    name: 'aisle_rate_limit_rejections_total',
    help: 'Requests refused by a rate limit, by limiter scope',
    labelNames: ['scope'] as const,
    registers: [registry],
  });
  // Default process metrics start on the first scrape: their collectors (a GC observer, an
  // event-loop monitor) are never released, so apps nobody scrapes (tests) should not pay them.
  let defaultsOn = false;

  return {
    registry,
    store: createStoreMetrics(registry),
    model: createModelMetrics(registry),
    events: createEventMetrics(registry),
    httpRequest(route, method, status, seconds) {
      requests.inc({ route, method, status: String(status) });
      duration.observe({ route, method }, seconds);
    },
    answered({ intent, provider, cached }) {
      answers.inc({ intent, provider, cached: String(cached) });
      cache.inc({ result: cached ? 'hit' : 'miss' });
    },
    rateLimited(scope) {
      rejections.inc({ scope });
    },
    gaugeOf(name, help, read) {
      new Gauge({
        name,
        help,
        registers: [registry],
        collect() {
          this.set(read());
        },
      });
    },
    async scrape() {
      if (!defaultsOn) {
        defaultsOn = true;
        collectDefaultMetrics({ register: registry });
      }
      return registry.metrics();
    },
  };
}
