import { randomUUID } from 'node:crypto';

export const REQUEST_ID_HEADER = 'x-request-id';

// Ids from a proxy or client are kept when they are plainly ids: bounded, no spaces, quotes
// or control characters that could forge log fields or split a header.
const SANE = /^[A-Za-z0-9._:@/+=-]{1,128}$/;

/** The caller's X-Request-Id when sane, else a new one. */
export function requestIdOf(header: string | string[] | undefined): string {
  const value = Array.isArray(header) ? header[0] : header;
  return value !== undefined && SANE.test(value) ? value : randomUUID();
}
