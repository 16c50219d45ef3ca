import { describe, expect, it } from 'vitest';
import { wordChunks } from './word-chunks';

describe('wordChunks', () => {
  it('splits into words that concatenate back exactly, whitespace included', () => {
    for (const text of ['Hello  world!\n\n1. **A** — $5', '  leading and trailing  ', '', 'one']) {
      expect(wordChunks(text).join('')).toBe(text);
    }
    expect(wordChunks('a b\nc')).toEqual(['a', ' b', '\nc']);
  });
});
