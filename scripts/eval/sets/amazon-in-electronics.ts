import { readAmazonInElectronicsTruth } from '../truth/amazon-in-electronics';
import type { CatalogSet, EvalCase, TruthProduct } from '../types';
import { one, policy } from './cases';
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
 * Questions a shopper of an Indian electronics marketplace would type: prices in rupees
 * ("under ₹1,500", "10k", "Rs 2000"), brands that only begin the product names (the file has
 * no brand column), ratings but no stock. Expectations are predicates over the truth read
 * from amazon.csv; a category is matched on the store's own path levels ("SmartTelevisions",
 * "In-Ear"), so accessories filed beside a category do not count as the thing itself.
 */

/** The maker as the name begins ("boAt Rockerz 450", "Noise_Colorfit ..."): marks dropped. */
const firstWord = (p: TruthProduct): string =>
  (p.name.toLowerCase().match(/^[a-z0-9-]+/) ?? [''])[0];
const brand =
  (name: string): Pred =>
  (p) =>
    firstWord(p) === name;

const televisions = inPath(/^televisions$/i);
const smartTvs = inPath(/^smarttelevisions$/i);
const headphones = inPath(/^(headphones|pcheadsets|headsets)$/i);
const inEar = inPath(/^in-ear$/i);
const phones = inPath(/^smartphones&basicmobiles$/i);
const smartwatches = all(
  inPath(/^smartwatches$/i),
  not(named(/charger|charging cable|bumper|case cover|protector|strap/i)),
);
const powerBanks = inPath(/^powerbanks$/i);
const mice = inPath(/^(mice|gamingmice)$/i);
const speakers = inPath(/speakers$/i);
const bluetoothSpeakers = all(
  speakers,
  anyOf(inPath(/^(bluetoothspeakers|outdoorspeakers)$/i), named(/bluetooth|wireless/i)),
);
const vacuums = inPath(/^vacuums$/i);
const steamIrons = all(inPath(/^steamirons$/i), named(/\biron\b/i));

const cases: EvalCase[] = [
  {
    id: 'greeting',
    kind: 'greeting',
    turns: [{ ask: 'hello!', expect: { intent: 'greeting', noProducts: true } }],
  },

  // Categories, matched on the store's own path.
  one('televisions', 'category', 'show me televisions', { match: televisions, min: 3 }),
  one('headphones', 'category', 'do you have headphones?', { match: headphones, min: 3 }),
  one('laptops', 'category', 'do you sell laptops?', { match: inPath(/^laptops$/i) }),
  one('air-fryer', 'category', 'I want an air fryer', {
    match: anyOf(inPath(/^airfryers$/i), named(/air fryer/i)),
  }),
  one('mixer-grinder', 'category', 'mixer grinder for my kitchen', {
    match: anyOf(inPath(/mixergrinders$/i), named(/mixer grinder/i)),
    min: 2,
  }),
  one('wifi-router', 'category', 'wifi router', {
    match: all(inPath(/^routers$/i), not(named(/\bups\b|routerups/i))),
  }),

  // Superlatives (the file has ratings).
  one('cheapest-smart-tv', 'superlative', 'cheapest smart TV', {
    match: smartTvs,
    best: 'price_asc',
  }),
  one('priciest-tv', 'superlative', 'most expensive television you have', {
    match: televisions,
    best: 'price_desc',
  }),
  one('best-rated-smartwatch', 'superlative', 'best rated smartwatch', {
    match: smartwatches,
    best: 'rating_desc',
  }),
  one('cheapest-power-bank', 'superlative', 'cheapest power bank', {
    match: powerBanks,
    best: 'price_asc',
  }),
  one('best-rated-mouse', 'superlative', 'highest rated mouse', {
    match: mice,
    best: 'rating_desc',
  }),

  // Budgets in rupees, as Indian shoppers write them.
  one('earbuds-budget', 'budget', 'earbuds under ₹1,500', {
    match: inEar,
    all: atMost(1500),
    min: 2,
  }),
  one('phone-10k', 'budget', 'phone under 10k', { match: phones, all: atMost(10000), min: 2 }),
  one('speaker-rs', 'budget', 'bluetooth speaker below Rs 2000', {
    match: bluetoothSpeakers,
    all: atMost(2000),
  }),
  one('smartwatch-range', 'budget', 'smartwatch between 2000 and 3000 rupees', {
    match: smartwatches,
    all: between(2000, 3000),
    min: 2,
  }),
  one('tv-size-budget', 'budget', '32 inch smart tv under 15000', {
    match: all(smartTvs, named(/\b32 inch/i)),
    all: atMost(15000),
    min: 2,
  }),

  // Measurements and attributes written in the names.
  one('power-bank-mah', 'attribute', '20000mAh power bank', {
    match: all(powerBanks, named(/\b20,?000 ?mah/i)),
  }),
  one('memory-card-gb', 'attribute', '128GB memory card', {
    match: all(inPath(/^memorycards$/i), named(/\b128 ?gb/i)),
  }),
  one('kettle-litre', 'attribute', '1.5 litre electric kettle', {
    match: all(inPath(/kettles/i), named(/\b1\.5\s*-?\s*(l\b|lit|ltr)/i)),
  }),
  one('tv-55-inch', 'attribute', '55 inch TV', { match: all(televisions, named(/\b55 inch/i)) }),
  one('phone-5g', 'attribute', 'a 5G smartphone', {
    match: all(phones, named(/\b5g\b/i)),
    min: 2,
  }),
  one('wireless-mouse', 'attribute', 'wireless mouse', {
    match: all(mice, named(/wireless|bluetooth/i)),
    min: 2,
  }),

  // Model names that exist, and models the store does not carry.
  one('model-nord', 'model', 'Do you have the OnePlus Nord 2T?', { match: named(/nord 2t/i) }),
  one('model-redmi-note', 'model', 'Redmi Note 11', { match: named(/redmi note 11\s*\(/i) }),
  one('model-galaxy-m13', 'model', 'Samsung Galaxy M13 price?', { match: named(/galaxy m13\b/i) }),
  one('model-jbl-go', 'model', 'tell me about the JBL Go 2', { match: named(/jbl go 2\b/i) }),
  one('stock-airdopes', 'model', 'is the boAt Airdopes 141 in stock?', {
    match: named(/airdopes 141\b/i),
    // The file states no stock: the answer may not claim either way.
    saysNot: /\b(is|it's|are)\s+(currently\s+)?(in|out of)\s+stock\b/i,
  }),
  one('not-carried-iphone', 'not-carried', 'Do you have the iPhone 14?', { notCarried: true }),
  one('not-carried-galaxy-s23', 'not-carried', 'Samsung Galaxy S23 Ultra', { notCarried: true }),
  one('not-carried-macbook', 'not-carried', 'MacBook Air M2', { notCarried: true }),
  one('not-carried-ps5', 'not-carried', 'do you have the PlayStation 5?', { notCarried: true }),

  // Typos and synonyms.
  one('typo-headphones', 'typo', 'hedphones', { match: headphones, min: 2 }),
  one('typo-samsung', 'typo', 'samsng smartphones', {
    match: all(phones, brand('samsung')),
    all: brand('samsung'),
  }),
  one('typo-vacuum', 'typo', 'vaccum cleaner', { match: vacuums, min: 2 }),
  one('typo-smartwatch', 'typo', 'smart wach', { match: smartwatches, min: 2 }),
  one('synonym-mobile', 'synonym', 'mobile phones', { match: phones, min: 3 }),
  one('synonym-cellphone', 'synonym', 'a basic cellphone under 2000', {
    match: phones,
    all: atMost(2000),
  }),
  one('synonym-geyser', 'synonym', 'geyser for the bathroom', {
    match: anyOf(inPath(/^(instantwaterheaters|storagewaterheaters)$/i), named(/geyser/i)),
    min: 2,
  }),
  one('synonym-pendrive', 'synonym', '64gb usb flash drive', {
    match: all(inPath(/^pendrives$/i), named(/\b64 ?gb/i)),
  }),

  // Brands (first word of the names).
  one('brand-samsung-tv', 'brand', 'Samsung TVs', {
    match: all(televisions, brand('samsung')),
    all: brand('samsung'),
    min: 2,
  }),
  one('brand-jbl', 'brand', 'JBL earphones', {
    match: all(headphones, named(/\bjbl\b/i)),
    all: named(/\bjbl\b/i),
  }),
  one('brand-bose', 'brand', 'anything from Bose?', { notCarried: true }),

  // Follow-up chains, asked in one session.
  {
    id: 'chain-boat-headphones',
    kind: 'follow-up',
    turns: [
      { ask: 'show me headphones', expect: { match: headphones, min: 3 } },
      {
        ask: 'only boAt',
        expect: { match: all(headphones, brand('boat')), all: brand('boat'), min: 2 },
      },
      {
        ask: 'under ₹1000',
        expect: {
          match: all(headphones, brand('boat')),
          all: all(brand('boat'), atMost(1000)),
        },
      },
      {
        ask: 'something cheaper?',
        expect: {
          match: all(headphones, brand('boat')),
          all: all(brand('boat'), atMost(1000)),
          best: 'price_asc',
        },
      },
      {
        ask: 'tell me more about the second one',
        expect: {
          intent: 'product_inquiry',
          match: nthShown(1, all(headphones, brand('boat'), atMost(1000))),
        },
      },
    ],
  },
  {
    id: 'chain-tv-budget-brand',
    kind: 'follow-up',
    turns: [
      { ask: 'TVs under 20000', expect: { match: televisions, all: atMost(20000), min: 2 } },
      {
        ask: 'anything from LG instead?',
        expect: {
          match: all(televisions, brand('lg')),
          all: all(brand('lg'), atMost(20000)),
        },
      },
      {
        ask: 'which one is rated higher?',
        expect: { match: all(televisions, brand('lg'), atMost(20000)), best: 'rating_desc' },
      },
    ],
  },
  {
    id: 'chain-noise-watch',
    kind: 'follow-up',
    turns: [
      { ask: 'smartwatches', expect: { match: smartwatches, min: 3 } },
      {
        ask: 'only Noise',
        expect: { match: all(smartwatches, brand('noise')), all: brand('noise'), min: 2 },
      },
      {
        ask: 'the best rated one',
        expect: { match: all(smartwatches, brand('noise')), best: 'rating_desc' },
      },
    ],
  },

  {
    id: 'chain-compare-power-banks',
    kind: 'follow-up',
    turns: [
      { ask: 'show me power banks', expect: { match: powerBanks, min: 2 } },
      { ask: 'compare the first two', expect: { match: firstShown(2, powerBanks), min: 2 } },
    ],
  },

  // Preferences saved before the turn.
  {
    id: 'preference-budget-watch',
    kind: 'preference',
    turns: [
      {
        ask: 'I need a smartwatch',
        preferences: { budget_range: '0-1500' },
        expect: { match: smartwatches, all: atMost(1500) },
      },
    ],
  },
  {
    id: 'preference-budget-phone',
    kind: 'preference',
    turns: [
      {
        ask: 'suggest a smartphone',
        preferences: { budget_range: '10000-20000' },
        expect: { match: phones, all: between(10000, 20000) },
      },
    ],
  },
  {
    id: 'preference-brand-iron',
    kind: 'preference',
    turns: [
      {
        ask: 'looking for a steam iron',
        preferences: { preferred_brands: ['Philips'] },
        expect: { match: all(steamIrons, brand('philips')) },
      },
    ],
  },

  // The store gave no policy documents.
  policy('what is your return policy?', 'policy-returns'),
  policy('do you offer cash on delivery?', 'policy-cod'),
  policy('how many days for delivery to Bangalore?', 'policy-delivery'),
];

const set = {
  name: 'amazon-in-electronics',
  file: 'amazon.csv',
  readTruth: readAmazonInElectronicsTruth,
  cases,
};

export default set satisfies CatalogSet;
