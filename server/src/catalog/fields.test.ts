import { describe, expect, it } from 'vitest';
import { mapRecord } from './fields';

const product = (raw: Record<string, unknown>) => {
  const mapped = mapRecord(raw);
  if (!mapped.ok) throw new Error(mapped.reason);
  return mapped.product;
};

describe('mapRecord keeps what the store gave', () => {
  it('reads an electronics export: objectID, salePrice, manufacturer, categories array', () => {
    expect(
      product({
        objectID: '5477500',
        name: 'Insignia™ - 19&quot; Class LED HDTV',
        salePrice: 89.99,
        regularPrice: 109.99,
        manufacturer: 'Insignia&#153;',
        shortDescription: '<p>720p resolution</p>',
        categories: ['TV & Home Theater', 'TVs', 'Flat-Panel TVs'],
      }),
    ).toEqual({
      sku: '5477500',
      name: 'Insignia™ - 19" Class LED HDTV',
      brand: 'Insignia™',
      category: 'Flat-Panel TVs',
      category_path: ['TV & Home Theater', 'TVs', 'Flat-Panel TVs'],
      price: 89.99,
      description: '720p resolution',
      tags: [],
    });
  });

  it('reads a marketplace row: discounted_price wins, rating count, links, INR', () => {
    const p = product({
      product_id: 'B07JW9H4J1',
      product_name: 'Wayona Nylon Braided USB Cable',
      category: 'Computers&Accessories|Accessories&Peripherals|Cables&Accessories|USBCables',
      discounted_price: '₹399',
      actual_price: '₹1,099',
      discount_percentage: '64%',
      rating: '4.2',
      rating_count: '24,269',
      about_product: 'High Compatibility|Fast Charging',
      img_link: 'https://m.media-amazon.com/images/I/41.jpg',
      product_link: 'https://www.amazon.in/dp/B07JW9H4J1',
    });
    expect(p).toMatchObject({
      sku: 'B07JW9H4J1',
      price: 399,
      currency: 'INR',
      category: 'USBCables',
      rating: 4.2,
      rating_count: 24269,
      url: 'https://www.amazon.in/dp/B07JW9H4J1',
      image: 'https://m.media-amazon.com/images/I/41.jpg',
      description: 'High Compatibility|Fast Charging',
    });
    expect(p.category_path).toHaveLength(4);
    expect(p).not.toHaveProperty('stock');
    expect(p).not.toHaveProperty('availability');
    expect(p.brand).toBe('');
  });

  it('falls back to the regular price when the sale price is blank or zero', () => {
    expect(product({ id: 'a', name: 'A', sale_price: '', price: '5' }).price).toBe(5);
    expect(product({ id: 'a', name: 'A', sale_price: '0', regular_price: '£7' })).toMatchObject({
      price: 7,
      currency: 'GBP',
    });
    expect(product({ id: 'a', name: 'A', price: '0' }).price).toBe(0);
  });

  it('never defaults rating, stock or availability; derives availability from a count', () => {
    const bare = product({ sku: 'x', name: 'X', price: 1 });
    for (const field of ['rating', 'rating_count', 'stock', 'availability', 'currency']) {
      expect(bare).not.toHaveProperty(field);
    }
    expect(product({ sku: 'x', name: 'X', price: 1, qty: '0' })).toMatchObject({
      stock: 0,
      availability: 'out_of_stock',
    });
    expect(product({ sku: 'x', name: 'X', price: 1, stock: 'In stock' })).toMatchObject({
      availability: 'in_stock',
    });
    expect(product({ sku: 'x', name: 'X', price: 1, stock: 'In stock' })).not.toHaveProperty(
      'stock',
    );
    expect(
      product({ sku: 'x', name: 'X', price: 1, qty: 8, availability: 'out of stock' }),
    ).toMatchObject({ stock: 0, availability: 'out_of_stock' });
    // A count without a rating says nothing.
    expect(product({ sku: 'x', name: 'X', price: 1, reviews: 12 })).not.toHaveProperty(
      'rating_count',
    );
  });

  it('keeps facet columns and attribute objects as attributes, named as the store wrote them', () => {
    expect(
      product({
        sku: 'x',
        name: 'X',
        price: 1,
        Colour: 'Red',
        weight: '150g',
        country: 'NA',
        attributes: [{ name: 'Capacity', value: '500 ml' }],
      }).attributes,
    ).toEqual({ Colour: 'Red', weight: '150g', Capacity: '500 ml' });
  });

  it('keeps the store category as written; no category leaves the placeholder without a path', () => {
    expect(product({ sku: 'x', name: 'X', price: 1, type: 'Notebooks' })).toMatchObject({
      category: 'Notebooks',
      category_path: ['Notebooks'],
    });
    const none = product({ sku: 'x', name: 'X', price: 1 });
    expect(none.category).toBe('other');
    expect(none).not.toHaveProperty('category_path');
  });

  it('reads currency from a column over the price symbol', () => {
    expect(product({ sku: 'x', name: 'X', price: '$5', currency: 'cad' }).currency).toBe('CAD');
    expect(mapRecord({ sku: 'x', name: 'X', price: '$5' })).toMatchObject({
      currencyFromSymbol: true,
    });
  });
});
