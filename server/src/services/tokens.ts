import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** 144 random bits from the CSPRNG, URL-safe; matches the public session id pattern. */
export const newSessionId = (): string => `s_${randomBytes(18).toString('base64url')}`;

/** 256 random bits; only its hash is ever stored. */
export const newSessionToken = (): string => randomBytes(32).toString('base64url');

export const hashToken = (token: string): string =>
  createHash('sha256').update(token, 'utf8').digest('hex');

/** Constant-time comparison of a presented token against the stored hash. */
export function tokenMatches(token: string, storedHash: string): boolean {
  const presented = Buffer.from(hashToken(token), 'hex');
  const stored = Buffer.from(storedHash, 'hex');
  return presented.length === stored.length && timingSafeEqual(presented, stored);
}
