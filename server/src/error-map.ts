import { TRPCError } from '@trpc/server';
import type { TRPC_ERROR_CODE_KEY } from '@trpc/server/rpc';
import { ZodError } from 'zod';
import { AppError, type ErrorCode, type FieldIssue, httpStatusOf, rpcCodeOf } from './errors';

/**
 * What a client may see of any thrown value. Domain errors carry their own status (errors.ts);
 * this only reads them, and names the errors tRPC or zod raise themselves (bad JSON, batch
 * too large, unknown path, input validation) in the same vocabulary.
 */
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

export function zodIssues(err: ZodError): FieldIssue[] {
  return err.issues.map((i) => ({
    path: i.path.map(String).join('.') || '(root)',
    message: i.message,
  }));
}

export interface PublicError {
  code: ErrorCode;
  message: string;
  status: number;
  rpcCode: TRPC_ERROR_CODE_KEY;
  issues?: FieldIssue[];
  retryAfterSeconds?: number;
}

/** Stable code, message, field issues. Never a stack. */
export function publicError(err: unknown): PublicError {
  // tRPC wraps whatever a procedure threw in a TRPCError; the domain error is its cause.
  const cause = err instanceof TRPCError ? err.cause : err;
  if (cause instanceof AppError) {
    return {
      code: cause.code,
      message: cause.message,
      status: cause.status,
      rpcCode: cause.rpcCode,
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
      rpcCode: 'BAD_REQUEST',
      issues,
    };
  }
  if (err instanceof TRPCError) {
    const code = FROM_TRPC[err.code];
    if (code) return { code, message: err.message, status: httpStatusOf(code), rpcCode: err.code };
  }
  return {
    code: 'INTERNAL_ERROR',
    message: 'Internal server error',
    status: 500,
    rpcCode: rpcCodeOf('INTERNAL_ERROR'),
  };
}
