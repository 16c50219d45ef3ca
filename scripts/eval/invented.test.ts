import { describe, expect, it } from 'vitest';
import type { TurnHistory } from './answer';
import { inventedFacts } from './invented';
import { answerOf, electronics, firstTurn, jewellery } from './test-fixtures';
import type { Truth } from './types';

const audit = (truth: Truth, text: string, skus: string[] = [], history = firstTurn('q')) =>
  inventedFacts(answerOf(truth, text, skus), truth, history).map((f) => f.check);

describe('products and prices', () => {
  it('passes products of the file at its prices', () => {
    expect(audit(jewellery, '1. Choker with Bead — $14.99', ['choker'])).toEqual([]);
  });
  it('flags an unknown sku and a changed price', () => {
    expect(audit(jewellery, '', ['made-up'])).toEqual(['invented:product']);
    const repriced = answerOf(jewellery, '', ['crane']);
    const first = repriced.products[0];
    if (first) first.price = 70;
    expect(inventedFacts(repriced, jewellery, firstTurn('q')).map((f) => f.check)).toEqual([
      'invented:price',
    ]);
  });
});

describe('ratings', () => {
  it('flags any rating claim in a store without ratings', () => {
    expect(audit(jewellery, 'Choker with Bead — $14.99, rated 0/5.', ['choker'])).toEqual([
      'invented:rating',
    ]);
    expect(audit(jewellery, 'Choker — $14.99, rated not rated.', ['choker'])).toEqual([
      'invented:rating',
    ]);
    expect(audit(jewellery, 'Our top-rated necklace: Choker — $14.99', ['choker'])).toEqual([
      'invented:rating',
    ]);
    expect(audit(jewellery, 'It has 4 stars.', ['choker'])).toEqual(['invented:rating']);
  });
  it('does not count rating or stock words quoted from the store’s own name or text', () => {
    const text =
      '**5 Star Hotel Towel** — $9. A hotel favourite, always in stock at our warehouse.';
    expect(audit(jewellery, text, ['towel'])).toEqual([]);
    // The same words about a product whose text does not hold them are claims.
    expect(audit(jewellery, 'Choker — $14.99, 5 stars, always in stock.', ['choker'])).toEqual([
      'invented:rating',
      'invented:stock',
    ]);
  });
  it('passes a store without ratings when the answer claims none', () => {
    expect(audit(jewellery, "I don't have ratings for this store's products.", ['choker'])).toEqual(
      [],
    );
  });
  it('checks rating numbers against the shown products when the store has ratings', () => {
    expect(audit(electronics, 'Acme 43 inch TV — ₹21,999, rated 4.2/5', ['tv1'])).toEqual([]);
    expect(audit(electronics, 'Acme 43 inch TV — ₹21,999, rated 4.8/5', ['tv1'])).toEqual([
      'invented:rating',
    ]);
    expect(audit(electronics, 'Acme 43 inch TV — ₹21,999, not rated', ['tv1'])).toEqual([
      'invented:rating',
    ]);
    expect(audit(electronics, 'Universal Remote — ₹499, not rated', ['remote'])).toEqual([]);
  });
});

describe('rating counts', () => {
  it('passes the count the file gives for a shown or earlier product, commas or not', () => {
    expect(
      audit(electronics, 'Acme 43 inch TV — ₹21,999, rated 4.2/5 (24,269 ratings)', ['tv1']),
    ).toEqual([]);
    expect(
      audit(
        electronics,
        'Acme 55 inch TV: rated 4.6/5 (1 rating), 24269 reviews for the 43 inch.',
        ['tv2'],
        {
          questions: ['a', 'b'],
          preferences: {},
          earlier: [electronics.products[0]].flatMap((p) => p ?? []),
        },
      ),
    ).toEqual([]);
  });
  it('flags a count that differs from the shown product’s', () => {
    expect(
      audit(electronics, 'Acme 43 inch TV — ₹21,999, rated 4.2/5 (24,270 ratings)', ['tv1']),
    ).toEqual(['invented:rating']);
    // Another product's count is not this one's when that product is not in the conversation.
    expect(audit(electronics, 'Acme 43 inch TV — rated 4.2/5 (1 rating)', ['tv1'])).toEqual([
      'invented:rating',
    ]);
  });
  it('flags a count the file does not give, and any count in a store without ratings', () => {
    expect(audit(electronics, 'HDMI Cable — ₹299, rated 3.9/5 (12 ratings)', ['cable'])).toEqual([
      'invented:rating',
    ]);
    expect(audit(jewellery, 'Choker with Bead — $14.99 (120 reviews)', ['choker'])).toEqual([
      'invented:rating',
    ]);
  });
  it('does not count review numbers quoted from the product’s own text', () => {
    expect(audit(jewellery, '5 Star Hotel Towel — $9, loved in 2,000 reviews', ['towel'])).toEqual(
      [],
    );
    expect(audit(jewellery, 'Choker — $14.99, loved in 2,000 reviews.', ['choker'])).toEqual([
      'invented:rating',
    ]);
  });
});

describe('stock', () => {
  it('flags stock claims in a store without stock', () => {
    expect(audit(jewellery, 'Choker — $14.99, in stock.', ['choker'])).toEqual(['invented:stock']);
    expect(audit(jewellery, 'Choker — $14.99, out of stock.', ['choker'])).toEqual([
      'invented:stock',
    ]);
    expect(audit(jewellery, 'Only 2 left!', ['choker'])).toEqual(['invented:stock']);
  });
  it('does not count a sentence saying the store gives no stock', () => {
    expect(
      audit(jewellery, "I can't tell whether it is in stock: the store does not say.", ['choker']),
    ).toEqual([]);
  });
  it('checks claims against the shown products when the store has stock', () => {
    expect(audit(electronics, 'Acme 43 inch TV: in stock (only 3 left).', ['tv1'])).toEqual([]);
    expect(audit(electronics, 'Acme 55 inch TV: out of stock.', ['tv2'])).toEqual([]);
    expect(audit(electronics, 'Acme 55 inch TV: in stock.', ['tv2'])).toEqual(['invented:stock']);
    expect(audit(electronics, 'HDMI Cable: 7 left.', ['cable'])).toEqual(['invented:stock']);
  });
});

describe('money', () => {
  it('passes shown prices, sums, differences, stated budgets and the saved budget', () => {
    const history: TurnHistory = {
      questions: ['necklaces under 50 dollars'],
      preferences: { budget_range: '10-40' },
      earlier: [],
    };
    const text =
      'Under $50: Choker $14.99, Crane $75.99 ($61 more; both for $90.98). Budget $10 to $40.';
    expect(audit(jewellery, text, ['choker', 'crane'], history)).toEqual([]);
  });
  it('passes money a shown product’s own text quotes, and earlier products’ prices', () => {
    expect(audit(jewellery, 'Save $5 with earrings.', ['threader'])).toEqual([]);
    const history: TurnHistory = {
      questions: ['a', 'b'],
      preferences: {},
      earlier: [electronics.products[0]].flatMap((p) => p ?? []),
    };
    expect(audit(electronics, 'The first one was ₹21,999.', ['cable'], history)).toEqual([]);
  });
  it('flags an amount no product or budget gives', () => {
    expect(audit(jewellery, 'Free shipping over $50.', ['choker'])).toEqual(['invented:money']);
  });
  it('flags amounts in another currency than the store’s', () => {
    expect(audit(electronics, 'HDMI Cable — $299', ['cable'])).toEqual(['invented:currency']);
    expect(audit(electronics, 'HDMI Cable — ₹299', ['cable'])).toEqual([]);
  });
});

describe('policy', () => {
  it('flags demo knowledge-base sentences and demo sources', () => {
    const demo =
      'Standard shipping takes 3-5 business days and costs $5.99; it is free on orders over $50.';
    expect(audit(jewellery, demo)).toContain('invented:policy');
    const cited = answerOf(jewellery, 'See our policy.', [], {
      sources: [{ id: 'returns-policy', title: 'Returns policy' }],
    });
    expect(inventedFacts(cited, jewellery, firstTurn('q')).map((f) => f.check)).toEqual([
      'invented:policy',
    ]);
  });
  it('passes an honest policy answer', () => {
    expect(audit(jewellery, "I don't have this store's shipping policy.")).toEqual([]);
  });
});
