import { ChatOpenAI } from '@langchain/openai';
import { noPolicyAnswer } from '../assistant/compose/faq-answer';
import type { AnswerInput, AnswerProvider, QuestionContext } from '../assistant/types';
import type { Understanding } from '../assistant/understanding-schema';
import { UnderstandingSchema } from '../assistant/understanding-schema';
import { ModelUnavailableError } from '../errors';
import type { Logger } from '../logger';
import { buildAnswerMessages } from './answer-prompt';
import { checkModelServer } from './health';
import { logModelCall, type ModelCall } from './model-call-log';
import { createSemaphore, type Release } from './semaphore';
import { countTokens } from './token-count';
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
  /** Model calls at debug: duration, tokens, outcome (model-call-log.ts). */
  log?: Logger | undefined;
}

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
    const call = { call: 'understand' as const, model: opts.model, started: performance.now() };
    let parsed: unknown;
    let raw: unknown;
    try {
      ({ parsed, raw } = await understander.invoke(
        buildUnderstandMessages(question, context, opts.storeWords?.()),
        {
          ...(signal ? { signal } : {}),
        },
      ));
    } catch (error) {
      logModelCall(opts.log, { ...call, outcome: signal?.aborted ? 'aborted' : 'error' });
      if (signal?.aborted) throw abortReason(signal);
      throw toModelUnavailable(error, failure);
    } finally {
      release();
    }
    const result = UnderstandingSchema.safeParse(parsed);
    const usage = (raw as { usage_metadata?: ModelCall['usage'] } | undefined)?.usage_metadata;
    logModelCall(opts.log, { ...call, usage, outcome: result.success ? 'ok' : 'fallback' });
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
    const call = { call: 'answer' as const, model: opts.model, started: performance.now() };
    // The answer's text is kept only to count its tokens for the debug line.
    let said = opts.log?.enabled('debug') ? '' : undefined;
    try {
      release = await gate.acquire(linked);
      const stream = await model.stream(messages, { signal: linked });
      rearm();
      for await (const chunk of stream) {
        rearm();
        const text = chunk.text;
        if (said !== undefined) said += text;
        if (text) yield text;
      }
      if (said !== undefined) {
        logModelCall(opts.log, { ...call, outcome: 'ok', outputTokensCounted: countTokens(said) });
      }
    } catch (error) {
      logModelCall(opts.log, { ...call, outcome: signal?.aborted ? 'aborted' : 'error' });
      if (stalled) {
        throw new ModelUnavailableError(
          `The language model stream stalled for more than ${opts.timeoutMs} ms`,
          error,
        );
      }
      if (signal?.aborted) return;
      throw toModelUnavailable(error, failure);
    } finally {
      clearTimeout(watchdog);
      local.abort();
      release?.();
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
