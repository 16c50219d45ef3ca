import type { BaseMessage } from '@langchain/core/messages';
import { Tiktoken } from 'js-tiktoken/lite';
import cl100kBase from 'js-tiktoken/ranks/cl100k_base';

// Built on first use: the ranks ship inside the package, so nothing is fetched at run time.
let encoder: Tiktoken | undefined;

/** Tokens in `text` under cl100k_base: close enough to budget any OpenAI-style model. */
export function countTokens(text: string): number {
  encoder ??= new Tiktoken(cl100kBase);
  // Special-token look-alikes in user text ("<|endoftext|>") count as plain text instead of throwing.
  return encoder.encode(text, [], []).length;
}

// OpenAI's chat format adds a few tokens per message (role, separators) and per reply.
const PER_MESSAGE = 4;
const PER_REPLY = 3;

/**
 * A message-list token counter for `trimMessages`. Counts are memoised by text because
 * `trimMessages` re-counts every prefix of the list (quadratic in the history length).
 */
export function createMessageTokenCounter(): (messages: BaseMessage[]) => number {
  const memo = new Map<string, number>();
  const count = (text: string): number => {
    let n = memo.get(text);
    if (n === undefined) {
      n = countTokens(text);
      memo.set(text, n);
    }
    return n;
  };
  return (messages) => messages.reduce((sum, m) => sum + PER_MESSAGE + count(m.text), PER_REPLY);
}
