import { ProductQuerySchema } from '@aisle/shared';
import { describe, expect, it } from 'vitest';
import { UnderstandingSchema } from '../understanding-schema';
import { parseQuestion } from './parse-question';
import { context, PHONES, VOCABULARY } from './test-fixtures';

const parse = (q: string, ctx = context()) => parseQuestion(q, ctx, VOCABULARY);

describe('parseQuestion: intent', () => {
  it.each([
    ['hi', 'greeting'],
    ['Hello there!', 'greeting'],
    ['good morning', 'greeting'],
    ['hey, how are you?', 'greeting'],
    ['What can you do?', 'greeting'],
    ['How long does shipping take?', 'faq'],
    ['When will my delivery arrive?', 'faq'],
    ['What is your return policy?', 'faq'],
    ['How do I get a refund?', 'faq'],
    ['Does the iPhone 15 Pro come with a warranty?', 'faq'],
    ['Which payment methods do you accept?', 'faq'],
    ['Can I pay with PayPal?', 'faq'],
    ['What are your opening hours?', 'faq'],
    ['What are your store hours on Sunday?', 'faq'],
    ['Do you price match?', 'faq'],
    ['Where is my order?', 'faq'],
    ['How do I track my order?', 'faq'],
    ['Can I exchange a damaged item?', 'faq'],
    ['Add it to my cart', 'sales'],
    ['checkout please', 'sales'],
    ['How do I order?', 'sales'],
    ['Show me phones under 300', 'product_inquiry'],
    ['Do you have Sony headphones?', 'product_inquiry'],
    ['Compare the Galaxy S24 and the Pixel 8a', 'product_inquiry'],
    ['Is the PS5 in stock?', 'product_inquiry'],
    ['I want to buy a laptop under 800', 'product_inquiry'],
    ['Hi, I am looking for a laptop', 'product_inquiry'],
    ['noise cancelling earbuds', 'product_inquiry'],
    ["What's the weather like today?", 'other'],
    ['Tell me a joke', 'other'],
    ['Write me a poem about cats', 'other'],
    ['What is the capital of France?', 'other'],
  ])('%s -> %s', (q, intent) => {
    expect(parse(q).intent).toBe(intent);
  });

  it('reads sales intent from follow-ups about shown products', () => {
    const ctx = context({ lastShown: PHONES });
    expect(parse("I'll take the second one", ctx).intent).toBe('sales');
    expect(parse('buy it', ctx).intent).toBe('sales');
  });
});

describe('parseQuestion: budget', () => {
  it.each([
    ['phones under $300', undefined, 300],
    ['laptops less than 1k', undefined, 1000],
    ['tv max 1,200', undefined, 1200],
    ['tablets between 500 and 1000', 500, 1000],
    ['cameras $500-$1000', 500, 1000],
    ['headphones from 200 to 400', 200, 400],
    ['tvs over 1000', 1000, undefined],
    ['laptops at least 500', 500, undefined],
    ['a phone around 800', 680, 920],
  ])('%s -> [%s, %s]', (q, min, max) => {
    const { query } = parse(q);
    expect(query.minPrice).toBe(min);
    expect(query.maxPrice).toBe(max);
  });

  it('turns "cheap" into a sort, not a made-up price', () => {
    const { query } = parse('cheap headphones');
    expect(query).toMatchObject({ category: 'headphones', sort: 'price_asc' });
    expect(query.maxPrice).toBeUndefined();
  });
});

describe('parseQuestion: brands and categories', () => {
  it.each([
    ['phones', 'smartphone'],
    ['smartphones', 'smartphone'],
    ['a mobile phone', 'smartphone'],
    ['cell phones', 'smartphone'],
    ['notebooks', 'laptop'],
    ['a notebook for school', 'laptop'],
    ['laptops', 'laptop'],
    ['earbuds', 'headphones'],
    ['a headset', 'headphones'],
    ['watches', 'smartwatch'],
    ['a smart watch', 'smartwatch'],
    ['televisions', 'tv'],
    ['tvs', 'tv'],
    ['consoles', 'gaming'],
    ['a playstation', 'gaming'],
    ['xbox', 'gaming'],
    ['a fridge', 'home-appliance'],
    ['vacuum cleaners', 'home-appliance'],
    ['washing machine', 'home-appliance'],
    ['gaming laptop', 'laptop'],
    ['gaming monitor', 'monitor'],
    ['iphone case', 'accessory'],
    ['a charger for my laptop', 'accessory'],
    ['laptop with a good keyboard', 'laptop'],
    ['a tablet to watch movies', 'tablet'],
    ['iphone 15', 'smartphone'],
    ['soundbar', 'speaker'],
  ])('%s -> %s', (q, category) => {
    expect(parse(q).query.category).toBe(category);
  });

  it('finds several brands case-insensitively, with aliases, in catalog spelling', () => {
    expect(parse('samsung or SONY tvs').query.brands).toEqual(['Samsung', 'Sony']);
    expect(parse('iphone 15 pro').query.brands).toEqual(['Apple']);
    expect(parse('galaxy phones').query.brands).toEqual(['Samsung']);
    expect(parse('pixel').query.brands).toEqual(['Google']);
    expect(parse('lg monitors').query.brands).toEqual(['LG']);
  });

  it('does not filter on a brand the question rules out', () => {
    const u = parse('phones but not Apple');
    expect(u.query.brands).toBeUndefined();
    expect(u.excludedBrands).toEqual(['Apple']);
  });

  it('does not apply an alias brand to accessories for that device', () => {
    expect(parse('iphone case').query.brands).toBeUndefined();
  });

  it('needs the capital for a brand that is a common word', () => {
    expect(parse('nothing under 300?').query.brands).toBeUndefined();
    expect(parse('the Nothing phone').query.brands).toEqual(['Nothing']);
  });

  it('leaves unknown brands alone and matches a store’s own categories', () => {
    expect(parse('Nokia phones').query.brands).toBeUndefined();
    const store = { brands: ['Acme'], categories: ['Blenders', 'Garden Tools', 'Phones'] };
    expect(parseQuestion('a blender', context(), store).query.category).toBe('Blenders');
    expect(parseQuestion('garden tool under 50', context(), store).query.category).toBe(
      'Garden Tools',
    );
    expect(parseQuestion('cheap smartphones', context(), store).query.category).toBe('Phones');
    expect(parseQuestion('a laptop', context(), store).query.category).toBeUndefined();
  });
});

describe('parseQuestion: sorts and counts', () => {
  it('limits a singular superlative to one product', () => {
    expect(parse('the cheapest phone').query).toMatchObject({ sort: 'price_asc', limit: 1 });
    expect(parse("what's the most expensive laptop?").query).toMatchObject({
      sort: 'price_desc',
      limit: 1,
    });
    expect(parse('the best rated tablet').query).toMatchObject({ sort: 'rating_desc', limit: 1 });
  });

  it('lists several for plural superlatives', () => {
    expect(parse('cheapest phones').query).toMatchObject({ sort: 'price_asc', limit: 5 });
    expect(parse('least expensive headphones').query).toMatchObject({
      sort: 'price_asc',
      limit: 5,
    });
    expect(parse('highest rated tvs').query).toMatchObject({ sort: 'rating_desc', limit: 5 });
  });

  it('honours explicit counts', () => {
    expect(parse('top 3 laptops').query).toMatchObject({ sort: 'rating_desc', limit: 3 });
    expect(parse('show me 5 cameras').query.limit).toBe(5);
    expect(parse('give me two options for a tv').query.limit).toBe(2);
  });

  it('sets inStockOnly when asked', () => {
    expect(parse('laptops in stock').query.inStockOnly).toBe(true);
    expect(parse('laptops').query.inStockOnly).toBeUndefined();
  });
});

describe('parseQuestion: follow-ups', () => {
  const ctx = context({ lastShown: PHONES });

  it('picks all shown products for "those" and applies the sort among them', () => {
    const u = parse('which of those is cheapest?', ctx);
    expect(u).toMatchObject({ followUp: true, references: [0, 1, 2], intent: 'product_inquiry' });
    expect(u.query).toMatchObject({ sort: 'price_asc', limit: 1, text: '' });
    expect(u.query.category).toBeUndefined();
  });

  it.each([
    ['of these which has the best rating', [0, 1, 2], 'rating_desc'],
    ['compare them', [0, 1, 2], 'relevance'],
    ['tell me more about the second one', [1], 'relevance'],
    ['the first one', [0], 'relevance'],
    ['and the last one?', [2], 'relevance'],
    ['is the Samsung one in stock?', [1], 'relevance'],
    ['tell me about the Pixel', [2], 'relevance'],
    ['compare the first and the third', [0, 2], 'relevance'],
  ])('%s -> %j', (q, references, sort) => {
    const u = parse(q, ctx);
    expect(u.followUp).toBe(true);
    expect(u.references).toEqual(references);
    expect(u.query.sort).toBe(sort);
  });

  it('reads "add it to my cart" as a sale of the shown product', () => {
    const one = context({ lastShown: PHONES.slice(0, 1) });
    expect(parse('add it to my cart', one)).toMatchObject({
      intent: 'sales',
      followUp: true,
      references: [0],
    });
  });

  it('applies a budget stated in a follow-up', () => {
    const u = parse('any of them under 800?', ctx);
    expect(u.followUp).toBe(true);
    expect(u.query.maxPrice).toBe(800);
  });

  it('is not a follow-up without shown products, or when the question moves on', () => {
    expect(parse('which of those is cheapest?').followUp).toBe(false);
    expect(parse('show me laptops under 1000', ctx).followUp).toBe(false);
    expect(parse('which Sony headphones are best?', ctx).followUp).toBe(false);
  });
});

describe('parseQuestion: preferences', () => {
  const prefs = context({
    preferences: { budget_range: '500-1000', device_type: 'phone', preferred_brands: ['Samsung'] },
  });

  it('fills the budget and category from preferences', () => {
    const u = parse('what do you recommend?', prefs);
    expect(u.query).toMatchObject({ minPrice: 500, maxPrice: 1000, category: 'smartphone' });
    expect(u.fromPreferences).toEqual({ category: true, price: true });
  });

  it('keeps preferred brands out of the filters', () => {
    expect(parse('what do you recommend?', prefs).query.brands).toBeUndefined();
  });

  it('lets the question override the preferences', () => {
    const u = parse('laptops under 300', prefs);
    expect(u.query).toMatchObject({ category: 'laptop', maxPrice: 300 });
    expect(u.query.minPrice).toBeUndefined();
    expect(u.fromPreferences).toBeUndefined();
    const any = parse('best laptop, any price', prefs);
    expect(any.query.minPrice).toBeUndefined();
    expect(any.query.maxPrice).toBeUndefined();
  });

  it('does not apply preferences to faq questions or follow-ups', () => {
    expect(parse('what is your return policy?', prefs).query.category).toBeUndefined();
    const follow = parse('which of those is cheapest?', { ...prefs, lastShown: PHONES });
    expect(follow.query.category).toBeUndefined();
    expect(follow.query.minPrice).toBeUndefined();
  });
});

describe('parseQuestion: free text', () => {
  it.each([
    ['Show me noise cancelling headphones under $300 please', 'noise cancelling'],
    ['Do you have any Sony headphones?', ''],
    ['I need a waterproof speaker for the beach', 'waterproof beach'],
    ['iphone 15 pro', 'iphone 15 pro'],
    ['cheapest gaming laptops with rtx 4070', 'gaming laptops rtx 4070'],
    ['a robot vacuum for pet hair', 'robot vacuum pet hair'],
  ])('%s -> %j', (q, text) => {
    expect(parse(q).query.text).toBe(text);
  });

  it('always produces a valid product query', () => {
    for (const q of ['', '   ', '?!', 'x'.repeat(2000), 'top 99 phones', 'over 5 and under 2']) {
      expect(() => ProductQuerySchema.parse(parse(q).query)).not.toThrow();
    }
  });
});

describe('parseQuestion output and UnderstandingSchema', () => {
  it('survives validation with every field intact', () => {
    const prefs = context({ preferences: { budget_range: '500-1000', device_type: 'laptop' } });
    for (const q of [
      'what do you recommend?',
      'phones but not Apple',
      'which of those is cheapest?',
      'hi',
    ]) {
      const u = parseQuestion(q, { ...prefs, lastShown: PHONES }, VOCABULARY);
      expect(UnderstandingSchema.parse(u)).toEqual(u);
    }
  });
});
