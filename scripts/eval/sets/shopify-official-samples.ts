import { readOfficialSamplesTruth } from '../truth/shopify-official-samples';
import type { CatalogSet, EvalCase, TruthProduct } from '../types';

/**
 * What a shopper of Shopify's official sample store (apparel, home and garden, jewellery; one
 * vendor per line; USD; no ratings, stock tracked for one product) types. Truth is read by
 * truth/shopify-official-samples.ts.
 */

// Predicates over truth (what a fair shopper would accept), shared by several questions.
const words = (p: TruthProduct): string => `${p.name} ${p.text}`.toLowerCase();
const named = (re: RegExp) => (p: TruthProduct) => re.test(p.name);
const typed = (type: string) => (p: TruthProduct) =>
  p.categoryPath.some((c) => c.toLowerCase() === type);
const isNecklace = (p: TruthProduct) => typed('necklace')(p) || /\bnecklace|\bchoker/i.test(p.name);
const isBracelet = (p: TruthProduct) => typed('bracelet')(p) || /\bbracelet|\bbangle/i.test(p.name);
const isEarrings = (p: TruthProduct) => typed('earrings')(p) || /\bearrings?\b/i.test(p.name);
const isJewellery = (p: TruthProduct) => isNecklace(p) || isBracelet(p) || isEarrings(p);
const isSofa = (p: TruthProduct) => /\bsofa|\bcouch/i.test(words(p));
const isJacket = named(/\bjacket/i);
const isTop = (p: TruthProduct) => /\b(top|shirt|tee|blouse|jumper)\b/i.test(p.name);
const isGarden = (p: TruthProduct) => typed('outdoor')(p) || /\bgarden/i.test(words(p));
const isGold = (p: TruthProduct) => /\bgold\b/i.test(p.name) || /\bgold\b/.test(p.text);
const isSilver = (p: TruthProduct) =>
  /\bsilver\b/i.test(p.name) || /\bsterling silver\b/.test(p.text);
const isTurquoise = (p: TruthProduct) => /turquoise/.test(words(p));
const isPillow = named(/\bpillows?\b/i);
const isWooden = (p: TruthProduct) => /\bwood(en)?\b/.test(words(p));
const isMens = (p: TruthProduct) => /(^|,|\s)men(,|\s|$)/.test(p.text) || /\bmens?\b/i.test(p.name);
const brand = (name: string) => (p: TruthProduct) => p.brand === name;

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
          match: (p) => brand('Home Sweet Home')(p) && isPillow(p),
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
        expect: { match: isNecklace, all: (p) => isNecklace(p) && p.price <= 30, min: 2 },
      },
    ],
  },
  {
    id: 'earrings-under-25',
    kind: 'budget',
    turns: [
      {
        ask: 'earrings for less than 25 dollars',
        expect: { match: isEarrings, all: (p) => isEarrings(p) && p.price <= 25 },
      },
    ],
  },
  {
    id: 'sofa-under-200',
    kind: 'budget',
    turns: [
      {
        ask: 'sofa under $200',
        expect: { match: isSofa, all: (p) => isSofa(p) && p.price <= 200 },
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
          all: (p) => isBracelet(p) && p.price >= 40 && p.price <= 60,
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
        expect: { match: (p) => isSofa(p) || /armchair/i.test(p.name), best: 'price_desc' },
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
        expect: { match: (p) => isNecklace(p) && isGold(p), all: isNecklace, min: 2 },
      },
    ],
  },
  {
    id: 'silver-earrings',
    kind: 'attribute',
    turns: [
      {
        ask: 'sterling silver earrings',
        expect: { match: (p) => isEarrings(p) && isSilver(p), all: isEarrings },
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
        expect: { match: (p) => isWooden(p) && typed('outdoor')(p) && named(/\btable/i)(p) },
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
        expect: { match: (p) => /\bbed(room)?\b|\bbedside/.test(words(p)), min: 2 },
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
          match: (p) => isNecklace(p) && brand('Sterling Ltd')(p),
          all: (p) => isNecklace(p) && brand('Sterling Ltd')(p),
        },
      },
      {
        ask: 'under $25',
        expect: {
          match: isNecklace,
          all: (p) => isNecklace(p) && brand('Sterling Ltd')(p) && p.price <= 25,
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
          all: (p, { shown }) =>
            isJacket(p) && p.price < Math.min(...(shown[0] ?? []).map((s) => s.price)),
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
        expect: { match: (p, { shown }) => p.sku === shown[0]?.[1]?.sku, min: 1 },
      },
    ],
  },
  {
    id: 'chain-brand-switch',
    kind: 'follow-up',
    turns: [
      {
        ask: 'throw pillows from Rustic LTD',
        expect: { match: (p) => isPillow(p) && brand('Rustic LTD')(p), all: brand('Rustic LTD') },
      },
      {
        ask: 'anything from Home Sweet Home instead?',
        expect: {
          match: (p) => isPillow(p) && brand('Home Sweet Home')(p),
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
        expect: { match: isNecklace, all: (p) => isNecklace(p) && p.price <= 30 },
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
        expect: { match: (p) => isEarrings(p) && brand('Sterling Ltd')(p) },
      },
    ],
  },
  {
    id: 'mens-gift',
    kind: 'attribute',
    turns: [
      {
        ask: 'bracelet for men',
        expect: { match: (p) => isBracelet(p) && isMens(p) },
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
    turns: [{ ask: "men's shirts", expect: { match: (p) => isTop(p) && isMens(p) } }],
  },
];

const set = {
  name: 'shopify-official-samples',
  file: '.',
  readTruth: readOfficialSamplesTruth,
  cases,
};
export default set satisfies CatalogSet;
