import { createLocalProvider } from '../../src/assistant/compose/local-provider';
import type { AnswerProvider } from '../../src/assistant/types';
import type { Understanding } from '../../src/assistant/understanding-schema';
import { createDemoCatalog } from '../../src/catalog/demo';

/**
 * The local responder's understanding with a scripted, slow answer stream, counting calls:
 * lets tests see a stream mid-flight and prove how many "LLM calls" an answer cost.
 */
export function slowProvider(opts: { tokens: number; delayMs: number }) {
  const catalog = createDemoCatalog();
  const local = createLocalProvider({
    catalogVocabulary: { brands: catalog.brands(), categories: catalog.categories() },
  });
  const counter = { understand: 0, answer: 0, aborted: 0 };
  const provider: AnswerProvider = {
    name: 'local',
    understand(q, ctx, signal): Promise<Understanding> {
      counter.understand += 1;
      return local.understand(q, ctx, signal);
    },
    async *answer(_input, signal) {
      counter.answer += 1;
      for (let i = 0; i < opts.tokens; i++) {
        if (signal?.aborted) {
          counter.aborted += 1;
          return;
        }
        await new Promise((r) => setTimeout(r, opts.delayMs));
        yield `${i === 0 ? '' : ' '}t${i}`;
      }
    },
  };
  return { provider, counter };
}
