import { wordChunks } from '../../text/word-chunks';
import type { AnswerProvider } from '../types';
import { parseQuestion } from '../understand/parse-question';
import type { CatalogVocabulary } from '../understand/vocabulary';
import { type CatalogOutline, outlineOfNames } from './catalog-outline';
import { composeAnswer } from './compose-answer';

type Lazy<T> = T | (() => T);
const resolve = <T extends object>(v: Lazy<T>): T => (typeof v === 'function' ? v() : v);

/**
 * The default provider: deterministic understanding and answers, no model. Both options may
 * be functions so a reloaded catalog is picked up. Without `catalogOutline` (categories
 * counted from the products: catalogOutline()), the vocabulary's category names stand in,
 * unranked.
 */
export function createLocalProvider(options: {
  catalogVocabulary: Lazy<CatalogVocabulary>;
  catalogOutline?: Lazy<CatalogOutline>;
}): AnswerProvider {
  const vocabulary = (): CatalogVocabulary => resolve(options.catalogVocabulary);
  let named: { from: readonly string[]; outline: CatalogOutline } | undefined;
  const outline = (): CatalogOutline => {
    if (options.catalogOutline !== undefined) return resolve(options.catalogOutline);
    const categories = vocabulary().categories;
    if (named?.from !== categories)
      named = { from: categories, outline: outlineOfNames(categories) };
    return named.outline;
  };
  return {
    name: 'local',
    async understand(question, context, signal) {
      signal?.throwIfAborted();
      return parseQuestion(question, context, vocabulary());
    },
    async *answer(input, signal) {
      const text = composeAnswer(input, outline());
      for (const chunk of wordChunks(text)) {
        if (signal?.aborted) return;
        yield chunk;
      }
    },
  };
}
