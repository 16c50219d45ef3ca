import type { Product, ProductQueryInput } from '@aisle/shared';
import { describe, expect, it } from 'vitest';
import type { LastSearch } from '../../store/shown-state';
import { type Understanding, UnderstandingSchema } from '../understanding-schema';
import { parseQuestion } from './parse-question';
import { classify, mayRefine, readCues, refineUnderstanding } from './refine';
import { context, product, VOCABULARY } from './test-fixtures';

/** An understanding as any provider may hand it over: validated, defaults filled in. */
const understood = (
  query: ProductQueryInput,
  extra: Partial<Omit<Understanding, 'query'>> = {},
): Understanding => UnderstandingSchema.parse({ intent: 'product_inquiry', query, ...extra });

const search = (query: ProductQueryInput, excludedBrands?: string[]): LastSearch => ({
  query: UnderstandingSchema.shape.query.parse(query),
  ...(excludedBrands ? { excludedBrands } : {}),
});

const tv = (sku: string, brand: string, price: number): Product =>
  product({ sku, name: `${brand} TV ${sku}`, brand, price, category: 'Flat-Panel TVs' });
const SHOWN_TVS = [tv('T1', 'LG', 899), tv('T2', 'Samsung', 649.5), tv('T3', 'Sony', 1299)];
const TVS = search({ category: 'Flat-Panel TVs' });

function refine(question: string, u: Understanding, lastSearch?: LastSearch, shown = SHOWN_TVS) {
  return refineUnderstanding(
    question,
    u,
    context({ lastShown: shown, ...(lastSearch ? { lastSearch } : {}) }),
  );
}

describe('refine: when there is nothing to refine', () => {
  it('leaves the understanding alone without an earlier search', () => {
    const u = understood({ brands: ['Samsung'] });
    expect(refine('only Samsung', u)).toEqual({ understanding: u, kind: 'none' });
  });

  it('leaves questions that are not about shopping alone', () => {
    const faq = understood({}, { intent: 'faq' });
    expect(refine('what is your return policy?', faq, TVS)).toEqual({
      understanding: faq,
      kind: 'none',
    });
  });

  it('leaves a question about the products shown to the references mechanism', () => {
    const second = understood({ limit: 1 }, { followUp: true, references: [1] });
    expect(refine('tell me more about the second one', second, TVS).kind).toBe('none');
    const pick = understood(
      { sort: 'price_asc', limit: 1 },
      { followUp: true, references: [0, 1, 2] },
    );
    expect(refine('which of those is cheaper?', pick, TVS)).toEqual({
      understanding: pick,
      kind: 'none',
    });
  });
});

describe('refine: a follow-up reading that narrows the search', () => {
  it('refines "only Samsung" read as "those by Samsung" (a model may read it so)', () => {
    const u = understood(
      { brands: ['Samsung'], limit: 3 },
      { followUp: true, references: [0, 1, 2] },
    );
    const r = refine('only Samsung', u, search({ ...TVS.query, maxPrice: 900 }));
    expect(r.kind).toBe('refined');
    expect(r.understanding).toMatchObject({ followUp: false, references: [] });
    expect(r.understanding.query).toEqual({
      text: '',
      category: 'Flat-Panel TVs',
      brands: ['Samsung'],
      maxPrice: 900,
      sort: 'relevance',
      limit: 5,
    });
  });

  it('keeps a follow-up that points at the products shown, or at some of them', () => {
    const all = understood({ maxPrice: 900 }, { followUp: true, references: [0, 1, 2] });
    expect(refine('which of those are under $900?', all, TVS).kind).toBe('none');
    expect(refine('are they under $900?', all, TVS).kind).toBe('none');
    const some = understood({ brands: ['Samsung'] }, { followUp: true, references: [0, 1] });
    expect(refine('only Samsung', some, TVS).kind).toBe('none');
  });
});

describe('refine: a fresh search', () => {
  it('starts afresh when a new category is named', () => {
    const u = understood({ category: 'PC Laptops', brands: ['Lenovo'] });
    expect(refine('Lenovo laptops', u, search({ ...TVS.query, maxPrice: 500 }))).toEqual({
      understanding: u,
      kind: 'fresh',
    });
  });

  it('starts afresh on words unrelated to the last search', () => {
    const u = understood({ text: 'gaming mouse' });
    expect(refine('gaming mouse', u, TVS)).toEqual({ understanding: u, kind: 'fresh' });
  });

  it('names the same category again: fresh, unless the wording continues', () => {
    const last = search({ category: 'Flat-Panel TVs', brands: ['LG'], maxPrice: 900 });
    const again = understood({ category: 'flat-panel tvs', minPrice: 1000 });
    expect(refine('TVs over $1000', again, last).kind).toBe('fresh');
    const only = refine('only TVs over $1000', again, last);
    expect(only.kind).toBe('refined');
    expect(only.understanding.query).toMatchObject({ brands: ['LG'], minPrice: 1000 });
    expect(only.understanding.query.maxPrice).toBeUndefined();
  });

  it('a category from the preferences is not a category named', () => {
    const u = understood(
      { category: 'Cell Phones', brands: ['Samsung'] },
      { fromPreferences: { category: true } },
    );
    const r = refine('only Samsung', u, TVS);
    expect(r.kind).toBe('refined');
    expect(r.understanding.query.category).toBe('Flat-Panel TVs');
    expect(r.understanding).not.toHaveProperty('fromPreferences');
  });
});

describe('refine: brands', () => {
  it('"only Samsung" narrows the last search to Samsung and keeps category and budget', () => {
    const last = search({ category: 'Flat-Panel TVs', maxPrice: 1000, sort: 'price_asc' });
    const r = refine('only Samsung', understood({ brands: ['Samsung'] }), last);
    expect(r.kind).toBe('refined');
    expect(r.understanding.query).toEqual({
      text: '',
      category: 'Flat-Panel TVs',
      brands: ['Samsung'],
      maxPrice: 1000,
      sort: 'price_asc',
      limit: 5,
    });
    expect(r.understanding.followUp).toBe(false);
  });

  it('"anything from Lenovo instead?" replaces the brand and keeps category and budget', () => {
    const last = search({ category: 'PC Laptops', brands: ['Acer'], maxPrice: 500 });
    const r = refine('anything from Lenovo instead?', understood({ brands: ['Lenovo'] }), last);
    expect(r.understanding.query).toMatchObject({
      category: 'PC Laptops',
      brands: ['Lenovo'],
      maxPrice: 500,
    });
  });

  it('does not keep a brand a model repeated as search text', () => {
    const u = understood({ brands: ['Samsung'], text: 'Samsung' });
    const r = refine('only Samsung', u, search({ ...TVS.query, text: 'qled' }));
    expect(r.understanding.query).toMatchObject({ text: 'qled', brands: ['Samsung'] });
  });

  it('"Sony too" adds to the brands; "what about Sony?" swaps them', () => {
    const last = search({ ...TVS.query, brands: ['Samsung'] });
    expect(
      refine('Sony too', understood({ brands: ['Sony'] }), last).understanding.query.brands,
    ).toEqual(['Samsung', 'Sony']);
    expect(
      refine('what about Sony?', understood({ brands: ['Sony'] }), last).understanding.query.brands,
    ).toEqual(['Sony']);
  });

  it('keeps brands ruled out, rules out the last ones for "other brands", drops them for "any brand"', () => {
    const last = search({ ...TVS.query, brands: ['LG'] }, ['Vizio']);
    const cheaper = refine('under $700', understood({ maxPrice: 700 }), last).understanding;
    expect(cheaper.excludedBrands).toEqual(['Vizio']);
    expect(cheaper.query.brands).toEqual(['LG']);

    const other = refine('other brands?', understood({}), last).understanding;
    expect(other.query.brands).toBeUndefined();
    expect(other.excludedBrands).toEqual(['Vizio', 'LG']);

    const any = refine('any brand', understood({}), last).understanding;
    expect(any.query.brands).toBeUndefined();
    expect(any.excludedBrands).toEqual(['Vizio']);

    const named = refine(
      'what about Vizio?',
      understood({ brands: ['Vizio'] }),
      last,
    ).understanding;
    expect(named.query.brands).toEqual(['Vizio']);
    expect(named).not.toHaveProperty('excludedBrands');

    const notLg = refine('not LG', understood({}, { excludedBrands: ['lg'] }), last).understanding;
    expect(notLg.query.brands).toBeUndefined();
    expect(notLg.excludedBrands).toEqual(['Vizio', 'lg']);
  });
});

describe('refine: budget', () => {
  it('"under $500" keeps category and brands and sets the maximum', () => {
    const last = search({ category: 'Flat-Panel TVs', brands: ['Samsung'] });
    const r = refine('under $500', understood({ maxPrice: 500 }), last);
    expect(r.understanding.query).toMatchObject({
      category: 'Flat-Panel TVs',
      brands: ['Samsung'],
      maxPrice: 500,
    });
  });

  it('keeps the other bound while it still fits', () => {
    const over200 = search({ ...TVS.query, minPrice: 200 });
    expect(
      refine('under $500', understood({ maxPrice: 500 }), over200).understanding.query,
    ).toMatchObject({
      minPrice: 200,
      maxPrice: 500,
    });
    const under500 = search({ ...TVS.query, maxPrice: 500 });
    const over600 = refine('over $600 then', understood({ minPrice: 600 }), under500).understanding
      .query;
    expect(over600.minPrice).toBe(600);
    expect(over600.maxPrice).toBeUndefined();
  });

  it('drops the budget for "any price"', () => {
    const last = search({ ...TVS.query, maxPrice: 500 });
    const r = refine('any price is fine, only Sony', understood({ brands: ['Sony'] }), last);
    expect(r.understanding.query).not.toHaveProperty('maxPrice');
  });

  it('"something cheaper?" caps the budget just below the cheapest shown, cheapest first', () => {
    const last = search({ ...TVS.query, minPrice: 600, limit: 3 });
    const u = understood({ sort: 'price_asc', limit: 1 });
    const r = refine('something cheaper?', u, last);
    expect(r.kind).toBe('refined');
    expect(r.understanding.query).toEqual({
      text: '',
      category: 'Flat-Panel TVs',
      maxPrice: 649.49,
      sort: 'price_asc',
      limit: 3,
    });
  });

  it('"cheaper than the second one" measures against the second product shown', () => {
    const u = understood({ sort: 'price_asc', limit: 1 }, { followUp: true, references: [2] });
    const r = refine('anything cheaper than the third one?', u, TVS);
    expect(r.kind).toBe('refined');
    expect(r.understanding).toMatchObject({ followUp: false, references: [] });
    expect(r.understanding.query.maxPrice).toBe(1298.99);
  });

  it('"more expensive ones" sets the floor above the priciest shown and drops the cap', () => {
    const last = search({ ...TVS.query, maxPrice: 1300 });
    const u = understood({ sort: 'price_desc' });
    const r = refine('show me more expensive ones', u, last);
    expect(r.understanding.query).toMatchObject({ minPrice: 1299.01, sort: 'relevance' });
    expect(r.understanding.query.maxPrice).toBeUndefined();
  });

  it('keeps the search within the last budget, cheapest first, for when nothing is cheaper', () => {
    const last = search({ ...TVS.query, brands: ['Sony'], maxPrice: 1500, text: 'oled' });
    const r = refine('something cheaper?', understood({ sort: 'price_asc', limit: 1 }), last);
    expect(r.understanding.query.maxPrice).toBe(649.49);
    expect(r.sameBudget?.query).toEqual({
      ...r.understanding.query,
      maxPrice: 1500,
      sort: 'price_asc',
    });
    const up = refine('more expensive ones?', understood({ sort: 'price_desc' }), last);
    expect(up.sameBudget?.query).toMatchObject({ maxPrice: 1500, sort: 'price_desc' });
    expect(up.sameBudget?.query.minPrice).toBeUndefined();
    expect(refine('only Sony', understood({ brands: ['Sony'] }), last)).not.toHaveProperty(
      'sameBudget',
    );
  });

  it('a comparative with nothing shown keeps the budget it had', () => {
    const last = search({ ...TVS.query, maxPrice: 500 });
    const r = refine('something cheaper?', understood({ sort: 'price_asc', limit: 1 }), last, []);
    expect(r.understanding.query.maxPrice).toBe(500);
  });
});

describe('refine: preferences still apply', () => {
  it('a budget from the preferences does not override the one the shopper stated', () => {
    const last = search({ ...TVS.query, maxPrice: 2000 });
    const u = understood(
      { brands: ['Samsung'], minPrice: 500, maxPrice: 1000 },
      { fromPreferences: { price: true } },
    );
    const r = refine('only Samsung', u, last);
    expect(r.understanding.query).toMatchObject({ maxPrice: 2000 });
    expect(r.understanding.query.minPrice).toBeUndefined();
    expect(r.understanding).not.toHaveProperty('fromPreferences');
  });

  it('without an earlier budget, the preferences budget stays, still marked as such', () => {
    const u = understood(
      { brands: ['Samsung'], minPrice: 500, maxPrice: 1000 },
      { fromPreferences: { price: true } },
    );
    const r = refine('only Samsung', u, TVS);
    expect(r.understanding.query).toMatchObject({ minPrice: 500, maxPrice: 1000 });
    expect(r.understanding.fromPreferences).toEqual({ price: true });
  });
});

describe('refine: preferences that change between turns', () => {
  const fromPrefs = (query: ProductQueryInput, flags: { category?: boolean; price?: boolean }) => ({
    ...search(query),
    fromPreferences: flags,
  });

  it('takes a budget the preferences gave from the preferences as they are now', () => {
    const last = fromPrefs({ ...TVS.query, minPrice: 500, maxPrice: 1000 }, { price: true });
    const now = understood(
      { brands: ['Sony'], maxPrice: 300 },
      { fromPreferences: { price: true } },
    );
    const r = refine('only Sony', now, last);
    expect(r.understanding.query).toMatchObject({ category: 'Flat-Panel TVs', maxPrice: 300 });
    expect(r.understanding.query.minPrice).toBeUndefined();
    expect(r.understanding.fromPreferences).toEqual({ price: true });
    // Preferences cleared: the old preference budget does not linger.
    const cleared = refine('only Sony', understood({ brands: ['Sony'] }), last).understanding;
    expect(cleared.query.minPrice).toBeUndefined();
    expect(cleared.query.maxPrice).toBeUndefined();
  });

  it('takes a category the preferences gave from the preferences as they are now', () => {
    const last = fromPrefs({ category: 'smartphone' }, { category: true });
    const now = understood(
      { category: 'laptop', brands: ['Lenovo'] },
      { fromPreferences: { category: true } },
    );
    const r = refine('only Lenovo', now, last);
    expect(r.understanding.query.category).toBe('laptop');
    expect(r.understanding.fromPreferences).toEqual({ category: true });
  });
});

describe('refine: sort, count, text and stock', () => {
  it('"the cheapest?" sorts the last search and shows one', () => {
    const r = refine('the cheapest?', understood({ sort: 'price_asc', limit: 1 }), TVS);
    expect(r.understanding.query).toMatchObject({
      category: 'Flat-Panel TVs',
      sort: 'price_asc',
      limit: 1,
    });
  });

  it('keeps the last sort and count when the question names neither', () => {
    const last = search({ ...TVS.query, sort: 'price_asc', limit: 1 });
    expect(
      refine('only Samsung', understood({ brands: ['Samsung'] }), last).understanding.query,
    ).toMatchObject({
      sort: 'price_asc',
      limit: 1,
    });
  });

  it('keeps the reading as it came when the question only added words', () => {
    const words = understood({ text: 'bluetooth' });
    expect(refine('anything with bluetooth?', words, TVS).unrefined).toEqual(words);
    expect(refine('only Samsung', understood({ brands: ['Samsung'] }), TVS)).not.toHaveProperty(
      'unrefined',
    );
    const sorted = understood({ text: 'oled', sort: 'price_asc' });
    expect(refine('only the cheapest oled ones', sorted, TVS)).not.toHaveProperty('unrefined');
  });

  it("joins words to a search of words; within a category new words take the old ones' place", () => {
    const text = (question: string, words: string, last: LastSearch) =>
      refine(question, understood({ text: words }), last).understanding.query.text;
    const mice = search({ text: 'gaming mouse' });
    expect(text('only wireless ones', 'wireless', mice)).toBe('gaming mouse wireless');
    expect(text('what about keyboards?', 'keyboards', mice)).toBe('keyboards');
    const qled = search({ ...TVS.query, text: 'qled' });
    expect(text('only the 4k ones', '4k', qled)).toBe('4k');
    expect(text('what about oled?', 'oled', qled)).toBe('oled');
    expect(
      refine('only Sony', understood({ brands: ['Sony'] }), qled).understanding.query.text,
    ).toBe('qled');
  });

  it('"show me more" shows a longer list of the same search', () => {
    const last = search({ ...TVS.query, brands: ['LG'], limit: 5 });
    const r = refine('show me more', understood({}), last);
    expect(r.kind).toBe('refined');
    expect(r.understanding.query).toMatchObject({
      category: 'Flat-Panel TVs',
      brands: ['LG'],
      limit: 10,
    });
    expect(
      refine('more options?', understood({}), search({ ...TVS.query, limit: 18 })).understanding
        .query.limit,
    ).toBe(20);
    expect(readCues('show me more expensive ones').more).toBe(false);
  });

  it('keeps asking for stock once asked', () => {
    const last = search({ ...TVS.query, inStockOnly: true });
    expect(
      refine('under $800', understood({ maxPrice: 800 }), last).understanding.query.inStockOnly,
    ).toBe(true);
  });
});

describe('refine: query fields added later (attributes)', () => {
  // The query schema may grow (attributes, say): such fields carry over without code here.
  const withExtra = <T extends object>(q: T, extra: Record<string, unknown>) =>
    Object.assign({}, q, extra);

  it('keeps the last ones, lets the question override them, merges objects key by key', () => {
    const last = {
      query: withExtra(TVS.query, { attributes: { colour: 'black' }, model: 'X80K' }),
    };
    const u = understood({});
    const sized = { ...u, query: withExtra(u.query, { attributes: { screen_size: '55' } }) };
    const r = refine('55 inch', sized, last);
    expect(r.kind).toBe('refined');
    expect(r.understanding.query).toEqual({
      text: '',
      category: 'Flat-Panel TVs',
      sort: 'relevance',
      limit: 5,
      attributes: { colour: 'black', screen_size: '55' },
      model: 'X80K',
    });
    expect(mayRefine('55 inch', sized)).toBe(true);
  });
});

describe('refine: counted references', () => {
  it('"compare the first two" points at both, "the last two" at the last two', () => {
    const first = understood({ limit: 1 }, { followUp: true, references: [0] });
    const r = refine('compare the first two', first, TVS);
    expect(r.understanding).toMatchObject({ references: [0, 1], followUp: true });
    expect(r.understanding.query.limit).toBe(2);
    expect(refine('the last two?', first, TVS).understanding.references).toEqual([1, 2]);
  });

  it('reads "top 3" in a new search as a count, not as shown products', () => {
    const u = understood({ category: 'PC Laptops', sort: 'rating_desc', limit: 3 });
    expect(refine('top 3 laptops', u, TVS).understanding).toEqual(u);
  });
});

describe('refine: cues', () => {
  it.each([
    ['only Samsung', { continues: true, replaces: false, adds: false }],
    ['anything from Lenovo instead?', { continues: true, replaces: true }],
    ['Sony as well', { adds: true }],
    ['something cheaper?', { price: 'cheaper' }],
    ['a less expensive one', { price: 'cheaper' }],
    ['show me more expensive ones', { price: 'pricier' }],
    ['anything for running?', { continues: false }],
  ])('%s', (question, expected) => {
    expect(readCues(question)).toMatchObject(expected);
  });

  it('reads no direction from both at once', () => {
    expect(readCues('cheaper or more expensive, whatever')).not.toHaveProperty('price');
  });

  it('classifies a bare brand, budget or sort as a refinement', () => {
    const cues = readCues('Samsung?');
    expect(classify(understood({ brands: ['Samsung'] }), TVS, cues)).toBe('refined');
    expect(classify(understood({ maxPrice: 300 }), TVS, readCues('$300 max'))).toBe('refined');
    expect(classify(understood({}), TVS, readCues('hmm ok'))).toBe('none');
  });
});

describe('refine after the local parser', () => {
  const ask = (question: string, lastSearch: LastSearch, lastShown: Product[] = []) => {
    const ctx = context({ lastShown, lastSearch });
    return refineUnderstanding(question, parseQuestion(question, ctx, VOCABULARY), ctx);
  };

  it('"Show me TVs" -> "only Samsung" -> "under $500"', () => {
    const tvs = parseQuestion('Show me TVs', context(), VOCABULARY);
    const samsung = ask('only Samsung', { query: tvs.query });
    expect(samsung.understanding.query).toMatchObject({ category: 'tv', brands: ['Samsung'] });
    const under = ask('under $500', { query: samsung.understanding.query });
    expect(under.understanding.query).toMatchObject({
      category: 'tv',
      brands: ['Samsung'],
      maxPrice: 500,
    });
  });

  it('"laptops under $500" -> "anything from Lenovo instead?" keeps the budget', () => {
    const laptops = parseQuestion('laptops under $500', context(), VOCABULARY);
    const lenovo = ask('anything from Sony instead?', { query: laptops.query });
    expect(lenovo.understanding.query).toMatchObject({
      category: 'laptop',
      brands: ['Sony'],
      maxPrice: 500,
    });
  });

  it('"a cheaper one" after phones searches below the cheapest shown', () => {
    const shown = [
      product({ sku: 'P1', name: 'Pixel 8', brand: 'Google', price: 699 }),
      product({ sku: 'P2', name: 'Galaxy S24', brand: 'Samsung', price: 799 }),
    ];
    const phones = search({ category: 'smartphone' });
    const r = ask('is there a cheaper one?', phones, shown);
    expect(r.kind).toBe('refined');
    expect(r.understanding.query).toMatchObject({ category: 'smartphone', maxPrice: 698.99 });
    expect(ask('which one is cheaper?', phones, shown).understanding.followUp).toBe(true);
  });
});

describe('mayRefine: which answers depend on the last search', () => {
  const lasts: LastSearch[] = [
    TVS,
    search({ category: 'smartphone', brands: ['Apple'], maxPrice: 900 }),
    search({ category: 'tv', sort: 'price_asc', limit: 1 }, ['LG']),
    search({ text: 'noise cancelling', minPrice: 100 }),
  ];
  const questions = [
    'Show me TVs',
    'Samsung phones under $500',
    'gaming mouse',
    'hello',
    'what is your return policy?',
    'tell me more about the second one',
    'which of those is cheapest?',
    'only Samsung',
    'under $500',
    'something cheaper?',
    'what about Sony?',
    'the cheapest?',
    'only TVs',
    'not Apple',
    'other brands?',
    'in stock only',
    'anything available under $500?',
    'are they under $500?',
    'show me more',
  ];

  it.each(questions)('"%s": a reading no search can change is never changed', (question) => {
    for (const last of lasts) {
      const ctx = context({ lastShown: SHOWN_TVS, lastSearch: last });
      const u = parseQuestion(question, ctx, VOCABULARY);
      const { understanding } = refineUnderstanding(question, u, ctx);
      if (!mayRefine(question, u)) expect(understanding).toEqual(u);
    }
  });

  it('tells fresh questions from refinements', () => {
    const ctx = context({ lastShown: SHOWN_TVS, lastSearch: TVS });
    const refines = (q: string) => mayRefine(q, parseQuestion(q, ctx, VOCABULARY));
    expect(questions.filter(refines)).toEqual([
      'only Samsung',
      'under $500',
      'something cheaper?',
      'what about Sony?',
      'the cheapest?',
      'only TVs',
      'not Apple',
      'other brands?',
      'anything available under $500?',
      'show me more',
    ]);
    // "In stock" after products were shown asks about those: the references mechanism's.
    expect(refines('in stock only')).toBe(false);
  });
});
