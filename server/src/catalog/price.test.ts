import { describe, expect, it } from 'vitest';
import { currencyOf, dominantCurrency, parseMoney } from './price';

describe('parseMoney', () => {
  it.each([
    ['₹1,099', { amount: 1099, currency: 'INR', explicit: false }],
    ['₹9,99,999', { amount: 999999, currency: 'INR', explicit: false }],
    ['£2.30', { amount: 2.3, currency: 'GBP', explicit: false }],
    ['99p', { amount: 0.99, currency: 'GBP', explicit: false }],
    ['45¢', { amount: 0.45 }],
    ['1.299,00 €', { amount: 1299, currency: 'EUR', explicit: false }],
    ['12.99 USD', { amount: 12.99, currency: 'USD', explicit: true }],
    ['599 CZK', { amount: 599, currency: 'CZK', explicit: true }],
    ['eur 5', { amount: 5, currency: 'EUR', explicit: true }],
    ['CA$ 19.99', { amount: 19.99, currency: 'CAD', explicit: false }],
    ['$1,299.00', { amount: 1299, currency: 'USD', explicit: false }],
    ['Rs. 1,099', { amount: 1099, currency: 'INR', explicit: false }],
    ['1 299,50 Kč', { amount: 1299.5, currency: 'CZK', explicit: false }],
    ['12,5', { amount: 12.5 }],
    [19.999, { amount: 20 }],
    [
      { amount: '5.25', currency: 'usd' },
      { amount: 5.25, currency: 'USD', explicit: true },
    ],
  ])('%j -> %j', (input, expected) => {
    expect(parseMoney(input)).toEqual(expected);
  });

  it.each([['call us'], [''], ['10 - 20'], ['$5–$9'], [null], [true], ['1.2.3']])(
    '%j has no single amount',
    (input) => {
      expect(parseMoney(input)).toBeUndefined();
    },
  );

  it('takes a code over a symbol and ignores three-letter words that are not currencies', () => {
    expect(currencyOf('US$ 5 USD')).toEqual({ currency: 'USD', explicit: true });
    expect(currencyOf('5 kr')).toBeUndefined();
    expect(currencyOf('Box 5')).toBeUndefined();
  });
});

describe('dominantCurrency', () => {
  it('is the most common currency among products, with its share', () => {
    expect(dominantCurrency(['INR', 'INR', undefined, 'USD'])).toEqual({
      currency: 'INR',
      share: 0.5,
    });
    expect(dominantCurrency([undefined, undefined])).toBeUndefined();
  });
});
