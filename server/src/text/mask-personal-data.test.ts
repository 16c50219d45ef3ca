import { describe, expect, it } from 'vitest';
import { maskPersonalData, passesLuhn } from './mask-personal-data';

describe('passesLuhn', () => {
  it('accepts valid card numbers and rejects near misses', () => {
    expect(passesLuhn('4111111111111111')).toBe(true);
    expect(passesLuhn('5555555555554444')).toBe(true);
    expect(passesLuhn('378282246310005')).toBe(true);
    expect(passesLuhn('4111111111111112')).toBe(false);
    expect(passesLuhn('12a4')).toBe(false);
  });
});

describe('maskPersonalData', () => {
  it('masks email addresses', () => {
    const r = maskPersonalData('Mail me at jane.doe+shop@example.co.uk please');
    expect(r).toEqual({ text: 'Mail me at [email] please', masked: 1 });
  });

  it.each([
    ['+1 (555) 123-4567'],
    ['+44 20 7946 0958'],
    ['+49 30 1234567'],
    ['+4930123456'],
    ['555-123-4567'],
    ['(555) 123-4567'],
    ['555.123.4567'],
    ['555 123 4567'],
    ['1-800-555-0199'],
  ])('masks the phone number %s', (phone) => {
    const r = maskPersonalData(`call me on ${phone} tomorrow`);
    expect(r).toEqual({ text: 'call me on [phone] tomorrow', masked: 1 });
  });

  it.each([
    ['4111 1111 1111 1111'],
    ['4111-1111-1111-1111'],
    ['4111111111111111'],
    ['3782 822463 10005'],
    ['6011000990139424'],
  ])('masks the Luhn-valid card number %s', (card) => {
    const r = maskPersonalData(`my card is ${card}, charge it`);
    expect(r).toEqual({ text: 'my card is [card], charge it', masked: 1 });
  });

  it('leaves long numbers that fail the Luhn check alone (they are not cards)', () => {
    const r = maskPersonalData('order 4111111111111112 please');
    expect(r.masked).toBe(0);
    expect(r.text).toBe('order 4111111111111112 please');
  });

  it('masks several items and counts them', () => {
    const r = maskPersonalData(
      'I am bob@mail.com, phone 555-123-4567, card 5555 5555 5555 4444 and +44 20 7946 0958',
    );
    expect(r.text).toBe('I am [email], phone [phone], card [card] and [phone]');
    expect(r.masked).toBe(4);
  });

  it.each([
    'Show me laptops under $1,299',
    'phones under 300',
    'between 500 and 1000 dollars',
    'a budget of $500-$1000',
    'budget 500-1000',
    'Is IPH15PRO-256 in stock?',
    'the $1,299.99 one',
    'I paid 1299.99 in 2024',
    'top 3 tvs, 65 inch, 4k, 120 Hz',
    'Galaxy S24 Ultra 512GB',
    'price range 1000-2000',
  ])('does not mangle ordinary shopping text: %s', (text) => {
    expect(maskPersonalData(text)).toEqual({ text, masked: 0 });
  });
});
