import { wordChunks } from '../../text/word-chunks';
import type { AnswerProvider } from '../types';
import { parseQuestion } from '../understand/parse-question';
import type { CatalogVocabulary } from '../understand/vocabulary';
import { composeAnswer } from './compose-answer';

/**
 * The default provider: deterministic understanding and answers, no model. `catalogVocabulary`
 * may be a function so a reloaded catalog is picked up.
 */
export function createLocalProvider(options: {
  catalogVocabulary: CatalogVocabulary | (() => CatalogVocabulary);
}): AnswerProvider {
  const vocabulary = (): CatalogVocabulary =>
    typeof options.catalogVocabulary === 'function'
      ? options.catalogVocabulary()
      : options.catalogVocabulary;
  return {
    name: 'local',
    async understand(question, context, signal) {
      signal?.throwIfAborted();
      return parseQuestion(question, context, vocabulary());
    },
    async *answer(input, signal) {
      const text = composeAnswer(input, vocabulary());
      for (const chunk of wordChunks(text)) {
        if (signal?.aborted) return;
        yield chunk;
      }
    },
  };
}
