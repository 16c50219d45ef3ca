import { TRPCError } from '@trpc/server';
import type { TRPC_ERROR_CODE_KEY } from '@trpc/server/rpc';
import { ZodError } from 'zod';
import { AppError, type ErrorCode, type FieldIssue } from './errors';

/** The one table from domain error codes to tRPC codes and HTTP statuses. */
const TABLE: Record<ErrorCode, { trpc: TRPC_ERROR_CODE_KEY; status: number }> = {
  VALIDATION_ERROR: { trpc: 'BAD_REQUEST', status: 400 },
  UNSAFE_INPUT: { trpc: 'BAD_REQUEST', status: 400 },
  UNAUTHORIZED: { trpc: 'UNAUTHORIZED', status: 401 },
  FORBIDDEN: { trpc: 'FORBIDDEN', status: 403 },
  SESSION_NOT_FOUND: { trpc: 'NOT_FOUND', status: 404 },
  NOT_FOUND: { trpc: 'NOT_FOUND', status: 404 },
  METHOD_NOT_ALLOWED: { trpc: 'METHOD_NOT_SUPPORTED', status: 405 },
  CONFLICT: { trpc: 'CONFLICT', status: 409 },
  PAYLOAD_TOO_LARGE: { trpc: 'PAYLOAD_TOO_LARGE', status: 413 },
  UNSUPPORTED_MEDIA_TYPE: { trpc: 'UNSUPPORTED_MEDIA_TYPE', status: 415 },
  UNKNOWN_SKU: { trpc: 'UNPROCESSABLE_CONTENT', status: 422 },
  RATE_LIMITED: { trpc: 'TOO_MANY_REQUESTS', status: 429 },
  INTERNAL_ERROR: { trpc: 'INTERNAL_SERVER_ERROR', status: 500 },
  STORE_UNAVAILABLE: { trpc: 'SERVICE_UNAVAILABLE', status: 503 },
  MODEL_UNAVAILABLE: { trpc: 'SERVICE_UNAVAILABLE', status: 503 },
};

/** For errors tRPC raises itself (bad JSON, batch too large, unknown path...). */
const FROM_TRPC: Partial<Record<TRPC_ERROR_CODE_KEY, ErrorCode>> = {
  PARSE_ERROR: 'VALIDATION_ERROR',
  BAD_REQUEST: 'VALIDATION_ERROR',
  UNAUTHORIZED: 'UNAUTHORIZED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  METHOD_NOT_SUPPORTED: 'METHOD_NOT_ALLOWED',
  CONFLICT: 'CONFLICT',
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  UNSUPPORTED_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  UNPROCESSABLE_CONTENT: 'UNKNOWN_SKU',
  TOO_MANY_REQUESTS: 'RATE_LIMITED',
  SERVICE_UNAVAILABLE: 'STORE_UNAVAILABLE',
};

export const httpStatusOf = (code: ErrorCode): number => TABLE[code].status;

export function zodIssues(err: ZodError): FieldIssue[] {
  return err.issues.map((i) => ({
    path: i.path.map(String).join('.') || '(root)',
    message: i.message,
  }));
}

/** Turns a domain error into the TRPCError that carries it (as cause) with the right code. */
export function toTRPCError(err: AppError): TRPCError {
  return new TRPCError({ code: TABLE[err.code].trpc, message: err.message, cause: err });
}

export interface PublicError {
  code: ErrorCode;
  message: string;
  status: number;
  issues?: FieldIssue[];
  retryAfterSeconds?: number;
}

/** What a client may see of any error: stable code, message, field issues. Never a stack. */
export function publicError(err: unknown): PublicError {
  const cause = err instanceof TRPCError ? err.cause : err;
  if (cause instanceof AppError) {
    return {
      code: cause.code,
      message: cause.message,
      status: httpStatusOf(cause.code),
      ...(cause.extra.issues ? { issues: cause.extra.issues } : {}),
      ...(cause.extra.retryAfterSeconds !== undefined
        ? { retryAfterSeconds: cause.extra.retryAfterSeconds }
        : {}),
    };
  }
  if (cause instanceof ZodError) {
    const issues = zodIssues(cause);
    return {
      code: 'VALIDATION_ERROR',
      message: `Invalid input: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
      status: 400,
      issues,
    };
  }
  if (err instanceof TRPCError) {
    const code = FROM_TRPC[err.code];
    if (code) return { code, message: err.message, status: httpStatusOf(code) };
  }
  return { code: 'INTERNAL_ERROR', message: 'Internal server error', status: 500 };
}
