import { describe, expect, it } from 'vitest';
import { fallbackSku, groupByHandle, variantOptions } from './shopify-rows';

const row = (cells: Record<string, string>) => cells;

describe('groupByHandle', () => {
  it('makes one product per titled handle, its variants the rows with a price, SKU or option', () => {
    const rows = [
      row({ Handle: 'pot', Title: 'Pot', 'Option1 Name': 'Size', 'Option1 Value': 'Small' }),
      row({ Handle: 'pot', 'Option1 Value': 'Large', 'Variant Price': '9' }),
      row({ Handle: 'pot', 'Image Src': 'pot.jpg' }),
      row({ Handle: 'orphan', 'Variant Price': '3' }),
      row({ Handle: '', Title: 'No handle', 'Variant Price': '1' }),
    ];
    const products = groupByHandle(rows);
    expect(products.map((p) => [p.handle, p.head.Title, p.variants.length])).toEqual([
      ['pot', 'Pot', 2],
    ]);
  });
});

describe('variantOptions', () => {
  it('lowercases named options, names unnamed ones, and skips the Default Title placeholder', () => {
    const head = row({ 'Option1 Name': 'Size', 'Option2 Name': '', 'Option3 Name': 'Title' });
    const variant = row({
      'Option1 Value': 'Large',
      'Option2 Value': 'Blue',
      'Option3 Value': 'Default Title',
    });
    expect(variantOptions(head, variant)).toEqual({
      attributes: { size: 'large', option2: 'blue' },
      values: ['Large', 'Blue'],
    });
  });
});

describe('fallbackSku', () => {
  it('adds the slugged options only when the product has several variants', () => {
    expect(fallbackSku('pot', true, ['Large', 'Blue / Green'])).toBe('pot/large-blue-green');
    expect(fallbackSku('pot', false, ['Large'])).toBe('pot');
    expect(fallbackSku('pot', true, [])).toBe('pot');
  });
});
