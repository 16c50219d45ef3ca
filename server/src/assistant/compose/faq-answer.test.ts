import type { KnowledgeDoc } from '@aisle/shared';
import { describe, expect, it } from 'vitest';
import { relevantSentences, sentencesOf } from './faq-answer';

const DOC: KnowledgeDoc = {
  id: 'shipping',
  title: 'Shipping policy',
  text: 'We ship to the US and Canada. Our store is open 24/7 at aisle.example. Standard shipping takes 3-5 business days and costs $5.99. Express costs $14.99. Returns are free.',
};

describe('sentencesOf', () => {
  it('splits on sentence ends without breaking prices, 24/7 or domains', () => {
    expect(sentencesOf(DOC.text)).toEqual([
      'We ship to the US and Canada.',
      'Our store is open 24/7 at aisle.example.',
      'Standard shipping takes 3-5 business days and costs $5.99.',
      'Express costs $14.99.',
      'Returns are free.',
    ]);
  });
});

describe('relevantSentences', () => {
  it('prefers durations for "how long" and prices for "how much", in document order', () => {
    expect(relevantSentences(DOC, 'How long does shipping take?', 1)).toEqual([
      'Standard shipping takes 3-5 business days and costs $5.99.',
    ]);
    expect(relevantSentences(DOC, 'How much does express cost?', 2)).toEqual([
      'Standard shipping takes 3-5 business days and costs $5.99.',
      'Express costs $14.99.',
    ]);
  });

  it('matches related words and returns nothing when nothing relates', () => {
    expect(relevantSentences(DOC, 'Do you deliver to Canada?', 1)).toEqual([
      'We ship to the US and Canada.',
    ]);
    expect(relevantSentences(DOC, 'zebra', 2)).toEqual([]);
  });
});
