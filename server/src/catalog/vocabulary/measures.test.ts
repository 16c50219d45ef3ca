import { describe, expect, it } from 'vitest';
import { isMeasure, isModelNumber, isRequiredTerm, normalizeMeasures } from './measures';

describe('normalizeMeasures', () => {
  it.each([
    ['55 inch TV', '55in TV'],
    ['55" TV', '55in TV'],
    ['55-inch TV', '55in TV'],
    ['55 inches', '55in'],
    ['32GB', '32gb'],
    ['32 gb', '32gb'],
    ['1TB SSD', '1tb SSD'],
    ['4K UHD', '4k UHD'],
    ['500 ml', '500ml'],
    ['500ml', '500ml'],
    ['2.25kg', '2p25kg'],
    ['2.25 kg bag', '2p25kg bag'],
    ['1,5 l', '1p5l'],
    ['GoPro HERO3+ Black', 'GoPro HERO3 plus Black'],
  ])('%s -> %s', (text, expected) => {
    expect(normalizeMeasures(text)).toBe(expected);
  });

  it('is idempotent and leaves other numbers alone', () => {
    expect(normalizeMeasures(normalizeMeasures('2.25kg and 55"'))).toBe('2p25kg and 55in');
    expect(normalizeMeasures('iPhone 6 for 4 kids, 3 k')).toBe('iPhone 6 for 4 kids, 3 k');
    expect(normalizeMeasures('model 15in1')).toBe('model 15in1');
  });
});

describe('terms', () => {
  it('tells measures, model numbers and required terms apart', () => {
    expect(isMeasure('55in')).toBe(true);
    expect(isMeasure('2p25kg')).toBe(true);
    expect(isMeasure('6s')).toBe(false);
    expect(isModelNumber('6s')).toBe(true);
    expect(isModelNumber('32gb')).toBe(false);
    expect(isRequiredTerm('s24')).toBe(true);
    expect(isRequiredTerm('iphone6')).toBe(true);
    expect(isRequiredTerm('6')).toBe(false);
    expect(isRequiredTerm('iphone')).toBe(false);
  });
});
