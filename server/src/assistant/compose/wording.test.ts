import { describe, expect, it } from 'vitest';
import { product } from '../understand/test-fixtures';
import { shortName } from './plain-text';
import { BAG, BANANAS, CABLE, EARPHONES } from './store-fixtures';
import {
  attributesText,
  budgetText,
  categoryLabel,
  categoryName,
  descriptionText,
  formatPrice,
  formatRating,
  highlightsOf,
  keyFact,
  listOf,
  plainText,
  productLine,
  ratingText,
  stockText,
} from './wording';

describe('formatPrice', () => {
  it('formats dollar prices exactly as the catalog has them', () => {
    expect(formatPrice(999)).toBe('$999');
    expect(formatPrice(1299)).toBe('$1,299');
    expect(formatPrice(1299.99)).toBe('$1,299.99');
    expect(formatPrice(49.5)).toBe('$49.50');
    expect(formatPrice(0)).toBe('$0');
  });

  it("writes the store's currency", () => {
    expect(formatPrice(1099, 'INR')).toBe('₹1,099');
    expect(formatPrice(2.3, 'GBP')).toBe('£2.30');
    expect(formatPrice(12.99, 'EUR')).toBe('€12.99');
    expect(formatPrice(5, 'USD')).toBe('$5');
    expect(formatPrice(599, 'CZK')).toBe('CZK 599');
    expect(formatPrice(5, 'usd')).toBe('$5');
  });

  it('falls back to the code for a code Intl refuses', () => {
    expect(formatPrice(10.5, 'NOPE')).toBe('NOPE 10.5');
  });
});

describe('facts only when the store gave them', () => {
  const bare = product({ sku: 'a', name: 'A', brand: 'B', price: 1 });
  const { rating: _r, stock: _s, ...unknown } = bare;

  it('states a rating with its count, and nothing without one', () => {
    expect(formatRating(4)).toBe('4/5');
    expect(formatRating(4.67)).toBe('4.7/5');
    expect(ratingText(CABLE)).toBe('rated 4.2/5 (24,269 ratings)');
    expect(ratingText(EARPHONES)).toBe('rated 4.1/5 (1 rating)');
    expect(ratingText({ rating: 3 })).toBe('rated 3/5');
    expect(ratingText(unknown)).toBe('');
  });

  it('states stock from a count or the availability words, and nothing without either', () => {
    expect(stockText({ ...bare, stock: 0 })).toBe('out of stock');
    expect(stockText({ ...bare, stock: 3 })).toBe('in stock (only 3 left)');
    expect(stockText({ ...bare, stock: 30 })).toBe('in stock (30 available)');
    expect(stockText(BAG)).toBe('in stock');
    expect(stockText({ availability: 'preorder' })).toBe('available to preorder');
    expect(stockText({ availability: 'backorder' })).toBe('on backorder');
    expect(stockText(unknown)).toBe('');
    expect(stockText(CABLE)).toBe('');
  });

  it('writes a product line with no rating or stock the store did not give', () => {
    const line = productLine(BANANAS, 'GBP', 0);
    expect(line).toBe('1. **Ocado Fairtrade Bananas** — £2.30. Fairtrade bananas, loose.');
    expect(line).not.toMatch(/rated|stock|0\/5/);
    expect(productLine(CABLE, 'INR')).toMatch(
      /^- \*\*Wayona Nylon Braided USB to Lightning Fast Charging and Data Sync…\*\* \(Wayona\) — ₹399, rated 4\.2\/5 \(24,269 ratings\)\. /,
    );
  });

  it("prices a product in its own stated currency, else the catalog's", () => {
    expect(productLine({ ...BANANAS, currency: 'EUR' }, 'GBP')).toMatch(/— €2\.30\./);
    const { currency: _c, ...plain } = BANANAS;
    expect(productLine(plain, 'GBP')).toMatch(/— £2\.30\./);
  });

  it('shows plain text: entities decoded, tags stripped', () => {
    expect(productLine(EARPHONES, 'INR')).toBe(
      '- **boAt Bassheads 100 in Ear Wired Earphones with Mic® (Black)** (boAt®) — ₹1,099, rated 4.1/5 (1 rating). The perfect way to add some style & stand out from the crowd.',
    );
    expect(plainText('a&nbsp;b <b>bold</b>\n\n c')).toBe('a b bold c');
    expect(plainText('Fish & Chips')).toBe('Fish & Chips');
  });
});

describe('shortName', () => {
  it('keeps short names whole', () => {
    expect(shortName('Joust Duffle Bag')).toBe('Joust Duffle Bag');
  });

  it('cuts a long name at a word, without a dangling separator or bracket', () => {
    const cut = shortName(CABLE.name);
    expect(cut.length).toBeLessThanOrEqual(71);
    expect(cut).toBe('Wayona Nylon Braided USB to Lightning Fast Charging and Data Sync…');
    expect(
      shortName(
        'Samsung Galaxy M13 5G, 6GB RAM, 128GB Storage (Aqua Green, 6GB, 128GB Storage) | 6000mAh',
      ),
    ).toBe('Samsung Galaxy M13 5G, 6GB RAM, 128GB Storage…');
    expect(shortName(`${'word '.repeat(20)}end`, 30)).toBe('word word word word word word…');
  });
});

describe('keyFact', () => {
  it('takes the first sentence of the description, cut at a word', () => {
    const p = product({
      sku: 'a',
      name: 'A',
      brand: 'B',
      price: 1,
      description: 'Fast 5.5 GHz chip. Second.',
    });
    expect(keyFact(p)).toBe('Fast 5.5 GHz chip.');
    expect(keyFact({ description: `${'word '.repeat(40)}end` }, 30)).toBe(
      'word word word word word word…',
    );
    expect(keyFact({ description: '' })).toBe('');
    expect(keyFact({ description: 'No full stop' })).toBe('No full stop.');
    expect(keyFact({ description: '<p>Soft&amp;light.</p><p>More.</p>' })).toBe('Soft&light.');
  });
});

describe('facets', () => {
  it('labels facet names, and leaves out money facets that would state a second price', () => {
    const p = {
      attributes: {
        features_bags: 'Audio Pocket, Lightweight',
        Colour: 'Black',
        special_price: '32',
        empty: ' ',
      },
    };
    expect(attributesText(p)).toBe('Features bags: Audio Pocket, Lightweight; Colour: Black');
    expect(attributesText(p, 1)).toBe('Features bags: Audio Pocket, Lightweight');
    expect(attributesText({})).toBe('');
  });
});

describe('highlightsOf', () => {
  it('keeps plain-word tags and leaves out filter keys and price ranges', () => {
    expect(
      highlightsOf({
        tags: [
          'blue',
          'color_multicolor',
          'price_$100 - $150',
          'summer2021',
          'tote',
          'blue',
          'Gift&amp;Wrap',
        ],
      }),
    ).toEqual(['blue', 'tote', 'Gift&Wrap']);
    expect(highlightsOf({ tags: ['a', 'b', 'c'] }, 2)).toEqual(['a', 'b']);
  });
});

describe('descriptionText', () => {
  it('keeps whole sentences up to the limit, and cuts one long sentence at a word', () => {
    const long = `First sentence here. ${'Second sentence is long. '.repeat(30)}`;
    expect(descriptionText({ description: long }, 50)).toBe(
      'First sentence here. Second sentence is long.',
    );
    expect(descriptionText({ description: `${'word '.repeat(40)}end` }, 30)).toBe(
      'word word word word word word…',
    );
    expect(descriptionText({ description: '<p>Short &amp; sweet.</p>' })).toBe('Short & sweet.');
  });
});

describe('categories', () => {
  it('reads lexicon slugs as nouns and shows store names as written, never pluralised', () => {
    expect(categoryLabel('tv')).toBe('TVs');
    expect(categoryLabel('home-appliance', false)).toBe('home appliance');
    expect(categoryLabel('headphones', false)).toBe('pair of headphones');
    expect(categoryLabel('Flat-Panel TVs')).toBe('products in Flat-Panel TVs');
    expect(categoryLabel('Mice', false)).toBe('product in Mice');
    expect(categoryLabel('Black Tie')).toBe('products in Black Tie');
    expect(categoryLabel('usb cable')).toBe('usb cable products');
    expect(categoryLabel('usb cable', false)).toBe('usb cable product');
    expect(categoryLabel('rings')).toBe('rings');
    expect(categoryLabel('rings', false)).toBe('product in rings');
    expect(categoryLabel('home-decor')).toBe('home decor products');
    expect(categoryName('Beauty')).toBe('Beauty');
    expect(categoryName('smartphone')).toBe('smartphones');
    expect(categoryName('Computers&amp;Accessories')).toBe('Computers&Accessories');
  });

  it('lists', () => {
    expect(listOf([])).toBe('');
    expect(listOf(['a'])).toBe('a');
    expect(listOf(['a', 'b', 'c'], 'or')).toBe('a, b or c');
  });
});

describe('budgetText', () => {
  it("describes budgets in the store's currency", () => {
    expect(budgetText({ maxPrice: 300 })).toBe('up to $300');
    expect(budgetText({ minPrice: 1000 })).toBe('from $1,000 up');
    expect(budgetText({ minPrice: 500, maxPrice: 999.99 })).toBe('between $500 and $999.99');
    expect(budgetText({ maxPrice: 1000 }, 'INR')).toBe('up to ₹1,000');
    expect(budgetText({ maxPrice: 5 }, 'GBP')).toBe('up to £5');
    expect(budgetText({})).toBe('');
  });
});
