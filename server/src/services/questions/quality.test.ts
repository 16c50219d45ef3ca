/**
 * End-to-end quality of the local assistant on the demo catalog and knowledge base, through
 * the question steps the service runs (understand -> gather the answer's input -> compose),
 * checked the way a shopper would notice. Every answer is also checked for invented
 * products, prices and SKUs.
 */
import type { KnowledgeDoc, Preferences, Product } from '@aisle/shared';
import { describe, expect, it } from 'vitest';
import { createLocalProvider } from '../../assistant/compose/local-provider';
import type { AnswerInput, QuestionContext } from '../../assistant/types';
import { aroundPrice } from '../../assistant/understand/budget';
import { vocabularyOf } from '../../assistant/understand/vocabulary';
import type { Understanding } from '../../assistant/understanding-schema';
import { createDemoCatalog } from '../../catalog/demo';
import { loadDemoDocuments } from '../../knowledge/demo';
import { createKnowledgeIndex } from '../../knowledge/knowledge-index';
import { gatherAnswerInput, understandQuestion } from './question-steps';

const catalog = createDemoCatalog();
const knowledge = createKnowledgeIndex(loadDemoDocuments());
const vocabulary = vocabularyOf(catalog);
const provider = createLocalProvider({ catalogVocabulary: vocabulary });
const sources = {
  catalog,
  searchDocuments: async (question: string) => knowledge.search(question, 2).map((h) => h.doc),
};
const bySku = new Map(catalog.all().map((p) => [p.sku, p]));

interface Turn {
  understanding: Understanding;
  products: Product[];
  alternatives: boolean;
  documents: KnowledgeDoc[];
  answer: string;
  input: AnswerInput;
}

/** One question through the service's own steps, with the local provider it runs by default. */
async function ask(question: string, context: QuestionContext): Promise<Turn> {
  const understanding = await understandQuestion(provider, question, context);
  const input = await gatherAnswerInput(question, understanding, context, sources);
  let answer = '';
  for await (const chunk of provider.answer(input)) answer += chunk;
  const { products, alternatives, documents } = input;
  const turn = { understanding, products, alternatives, documents, answer, input };
  assertNothingInvented(turn);
  return turn;
}

/** A conversation: each answer's products become the next question's `lastShown`. */
function conversation(preferences: Preferences = {}) {
  let lastShown: Product[] = [];
  return async (question: string): Promise<Turn> => {
    const turn = await ask(question, { preferences, history: [], lastShown });
    if (turn.products.length > 0) lastShown = turn.products;
    return turn;
  };
}

const PRICE = /\$(\d{1,3}(?:,\d{3})*|\d+)(?:\.(\d{2}))?/g;
const priceOf = (m: RegExpMatchArray) => Number(`${(m[1] ?? '').replace(/,/g, '')}.${m[2] ?? '0'}`);

/** No product, price or SKU in an answer may come from anywhere but the answer's input. */
function assertNothingInvented(turn: Turn): void {
  const { input, answer } = turn;
  const known = [...input.products, ...input.context.lastShown];
  for (const p of known) expect(bySku.get(p.sku), `${p.sku} is a catalog product`).toEqual(p);

  const allowedPrices = new Set<number>(known.map((p) => p.price));
  const q = input.understanding.query;
  for (const bound of [q.minPrice, q.maxPrice]) if (bound !== undefined) allowedPrices.add(bound);
  // "Around 1000" is said back as the shopper's own figure.
  const around = aroundPrice(q.minPrice, q.maxPrice);
  if (around !== undefined) allowedPrices.add(around);
  for (const doc of input.documents)
    for (const m of doc.text.matchAll(PRICE)) allowedPrices.add(priceOf(m));
  for (const m of answer.matchAll(PRICE)) {
    expect(allowedPrices.has(priceOf(m)), `price ${m[0]} in: ${answer}`).toBe(true);
  }

  const allowedNames = new Set(known.map((p) => p.name));
  for (const m of answer.matchAll(/\*\*(.+?)\*\*/g)) {
    expect(allowedNames.has(m[1] ?? ''), `product name ${m[1]} in: ${answer}`).toBe(true);
  }
  // Unformatted mentions too: no other catalog product may be named at all.
  // (A shown product's own description may name another: "...and Apple Pencil Pro support.")
  const quoted = [...allowedNames, ...known.map((p) => p.description)];
  for (const p of catalog.all()) {
    if (allowedNames.has(p.name) || quoted.some((text) => text.includes(p.name))) continue;
    expect(answer.includes(p.name), `${p.name} is not among the inputs: ${answer}`).toBe(false);
  }
  const allowedSkus = new Set(known.map((p) => p.sku));
  for (const m of answer.matchAll(/\bSKU ([A-Z0-9][A-Z0-9-]+)/g)) {
    expect(allowedSkus.has(m[1] ?? ''), `SKU ${m[1]}`).toBe(true);
  }
}

const inCategory = (category: string) => catalog.all().filter((p) => p.category === category);
const prices = (ps: readonly Product[]) => ps.map((p) => p.price);

describe('quality: intents', () => {
  it.each([
    ['hi', 'greeting'],
    ['Good morning!', 'greeting'],
    ['Show me phones under $300', 'product_inquiry'],
    ['How long does shipping take?', 'faq'],
    ['How do I order?', 'sales'],
    ["What's the weather like today?", 'other'],
    ['Tell me a joke', 'other'],
  ])('%s -> %s', async (question, intent) => {
    expect(
      (await ask(question, { preferences: {}, history: [], lastShown: [] })).understanding.intent,
    ).toBe(intent);
  });

  it('greets with the categories the catalog really has', async () => {
    const { answer } = await conversation()('hello there');
    // Category names only (no product counts given here): in the vocabulary's order.
    expect(answer).toMatch(/accessories, cameras, gaming products/);
    expect(answer).toMatch(/What are you looking for/);
  });

  it('declines off-topic questions without products', async () => {
    const turn = await conversation()('Tell me a joke');
    expect(turn.products).toEqual([]);
    expect(turn.answer).toMatch(/shopping assistant/);
  });
});

describe('quality: budgets, brands, categories', () => {
  const chat = conversation();

  it('honours "under $300" for phones', async () => {
    const t = await chat('Show me phones under $300');
    expect(t.products.length).toBeGreaterThan(1);
    expect(t.alternatives).toBe(false);
    for (const p of t.products) {
      expect(p.category).toBe('smartphone');
      expect(p.price).toBeLessThanOrEqual(300);
    }
    expect(t.answer).toMatch(/All of them fit your budget \(up to \$300\)/);
  });

  it('honours a range for laptops', async () => {
    const t = await chat('laptops between 800 and 1500');
    expect(t.products.length).toBeGreaterThan(1);
    for (const p of t.products)
      expect(p.price >= 800 && p.price <= 1500 && p.category === 'laptop').toBe(true);
  });

  it('reads "notebooks under 1k" as laptops up to $1,000', async () => {
    const t = await chat('notebooks under 1k');
    expect(t.products.length).toBeGreaterThan(0);
    for (const p of t.products) expect(p.category === 'laptop' && p.price <= 1000).toBe(true);
  });

  it('reads "around 1000" as ±15% for televisions', async () => {
    const t = await chat('Do you have any televisions around 1000?');
    expect(t.products.length).toBeGreaterThan(0);
    for (const p of t.products)
      expect(p.category === 'tv' && p.price >= 850 && p.price <= 1150).toBe(true);
  });

  it('filters by brand and category', async () => {
    const t = await chat('Samsung TVs');
    expect(t.products.length).toBeGreaterThan(1);
    for (const p of t.products) expect([p.brand, p.category]).toEqual(['Samsung', 'tv']);
  });

  it('keeps text as a ranking hint within the filters', async () => {
    const t = await chat('noise cancelling headphones from Sony');
    expect(t.products.length).toBeGreaterThan(0);
    for (const p of t.products) expect([p.brand, p.category]).toEqual(['Sony', 'headphones']);
    expect(t.products[0]?.tags).toContain('noise-cancelling');
  });

  it('maps synonyms: earbuds, consoles, robot vacuums, smartwatches', async () => {
    expect((await chat('cheap earbuds')).products.every((p) => p.category === 'headphones')).toBe(
      true,
    );
    expect((await chat('gaming consoles')).products.every((p) => p.category === 'gaming')).toBe(
      true,
    );
    const vacuums = await chat('robot vacuum');
    expect(vacuums.products.every((p) => p.category === 'home-appliance')).toBe(true);
    expect(vacuums.products.slice(0, 2).every((p) => p.tags.includes('robot-vacuum'))).toBe(true);
    const watches = await chat('smartwatches over 500');
    expect(watches.products.length).toBeGreaterThan(0);
    for (const p of watches.products)
      expect(p.category === 'smartwatch' && p.price >= 500).toBe(true);
  });

  it('finds a named product first', async () => {
    const t = await chat('iphone 15 pro');
    expect(t.products[0]?.sku).toBe('IPH15PRO-256');
    expect(t.answer).toContain('**iPhone 15 Pro** (Apple) — $999');
  });

  it('combines brand, stock and category', async () => {
    const t = await chat('Any Bose speakers in stock?');
    expect(t.products.length).toBeGreaterThan(0);
    for (const p of t.products)
      expect(p.brand === 'Bose' && p.category === 'speaker' && (p.stock ?? 0) > 0).toBe(true);
  });

  it('leaves out a brand the question rules out', async () => {
    const t = await chat('phones but not Apple');
    expect(t.products.length).toBeGreaterThan(0);
    expect(t.products.some((p) => p.brand === 'Apple')).toBe(false);
  });

  it('reads "4k monitors under $500"', async () => {
    const t = await chat('4k monitors under $500');
    expect(t.products.length).toBeGreaterThan(0);
    for (const p of t.products) expect(p.category === 'monitor' && p.price <= 500).toBe(true);
  });
});

describe('quality: superlatives and counts', () => {
  const chat = conversation();

  it('the cheapest laptop is truly the cheapest', async () => {
    const t = await chat('What is the cheapest laptop?');
    expect(t.products).toHaveLength(1);
    expect(t.products[0]?.price).toBe(Math.min(...prices(inCategory('laptop'))));
    expect(t.answer).toMatch(/^The cheapest laptop we have is the \*\*/);
  });

  it('the most expensive camera is truly the most expensive', async () => {
    const t = await chat('most expensive camera');
    expect(t.products[0]?.price).toBe(Math.max(...prices(inCategory('camera'))));
  });

  it('top 3 highest rated headphones, best first', async () => {
    const t = await chat('top 3 highest rated headphones');
    expect(t.products).toHaveLength(3);
    const ratings = t.products.map((p) => p.rating ?? -1);
    expect(ratings).toEqual([...ratings].sort((a, b) => b - a));
    expect(ratings[0]).toBe(Math.max(...inCategory('headphones').map((p) => p.rating ?? -1)));
  });

  it('the 2 best rated tablets under 500', async () => {
    const t = await chat('Show me the 2 best rated tablets under 500');
    expect(t.products).toHaveLength(2);
    for (const p of t.products) expect(p.category === 'tablet' && p.price <= 500).toBe(true);
    const best = Math.max(
      ...inCategory('tablet')
        .filter((p) => p.price <= 500)
        .map((p) => p.rating ?? -1),
    );
    expect(t.products[0]?.rating).toBe(best);
  });

  it('cheap earbuds come cheapest first', async () => {
    const t = await chat('cheap earbuds');
    expect(prices(t.products)).toEqual([...prices(t.products)].sort((a, b) => a - b));
  });
});

describe('quality: follow-ups on what was shown', () => {
  it('answers about the products shown earlier', async () => {
    const chat = conversation();
    const list = await chat('Show me Samsung and Google phones');
    expect(list.products.length).toBeGreaterThanOrEqual(3);
    expect(new Set(list.products.map((p) => p.brand))).toEqual(new Set(['Samsung', 'Google']));
    const shown = list.products;

    const cheapest = await chat('which of those is cheapest?');
    expect(cheapest.understanding.followUp).toBe(true);
    expect(cheapest.products).toHaveLength(1);
    expect(cheapest.products[0]?.price).toBe(Math.min(...prices(shown)));
    expect(cheapest.answer).toMatch(/^Of those, the cheapest is/);
  });

  it('points at the second one, the Samsung one, compares them, adds it to the cart', async () => {
    const chat = conversation();
    const shown = (await chat('Show me phones between 400 and 800')).products;
    expect(shown.length).toBeGreaterThanOrEqual(3);

    const compared = await chat('compare them');
    expect(compared.understanding.followUp).toBe(true);
    expect(compared.products.map((p) => p.sku)).toEqual(shown.map((p) => p.sku));
    expect(compared.answer).toMatch(/^Here is how they compare:/);

    const samsung = await chat('is the Samsung one in stock?');
    expect(samsung.products.length).toBeGreaterThan(0);
    expect(samsung.products.every((p) => p.brand === 'Samsung')).toBe(true);
    expect(samsung.answer).toMatch(/in stock|out of stock/);

    const cart = await chat('add it to my cart');
    expect(cart.understanding.intent).toBe('sales');
    const sku = samsung.products[0]?.sku ?? 'missing';
    expect(cart.answer).toContain(`SKU ${sku}`);
  });

  it('tells more about the second one', async () => {
    const chat = conversation();
    const shown = (await chat('best rated laptops')).products;
    const second = await chat('tell me more about the second one');
    expect(second.products.map((p) => p.sku)).toEqual([shown[1]?.sku]);
    expect(second.answer).toContain(shown[1]?.description ?? 'missing');
  });

  it('says so when none of the shown products fits a new budget', async () => {
    const chat = conversation();
    await chat('Show me Samsung phones over 700');
    const t = await chat('any of them under 200?');
    expect(t.alternatives).toBe(true);
    expect(t.answer).toMatch(/^None of the products I showed you match that exactly/);
  });
});

describe('quality: preferences', () => {
  it('applies budget_range and device_type, ranking preferred brands without filtering', async () => {
    const chat = conversation({
      budget_range: '500-1000',
      device_type: 'phone',
      preferred_brands: ['Google'],
    });
    const t = await chat('what do you recommend?');
    expect(t.products.length).toBeGreaterThan(1);
    for (const p of t.products)
      expect(p.category === 'smartphone' && p.price >= 500 && p.price <= 1000).toBe(true);
    expect(t.products[0]?.brand).toBe('Google');
    expect(t.products.some((p) => p.brand !== 'Google')).toBe(true);
    expect(t.answer).toMatch(/your saved budget \(between \$500 and \$1,000\)/);
    expect(t.answer).toMatch(/preferred brands/);
  });

  it('lets the question override the saved budget and device type', async () => {
    const chat = conversation({ budget_range: '500-1000', device_type: 'phone' });
    const t = await chat('headphones under 150');
    for (const p of t.products) expect(p.category === 'headphones' && p.price <= 150).toBe(true);
  });
});

describe('quality: nothing matches', () => {
  it('offers the closest real alternatives and says so', async () => {
    const t = await conversation()('Apple phones under 100');
    expect(t.alternatives).toBe(true);
    expect(t.products.length).toBeGreaterThan(0);
    expect(t.answer).toMatch(
      /^I couldn't find an exact match for smartphones from Apple up to \$100\./,
    );
  });

  it('says plainly when the catalog has nothing like it', async () => {
    const t = await conversation()('Do you sell drones?');
    expect(t.products).toEqual([]);
    expect(t.answer).toMatch(/couldn't find any/);
    expect(t.answer).toMatch(/We carry accessories, cameras, gaming products/);
  });
});

describe('quality: policy questions', () => {
  it.each([
    ['How long does shipping take?', 'Shipping policy', /3-5 business days/],
    ['Do you ship to Canada?', 'Shipping policy', /Canada/],
    ['Can I return opened headphones?', 'Returns policy', /Opened products are accepted/],
    ['How long do refunds take?', 'Refund policy', /5-7 business days/],
    ['What warranty do your products have?', 'Warranty and protection plans', /1-year/],
    ['Can I pay with PayPal?', 'Payment methods', /PayPal/],
    ['Are you open on Sunday?', 'Store hours and contact', /Sunday/],
    ['Do you price match?', 'Price match guarantee', /match/],
    ['Where is my order?', 'Order tracking and cancellations', /tracking/],
    ['My order arrived damaged, what can I do?', 'Exchanges and damaged items', /within 7 days/],
    ['Is there a student discount?', 'Student discount and promo codes', /10% off/],
  ])('%s -> cites %s', async (question, title, fact) => {
    const t = await conversation()(question);
    expect(t.understanding.intent).toBe('faq');
    expect(t.answer.startsWith(`From our ${title}: `)).toBe(true);
    expect(t.answer).toMatch(fact);
  });

  it.each(['Do you offer gift wrapping?', 'Is there a loyalty program?'])(
    'says it does not have the store policy for %j',
    async (question) => {
      const t = await conversation()(question);
      expect(t.understanding.intent).toBe('faq');
      expect(t.documents).toEqual([]);
      expect(t.answer).toMatch(/^I don't have this store's /);
    },
  );
});
