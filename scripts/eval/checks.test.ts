import { describe, expect, it } from 'vitest';
import { checkTurn } from './checks';
import { answerOf, electronics, isEarrings, isNecklace, jewellery } from './test-fixtures';
import type { Expectation, Truth } from './types';

const noContext = { shown: [] };
const checksOf = (
  expect: Expectation,
  answer: ReturnType<typeof answerOf>,
  truth: Truth = jewellery,
) => checkTurn(expect, answer, truth, noContext).map((f) => f.check);

describe('intent', () => {
  it('passes an accepted intent, one or several', () => {
    const greeting = answerOf(jewellery, 'Hi!', [], { intent: 'greeting' });
    expect(checksOf({ intent: 'greeting' }, greeting)).toEqual([]);
    expect(checksOf({ intent: ['faq', 'greeting'] }, greeting)).toEqual([]);
  });
  it('fails another intent', () => {
    expect(checksOf({ intent: 'faq' }, answerOf(jewellery, 'Hi!'))).toEqual(['intent']);
  });
});

describe('match and min', () => {
  it('passes when the first shown matches and enough do', () => {
    const answer = answerOf(jewellery, 'Necklaces:', ['crane', 'choker', 'galaxy']);
    expect(checksOf({ match: isNecklace, min: 2 }, answer)).toEqual([]);
  });
  it('fails when the first shown does not match', () => {
    const answer = answerOf(jewellery, 'Necklaces:', ['galaxy', 'crane']);
    expect(checksOf({ match: isNecklace }, answer)).toEqual(['match:first']);
  });
  it('fails when fewer than min match', () => {
    const answer = answerOf(jewellery, 'Necklaces:', ['crane', 'galaxy']);
    expect(checksOf({ match: isNecklace, min: 2 }, answer)).toEqual(['match:min']);
  });
  it('fails when nothing is shown', () => {
    expect(checksOf({ match: isNecklace }, answerOf(jewellery, 'Sorry.'))).toEqual(['match']);
  });
  it('counts a product the truth does not have as no match', () => {
    const answer = answerOf(jewellery, 'Necklaces:', ['made-up']);
    expect(checksOf({ match: isNecklace }, answer)).toEqual(['match:first', 'match:min']);
  });
  it('reports a predicate that matches no truth product as a set bug', () => {
    const answer = answerOf(jewellery, 'Rings:', ['crane']);
    expect(checksOf({ match: (p) => /ring\b/i.test(p.name) }, answer)).toEqual(['set']);
  });
  it('gives predicates the products earlier turns showed', () => {
    const answer = answerOf(jewellery, 'More on it:', ['galaxy']);
    const second: Expectation = { match: (p, { shown }) => p.sku === shown[0]?.[1]?.sku };
    const shown = [['angel', 'galaxy'].flatMap((sku) => jewellery.bySku.get(sku) ?? [])];
    expect(checkTurn(second, answer, jewellery, { shown })).toEqual([]);
    expect(
      checkTurn(second, answerOf(jewellery, 'x', ['angel']), jewellery, { shown }),
    ).not.toEqual([]);
  });
});

describe('best', () => {
  it('passes the cheapest first, ties allowed', () => {
    expect(
      checksOf({ match: isNecklace, best: 'price_asc' }, answerOf(jewellery, '', ['choker'])),
    ).toEqual([]);
    expect(
      checksOf({ match: isNecklace, best: 'price_asc' }, answerOf(jewellery, '', ['threader'])),
    ).toEqual([]);
  });
  it('fails a product that is not the cheapest of all matching (not only of those shown)', () => {
    expect(
      checksOf(
        { match: isNecklace, best: 'price_asc' },
        answerOf(jewellery, '', ['crane', 'choker']),
      ),
    ).toEqual(['best:price_asc']);
  });
  it('judges price_desc and rating_desc', () => {
    expect(
      checksOf({ match: isEarrings, best: 'price_desc' }, answerOf(jewellery, '', ['galaxy'])),
    ).toEqual([]);
    expect(
      checksOf({ match: isEarrings, best: 'price_desc' }, answerOf(jewellery, '', ['angel'])),
    ).toEqual(['best:price_desc']);
    expect(
      checksOf({ best: 'rating_desc' }, answerOf(electronics, '', ['tv2']), electronics),
    ).toEqual([]);
    expect(
      checksOf({ best: 'rating_desc' }, answerOf(electronics, '', ['tv1']), electronics),
    ).toEqual(['best:rating_desc']);
  });
  it('reports rating_desc on a file without ratings as a set bug', () => {
    expect(checksOf({ best: 'rating_desc' }, answerOf(jewellery, '', ['crane']))).toEqual(['set']);
  });
});

describe('all', () => {
  const underTwenty = (p: { price: number }) => p.price <= 20;
  it('passes when every shown product satisfies it', () => {
    expect(checksOf({ all: underTwenty }, answerOf(jewellery, '', ['choker', 'angel']))).toEqual(
      [],
    );
  });
  it('fails when one does not', () => {
    expect(checksOf({ all: underTwenty }, answerOf(jewellery, '', ['choker', 'galaxy']))).toEqual([
      'all',
    ]);
  });
});

describe('notCarried', () => {
  it('passes an answer that says the store lacks it, with or without labelled alternatives', () => {
    for (const text of [
      "Sorry, I couldn't find any engagement rings in our catalog.",
      "We don't carry running shoes. The closest alternatives: ...",
      'No exact match for the iPhone 6; here are the closest options:',
    ])
      expect(checksOf({ notCarried: true }, answerOf(jewellery, text, ['crane']))).toEqual([]);
  });
  it('fails an answer that presents products as if they were it', () => {
    const text = 'Here are 2 products matching "diamond engagement rings": 1. Galaxy Earrings';
    expect(checksOf({ notCarried: true }, answerOf(jewellery, text, ['galaxy']))).toEqual([
      'notCarried',
    ]);
  });
});

describe('policyUnknown and noProducts', () => {
  const honest = "I don't have this store's return policy; please contact the store.";
  it('passes an honest answer without sources or products', () => {
    expect(
      checksOf({ policyUnknown: true, noProducts: true }, answerOf(jewellery, honest)),
    ).toEqual([]);
  });
  it('fails demo policy text, cited sources, a confident answer and shown products', () => {
    const demo = 'You can return most products within 30 days of delivery for any reason.';
    expect(checksOf({ policyUnknown: true }, answerOf(jewellery, demo))).toEqual([
      'policyUnknown',
      'policyUnknown:demo',
    ]);
    const cited = answerOf(jewellery, honest, [], {
      sources: [{ id: 'returns', title: 'Returns' }],
    });
    expect(checksOf({ policyUnknown: true }, cited)).toEqual(['policyUnknown:sources']);
    expect(checksOf({ noProducts: true }, answerOf(jewellery, honest, ['crane']))).toEqual([
      'noProducts',
    ]);
  });
});

describe('says and saysNot', () => {
  it('checks each pattern', () => {
    const answer = answerOf(jewellery, 'We have necklaces from $14.99.');
    expect(checksOf({ says: /necklaces/, saysNot: /rated/ }, answer)).toEqual([]);
    expect(checksOf({ says: [/necklaces/, /earrings/] }, answer)).toEqual(['says']);
    expect(checksOf({ saysNot: /\$14\.99/ }, answer)).toEqual(['saysNot']);
  });
  it('gives the same verdict every time for a global pattern', () => {
    const answer = answerOf(jewellery, 'We have necklaces.');
    const says = { says: /necklaces/g };
    expect([checksOf(says, answer), checksOf(says, answer)]).toEqual([[], []]);
  });
});
