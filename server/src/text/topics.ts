import { PLACEHOLDER } from './mask-personal-data';
import { singularize } from './singularize';
import { STOP_WORDS } from './stop-words';

// Letters and digits, keeping inner hyphens and apostrophes ("wi-fi", "don't").
const TOKEN = /[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu;

// Pure numbers, prices and amounts ("300", "1,299", "1.5k", "300usd"): not topics.
const NUMBERISH = /^\d+(?:[.,]\d+)*(?:k|usd|eur|gbp|dollars?|bucks)?$/;

/** Lowercased word tokens of a text, inner hyphens and apostrophes kept. */
export function tokenize(text: string): string[] {
  return (text.toLowerCase().match(TOKEN) ?? []).map((t) => t.replace(/’/g, "'"));
}

/**
 * Meaningful words of a question for analytics: lowercased, punctuation, stop words and
 * numbers removed, plurals folded to singular. Repeats kept, in order of appearance.
 * Masked personal data is no topic: "call me at [phone]" is not a question about phones.
 */
export function extractTopics(text: string): string[] {
  const topics: string[] = [];
  for (const token of tokenize(text.replace(PLACEHOLDER, ' '))) {
    if (STOP_WORDS.has(token) || NUMBERISH.test(token)) continue;
    const word = singularize(token.replace(/'s$/, ''));
    if (word.length < 2 || STOP_WORDS.has(word)) continue;
    topics.push(word);
  }
  return topics;
}
