import type { StoreMetrics } from '../metrics/store-metrics';
import type { Tracing } from '../tracing';
import type { Store } from './types';

/** The Store's methods that return a promise: each one is a call to the storage. */
type AsyncMethod = {
  [K in keyof Store]: Store[K] extends (...args: never[]) => Promise<unknown> ? K : never;
}[keyof Store];

/**
 * Every async Store method, by name. `satisfies` plus the check below make this list exactly
 * the interface's: a method added to Store and not here fails the type check.
 */
export const STORE_OPERATIONS = [
  'createSession',
  'authenticate',
  'getSession',
  'sessionExists',
  'deleteSession',
  'getPreferences',
  'updatePreferences',
  'getCart',
  'cartAdd',
  'cartRemove',
  'cartSetQuantity',
  'cartClear',
  'getMessages',
  'loadTurnContext',
  'recordTurn',
  'cacheGet',
  'cacheSet',
  'putDocuments',
  'listDocuments',
  'deleteDocuments',
  'documentsVersion',
  'getSynonyms',
  'setSynonyms',
  'synonymsVersion',
  'appendEvent',
  'readSessionEvents',
  'readGlobalEvents',
  'tailGlobalEvents',
  'lastGlobalEventId',
  'appendAnswerLog',
  'readAnswerLog',
  'recordActivity',
  'readOverview',
  'ping',
  'close',
] as const satisfies readonly AsyncMethod[];

type Listed = (typeof STORE_OPERATIONS)[number];
// Fails to compile when an async Store method is missing from STORE_OPERATIONS.
const complete: [Exclude<AsyncMethod, Listed>] extends [never] ? true : false = true;
void complete;

/**
 * Long polls wait for events rather than work: their duration says how quiet the log was,
 * not how fast the store is, so they are left out of the latency histogram and of traces
 * (their errors still count).
 */
const LONG_POLLS: ReadonlySet<string> = new Set<Listed>(['tailGlobalEvents']);

export interface StoreInstrumentation {
  metrics: StoreMetrics;
  tracing?: Tracing | undefined;
}

/**
 * The store with each call timed (latency histogram, errors by operation) and, when tracing
 * is on, a span per call under the active request. Each wrapper makes exactly the one call
 * it wraps and hands back its result or its error unchanged: no semantics change, no extra
 * round trip. Built from STORE_OPERATIONS, not written out per method.
 */
export function instrumentStore(inner: Store, opts: StoreInstrumentation): Store {
  const wrapped: Record<string, unknown> = {};
  const system = inner.kind;
  for (const op of STORE_OPERATIONS) {
    const method = inner[op] as (...args: unknown[]) => Promise<unknown>;
    const series = opts.metrics.operation(op, system);
    const timed = !LONG_POLLS.has(op);
    const spanName = `store ${op}`;
    const attributes = { 'db.system.name': system, 'db.operation.name': op };
    const spanKind = system === 'redis' ? 'client' : 'internal';
    const tracing = timed ? opts.tracing : undefined;
    wrapped[op] = (...args: unknown[]): Promise<unknown> => {
      const span = tracing?.child(spanName, spanKind, attributes);
      const started = performance.now();
      return method.apply(inner, args).then(
        (value) => {
          if (timed) series.observe((performance.now() - started) / 1000);
          span?.end();
          return value;
        },
        (error: unknown) => {
          if (timed) series.observe((performance.now() - started) / 1000);
          series.error();
          if (span) {
            span.fail(error);
            span.end();
          }
          throw error;
        },
      );
    };
  }
  return Object.assign(wrapped, {
    kind: inner.kind,
    createRateLimiter: inner.createRateLimiter.bind(inner),
  }) as unknown as Store;
}
