import { describe, expect, it } from 'vitest';
import { askedWords, isSizePhrase } from './asked-words';

describe('askedWords: what the store lacks, in the shopper’s words', () => {
  it('quotes a model as written, without the sentence’s punctuation', () => {
    expect(askedWords('Do you have the iPhone 6?', { text: 'iphone 6' }, ['iphone6'])).toEqual([
      'iPhone 6',
    ]);
    expect(askedWords('got a "Roku 3"', { text: 'roku 3' }, ['roku3'])).toEqual(['Roku 3']);
    expect(askedWords('Galaxy S3, please', { text: 'galaxy s3' }, ['s3'])).toEqual(['Galaxy S3']);
    expect(askedWords('a Galaxy S3', { text: 's3', names: ['galaxy'] }, ['s3'])).toEqual([
      'Galaxy S3',
    ]);
    // A word the search dropped is no part of the model's name.
    expect(askedWords('I need S3 now', { text: 's3' }, ['s3'])).toEqual(['S3']);
    expect(
      askedWords('WH-1000XM2 headphones', { text: 'wh-1000xm2 headphones' }, ['1000xm2']),
    ).toEqual(['WH-1000XM2']);
  });

  it('quotes a size however it was written, not as the index spells it', () => {
    expect(askedWords('an 85 inch tv', { text: '85in tv' }, ['85in'])).toEqual(['85 inch']);
    expect(askedWords('85" tv?', { text: '85in tv' }, ['85in'])).toEqual(['85"']);
    expect(askedWords('oat milk 2.25kg', { text: 'oat milk 2p25kg' }, ['2p25kg'])).toEqual([
      '2.25kg',
    ]);
  });

  it('reads sizes side by side as one thing, and separate ones apart', () => {
    expect(askedWords('a 85 inch 8K tv', { text: '85in 8k tv' }, ['85in', '8k'])).toEqual([
      '85 inch 8K',
    ]);
    expect(askedWords('iPhone 6 or a 40 inch tv', { text: '' }, ['iphone6', '40in'])).toEqual([
      'iPhone 6',
      '40 inch',
    ]);
  });

  it('names a model with the words before it that the search kept', () => {
    const watch = { text: 'watch series 8', names: ['Apple'] };
    expect(askedWords('Do you have the Apple Watch Series 8?', watch, ['series8'])).toEqual([
      'Apple Watch Series 8',
    ]);
    // Sizes stand alone: "TV" before "85 inch" is not part of the size.
    expect(askedWords('tv 85 inch', { text: 'tv 85in' }, ['85in'])).toEqual(['85 inch']);
  });

  it('quotes nothing the shopper did not write', () => {
    // The search text was rewritten ("JBL Go 2" read as "jbl 2"): no claim about "jbl 2".
    expect(askedWords('tell me about the JBL Go 2', { text: 'jbl 2' }, ['jbl2'])).toEqual([]);
    expect(askedWords('something', { text: 'other' }, ['x99'])).toEqual([]);
  });

  it('does not read "141 in stock" as a size of 141 inches', () => {
    const q = 'is the boAt Airdopes 141 in stock?';
    expect(askedWords(q, { text: 'boat airdopes 141in stock' }, ['141in'])).toEqual([]);
    expect(askedWords('a tv, 85 in', { text: 'tv 85in' }, ['85in'])).toEqual(['85 in']);
  });
});

describe('isSizePhrase', () => {
  it('tells a size from a model', () => {
    expect(isSizePhrase('85 inch')).toBe(true);
    expect(isSizePhrase('4K')).toBe(true);
    expect(isSizePhrase('500 ml')).toBe(true);
    expect(isSizePhrase('iPhone 6')).toBe(false);
    expect(isSizePhrase('S24')).toBe(false);
  });
});
