/**
 * Domain errors: small classes with a stable `code`. They are mapped to tRPC codes and
 * HTTP statuses in exactly one place (transport/error-map.ts).
 */
export const ERROR_CODES = [
  'VALIDATION_ERROR',
  'UNAUTHORIZED',
  'FORBIDDEN',
  'SESSION_NOT_FOUND',
  'NOT_FOUND',
  'CONFLICT',
  'UNKNOWN_SKU',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'METHOD_NOT_ALLOWED',
  'RATE_LIMITED',
  'UNSAFE_INPUT',
  'STORE_UNAVAILABLE',
  'MODEL_UNAVAILABLE',
  'INTERNAL_ERROR',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface FieldIssue {
  path: string;
  message: string;
}

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly extra: { issues?: FieldIssue[]; retryAfterSeconds?: number; cause?: unknown } = {},
  ) {
    super(message, extra.cause === undefined ? undefined : { cause: extra.cause });
    this.name = 'AppError';
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

export class ModelUnavailableError extends AppError {
  constructor(message = 'The language model is unavailable; try again shortly', cause?: unknown) {
    super('MODEL_UNAVAILABLE', message, { cause });
    this.name = 'ModelUnavailableError';
  }
}

export const isAppError = (e: unknown): e is AppError => e instanceof AppError;
