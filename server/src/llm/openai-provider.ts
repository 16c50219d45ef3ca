import { ChatOpenAI } from '@langchain/openai';
import { noPolicyAnswer } from '../assistant/compose/faq-answer';
import type { AnswerInput, AnswerProvider, QuestionContext } from '../assistant/types';
import type { Understanding } from '../assistant/understanding-schema';
import { UnderstandingSchema } from '../assistant/understanding-schema';
import { ModelUnavailableError } from '../errors';
import type { Logger } from '../logger';
import { buildAnswerMessages } from './answer-prompt';
import { checkModelServer } from './health';
import { logModelCall } from './model-call-log';
import type { ModelCall, ModelTelemetry } from './model-telemetry';
import { createSemaphore, type Release } from './semaphore';
import { countTokens, createMessageTokenCounter } from './token-count';
import {
  buildUnderstandMessages,
  type StoreWords,
  UNDERSTANDING_FUNCTION,
} from './understand-prompt';
import { retryPolicy, toModelUnavailable } from './upstream-errors';

export { buildAnswerMessages } from './answer-prompt';
export { countTokens } from './token-count';

const OPENAI_BASE_URL = 'https://api.openai.com/v1';
// The health check must answer quickly whatever the model timeout is.
const HEALTH_TIMEOUT_MS = 5_000;

export interface OpenAIProviderOptions {
  apiKey: string;
  /** An OpenAI-compatible server; OpenAI itself when left out. */
  baseURL?: string | undefined;
  model: string;
  /** Per attempt, until the response starts; also the longest pause allowed mid-stream. */
  timeoutMs: number;
  /** Retries after a failed attempt (429, 5xx, timeout, connection error). Default 2. */
  maxRetries?: number | undefined;
  /** Upstream calls (understand or answer streams) in flight at once; the rest wait. */
  maxConcurrency: number;
  /** Token budget of an answer prompt; the history is trimmed to fit. */
  contextTokens: number;
  /** The store's category names and brands the understanding prompt lists (bounded). */
  storeWords?: (() => StoreWords) | undefined;
  /** Used when the model's structured output does not validate. */
  fallbackUnderstand?: ((question: string, context: QuestionContext) => Understanding) | undefined;
  /** Where each call that reaches the model is reported (metrics, spans). */
  telemetry?: ModelTelemetry | undefined;
  /** Model calls at debug: duration, tokens, outcome (model-call-log.ts). */
  log?: Logger | undefined;
}

/** LangChain's usage_metadata, on a message or a stream chunk when the server reported it. */
interface Usage {
  input_tokens: number;
  output_tokens: number;
}
const usageOf = (message: unknown): Usage | undefined =>
  (message as { usage_metadata?: Usage } | null | undefined)?.usage_metadata;

export type OpenAIProvider = AnswerProvider & { health(): Promise<void> };

/** The caller gave up: not an upstream failure, so it is never mapped to MODEL_UNAVAILABLE. */
const abortReason = (signal: AbortSignal): unknown =>
  signal.reason ?? new DOMException('The operation was aborted', 'AbortError');

export function createOpenAIProvider(opts: OpenAIProviderOptions): OpenAIProvider {
  const baseURL = opts.baseURL ?? OPENAI_BASE_URL;
  const maxRetries = opts.maxRetries ?? 2;
  const failure = { baseURL, timeoutMs: opts.timeoutMs, attempts: maxRetries + 1 };
  const gate = createSemaphore(opts.maxConcurrency);
  // Building the tokenizer costs about a second of CPU: pay it at startup, not mid-request.
  countTokens('');

  const model = new ChatOpenAI({
    model: opts.model,
    apiKey: opts.apiKey,
    configuration: { baseURL },
    timeout: opts.timeoutMs,
    maxRetries,
    onFailedAttempt: retryPolicy,
    // Usage is not read, and some compatible servers reject `stream_options`.
    streamUsage: false,
  });
  // Function calling: the one structured-output method every OpenAI-compatible server with
  // tools supports (json_schema response formats are patchier). `includeRaw` turns a reply
  // that fails to parse into `parsed: null` instead of an exception, so it can fall back.
  const understander = model.withStructuredOutput(UnderstandingSchema, {
    name: UNDERSTANDING_FUNCTION,
    method: 'functionCalling',
    includeRaw: true,
  });

  async function understand(
    question: string,
    context: QuestionContext,
    signal?: AbortSignal,
  ): Promise<Understanding> {
    const release = await gate.acquire(signal);
    const call = opts.telemetry?.start('understand');
    const line = { call: 'understand' as const, model: opts.model, started: performance.now() };
    let parsed: unknown;
    let usage: Usage | undefined;
    try {
      const reply = await understander.invoke(
        buildUnderstandMessages(question, context, opts.storeWords?.()),
        {
          ...(signal ? { signal } : {}),
        },
      );
      parsed = reply.parsed;
      usage = usageOf(reply.raw);
      if (usage) call?.usage(usage.input_tokens, usage.output_tokens);
      call?.end();
    } catch (error) {
      logModelCall(opts.log, { ...line, outcome: signal?.aborted ? 'aborted' : 'error' });
      if (signal?.aborted) {
        call?.end();
        throw abortReason(signal);
      }
      const mapped = toModelUnavailable(error, failure);
      call?.end(mapped);
      throw mapped;
    } finally {
      release();
    }
    const result = UnderstandingSchema.safeParse(parsed);
    logModelCall(opts.log, { ...line, usage, outcome: result.success ? 'ok' : 'fallback' });
    if (result.success) {
      const understanding: Understanding = result.data;
      // A model may point past the list it was shown; such references mean nothing.
      understanding.references = understanding.references.filter(
        (i) => i < context.lastShown.length,
      );
      return understanding;
    }
    if (opts.fallbackUnderstand) return opts.fallbackUnderstand(question, context);
    throw new ModelUnavailableError(
      'The language model returned an unusable reading of the question',
    );
  }

  async function* answer(input: AnswerInput, signal?: AbortSignal): AsyncGenerator<string> {
    if (signal?.aborted) return;
    // No document of this store on the policy asked about: the plain answer, with no model
    // call that could fill the gap with what stores usually do.
    if (input.understanding.intent === 'faq' && input.documents.length === 0) {
      yield noPolicyAnswer(input.question);
      return;
    }
    const messages = await buildAnswerMessages(input, opts.contextTokens);
    // Ours to abort: on a stall, and when the consumer stops iterating early.
    const local = new AbortController();
    const linked = signal ? AbortSignal.any([signal, local.signal]) : local.signal;
    let stalled = false;
    let watchdog: NodeJS.Timeout | undefined;
    // The client's timeout only covers waiting for the response to start; this covers a stream
    // that goes quiet half way.
    const rearm = () => {
      clearTimeout(watchdog);
      watchdog = setTimeout(() => {
        stalled = true;
        local.abort();
      }, opts.timeoutMs);
    };

    let release: Release | undefined;
    let call: ModelCall | undefined;
    let failed: unknown;
    const line = { call: 'answer' as const, model: opts.model, started: performance.now() };
    // The answer's text is kept only to count its tokens (metrics, the debug line).
    const keepText = opts.telemetry !== undefined || opts.log?.enabled('debug') === true;
    const streamed = { text: '', usage: undefined as Usage | undefined };
    try {
      release = await gate.acquire(linked);
      call = opts.telemetry?.start('answer');
      const stream = await model.stream(messages, { signal: linked });
      rearm();
      for await (const chunk of stream) {
        rearm();
        const usage = usageOf(chunk);
        if (usage) streamed.usage = usage;
        const text = chunk.text;
        if (text) {
          if (keepText) streamed.text += text;
          yield text;
        }
      }
      logModelCall(opts.log, {
        ...line,
        outcome: 'ok',
        usage: streamed.usage,
        outputTokensCounted: opts.log?.enabled('debug') ? countTokens(streamed.text) : undefined,
      });
    } catch (error) {
      logModelCall(opts.log, { ...line, outcome: signal?.aborted ? 'aborted' : 'error' });
      if (stalled) {
        failed = new ModelUnavailableError(
          `The language model stream stalled for more than ${opts.timeoutMs} ms`,
          error,
        );
        throw failed;
      }
      if (signal?.aborted) return;
      failed = toModelUnavailable(error, failure);
      throw failed;
    } finally {
      clearTimeout(watchdog);
      local.abort();
      release?.();
      if (call) {
        reportStreamUsage(call, messages, streamed);
        call.end(failed);
      }
    }
  }

  return {
    name: 'openai',
    understand,
    answer,
    health: () =>
      checkModelServer({
        baseURL,
        apiKey: opts.apiKey,
        timeoutMs: Math.min(opts.timeoutMs, HEALTH_TIMEOUT_MS),
      }),
  };
}

/**
 * A stream's tokens: as the server reported them when it did; otherwise (streams are
 * requested without usage, which some compatible servers reject) counted here with the
 * same tokenizer that budgets the prompt, so the token metrics never read zero.
 */
function reportStreamUsage(
  call: ModelCall,
  messages: Parameters<ReturnType<typeof createMessageTokenCounter>>[0],
  streamed: { text: string; usage: Usage | undefined },
): void {
  if (streamed.usage) {
    call.usage(streamed.usage.input_tokens, streamed.usage.output_tokens);
    return;
  }
  call.usage(createMessageTokenCounter()(messages), countTokens(streamed.text));
}
