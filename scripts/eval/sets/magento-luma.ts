import { readMagentoLumaTruth } from '../truth/magento-luma';
import type { CatalogSet, EvalCase, TruthProduct } from '../types';
import { notCarried, one, policy } from './cases';
import {
  all,
  anyOf,
  atMost,
  between,
  firstShown,
  inPath,
  named,
  not,
  nthShown,
  type Pred,
} from './predicates';

/**
 * Questions a shopper of the Luma sample store (Magento: sportswear for men and women, bags,
 * watches, fitness gear; prices in US dollars; stock and review ratings; no brands) would
 * type. Expectations are predicates over the truth read from the raw files: a product
 * answers "women's jackets" when the store files it under Women > ... > Jackets, whatever
 * its name.
 */

const leaf = (p: TruthProduct): string => p.categoryPath.at(-1) ?? '';
const forWomen: Pred = (p) => p.categoryPath[0] === 'Women';
const forMen: Pred = (p) => p.categoryPath[0] === 'Men';
/** A gendered request excludes the other department; gear for everyone stays fair. */
const notMens = not(forMen);
const notWomens = not(forWomen);
/** A facet the store states in its attributes OR in the product's own description. */
const states =
  (key: string, re: RegExp): Pred =>
  (p) =>
    re.test(p.attributes[key] ?? '') || re.test(p.text);

const hoodies: Pred = (p) => leaf(p) === 'Hoodies & Sweatshirts' || /hood/i.test(p.name);
const jackets: Pred = (p) => leaf(p) === 'Jackets';
const tees: Pred = (p) => leaf(p) === 'Tees' || /\btee\b/i.test(p.name);
const shorts: Pred = (p) => leaf(p) === 'Shorts';
const pants: Pred = (p) => leaf(p) === 'Pants';
const bags = inPath(/^bags$/i);
const watches = inPath(/^watches$/i);

const cases: EvalCase[] = [
  {
    id: 'greeting',
    kind: 'greeting',
    turns: [{ ask: 'hi there!', expect: { intent: 'greeting', noProducts: true } }],
  },

  // Categories, as the store files them.
  one('hoodies', 'category', 'Do you sell hoodies?', { match: hoodies, min: 3 }),
  one('womens-jackets', 'category', "show me women's jackets", {
    match: all(forWomen, jackets),
    all: notMens,
    min: 3,
  }),
  one('mens-shorts', 'category', 'mens shorts please', {
    match: all(forMen, shorts),
    all: notWomens,
    min: 3,
  }),
  one('backpack', 'category', 'I need a backpack', { match: named(/backpack/i) }),
  one('watches', 'category', 'what watches do you have?', { match: watches, min: 3 }),
  one('fitness-gear', 'category', 'anything for working out at home, like fitness equipment?', {
    match: inPath(/fitness equipment/i),
    min: 2,
  }),

  // Superlatives (ratings come from the store's reviews).
  one('cheapest-watch', 'superlative', "what's your cheapest watch?", {
    match: watches,
    best: 'price_asc',
  }),
  one('priciest-jacket', 'superlative', 'most expensive jacket you have', {
    match: jackets,
    best: 'price_desc',
  }),
  one('best-rated-bag', 'superlative', 'which bag has the best reviews?', {
    match: bags,
    best: 'rating_desc',
  }),
  one('cheapest-mens-tank', 'superlative', 'cheapest tank top for men', {
    match: all(forMen, (p) => leaf(p) === 'Tanks' || /\btank\b/i.test(p.name)),
    all: notWomens,
    best: 'price_asc',
  }),

  // Budgets in dollars, written as shoppers write them.
  one('womens-pants-budget', 'budget', "women's pants under $45", {
    match: all(forWomen, pants),
    all: all(notMens, atMost(45)),
    min: 2,
  }),
  one('tees-budget', 'budget', 'tees under 25 dollars', {
    match: tees,
    all: atMost(25),
    min: 2,
  }),
  one('jacket-range', 'budget', 'a jacket between $50 and $60', {
    match: jackets,
    all: between(50, 60),
    min: 2,
  }),

  // Attributes the file holds (style, material, colours offered, collections).
  one('rain-jacket', 'attribute', 'do you have a rain jacket?', {
    match: all(
      jackets,
      anyOf(
        named(/\brain\b/i),
        states('style_general', /rain coat|\brain\b|waterproof|water-resistant/),
      ),
    ),
  }),
  one('organic-cotton', 'attribute', 'something made of organic cotton', {
    match: states('material', /organic cotton/),
  }),
  one('purple-hoodie', 'attribute', 'a purple hoodie for women', {
    match: all(forWomen, hoodies, states('color', /purple/)),
    all: notMens,
  }),
  one('eco-tees', 'attribute', 'eco friendly tees', {
    match: all(
      tees,
      (p) =>
        p.attributes.eco_collection === 'yes' ||
        /eco friendly/.test(p.attributes.collections ?? ''),
    ),
  }),
  one('stasis-ball-size', 'attribute', 'exercise ball 65 cm', {
    match: named(/ball 65 cm/i),
  }),

  // Model names: carried, misspelt, not carried.
  one('model-chaz', 'model', 'Do you have the Chaz Kangeroo Hoodie?', {
    match: named(/chaz kangeroo hoodie/i),
  }),
  one('model-dash', 'model', 'tell me about the Dash Digital Watch', {
    match: named(/dash digital watch/i),
  }),
  one('model-typo', 'typo', 'stellar solar jaket', { match: named(/stellar solar jacket/i) }),
  one('stock-summit-watch', 'model', 'is the Summit Watch in stock?', {
    match: named(/summit watch/i),
    says: /\bin stock\b|\b100\b/i,
    saysNot: /out of stock/i,
  }),
  notCarried('Do you have the Apple Watch Series 8?', 'not-carried-apple-watch'),
  notCarried('do you carry Nike running shoes?', 'not-carried-nike-shoes'),
  notCarried('I am looking for a camping tent', 'not-carried-tent'),
  notCarried('do you have yoga mats?', 'not-carried-yoga-mat'),
  {
    id: 'brand-adidas',
    kind: 'brand',
    turns: [{ ask: 'anything from Adidas?', expect: { notCarried: true } }],
  },

  // Typos and synonyms.
  one('typo-hoodies', 'typo', 'hoddies for women', {
    match: all(forWomen, hoodies),
    all: notMens,
  }),
  one('typo-leggings', 'typo', 'leggins', {
    match: all(
      pants,
      (p) => /legging|tights?\b/i.test(p.name) || /leggings/.test(p.attributes.style_bottom ?? ''),
    ),
  }),
  one('typo-watch', 'typo', 'wrist wach', { match: watches }),
  one('synonym-tshirts', 'synonym', 't-shirts for men', {
    match: all(forMen, tees),
    all: notWomens,
  }),
  one('synonym-joggers', 'synonym', 'joggers for men', {
    match: all(forMen, pants),
    all: notWomens,
  }),
  one('synonym-duffel', 'synonym', 'duffel bag', { match: named(/duffle|duffel/i) }),
  one('synonym-sports-bra', 'synonym', 'sports bra', {
    match: (p) => /\bbra\b/i.test(p.name),
  }),

  // Follow-up chains, asked in one session.
  {
    id: 'chain-womens-shorts',
    kind: 'follow-up',
    turns: [
      {
        ask: "I'm looking for women's shorts",
        expect: { match: all(forWomen, shorts), all: notMens, min: 3 },
      },
      {
        ask: 'under $30?',
        expect: { match: all(forWomen, shorts), all: all(notMens, atMost(30)) },
      },
      {
        ask: 'something cheaper?',
        expect: {
          match: all(forWomen, shorts),
          all: all(notMens, atMost(30)),
          best: 'price_asc',
        },
      },
      {
        ask: 'tell me more about the second one',
        expect: {
          intent: 'product_inquiry',
          match: nthShown(1, all(forWomen, shorts, atMost(30))),
        },
      },
    ],
  },
  {
    id: 'chain-watches',
    kind: 'follow-up',
    turns: [
      { ask: 'show me watches', expect: { match: watches, min: 3 } },
      { ask: 'only ones under $50', expect: { match: watches, all: atMost(50) } },
      {
        ask: 'which of those is rated best?',
        expect: { match: all(watches, atMost(50)), best: 'rating_desc' },
      },
    ],
  },
  {
    id: 'chain-jackets-gender',
    kind: 'follow-up',
    turns: [
      { ask: 'men’s jackets', expect: { match: all(forMen, jackets), all: notWomens, min: 3 } },
      {
        ask: 'what about for women?',
        expect: { match: all(forWomen, jackets), all: notMens, min: 3 },
      },
      {
        ask: 'the cheapest one?',
        expect: { match: all(forWomen, jackets), all: notMens, best: 'price_asc' },
      },
    ],
  },

  {
    id: 'chain-compare-backpacks',
    kind: 'follow-up',
    turns: [
      { ask: 'backpacks please', expect: { match: named(/backpack/i), min: 2 } },
      {
        ask: 'compare the first two',
        expect: { match: firstShown(2, named(/backpack/i)), min: 2 },
      },
    ],
  },

  // Preferences saved before the turn.
  {
    id: 'preference-budget-tees',
    kind: 'preference',
    turns: [
      {
        ask: 'show me some tees',
        preferences: { budget_range: '0-30' },
        expect: { match: tees, all: atMost(30) },
      },
    ],
  },
  {
    id: 'preference-budget-bags',
    kind: 'preference',
    turns: [
      {
        ask: 'I need a gym bag',
        preferences: { budget_range: '35-50' },
        expect: { match: bags, all: between(35, 50) },
      },
    ],
  },

  // The store gave no policy documents.
  policy("what's your return policy?", 'policy-returns'),
  policy('how long does shipping take?', 'policy-shipping'),
  policy('do you price match?', 'policy-price-match'),
];

const set = {
  name: 'magento-luma',
  file: '.',
  readTruth: readMagentoLumaTruth,
  cases,
};

export default set satisfies CatalogSet;
