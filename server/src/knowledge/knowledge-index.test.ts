import type { KnowledgeDoc } from '@aisle/shared';
import { describe, expect, it } from 'vitest';
import { loadDemoDocuments } from './demo';
import { createKnowledgeIndex } from './knowledge-index';

const doc = (id: string, title: string, text: string): KnowledgeDoc => ({ id, title, text });

describe('createKnowledgeIndex on the demo documents', () => {
  const index = createKnowledgeIndex(loadDemoDocuments());

  it.each([
    ['How long does shipping take?', 'shipping-policy'],
    ['Do you ship to Canada?', 'shipping-policy'],
    ['When will my delivery arrive?', 'shipping-policy'],
    ['Is delivery free?', 'shipping-policy'],
    ['What is your return policy?', 'returns-policy'],
    ['Can I return opened headphones?', 'returns-policy'],
    ['How long do refunds take?', 'refund-policy'],
    ['can I get my money back', 'refund-policy'],
    ['Does the iPhone come with a warranty?', 'warranty'],
    ['Do you have AppleCare?', 'warranty'],
    ['Which payment methods do you accept?', 'payment-methods'],
    ['Can I pay with PayPal?', 'payment-methods'],
    ['do you take klarna', 'payment-methods'],
    ['What are your opening hours?', 'store-hours-contact'],
    ['Are you open on Sunday?', 'store-hours-contact'],
    ["what's your phone number", 'store-hours-contact'],
    ['Do you price match?', 'price-match'],
    ['Where is my order?', 'order-tracking'],
    ['Can I cancel my order?', 'order-tracking'],
    ['Can I exchange a damaged item?', 'exchanges-damaged'],
    ['My laptop arrived broken', 'exchanges-damaged'],
    ['Do you have a student discount?', 'discounts'],
    ['refund polcy', 'refund-policy'],
    ['How long does shiping take?', 'shipping-policy'],
  ])('%s -> %s', (question, id) => {
    const hits = index.search(question);
    expect(hits[0]?.doc.id).toBe(id);
    expect(hits.length).toBeLessThanOrEqual(2);
  });

  it.each([
    'what is the weather',
    'tell me a joke',
    'cheapest phones under 300',
    'sony headphones',
    'is it waterproof',
    'Do you offer gift wrapping?',
    'is there a restocking fee',
    '',
  ])('finds nothing for the unrelated question %j', (question) => {
    expect(index.search(question)).toEqual([]);
  });

  it('honours the limit and returns scores best first', () => {
    const hits = index.search('return refund exchange shipping warranty', 5);
    expect(hits.length).toBeGreaterThan(1);
    expect(hits.length).toBeLessThanOrEqual(5);
    for (let i = 1; i < hits.length; i++) {
      expect(hits[i - 1]?.score ?? 0).toBeGreaterThanOrEqual(hits[i]?.score ?? 0);
    }
    expect(index.search('return refund exchange shipping warranty', 1)).toHaveLength(1);
  });
});

describe('createKnowledgeIndex maintenance', () => {
  it('upserts by id, removes, and reports its size', () => {
    const index = createKnowledgeIndex([
      doc(
        'gift-wrap',
        'Gift wrapping',
        'We gift wrap any order for $4.99 with a handwritten card.',
      ),
    ]);
    expect(index.size).toBe(1);
    expect(index.search('Do you offer gift wrapping?')[0]?.doc.id).toBe('gift-wrap');

    index.upsert([doc('gift-wrap', 'Gift wrapping', 'Gift wrapping is no longer offered, sorry.')]);
    expect(index.size).toBe(1);
    expect(index.search('gift wrapping')[0]?.doc.text).toMatch(/no longer offered/);
    expect(index.search('handwritten card')).toEqual([]);

    index.upsert([
      doc('trade-in', 'Trade-in program', 'Trade in your old phone for store credit.'),
    ]);
    expect(index.size).toBe(2);
    expect(index.remove('gift-wrap')).toBe(true);
    expect(index.remove('gift-wrap')).toBe(false);
    expect(index.size).toBe(1);
    expect(index.search('gift wrapping')).toEqual([]);
    expect(index.search('trade in my old phone')[0]?.doc.id).toBe('trade-in');
  });

  it('boosts titles over passing mentions', () => {
    const index = createKnowledgeIndex([
      doc('a', 'Loyalty program', 'Members earn points on every order.'),
      doc(
        'b',
        'Shipping',
        'Loyalty members and everyone else get free shipping over $50. Shipping is fast.',
      ),
    ]);
    expect(index.search('loyalty program')[0]?.doc.id).toBe('a');
  });
});
