import { catalogOutline } from '../assistant/compose/catalog-outline';
import { createLocalProvider } from '../assistant/compose/local-provider';
import type { AnswerProvider } from '../assistant/types';
import { parseQuestion } from '../assistant/understand/parse-question';
import { vocabularyOf } from '../assistant/understand/vocabulary';
import type { Catalog } from '../catalog/types';
import { type Config, llmProviderOf } from '../config';
import { instrumentProvider, type ModelTelemetry } from '../llm/model-telemetry';
import type { Logger } from '../logger';

/** The model label of metrics and spans: the configured model, or `local`. */
export const modelNameOf = (config: Config): string =>
  llmProviderOf(config) === 'local' || !config.OPENAI_API_KEY ? 'local' : config.OPENAI_MODEL;

/** What the provider reports to: model metrics and spans, and debug lines. */
export interface ProviderObservers {
  telemetry?: (provider: AnswerProvider['name']) => ModelTelemetry;
  log?: Logger;
}

/** LLM_PROVIDER: the built-in local responder, or an OpenAI-compatible model. */
export async function createProvider(
  config: Config,
  catalog: Catalog,
  { telemetry, log }: ProviderObservers = {},
): Promise<AnswerProvider> {
  const vocabulary = vocabularyOf(catalog);
  if (llmProviderOf(config) === 'local' || !config.OPENAI_API_KEY) {
    const local = createLocalProvider({
      catalogVocabulary: vocabulary,
      catalogOutline: catalogOutline(catalog.all()),
    });
    return telemetry ? instrumentProvider(local, telemetry('local')) : local;
  }
  // Loaded only when configured: LangChain and the tokenizer cost seconds of start-up.
  const { createOpenAIProvider } = await import('../llm/openai-provider');
  const { STORE_WORDS_MAX } = await import('../llm/understand-prompt');
  return createOpenAIProvider({
    apiKey: config.OPENAI_API_KEY,
    ...(config.OPENAI_BASE_URL ? { baseURL: config.OPENAI_BASE_URL } : {}),
    model: config.OPENAI_MODEL,
    timeoutMs: config.OPENAI_TIMEOUT_MS,
    maxRetries: 2,
    maxConcurrency: config.OPENAI_MAX_CONCURRENCY,
    contextTokens: config.CONTEXT_TOKENS,
    storeWords: () => catalog.vocabulary.top(STORE_WORDS_MAX),
    // A model reply that fails validation degrades to the deterministic parser.
    fallbackUnderstand: (q, ctx) => parseQuestion(q, ctx, vocabulary),
    telemetry: telemetry?.('openai'),
    log,
  });
}
