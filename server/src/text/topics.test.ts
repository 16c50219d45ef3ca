import { describe, expect, it } from 'vitest';
import { singularize } from './singularize';
import { stem } from './stem';
import { extractTopics, tokenize } from './topics';

describe('singularize', () => {
  it.each([
    ['smartphones', 'smartphone'],
    ['phones', 'phone'],
    ['laptops', 'laptop'],
    ['batteries', 'battery'],
    ['accessories', 'accessory'],
    ['watches', 'watch'],
    ['boxes', 'box'],
    ['glasses', 'glass'],
    ['brushes', 'brush'],
    ['devices', 'device'],
    ['cases', 'case'],
    ['tvs', 'tv'],
    ['earbuds', 'earbud'],
    ['mice', 'mouse'],
    ['movies', 'movie'],
    ['lenses', 'lens'],
  ])('%s -> %s', (plural, singular) => {
    expect(singularize(plural)).toBe(singular);
  });

  it.each([
    'glass',
    'series',
    'wireless',
    'news',
    'headphones',
    'status',
    'ios',
    'lens',
    'phone',
    'gps',
    'tv',
  ])('keeps %s as is', (word) => {
    expect(singularize(word)).toBe(word);
  });
});

describe('tokenize', () => {
  it('keeps inner hyphens and apostrophes and drops other punctuation', () => {
    expect(tokenize("Wi-Fi 6E, don't you?! (USB-C)")).toEqual([
      'wi-fi',
      '6e',
      "don't",
      'you',
      'usb-c',
    ]);
  });
});

describe('extractTopics', () => {
  it('removes stop words, shopping filler, numbers and prices, folding plurals', () => {
    expect(extractTopics('Hi! Do you have any smartphones under $300? Please show me.')).toEqual([
      'smartphone',
    ]);
  });

  it('keeps repeats in order of appearance', () => {
    expect(extractTopics('Phones, laptops and more phones')).toEqual(['phone', 'laptop', 'phone']);
  });

  it('handles the words that look plural but are not', () => {
    expect(extractTopics('Wireless headphones with glass back, Galaxy series news')).toEqual([
      'wireless',
      'headphones',
      'glass',
      'back',
      'galaxy',
      'series',
      'news',
    ]);
  });

  it('drops amounts in every spelling', () => {
    expect(extractTopics('between 1,299 and 1.5k or 300usd, 2 batteries')).toEqual(['battery']);
  });

  it('folds possessives and returns nothing for pure filler', () => {
    expect(extractTopics("Sony's cameras")).toEqual(['sony', 'camera']);
    expect(extractTopics('Hello, what do you want? I need, I am looking!')).toEqual([]);
  });

  it('counts no masked personal data as a topic', () => {
    expect(
      extractTopics('call me at [phone] or [email] about phones: [card] [ssn] [iban]'),
    ).toEqual(['call', 'phone']);
  });

  it('keeps model tokens that mix letters and digits', () => {
    expect(extractTopics('Galaxy S24 vs iPhone 15')).toEqual(['galaxy', 's24', 'vs', 'iphone']);
  });
});

describe('stem', () => {
  it.each([
    ['wrapping', 'wrap'],
    ['shipping', 'ship'],
    ['shipped', 'ship'],
    ['opened', 'open'],
    ['returned', 'return'],
    ['passing', 'pass'],
    ['bring', 'bring'],
    ['need', 'need'],
    ['phone', 'phone'],
  ])('%s -> %s', (word, stemmed) => {
    expect(stem(word)).toBe(stemmed);
  });
});
