import type { TRPC_ERROR_CODE_KEY } from '@trpc/server/rpc';

/**
 * Domain errors: small classes with a stable `code`. Each code is declared once, here, with
 * the HTTP status and tRPC code that answer it, so an error carries what any transport needs
 * and nothing converts it on the way out (tRPC's error formatter and the REST/SSE writers
 * read these fields; see error-map.ts).
 */
const ERRORS = {
  VALIDATION_ERROR: { status: 400, rpc: 'BAD_REQUEST' },
  UNSAFE_INPUT: { status: 400, rpc: 'BAD_REQUEST' },
  UNAUTHORIZED: { status: 401, rpc: 'UNAUTHORIZED' },
  FORBIDDEN: { status: 403, rpc: 'FORBIDDEN' },
  CSRF_REJECTED: { status: 403, rpc: 'FORBIDDEN' },
  SESSION_NOT_FOUND: { status: 404, rpc: 'NOT_FOUND' },
  NOT_FOUND: { status: 404, rpc: 'NOT_FOUND' },
  METHOD_NOT_ALLOWED: { status: 405, rpc: 'METHOD_NOT_SUPPORTED' },
  REQUEST_TIMEOUT: { status: 408, rpc: 'TIMEOUT' },
  CONFLICT: { status: 409, rpc: 'CONFLICT' },
  PAYLOAD_TOO_LARGE: { status: 413, rpc: 'PAYLOAD_TOO_LARGE' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, rpc: 'UNSUPPORTED_MEDIA_TYPE' },
  UNKNOWN_SKU: { status: 422, rpc: 'UNPROCESSABLE_CONTENT' },
  RATE_LIMITED: { status: 429, rpc: 'TOO_MANY_REQUESTS' },
  INTERNAL_ERROR: { status: 500, rpc: 'INTERNAL_SERVER_ERROR' },
  STORE_UNAVAILABLE: { status: 503, rpc: 'SERVICE_UNAVAILABLE' },
  MODEL_UNAVAILABLE: { status: 503, rpc: 'SERVICE_UNAVAILABLE' },
} as const satisfies Record<string, { status: number; rpc: TRPC_ERROR_CODE_KEY }>;

export type ErrorCode = keyof typeof ERRORS;
export const ERROR_CODES = Object.keys(ERRORS) as ErrorCode[];

export const httpStatusOf = (code: ErrorCode): number => ERRORS[code].status;
export const rpcCodeOf = (code: ErrorCode): TRPC_ERROR_CODE_KEY => ERRORS[code].rpc;

export interface FieldIssue {
  path: string;
  message: string;
}

export class AppError extends Error {
  /** The HTTP status that answers this error. */
  readonly status: number;
  /** The tRPC code that answers it (the JSON-RPC code and `data.code` on the wire). */
  readonly rpcCode: TRPC_ERROR_CODE_KEY;

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly extra: { issues?: FieldIssue[]; retryAfterSeconds?: number; cause?: unknown } = {},
  ) {
    super(message, extra.cause === undefined ? undefined : { cause: extra.cause });
    this.name = 'AppError';
    this.status = ERRORS[code].status;
    this.rpcCode = ERRORS[code].rpc;
  }
}

export const sessionNotFound = (id: string) =>
  new AppError('SESSION_NOT_FOUND', `Session '${id}' was not found or has expired`);

export class StoreUnavailableError extends AppError {
  constructor(cause?: unknown) {
    super('STORE_UNAVAILABLE', 'The session store is unavailable; try again shortly', { cause });
    this.name = 'StoreUnavailableError';
  }
}

/**
 * A session's own budget spent (raised by the store, in the step that would have charged it:
 * nothing was written). `budget` names which one, for the rate-limit metrics.
 */
export class SessionBudgetError extends AppError {
  constructor(
    readonly budget: string,
    retryAfterMs: number,
  ) {
    const retryAfterSeconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
    super('RATE_LIMITED', `Too many requests; retry in ${retryAfterSeconds} s`, {
      retryAfterSeconds,
    });
    this.name = 'SessionBudgetError';
  }
}

export class ModelUnavailableError extends AppError {
  constructor(message = 'The language model is unavailable; try again shortly', cause?: unknown) {
    super('MODEL_UNAVAILABLE', message, { cause });
    this.name = 'ModelUnavailableError';
  }
}

export const isAppError = (e: unknown): e is AppError => e instanceof AppError;

/** A domain error as is; anything else (a bug) as an INTERNAL_ERROR that hides its details. */
export const asAppError = (err: unknown): AppError =>
  err instanceof AppError
    ? err
    : new AppError('INTERNAL_ERROR', 'Internal server error', { cause: err });
