import type { KnowledgeDoc } from '@aisle/shared';
import { stem } from '../../text/stem';
import { extractTopics } from '../../text/topics';
import type { AnswerInput } from '../types';
import { faqTopics } from '../understand/intent';
import { listOf } from './wording';

// Words a question uses for what a policy calls something else.
const RELATED: Readonly<Record<string, readonly string[]>> = {
  deliver: ['ship', 'shipping', 'arrive'],
  delivery: ['ship', 'shipping', 'arrive'],
  arrive: ['ship', 'delivery', 'shipping'],
  ship: ['shipping', 'delivery'],
  money: ['refund'],
  guarantee: ['warranty'],
  broken: ['damaged', 'defective'],
  faulty: ['defective', 'damaged'],
  open: ['hours', 'store'],
  hour: ['open'],
  call: ['phone'],
  cost: ['$'],
  fee: ['$'],
};

const DURATION =
  /\b\d+(?:-\d+)?\s+(?:business\s+)?(?:days?|hours?|weeks?|years?)\b|\bsame\s+day\b/i;
// Any currency: "$5.99", "£2.30", "₹1,099", "12.99 EUR".
const MONEY = /\p{Sc}\s?\d|\d\s?[A-Z]{3}\b/u;

/** Splits policy text into sentences without breaking "$5.99", "24/7" or "aisle.example". */
export function sentencesOf(text: string): string[] {
  return text
    .split(/(?<=[.!?])\s+(?=[A-Z0-9"(])/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

const wordsOf = (text: string): Set<string> => new Set(extractTopics(text).map(stem));

function sentenceScore(sentence: string, asked: ReadonlySet<string>, question: string): number {
  const words = wordsOf(sentence);
  let score = 0;
  for (const word of asked) {
    if (words.has(word)) score += 2;
    else if ((RELATED[word] ?? []).some((r) => (r === '$' ? MONEY.test(sentence) : words.has(r))))
      score += 1;
  }
  // "how long" wants a duration, "how much" a price.
  if (/\bhow\s+long\b|\bwhen\b/i.test(question) && DURATION.test(sentence)) score += 2;
  if (/\bhow\s+much\b|\bcost|\bfee|\bprice/i.test(question) && MONEY.test(sentence)) score += 2;
  return score;
}

/** The sentences of a document that answer the question, in document order. */
export function relevantSentences(doc: KnowledgeDoc, question: string, max = 3): string[] {
  const asked = wordsOf(question);
  const sentences = sentencesOf(doc.text);
  const scored = sentences.map((s, i) => ({ s, i, score: sentenceScore(s, asked, question) }));
  const best = scored
    .filter((x) => x.score > 0)
    .sort((a, b) => b.score - a.score || a.i - b.i)
    .slice(0, max)
    .sort((a, b) => a.i - b.i)
    .map((x) => x.s);
  return best;
}

/** How each policy topic (understand/intent.ts FAQ_TOPICS) reads after "this store's". */
const TOPIC_NAMES: Readonly<Record<string, string>> = {
  shipping: 'shipping policy',
  returns: 'return policy',
  refunds: 'refund policy',
  warranty: 'warranty terms',
  payment: 'payment options',
  hours: 'opening hours',
  contact: 'contact details',
  'price-match': 'price-match policy',
  'order-tracking': 'order-tracking details',
  exchanges: 'exchange policy',
  services: 'service details',
  discounts: 'discount terms',
};

/**
 * No document of this store answers the question: say so plainly, name what is missing
 * ("I don't have this store's return policy") and point to the store. Never a guess, never
 * another store's (or the demo's) policy.
 */
export function noPolicyAnswer(question: string): string {
  const topics = faqTopics(question).flatMap((t) => TOPIC_NAMES[t] ?? []);
  const what = topics.length > 0 ? listOf(topics.slice(0, 2)) : 'policy on that';
  return `I don't have this store's ${what}, so I can't answer that, and I won't guess. Please contact the store directly; they can tell you. Is there a product I can help you find?`;
}

/** Answers a policy question only from the retrieved documents, naming each one used. */
export function faqAnswer(input: AnswerInput): string {
  const [main, ...others] = input.documents;
  if (main === undefined) return noPolicyAnswer(input.question);
  const found = relevantSentences(main, input.question);
  const sentences = found.length > 0 ? found : sentencesOf(main.text).slice(0, 2);
  const parts = [`From our ${main.title}: ${sentences.join(' ')}`];
  for (const doc of others) {
    const extra = relevantSentences(doc, input.question, 1);
    if (extra.length > 0) parts.push(`Also, from our ${doc.title}: ${extra.join(' ')}`);
  }
  parts.push('Is there anything else I can help you with?');
  return parts.join('\n\n');
}
