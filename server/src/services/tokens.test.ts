import { SESSION_ID_PATTERN } from '@aisle/shared';
import { describe, expect, it } from 'vitest';
import { hashToken, newSessionId, newSessionToken, tokenMatches } from './tokens';

describe('tokens', () => {
  it('generates ids that match the public pattern and carry >= 128 bits', () => {
    const ids = new Set(Array.from({ length: 1000 }, newSessionId));
    expect(ids.size).toBe(1000);
    for (const id of ids) {
      expect(id).toMatch(SESSION_ID_PATTERN);
      expect(Buffer.from(id.slice(2), 'base64url').length * 8).toBeGreaterThanOrEqual(128);
    }
  });

  it('stores only a hash and verifies the token against it', () => {
    const token = newSessionToken();
    expect(Buffer.from(token, 'base64url').length * 8).toBeGreaterThanOrEqual(128);
    const hash = hashToken(token);
    expect(hash).not.toContain(token);
    expect(tokenMatches(token, hash)).toBe(true);
    expect(tokenMatches(`${token}x`, hash)).toBe(false);
    expect(tokenMatches(newSessionToken(), hash)).toBe(false);
    expect(tokenMatches(token, 'not-hex')).toBe(false);
  });
});
