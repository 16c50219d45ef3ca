import { readOfficialSamplesTruth } from '../truth/shopify-official-samples';
import type { CatalogSet, EvalCase } from '../types';
import {
  all,
  anyOf,
  atMost,
  between,
  cheaperThanBefore,
  inPath,
  inText,
  named,
  type Pred,
  shownBefore,
} from './predicates';

/**
 * What a shopper of Shopify's official sample store (apparel, home and garden, jewellery; one
 * vendor per line; USD; no ratings, stock tracked for one product) types. Truth is read by
 * truth/shopify-official-samples.ts.
 */

// Predicates over truth (what a fair shopper would accept), shared by several questions.
/** The product's name or text says so (lowercased, so patterns are written lowercase). */
const says =
  (re: RegExp): Pred =>
  (p) =>
    re.test(`${p.name} ${p.text}`.toLowerCase());
/** The store's `Type` is this one (the files' only category). */
const typed = (type: string): Pred => inPath(new RegExp(`^${type}$`, 'i'));
const isNecklace = anyOf(typed('necklace'), named(/\bnecklace|\bchoker/i));
const isBracelet = anyOf(typed('bracelet'), named(/\bbracelet|\bbangle/i));
const isEarrings = anyOf(typed('earrings'), named(/\bearrings?\b/i));
const isJewellery = anyOf(isNecklace, isBracelet, isEarrings);
const isSofa = says(/\bsofa|\bcouch/i);
const isJacket = named(/\bjacket/i);
const isTop = named(/\b(top|shirt|tee|blouse|jumper)\b/i);
const isGarden = anyOf(typed('outdoor'), says(/\bgarden/i));
const isGold = anyOf(named(/\bgold\b/i), inText(/\bgold\b/));
const isSilver = anyOf(named(/\bsilver\b/i), inText(/\bsterling silver\b/));
const isTurquoise = says(/turquoise/);
const isPillow = named(/\bpillows?\b/i);
const isWooden = says(/\bwood(en)?\b/);
const isMens = anyOf(inText(/(^|,|\s)men(,|\s|$)/), named(/\bmens?\b/i));
const brand =
  (name: string): Pred =>
  (p) =>
    p.brand === name;

const cases: EvalCase[] = [
  // --- greeting
  {
    id: 'greeting',
    kind: 'greeting',
    turns: [{ ask: 'hi there!', expect: { intent: 'greeting', noProducts: true } }],
  },
  // --- categories (the store's Types and what a shopper calls them)
  {
    id: 'necklaces',
    kind: 'category',
    turns: [
      { ask: 'Do you sell necklaces?', expect: { match: isNecklace, all: isNecklace, min: 3 } },
    ],
  },
  {
    id: 'earrings',
    kind: 'category',
    turns: [
      { ask: 'show me your earrings', expect: { match: isEarrings, all: isEarrings, min: 2 } },
    ],
  },
  {
    id: 'bracelets',
    kind: 'category',
    turns: [{ ask: 'I want to buy a bracelet', expect: { match: isBracelet, all: isBracelet } }],
  },
  {
    id: 'jackets',
    kind: 'category',
    turns: [
      { ask: 'What jackets do you have?', expect: { match: isJacket, all: isJacket, min: 3 } },
    ],
  },
  {
    id: 'sofas',
    kind: 'category',
    turns: [{ ask: 'looking for a sofa', expect: { match: isSofa, all: isSofa, min: 2 } }],
  },
  {
    id: 'garden',
    kind: 'category',
    turns: [{ ask: 'what do you have for the garden?', expect: { match: isGarden, min: 2 } }],
  },
  {
    id: 'jewellery',
    kind: 'synonym',
    turns: [
      { ask: 'show me some jewelry', expect: { match: isJewellery, all: isJewellery, min: 3 } },
    ],
  },
  // --- brands (the store's vendors)
  {
    id: 'brand-sterling',
    kind: 'brand',
    turns: [
      {
        ask: 'Anything from Sterling Ltd?',
        expect: { match: brand('Sterling Ltd'), all: brand('Sterling Ltd'), min: 2 },
      },
    ],
  },
  {
    id: 'brand-rustic',
    kind: 'brand',
    turns: [
      {
        ask: 'what does Rustic LTD make?',
        expect: { match: brand('Rustic LTD'), all: brand('Rustic LTD'), min: 2 },
      },
    ],
  },
  {
    id: 'brand-home-sweet-home-pillows',
    kind: 'brand',
    turns: [
      {
        ask: 'Home Sweet Home throw pillows',
        expect: {
          match: all(brand('Home Sweet Home'), isPillow),
          all: brand('Home Sweet Home'),
        },
      },
    ],
  },
  // --- budgets (USD, as a shopper writes them)
  {
    id: 'necklace-under-30',
    kind: 'budget',
    turns: [
      {
        ask: 'necklace under $30',
        expect: { match: isNecklace, all: all(isNecklace, atMost(30)), min: 2 },
      },
    ],
  },
  {
    id: 'earrings-under-25',
    kind: 'budget',
    turns: [
      {
        ask: 'earrings for less than 25 dollars',
        expect: { match: isEarrings, all: all(isEarrings, atMost(25)) },
      },
    ],
  },
  {
    id: 'sofa-under-200',
    kind: 'budget',
    turns: [
      {
        ask: 'sofa under $200',
        expect: { match: isSofa, all: all(isSofa, atMost(200)) },
      },
    ],
  },
  {
    id: 'gift-40-60',
    kind: 'budget',
    turns: [
      {
        ask: 'a bracelet between $40 and $60',
        expect: {
          match: isBracelet,
          all: all(isBracelet, between(40, 60)),
          min: 2,
        },
      },
    ],
  },
  // --- superlatives (price only: the file has no rating)
  {
    id: 'cheapest-necklace',
    kind: 'superlative',
    turns: [{ ask: 'cheapest necklace', expect: { match: isNecklace, best: 'price_asc' } }],
  },
  {
    id: 'most-expensive-earrings',
    kind: 'superlative',
    turns: [
      {
        ask: 'most expensive earrings you have',
        expect: { match: isEarrings, best: 'price_desc' },
      },
    ],
  },
  {
    id: 'cheapest-jacket',
    kind: 'superlative',
    turns: [
      { ask: "what's your cheapest jacket?", expect: { match: isJacket, best: 'price_asc' } },
    ],
  },
  {
    id: 'priciest-furniture',
    kind: 'superlative',
    turns: [
      {
        ask: 'most expensive sofa or armchair',
        expect: { match: anyOf(isSofa, named(/armchair/i)), best: 'price_desc' },
      },
    ],
  },
  // --- attributes (colour, material, option values)
  {
    id: 'gold-necklace',
    kind: 'attribute',
    turns: [
      {
        ask: 'gold necklace',
        expect: { match: all(isNecklace, isGold), all: isNecklace, min: 2 },
      },
    ],
  },
  {
    id: 'silver-earrings',
    kind: 'attribute',
    turns: [
      {
        ask: 'sterling silver earrings',
        expect: { match: all(isEarrings, isSilver), all: isEarrings },
      },
    ],
  },
  {
    id: 'turquoise',
    kind: 'attribute',
    turns: [{ ask: 'anything with turquoise?', expect: { match: isTurquoise, min: 2 } }],
  },
  {
    id: 'leather-bag',
    kind: 'attribute',
    turns: [{ ask: 'black leather bag', expect: { match: named(/\bbag\b/i) } }],
  },
  {
    id: 'large-pot',
    kind: 'attribute',
    turns: [
      {
        ask: 'Do you have the clay plant pot in large?',
        expect: { match: (p) => /clay plant pot/i.test(p.name) && p.attributes.size === 'large' },
      },
    ],
  },
  {
    id: 'purple-gemstone',
    kind: 'attribute',
    turns: [
      {
        ask: 'gemstone necklace in purple',
        expect: {
          match: (p) => /gemstone necklace/i.test(p.name) && p.attributes.colour === 'purple',
        },
      },
    ],
  },
  {
    id: 'wooden-outdoor',
    kind: 'attribute',
    turns: [
      {
        ask: 'wooden table for outside',
        expect: { match: all(isWooden, typed('outdoor'), named(/\btable/i)) },
      },
    ],
  },
  // --- model / product names that exist, and ones that do not
  {
    id: 'model-led-high-tops',
    kind: 'model',
    turns: [{ ask: 'Do you have the LED High Tops?', expect: { match: named(/led high tops/i) } }],
  },
  {
    id: 'model-origami',
    kind: 'model',
    turns: [
      { ask: 'origami crane necklace price?', expect: { match: named(/origami crane necklace/i) } },
    ],
  },
  {
    id: 'model-cream-sofa-price',
    kind: 'model',
    turns: [{ ask: 'how much is the cream sofa?', expect: { match: named(/cream sofa/i) } }],
  },
  {
    id: 'bedroom',
    kind: 'category',
    turns: [
      {
        ask: 'something for the bedroom',
        expect: { match: says(/\bbed(room)?\b|\bbedside/), min: 2 },
      },
    ],
  },
  {
    id: 'model-watering-can',
    kind: 'model',
    turns: [{ ask: 'yellow watering can', expect: { match: named(/watering can/i) } }],
  },
  {
    id: 'not-carried-wedding-ring',
    kind: 'not-carried',
    turns: [{ ask: 'Do you sell diamond engagement rings?', expect: { notCarried: true } }],
  },
  {
    id: 'not-carried-dining-table',
    kind: 'not-carried',
    turns: [{ ask: 'I need a glass dining table', expect: { notCarried: true } }],
  },
  {
    id: 'not-carried-running-shoes',
    kind: 'not-carried',
    turns: [{ ask: 'Nike running shoes', expect: { notCarried: true } }],
  },
  // --- typos and synonyms
  {
    id: 'typo-necklase',
    kind: 'typo',
    turns: [{ ask: 'necklase', expect: { match: isNecklace, all: isNecklace } }],
  },
  {
    id: 'typo-earings',
    kind: 'typo',
    turns: [{ ask: 'do you have earings', expect: { match: isEarrings, all: isEarrings } }],
  },
  {
    id: 'typo-braclet',
    kind: 'typo',
    turns: [{ ask: 'braclet for my wife', expect: { match: isBracelet, all: isBracelet } }],
  },
  {
    id: 'synonym-couch',
    kind: 'synonym',
    turns: [{ ask: 'do you have a couch?', expect: { match: isSofa, all: isSofa } }],
  },
  {
    id: 'synonym-cushions',
    kind: 'synonym',
    turns: [{ ask: 'cushions for my sofa', expect: { match: isPillow } }],
  },
  {
    id: 'synonym-coat',
    kind: 'synonym',
    turns: [{ ask: 'a warm coat for winter', expect: { match: isJacket } }],
  },
  // --- follow-up chains
  {
    id: 'chain-necklaces',
    kind: 'follow-up',
    turns: [
      { ask: 'show me necklaces', expect: { match: isNecklace, all: isNecklace, min: 2 } },
      {
        ask: 'only from Sterling Ltd',
        expect: {
          match: all(isNecklace, brand('Sterling Ltd')),
          all: all(isNecklace, brand('Sterling Ltd')),
        },
      },
      {
        ask: 'under $25',
        expect: {
          match: isNecklace,
          all: all(isNecklace, brand('Sterling Ltd'), atMost(25)),
        },
      },
    ],
  },
  {
    id: 'chain-jackets',
    kind: 'follow-up',
    turns: [
      { ask: 'most expensive jacket', expect: { match: isJacket, best: 'price_desc' } },
      {
        ask: 'something cheaper?',
        expect: {
          match: isJacket,
          all: all(isJacket, cheaperThanBefore),
        },
      },
    ],
  },
  {
    id: 'chain-second-one',
    kind: 'follow-up',
    turns: [
      { ask: 'show me earrings', expect: { match: isEarrings, min: 2 } },
      {
        ask: 'tell me more about the second one',
        expect: { match: shownBefore([1]), min: 1 },
      },
    ],
  },
  {
    id: 'chain-brand-switch',
    kind: 'follow-up',
    turns: [
      {
        ask: 'throw pillows from Rustic LTD',
        expect: { match: all(isPillow, brand('Rustic LTD')), all: brand('Rustic LTD') },
      },
      {
        ask: 'anything from Home Sweet Home instead?',
        expect: {
          match: all(isPillow, brand('Home Sweet Home')),
          all: brand('Home Sweet Home'),
        },
      },
    ],
  },
  // --- preferences saved on the session
  {
    id: 'pref-budget',
    kind: 'preference',
    turns: [
      {
        ask: 'show me necklaces',
        preferences: { budget_range: '0-30' },
        expect: { match: isNecklace, all: all(isNecklace, atMost(30)) },
      },
    ],
  },
  {
    id: 'pref-brand',
    kind: 'preference',
    turns: [
      {
        ask: 'earrings please',
        preferences: { preferred_brands: ['Sterling Ltd'] },
        expect: { match: all(isEarrings, brand('Sterling Ltd')) },
      },
    ],
  },
  {
    id: 'mens-gift',
    kind: 'attribute',
    turns: [
      {
        ask: 'bracelet for men',
        expect: { match: all(isBracelet, isMens) },
      },
    ],
  },
  // --- policies: the store gave no documents
  {
    id: 'policy-returns',
    kind: 'policy',
    turns: [
      { ask: "what's your return policy?", expect: { policyUnknown: true, noProducts: true } },
    ],
  },
  {
    id: 'policy-shipping',
    kind: 'policy',
    turns: [
      {
        ask: 'how long does shipping take to Canada?',
        expect: { policyUnknown: true, noProducts: true },
      },
    ],
  },
  {
    id: 'policy-warranty',
    kind: 'policy',
    turns: [
      {
        ask: 'is there a warranty on the sofas?',
        expect: { policyUnknown: true, noProducts: true },
      },
    ],
  },
  {
    id: 'policy-price-match',
    kind: 'policy',
    turns: [{ ask: 'do you price match?', expect: { policyUnknown: true, noProducts: true } }],
  },
  // Stock: only one product's inventory is tracked; asking must not invent others'.
  {
    id: 'stock-pots',
    kind: 'attribute',
    turns: [
      { ask: 'are the cardboard pots in stock?', expect: { match: named(/cardboard pots/i) } },
    ],
  },
  {
    id: 'mens-tops',
    kind: 'category',
    turns: [{ ask: "men's shirts", expect: { match: all(isTop, isMens) } }],
  },
];

const set = {
  name: 'shopify-official-samples',
  file: '.',
  readTruth: readOfficialSamplesTruth,
  cases,
};
export default set satisfies CatalogSet;
