import { describe, expect, it } from 'vitest';
import { parseAmount, parseCount, parseRating, plainText, slug } from './plain-text';

describe('plainText', () => {
  it('drops tags, decodes entities and collapses whitespace', () => {
    expect(plainText('<p>Mars HeatTech&trade;<br />Pullover</p>\n<li>&bull; Soft</li>')).toBe(
      'Mars HeatTech™ Pullover • Soft',
    );
  });

  it('keeps plain text as written', () => {
    expect(plainText('Frankie  Sweatshirt ')).toBe('Frankie Sweatshirt');
  });
});

describe('parseAmount', () => {
  it('reads currency strings with Indian and Western digit grouping', () => {
    expect(parseAmount('₹1,39,900')).toBe(139900);
    expect(parseAmount('₹399')).toBe(399);
    expect(parseAmount('$1,099.50')).toBe(1099.5);
  });

  it('is undefined without a number', () => {
    expect(parseAmount('')).toBeUndefined();
    expect(parseAmount('₹')).toBeUndefined();
  });
});

describe('parseRating', () => {
  it('accepts 0..5 and refuses anything else', () => {
    expect(parseRating('4.2')).toBe(4.2);
    expect(parseRating('|')).toBeUndefined();
    expect(parseRating('7')).toBeUndefined();
    expect(parseRating(' ')).toBeUndefined();
  });
});

describe('parseCount', () => {
  it('reads whole counts with or without thousands commas, nothing else', () => {
    expect(parseCount('24,269')).toBe(24269);
    expect(parseCount(' 20 ')).toBe(20);
    expect(parseCount('4.5')).toBeUndefined();
    expect(parseCount('NA')).toBeUndefined();
    expect(parseCount('')).toBeUndefined();
  });
});

describe('slug', () => {
  it('keeps lowercase letters and digits, one dash for each run of anything else', () => {
    expect(slug('  Large / Black — 2XL ')).toBe('large-black-2xl');
    expect(slug('---')).toBe('');
  });
});
