import { AIMessage, HumanMessage, SystemMessage } from '@langchain/core/messages';
import { describe, expect, it } from 'vitest';
import { countTokens, createMessageTokenCounter } from './token-count';

describe('countTokens', () => {
  it('counts cl100k_base tokens offline', () => {
    expect(countTokens('')).toBe(0);
    expect(countTokens('hello world')).toBe(2);
    expect(countTokens('The quick brown fox jumps over the lazy dog.')).toBe(10);
  });

  it('counts special-token look-alikes in user text as plain text', () => {
    expect(countTokens('<|endoftext|>')).toBeGreaterThan(1);
  });
});

describe('createMessageTokenCounter', () => {
  it('adds the per-message and per-reply overhead of the chat format', () => {
    const count = createMessageTokenCounter();
    expect(count([])).toBe(3);
    expect(count([new HumanMessage('hello world')])).toBe(3 + 4 + 2);
    expect(
      count([new SystemMessage('hello world'), new HumanMessage('hi'), new AIMessage('hello')]),
    ).toBe(3 + 3 * 4 + 2 + countTokens('hi') + countTokens('hello'));
  });
});
