import { describe, expect, it } from 'vitest';
import { classifyIntent, faqTopics, isGreeting } from './intent';

const none = { productSignals: false, followUp: false };

describe('isGreeting', () => {
  it.each([
    'hi',
    'Hello!',
    'hey there',
    'good evening, assistant',
    'thanks a lot',
    'who are you?',
    'yo',
  ])('greets back for %j', (q) => {
    expect(isGreeting(q)).toBe(true);
  });

  it.each(['hi, I need a phone', 'hello, what is your return policy?', 'history', 'high end tv'])(
    'is not just a greeting: %j',
    (q) => {
      expect(isGreeting(q)).toBe(false);
    },
  );
});

describe('faqTopics', () => {
  it.each([
    ['How much is express shipping?', ['shipping']],
    ['Can I return it for a refund?', ['returns', 'refunds']],
    ['Is there an extended warranty?', ['warranty']],
    ['Do you accept Apple Pay?', ['payment']],
    ['When are you open?', ['hours']],
    ['How can I contact customer service?', ['contact']],
    ['Will you match a price I found cheaper elsewhere?', ['price-match']],
    ['Can I cancel my order?', ['order-tracking']],
    ['It arrived damaged', ['exchanges']],
    ['Do you have a student discount?', ['discounts']],
    ['Do you offer gift wrapping?', ['services']],
  ])('%s -> %j', (q, topics) => {
    expect(faqTopics(q)).toEqual(topics);
  });

  it.each([
    'a fitness tracker to track my runs',
    'does it ship with a charger?',
    'laptops that deliver great performance',
    'a laptop bag',
    'phone with a big screen',
  ])('finds no policy topic in the product question %j', (q) => {
    expect(faqTopics(q)).toEqual([]);
  });
});

describe('classifyIntent', () => {
  it('orders greeting > faq > sales > product > other', () => {
    expect(classifyIntent('hello', { productSignals: true, followUp: false })).toBe('greeting');
    expect(
      classifyIntent('what is the warranty on it?', { productSignals: true, followUp: true }),
    ).toBe('faq');
    expect(
      classifyIntent('add the iPhone to my cart', { productSignals: true, followUp: false }),
    ).toBe('sales');
    expect(classifyIntent('buy it', { productSignals: false, followUp: true })).toBe('sales');
    expect(classifyIntent('buy it', none)).toBe('sales');
    expect(classifyIntent('phones', { productSignals: true, followUp: false })).toBe(
      'product_inquiry',
    );
    expect(classifyIntent('who won the game last night?', none)).toBe('other');
    expect(classifyIntent('do you sell drones?', none)).toBe('product_inquiry');
    expect(classifyIntent('drones?', none)).toBe('product_inquiry');
    expect(classifyIntent('???', none)).toBe('other');
  });
});
