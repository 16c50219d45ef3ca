import { getRetryable } from '@langchain/core/errors';
import { classifyRateLimitError } from '@langchain/core/utils/async_caller';
import { isAppError, ModelUnavailableError } from '../errors';

// A retry-after longer than this is not worth holding a shopper's request for.
const MAX_RETRY_AFTER_MS = 10_000;

function field(error: unknown, key: string): unknown {
  return typeof error === 'object' && error !== null ? Reflect.get(error, key) : undefined;
}

/** The HTTP status of an upstream error, if it had one. */
export function upstreamStatus(error: unknown): number | undefined {
  const status = field(error, 'status') ?? field(field(error, 'response'), 'status');
  return typeof status === 'number' ? status : undefined;
}

// The OpenAI SDK's error classes keep the name "Error"; their constructor names tell them apart.
function kinds(error: unknown): string[] {
  if (typeof error !== 'object' || error === null) return [];
  return [String(field(error, 'name')), Object.getPrototypeOf(error)?.constructor?.name ?? ''];
}
const isTimeout = (error: unknown): boolean =>
  kinds(error).some((k) => k === 'TimeoutError' || k === 'APIConnectionTimeoutError');
const isConnectionError = (error: unknown): boolean => kinds(error).includes('APIConnectionError');

/**
 * LangChain's `onFailedAttempt`: return to retry, throw to give up. Unlike LangChain's default,
 * a 429 without a retry-after header is retried too (within `maxRetries`, with backoff): servers
 * compatible with OpenAI often send none. Client errors, aborts and exhausted quota are final.
 */
export function retryPolicy(error: unknown): void {
  if (getRetryable(error) === false) throw error;
  if (field(error, 'name') === 'AbortError') throw error;
  const status = upstreamStatus(error);
  if (status === 429) {
    const rateLimit = classifyRateLimitError(error);
    if (rateLimit?.action === 'stop') throw error;
    const wait = rateLimit?.retryAfterMs;
    if (wait !== undefined && wait > MAX_RETRY_AFTER_MS) throw error;
    // p-retry waits at least `retryAfterMs` before the next attempt.
    if (wait !== undefined) Reflect.set(error as object, 'retryAfterMs', wait);
    return;
  }
  if (status !== undefined && status < 500 && status !== 408) throw error;
}

export interface FailureContext {
  baseURL: string;
  timeoutMs: number;
  attempts: number;
}

/** An upstream failure as the domain error clients see (the original kept as `cause`). */
export function toModelUnavailable(error: unknown, ctx: FailureContext): Error {
  if (isAppError(error)) return error;
  const status = upstreamStatus(error);
  let message: string;
  if (status === 429) {
    message = 'The language model is rate limited (HTTP 429); try again shortly';
  } else if (status === 401 || status === 403) {
    message = `The language model server rejected the API key (HTTP ${status})`;
  } else if (status === 404) {
    message = 'The language model server does not know this model or endpoint (HTTP 404)';
  } else if (status !== undefined && status >= 500) {
    message = `The language model server failed (HTTP ${status}) after ${ctx.attempts} attempt(s)`;
  } else if (status !== undefined) {
    message = `The language model server refused the request (HTTP ${status})`;
  } else if (isTimeout(error)) {
    message = `The language model did not answer within ${ctx.timeoutMs} ms`;
  } else if (isConnectionError(error)) {
    message = `Could not reach the language model server at ${ctx.baseURL}`;
  } else {
    message = 'The language model request failed';
  }
  return new ModelUnavailableError(message, error);
}
