import type { AnswerInput } from '../../assistant/types';
import type { Understanding } from '../../assistant/understanding-schema';
import type { Logger } from '../../logger';
import { preview } from '../../text/preview';

/**
 * The debug lines of a question's journey, where a person debugging an answer looks: was it
 * cached, how was it read, what was found. Only built when debug is on. The question is the
 * masked one (personal data replaced before it gets here); cache keys are already hashes.
 */
export function logCacheLookup(
  log: Logger | undefined,
  cache: { shared: boolean; key: string },
  outcome: 'hit' | 'miss' | 'stale',
): void {
  if (!log?.enabled('debug')) return;
  log.debug('answer cache', {
    outcome,
    key: cache.key.slice(0, 16),
    shared: cache.shared,
  });
}

export function logUnderstood(
  log: Logger | undefined,
  question: string,
  understanding: Understanding,
): void {
  if (!log?.enabled('debug')) return;
  const { intent, query, followUp, references, excludedBrands } = understanding;
  log.debug('question understood', {
    question: preview(question),
    intent,
    category: query.category,
    brands: query.brands,
    excludedBrands,
    budget: { min: query.minPrice, max: query.maxPrice },
    sort: query.sort,
    followUp,
    references: references.length,
  });
}

export function logRetrieved(log: Logger | undefined, input: AnswerInput, ms: number): void {
  if (!log?.enabled('debug')) return;
  log.debug('retrieval', {
    products: input.products.length,
    documents: input.documents.length,
    alternatives: input.alternatives,
    notCarried: input.notCarried?.length ?? 0,
    duration_ms: Math.round(ms * 10) / 10,
  });
}
