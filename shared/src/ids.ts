import { z } from 'zod';

/** Client-supplied session ids: URL-safe, long enough not to be guessable by accident. */
export const SESSION_ID_PATTERN = /^[A-Za-z0-9._-]{8,128}$/;

export const SessionIdSchema = z
  .string()
  .regex(SESSION_ID_PATTERN, 'sessionId must match ^[A-Za-z0-9._-]{8,128}$');

export const SkuSchema = z
  .string()
  .trim()
  .min(1, 'sku must not be empty')
  .max(64, 'sku must be at most 64 characters');
