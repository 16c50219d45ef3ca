import { createHash } from 'node:crypto';

/**
 * A session id as logs show it: the first 12 hex digits of its SHA-256. Lines of one session
 * can be followed (and an operator who has an id can hash it to grep), but a log reader
 * cannot take the id itself to the API.
 */
export function sessionHash(sessionId: string): string {
  return createHash('sha256').update(sessionId).digest('hex').slice(0, 12);
}
