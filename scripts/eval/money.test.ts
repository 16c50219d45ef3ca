import { describe, expect, it } from 'vitest';
import { amountsIn, budgetRangeBounds, budgetsIn } from './money';

describe('amountsIn', () => {
  it('reads amounts in the ways stores and answers write them', () => {
    const found = amountsIn(
      '$1,299.99, $1,299,999, ₹1,099, £2.30, 99p, 12.99 USD, €5, Rs. 450, 7 €',
    );
    expect(found.map((a) => [a.currency, a.amount])).toEqual([
      ['USD', 1299.99],
      ['USD', 1299999],
      ['INR', 1099],
      ['GBP', 2.3],
      ['GBP', 0.99],
      ['USD', 12.99],
      ['EUR', 5],
      ['INR', 450],
      ['EUR', 7],
    ]);
  });
  it('reads Indian digit grouping', () => {
    expect(amountsIn('₹1,09,999 and ₹12,34,567.50').map((a) => a.amount)).toEqual([
      109999, 1234567.5,
    ]);
  });
  it('ignores numbers that are not money', () => {
    expect(amountsIn('14k gold, 55 inch, 32GB, rated 4.5/5, pack of 2')).toEqual([]);
  });
});

describe('budgets', () => {
  it('reads written money, bare numbers and thousands', () => {
    expect(budgetsIn('under $500')).toContain(500);
    expect(budgetsIn('less than 25 dollars')).toContain(25);
    expect(budgetsIn('under 2k')).toContain(2000);
    expect(budgetsIn('under ₹1,500')).toContain(1500);
  });
  it('reads a saved budget range', () => {
    expect(budgetRangeBounds('20-50.5')).toEqual([20, 50.5]);
    expect(budgetRangeBounds(undefined)).toEqual([]);
  });
});
