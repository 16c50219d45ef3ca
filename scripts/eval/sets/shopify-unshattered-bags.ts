import { readUnshatteredTruth } from '../truth/shopify-unshattered-bags';
import type { CatalogSet, EvalCase } from '../types';
import { RATING_CLAIMS, STOCK_CLAIMS } from './claims';
import {
  all,
  amongShownBefore,
  atMost,
  between,
  cheaperThanBefore,
  named,
  not,
  type Pred,
  shownBefore,
} from './predicates';

/**
 * What a shopper of Unshattered (a small US maker of bags from upcycled materials; one vendor,
 * prices in dollars, no stock column, no ratings) types. The store names products after the
 * women who make them ("Molly Messenger") and files most under its own `Type` (Zip Pouch, Tote,
 * Toiletry Kit...); 60 products also carry a Shopify taxonomy path, not always a close one
 * (belt bags under "Wallets & Money Clips"), and tags bags with every style they can be worn
 * in (errand bags tagged `crossbody`). Predicates accept what a shopper would accept: the
 * product's name (variant included), its type, category path, tags or options.
 */

/** The store's tags, without their facet prefix (`Style_Tote` -> `tote`). */
const tagged =
  (re: RegExp): Pred =>
  (p) =>
    (p.attributes.tags ?? '').split(',').some((tag) => re.test(tag.trim().replace(/^[^_]*_/, '')));
/** What the product is: its name, the store's type, category path or tags say so. */
const is =
  (re: RegExp): Pred =>
  (p, context) =>
    re.test(p.name) ||
    re.test(p.attributes.type ?? '') ||
    p.categoryPath.some((c) => re.test(c)) ||
    tagged(re)(p, context);
/** Anything the file says about it: tags, body, options. */
const mentions =
  (re: RegExp): Pred =>
  (p) =>
    re.test(p.text) || re.test(p.name) || Object.values(p.attributes).some((v) => re.test(v));

const tote = is(/\btotes?\b/i);
const crossbody = is(/cross-?body/i);
const backpack = is(/back-?packs?/i);
const messenger = is(/messenger/i);
const toiletryKit = is(/toiletry|toiletries/i);
const makeupBag = is(/make-?up|cosmetic/i);
const zipPouch = is(/\bzip(pered)? pouch/i);
const wristlet = is(/wristlet/i);
const keychain = is(/key ?chains?|key ?rings?/i);
const beltBag = is(/belt bag|fanny|bum bag|waist bag/i);
/** What the product is by its own name and type only (taxonomy parents are too broad here). */
const namedOrTyped =
  (re: RegExp): Pred =>
  (p) =>
    re.test(p.name) || re.test(p.attributes.type ?? '');
const wallet = namedOrTyped(/wallet/i);
/** Worn or carried things: every bag, pouch and kit (not stickers, fees, cards or keychains). */
const bag = all(
  namedOrTyped(
    /\bbags?\b|totes?|pouch|back-?pack|messenger|wristlet|clutch|cross-?body|handbag|\bkit\b|toiletry|make-?up|duffle|duffel|shopper|errand|wallet/i,
  ),
  not(namedOrTyped(/gift|sticker|magnet|\bfee\b|donat|postcard|button|shipping|tassel/i)),
);
const leather = all(
  (p) => /leather/i.test(p.name) || /leather/i.test(p.attributes.type ?? ''),
  not(is(/leather free/i)),
);

const cases: EvalCase[] = [
  {
    id: 'greeting',
    kind: 'greeting',
    turns: [{ ask: 'Hey there :)', expect: { intent: 'greeting', noProducts: true } }],
  },
  // Categories, in the shopper's words and the store's.
  {
    id: 'backpacks',
    kind: 'category',
    turns: [{ ask: 'Do you have backpacks?', expect: { match: backpack, min: 2 } }],
  },
  {
    id: 'crossbody',
    kind: 'category',
    turns: [{ ask: 'show me your crossbody bags', expect: { match: crossbody, min: 3 } }],
  },
  {
    id: 'totes',
    kind: 'category',
    turns: [{ ask: 'I want a tote bag', expect: { match: tote, min: 3 } }],
  },
  {
    id: 'wallets',
    kind: 'category',
    turns: [{ ask: 'do you sell wallets?', expect: { match: wallet, min: 2 } }],
  },
  {
    id: 'laptop-bag',
    kind: 'category',
    turns: [{ ask: 'I need a laptop bag for work', expect: { match: named(/laptop/i) } }],
  },
  {
    id: 'gift-card',
    kind: 'category',
    turns: [{ ask: 'Can I buy a gift card?', expect: { match: is(/gift (card|certificate)/i) } }],
  },
  // The one vendor, named as a shopper would; and brands the store does not carry.
  {
    id: 'brand-store',
    kind: 'brand',
    turns: [
      {
        ask: 'Unshattered messenger bags',
        expect: { match: messenger, all: (p) => /unshattered/i.test(p.brand ?? ''), min: 2 },
      },
    ],
  },
  {
    id: 'not-carried-gucci',
    kind: 'not-carried',
    turns: [
      {
        ask: 'Do you have any Gucci bags?',
        expect: { notCarried: true },
      },
    ],
  },
  {
    id: 'not-carried-lv',
    kind: 'not-carried',
    turns: [
      {
        ask: 'Louis Vuitton Neverfull',
        expect: { notCarried: true },
      },
    ],
  },
  // Materials the store names (upcycled car and airline leather, army uniforms).
  {
    id: 'material-mercedes',
    kind: 'attribute',
    turns: [
      {
        ask: 'anything made from the vintage Mercedes-Benz interior?',
        expect: { match: mentions(/mercedes/i), all: mentions(/mercedes/i), min: 2 },
      },
    ],
  },
  {
    id: 'material-southwest',
    kind: 'attribute',
    turns: [
      {
        ask: 'What do you make from Southwest Airlines leather?',
        expect: { match: mentions(/southwest/i), all: mentions(/southwest/i), min: 2 },
      },
    ],
  },
  // Budgets in dollars, written three ways.
  {
    id: 'budget-crossbody',
    kind: 'budget',
    turns: [{ ask: 'crossbody bag under $100', expect: { match: crossbody, all: atMost(100) } }],
  },
  {
    id: 'budget-pouch-dollars',
    kind: 'budget',
    turns: [
      {
        ask: 'a zip pouch for less than 30 dollars',
        expect: { match: zipPouch, all: atMost(30) },
      },
    ],
  },
  {
    id: 'budget-range-bags',
    kind: 'budget',
    turns: [
      {
        ask: 'bags between $150 and $250',
        expect: { match: bag, all: between(150, 250), min: 2 },
      },
    ],
  },
  {
    id: 'budget-bucks',
    kind: 'budget',
    turns: [{ ask: 'a wristlet under 100 bucks', expect: { match: wristlet, all: atMost(100) } }],
  },
  // Superlatives: price only (the file has no ratings).
  {
    id: 'cheapest-tote',
    kind: 'superlative',
    turns: [{ ask: "what's your cheapest tote?", expect: { match: tote, best: 'price_asc' } }],
  },
  {
    id: 'priciest-bag',
    kind: 'superlative',
    turns: [
      {
        ask: 'What is the most expensive bag you sell?',
        expect: { match: bag, best: 'price_desc' },
      },
    ],
  },
  {
    id: 'cheapest-wristlet',
    kind: 'superlative',
    turns: [{ ask: 'least expensive wristlet', expect: { match: wristlet, best: 'price_asc' } }],
  },
  {
    id: 'best-rated-no-ratings',
    kind: 'superlative',
    turns: [{ ask: 'which bag is the best rated?', expect: { saysNot: RATING_CLAIMS } }],
  },
  // Attributes: material, colour, finish, print, the options a variant states.
  {
    id: 'leather-tote',
    kind: 'attribute',
    turns: [{ ask: 'leather tote', expect: { match: all(tote, leather), all: leather } }],
  },
  {
    id: 'black-crossbody',
    kind: 'attribute',
    turns: [
      {
        ask: 'Do you have a black crossbody?',
        expect: { match: all(crossbody, named(/black/i)) },
      },
    ],
  },
  {
    id: 'wipe-clean-makeup',
    kind: 'attribute',
    turns: [
      {
        ask: 'wipe clean makeup bag',
        expect: { match: all(makeupBag, mentions(/wipe.clean/i)) },
      },
    ],
  },
  {
    id: 'cheetah-print',
    kind: 'attribute',
    turns: [{ ask: 'cheetah print tote', expect: { match: all(tote, mentions(/cheetah/i)) } }],
  },
  {
    id: 'gift-card-50',
    kind: 'attribute',
    turns: [
      {
        ask: 'a $50 gift card',
        expect: { match: all(is(/gift (card|certificate)/i), (p) => p.price === 50) },
      },
    ],
  },
  // Typos.
  {
    id: 'typo-crossbody',
    kind: 'typo',
    turns: [{ ask: 'crosbody pouch', expect: { match: crossbody } }],
  },
  {
    id: 'typo-backpack',
    kind: 'typo',
    turns: [{ ask: 'backpak', expect: { match: backpack } }],
  },
  {
    id: 'typo-toiletry',
    kind: 'typo',
    turns: [{ ask: 'toiletery kit', expect: { match: toiletryKit } }],
  },
  {
    id: 'typo-messenger',
    kind: 'typo',
    turns: [{ ask: 'messanger bag', expect: { match: messenger } }],
  },
  // Synonyms from a general shopping lexicon.
  {
    id: 'synonym-fanny-pack',
    kind: 'synonym',
    turns: [{ ask: 'do you have fanny packs?', expect: { match: beltBag } }],
  },
  {
    id: 'synonym-dopp-kit',
    kind: 'synonym',
    turns: [{ ask: 'a dopp kit for my husband', expect: { match: toiletryKit } }],
  },
  {
    id: 'synonym-cosmetic-bag',
    kind: 'synonym',
    turns: [{ ask: 'cosmetic bag', expect: { match: makeupBag } }],
  },
  {
    id: 'synonym-key-ring',
    kind: 'synonym',
    turns: [{ ask: 'key rings', expect: { match: keychain } }],
  },
  {
    id: 'synonym-duffel',
    kind: 'synonym',
    turns: [{ ask: 'weekender duffel bag', expect: { match: is(/duffle|duffel/i) } }],
  },
  // Products by name: ones the store sells, one it does not sell (any more).
  {
    id: 'model-molly-messenger',
    kind: 'model',
    turns: [
      {
        ask: 'How much is the Molly Messenger?',
        expect: { match: named(/molly messenger/i) },
      },
    ],
  },
  {
    id: 'model-teardrop-sling',
    kind: 'model',
    turns: [{ ask: 'teardrop sling bag', expect: { match: named(/teardrop sling/i) } }],
  },
  {
    id: 'not-carried-denise-tote',
    kind: 'not-carried',
    turns: [
      {
        // The file has a Denise Tote, archived: not for sale. The Denise Messenger is.
        ask: 'Do you have the Denise Tote?',
        expect: { notCarried: true },
      },
    ],
  },
  // Follow-up chains.
  {
    id: 'chain-totes',
    kind: 'follow-up',
    turns: [
      { ask: 'show me totes', expect: { match: tote, min: 2 } },
      { ask: 'only leather ones', expect: { match: all(tote, leather), all: leather } },
      {
        ask: 'under $200',
        expect: { match: all(tote, leather), all: all(leather, atMost(200)) },
      },
      {
        ask: 'tell me more about the first one',
        expect: { match: shownBefore([0]), all: all(leather, atMost(200)) },
      },
    ],
  },
  {
    id: 'chain-tote-cheaper',
    kind: 'follow-up',
    turns: [
      { ask: 'what is your most expensive tote?', expect: { match: tote, best: 'price_desc' } },
      {
        ask: 'wow. something cheaper?',
        expect: { match: all(tote, cheaperThanBefore), all: all(tote, cheaperThanBefore) },
      },
    ],
  },
  {
    id: 'chain-toiletry',
    kind: 'follow-up',
    turns: [
      { ask: 'I need a toiletry bag', expect: { match: toiletryKit, min: 2 } },
      { ask: 'something under $70', expect: { match: toiletryKit, all: atMost(70) } },
      {
        ask: 'compare the first two',
        expect: { match: shownBefore([0, 1]), all: atMost(70), min: 2 },
      },
    ],
  },
  {
    id: 'chain-messenger-priciest',
    kind: 'follow-up',
    turns: [
      { ask: 'messenger bags', expect: { match: messenger, min: 2 } },
      {
        ask: 'which of these is the most expensive?',
        expect: { match: amongShownBefore, best: 'price_desc' },
      },
    ],
  },
  // Preferences saved before the question.
  {
    id: 'preference-budget-crossbody',
    kind: 'preference',
    turns: [
      {
        ask: 'show me crossbody bags',
        preferences: { budget_range: '0-100' },
        expect: { match: crossbody, all: atMost(100) },
      },
    ],
  },
  {
    id: 'preference-budget-tote',
    kind: 'preference',
    turns: [
      {
        ask: 'any totes?',
        preferences: { budget_range: '150-300' },
        expect: { match: tote, all: between(150, 300) },
      },
    ],
  },
  // What the file does not say, and policies the store gave no documents for.
  {
    id: 'no-stock-stated',
    kind: 'attribute',
    turns: [
      {
        ask: 'Is the Molly Messenger in stock?',
        expect: { match: named(/molly messenger/i), saysNot: STOCK_CLAIMS },
      },
    ],
  },
  {
    id: 'policy-returns',
    kind: 'policy',
    turns: [
      {
        ask: "What's your return policy?",
        expect: { policyUnknown: true, noProducts: true },
      },
    ],
  },
  {
    id: 'policy-delivery-time',
    kind: 'policy',
    turns: [
      {
        ask: 'How long does delivery take to California?',
        expect: { policyUnknown: true, noProducts: true },
      },
    ],
  },
  {
    id: 'policy-international',
    kind: 'policy',
    turns: [{ ask: 'Do you ship to Canada?', expect: { policyUnknown: true, noProducts: true } }],
  },
  {
    id: 'policy-exchange',
    kind: 'policy',
    turns: [
      {
        ask: "can I exchange a bag if I don't like the colour?",
        expect: { policyUnknown: true, noProducts: true },
      },
    ],
  },
];

const set = {
  name: 'shopify-unshattered-bags',
  file: 'products_export_1.csv',
  readTruth: readUnshatteredTruth,
  cases,
};

export default set satisfies CatalogSet;
