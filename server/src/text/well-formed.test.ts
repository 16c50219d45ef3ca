import { describe, expect, it } from 'vitest';
import { wellFormed } from './well-formed';

describe('wellFormed', () => {
  it('replaces lone surrogates with U+FFFD in strings, arrays and object keys', () => {
    expect(wellFormed('a\ud800b\udc00')).toBe('a\ufffdb\ufffd');
    expect(wellFormed({ q: ['x\udbff'], 'k\ud800': { n: 1 } })).toEqual({
      q: ['x\ufffd'],
      'k\ufffd': { n: 1 },
    });
  });

  it('keeps pairs, other values and untouched inputs as they are', () => {
    const input = { q: 'ok 😀', n: 3, b: true, z: null, list: ['a'] };
    expect(wellFormed(input)).toBe(input);
    const date = new Date(0);
    expect(wellFormed({ date }).date).toBe(date);
  });
});
