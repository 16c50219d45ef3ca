import { describe, expect, it } from 'vitest';
import { AppError } from '../errors';
import { beforeBoundMs, decodeHistoryCursor, encodeHistoryCursor } from './conversation-paging';

describe('conversation paging bounds', () => {
  it('reads back every cursor it issues', () => {
    for (const position of [
      { score: 0, seq: 0 },
      { score: 1_767_225_600_000_999, seq: 123_456 },
      { score: Number.MAX_SAFE_INTEGER, seq: 1 },
    ]) {
      const cursor = encodeHistoryCursor(position);
      expect(cursor).toMatch(/^[A-Za-z0-9_-]{1,64}$/);
      expect(decodeHistoryCursor(cursor)).toEqual(position);
    }
  });

  it('refuses what it did not issue with VALIDATION_ERROR naming cursor', () => {
    const b64 = (text: string) => Buffer.from(text).toString('base64url');
    for (const bad of [
      '',
      'abc',
      b64('1:'),
      b64('-1:2'),
      b64('1.5:2'),
      b64('99999999999999999:1'),
    ]) {
      const err = (() => {
        try {
          decodeHistoryCursor(bad);
        } catch (e) {
          return e;
        }
        return undefined;
      })();
      expect(err, bad).toBeInstanceOf(AppError);
      expect((err as AppError).code).toBe('VALIDATION_ERROR');
      expect((err as AppError).extra.issues?.[0]?.path).toBe('cursor');
    }
  });

  it('rounds a sub-millisecond before up, so that millisecond still counts as older', () => {
    const at = Date.parse('2026-01-01T00:00:00.001Z');
    expect(beforeBoundMs('2026-01-01T00:00:00.001Z')).toBe(at);
    expect(beforeBoundMs('2026-01-01T00:00:00.0010Z')).toBe(at);
    expect(beforeBoundMs('2026-01-01T00:00:00.0015Z')).toBe(at + 1);
    expect(beforeBoundMs('2026-01-01T02:00:00.001+02:00')).toBe(at);
    expect(beforeBoundMs('2026-01-01T00:00:00Z')).toBe(at - 1);
  });
});
