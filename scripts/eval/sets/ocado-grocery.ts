import { readOcadoTruth } from '../truth/ocado-grocery';
import type { CatalogSet, EvalCase } from '../types';
import { STOCK_CLAIMS } from './claims';
import {
  all,
  amongShownBefore,
  anyOf,
  atMost,
  between,
  cheaperThanBefore,
  named,
  not,
  type Pred,
  shownBefore,
} from './predicates';

/**
 * What a shopper of a UK online grocer types, asked of the Ocado scrape (fresh & chilled food,
 * bakery, soft drinks, tea and coffee; about 1,000 products with a brand and a rating on the
 * extra file, none with stock; prices in pounds and pence).
 *
 * Predicates read the product NAME first: this scrape has no description and names a product's
 * brand in its title far more often than in the brand column (about 1 product in 9 has one).
 * Each predicate accepts every product a shopper would accept for the question (both spellings
 * of yoghurt, "houmous" for hummus, "oat drink" for oat milk...).
 */

/** A brand the shopper names: the brand column when the file has one, else the title. */
const brand =
  (re: RegExp): Pred =>
  (p) =>
    re.test(p.brand ?? '') || re.test(p.name);
const weighs =
  (re: RegExp): Pred =>
  (p) =>
    re.test(p.attributes.weight ?? '');

const tea = named(
  /\btea\b|\bteas\b|teabags?|\binfusions?\b|in'fuse|rooibos|\bchai\b|matcha|earl grey|english breakfast|camomile|chamomile/i,
);
const yoghurt = named(/\byog(h)?o?urts?\b|\bskyr\b/i);
const orangeJuice = all(named(/\borange/i), named(/\bjuice\b|tropicana/i));
const coffeeBeans = all(named(/coffee|espresso/i), named(/\bbeans?\b|wholebean/i));
/** Everything Twinings sells here is tea or an infusion ("Superblends"), bar a hot chocolate. */
const twiningsTea = all(brand(/twinings/i), not(named(/hot chocolate/i)));
const innocentSmoothie = all(brand(/innocent/i), named(/smoothie/i));
const nespressoPods = all(named(/nespresso/i), named(/capsules?|pods?/i));
const groundCoffee = all(named(/coffee/i), named(/\bground\b/i));
const hummus = named(/hummus|houmous/i);
const sourdough = named(/sourdough/i);

const cases: EvalCase[] = [
  {
    id: 'greeting',
    kind: 'greeting',
    turns: [{ ask: 'Hello!', expect: { intent: 'greeting', noProducts: true } }],
  },
  // Categories, as a shopper names an aisle or a kind of product.
  {
    id: 'sourdough',
    kind: 'category',
    turns: [{ ask: 'Do you sell sourdough bread?', expect: { match: sourdough, min: 3 } }],
  },
  {
    id: 'kombucha',
    kind: 'category',
    turns: [{ ask: 'have you got any kombucha', expect: { match: named(/kombucha/i), min: 3 } }],
  },
  {
    id: 'free-range-eggs',
    kind: 'category',
    turns: [
      {
        ask: 'I need a box of free range eggs',
        expect: { match: all(named(/\beggs?\b/i), named(/free.range/i)) },
      },
    ],
  },
  {
    id: 'coffee-pods',
    kind: 'category',
    turns: [
      {
        ask: 'Which coffee capsules do you have?',
        expect: {
          match: all(
            named(/capsules?|pods?|t-?discs?|dolce gusto|tassimo|nespresso/i),
            named(/coffee|espresso|lungo|ristretto|latte|cappuccino|americano|flat white/i),
          ),
          min: 3,
        },
      },
    ],
  },
  {
    id: 'birthday-cake',
    kind: 'category',
    turns: [
      {
        // Two cakes; a cereal bar and a flavoured coffee borrow the name.
        ask: 'I need a birthday cake for Saturday',
        expect: { match: all(named(/birthday cake/i), not(named(/\bbars?\b|coffee/i))) },
      },
    ],
  },
  // Brands, as the store writes them (in the title, or the brand column of the extra file).
  {
    id: 'brand-twinings',
    kind: 'brand',
    turns: [
      {
        ask: 'Have you got Twinings tea?',
        expect: { match: twiningsTea, all: brand(/twinings/i), min: 3 },
      },
    ],
  },
  {
    id: 'brand-yeo-valley',
    kind: 'brand',
    turns: [
      {
        ask: 'What do you have from Yeo Valley?',
        expect: { match: brand(/yeo valley/i), all: brand(/yeo valley/i), min: 3 },
      },
    ],
  },
  {
    id: 'brand-lurpak',
    kind: 'brand',
    turns: [
      {
        ask: 'lurpak butter please',
        expect: { match: all(brand(/lurpak/i), named(/butter/i)), all: brand(/lurpak/i) },
      },
    ],
  },
  // Budgets in pounds and in pence, as a UK shopper writes them.
  {
    id: 'budget-orange-juice',
    kind: 'budget',
    turns: [
      {
        ask: 'orange juice under £2',
        expect: { match: orangeJuice, all: atMost(2) },
      },
    ],
  },
  {
    id: 'budget-yoghurt-pence',
    kind: 'budget',
    turns: [
      {
        ask: 'any yoghurts for under 80p?',
        expect: { match: yoghurt, all: atMost(0.8) },
      },
    ],
  },
  {
    id: 'budget-nespresso-range',
    kind: 'budget',
    turns: [
      {
        ask: 'Nespresso compatible pods between £2 and £4',
        expect: { match: nespressoPods, all: between(2, 4) },
      },
    ],
  },
  {
    id: 'budget-coffee-beans',
    kind: 'budget',
    turns: [
      {
        ask: 'coffee beans for less than 5 pounds',
        expect: { match: coffeeBeans, all: atMost(5) },
      },
    ],
  },
  // Superlatives: price everywhere; rating only where the extra file gives one.
  {
    id: 'cheapest-oat-milk',
    kind: 'superlative',
    turns: [
      {
        ask: "What's the cheapest oat milk?",
        expect: { match: named(/\boat\b.*\b(milk|drink)\b/i), best: 'price_asc' },
      },
    ],
  },
  {
    id: 'cheapest-twinings',
    kind: 'superlative',
    turns: [
      {
        ask: "What's the cheapest Twinings tea?",
        expect: { match: twiningsTea, all: brand(/twinings/i), best: 'price_asc' },
      },
    ],
  },
  {
    id: 'priciest-coffee-beans',
    kind: 'superlative',
    turns: [
      {
        ask: 'most expensive coffee beans you sell',
        expect: { match: coffeeBeans, best: 'price_desc' },
      },
    ],
  },
  {
    id: 'best-rated-ground-coffee',
    kind: 'superlative',
    turns: [
      {
        ask: 'best rated ground coffee',
        expect: { match: groundCoffee, best: 'rating_desc' },
      },
    ],
  },
  {
    id: 'best-rated-cheese',
    kind: 'superlative',
    turns: [
      {
        ask: 'Which cheese has the highest rating?',
        expect: {
          match: named(
            /\bcheeses?\b|cheddar|brie|camembert|mozzarella|halloumi|feta|stilton|parmigiano|parmesan|gouda|comte|boursin/i,
          ),
          best: 'rating_desc',
        },
      },
    ],
  },
  // Attributes and measurements the names and weights state.
  {
    id: 'gluten-free-bread',
    kind: 'attribute',
    turns: [
      {
        ask: 'gluten free bread',
        expect: {
          match: all(
            named(/gluten.free/i),
            named(
              /bread|loaf|rolls?\b|bagels?|baguettes?|ciabatta|sourdough|wraps?\b|pittas?|bloomer|brioche|muffins?|bun/i,
            ),
          ),
          all: named(/gluten.free/i),
        },
      },
    ],
  },
  {
    id: 'decaf-coffee',
    kind: 'attribute',
    turns: [
      {
        ask: 'do you have decaf coffee?',
        expect: {
          match: all(named(/decaf/i), named(/coffee|espresso|latte|cappuccino|americano|lungo/i)),
          all: named(/decaf/i),
        },
      },
    ],
  },
  {
    id: 'coke-2-litre',
    kind: 'attribute',
    turns: [
      {
        ask: 'a 2 litre bottle of Diet Coke',
        expect: { match: all(named(/diet coke/i), weighs(/^2\s*l$/i)) },
      },
    ],
  },
  {
    id: 'greek-yoghurt-500g',
    kind: 'attribute',
    turns: [
      {
        ask: 'greek yoghurt 500g',
        expect: { match: all(named(/greek/i), yoghurt, weighs(/^500\s*g$/i)) },
      },
    ],
  },
  {
    id: 'milk-4-pints',
    kind: 'attribute',
    turns: [
      {
        ask: '4 pints of semi skimmed milk',
        expect: {
          match: all(named(/semi.skimmed/i), anyOf(named(/4 pints/i), weighs(/^2\.272\s*l$/i))),
        },
      },
    ],
  },
  {
    id: 'organic-eggs',
    kind: 'attribute',
    turns: [
      {
        ask: 'organic eggs',
        expect: { match: all(named(/organic/i), named(/\beggs\b/i)), all: named(/organic/i) },
      },
    ],
  },
  {
    id: 'vegan-cheese',
    kind: 'attribute',
    turns: [
      {
        ask: 'vegan cheese',
        expect: {
          match: all(
            named(/vegan|plant|dairy.free|non.dairy/i),
            named(/\bcheeses?\b|cheddar|mozzarella/i),
          ),
        },
      },
    ],
  },
  // Typos.
  {
    id: 'typo-chicken-breast',
    kind: 'typo',
    turns: [
      {
        ask: 'chiken breast fillets',
        expect: { match: all(named(/chicken/i), named(/breast/i)), min: 2 },
      },
    ],
  },
  {
    id: 'typo-cappuccino',
    kind: 'typo',
    turns: [{ ask: 'capuccino pods', expect: { match: named(/cappuccino/i) } }],
  },
  {
    id: 'typo-sparkling-water',
    kind: 'typo',
    turns: [
      {
        ask: 'sparkling watter',
        expect: { match: all(named(/sparkling/i), named(/water/i)) },
      },
    ],
  },
  {
    id: 'typo-croissants',
    kind: 'typo',
    turns: [{ ask: 'croisants', expect: { match: named(/croissant/i) } }],
  },
  // Synonyms: a general lexicon (US and UK words, spellings), nothing named after this store.
  {
    id: 'synonym-shrimp',
    kind: 'synonym',
    turns: [{ ask: 'Do you have shrimp?', expect: { match: named(/prawns?|shrimps?/i) } }],
  },
  {
    id: 'synonym-zucchini',
    kind: 'synonym',
    turns: [{ ask: 'zucchini', expect: { match: named(/courgettes?|zucchini/i) } }],
  },
  {
    id: 'synonym-hummus',
    kind: 'synonym',
    turns: [{ ask: 'hummus', expect: { match: hummus, min: 2 } }],
  },
  {
    id: 'synonym-yogurt',
    kind: 'synonym',
    turns: [{ ask: 'natural yogurt', expect: { match: all(yoghurt, named(/natural|plain/i)) } }],
  },
  // Named products the store carries, and ones it does not.
  {
    id: 'model-red-bull-sugar-free',
    kind: 'model',
    turns: [
      {
        ask: 'Do you sell Red Bull Sugar Free?',
        expect: { match: all(named(/red bull/i), named(/sugar.?free/i)) },
      },
    ],
  },
  {
    id: 'model-innocent-kids',
    kind: 'model',
    turns: [
      {
        ask: 'Innocent Kids apples and blackcurrants smoothies',
        expect: { match: all(brand(/innocent/i), named(/kids/i), named(/blackcurrant/i)) },
      },
    ],
  },
  {
    id: 'not-carried-guinness',
    kind: 'not-carried',
    turns: [
      {
        ask: 'Do you have Guinness?',
        expect: { notCarried: true },
      },
    ],
  },
  {
    id: 'not-carried-prosecco',
    kind: 'not-carried',
    turns: [
      {
        ask: 'Can I order a bottle of prosecco?',
        expect: { notCarried: true },
      },
    ],
  },
  {
    id: 'not-carried-nappies',
    kind: 'not-carried',
    turns: [
      {
        ask: 'Pampers nappies size 4',
        expect: { notCarried: true },
      },
    ],
  },
  {
    id: 'not-carried-red-bull-flavour',
    kind: 'not-carried',
    turns: [
      {
        ask: 'Red Bull Watermelon Edition',
        expect: { notCarried: true },
      },
    ],
  },
  // Follow-up chains: each turn refines the one before.
  {
    id: 'chain-tea',
    kind: 'follow-up',
    turns: [
      { ask: 'Show me tea', expect: { match: tea, min: 2 } },
      { ask: 'only Twinings', expect: { match: twiningsTea, all: brand(/twinings/i), min: 2 } },
      {
        ask: 'under £2.50',
        expect: { match: twiningsTea, all: all(brand(/twinings/i), atMost(2.5)) },
      },
      {
        ask: 'tell me more about the second one',
        expect: { match: shownBefore([1]), all: all(brand(/twinings/i), atMost(2.5)) },
      },
    ],
  },
  {
    id: 'chain-ground-coffee-cheaper',
    kind: 'follow-up',
    turns: [
      {
        ask: "What's your most expensive ground coffee?",
        expect: { match: groundCoffee, best: 'price_desc' },
      },
      {
        ask: 'hmm, something cheaper?',
        expect: {
          match: all(groundCoffee, cheaperThanBefore),
          all: all(groundCoffee, cheaperThanBefore),
        },
      },
    ],
  },
  {
    id: 'chain-smoothies',
    kind: 'follow-up',
    turns: [
      { ask: 'Innocent smoothies', expect: { match: innocentSmoothie, all: brand(/innocent/i) } },
      { ask: 'compare the first two', expect: { match: shownBefore([0, 1]), min: 2 } },
    ],
  },
  {
    id: 'chain-oj-cheapest',
    kind: 'follow-up',
    turns: [
      { ask: "I'm looking for orange juice", expect: { match: orangeJuice, min: 2 } },
      {
        ask: 'which of these is the cheapest?',
        expect: { match: amongShownBefore, best: 'price_asc' },
      },
    ],
  },
  {
    id: 'chain-hummus-brand',
    kind: 'follow-up',
    turns: [
      { ask: 'show me houmous', expect: { match: hummus, min: 2 } },
      {
        ask: 'anything from M&S instead?',
        expect: { match: all(hummus, brand(/\bM&S\b/)), all: brand(/\bM&S\b/) },
      },
    ],
  },
  // Preferences saved on the session before the question.
  {
    id: 'preference-budget',
    kind: 'preference',
    turns: [
      {
        ask: 'show me sourdough',
        preferences: { budget_range: '0-2' },
        expect: { match: sourdough, all: atMost(2) },
      },
    ],
  },
  {
    id: 'preference-brand',
    kind: 'preference',
    turns: [
      {
        ask: 'I need some houmous',
        preferences: { preferred_brands: ['M&S'] },
        expect: { match: all(hummus, brand(/\bM&S\b/)) },
      },
    ],
  },
  // What the file does not say: no stock, and no store documents at all.
  {
    id: 'no-stock-stated',
    kind: 'attribute',
    turns: [
      {
        ask: 'Is the Ocado houmous in stock?',
        expect: { match: all(hummus, brand(/ocado/i)), saysNot: STOCK_CLAIMS },
      },
    ],
  },
  {
    id: 'policy-returns',
    kind: 'policy',
    turns: [
      {
        ask: "What's your refund policy if something arrives damaged?",
        expect: { policyUnknown: true, noProducts: true },
      },
    ],
  },
  {
    id: 'policy-delivery',
    kind: 'policy',
    turns: [
      {
        ask: 'How much is delivery and is there a minimum order?',
        expect: { policyUnknown: true, noProducts: true },
      },
    ],
  },
  {
    id: 'policy-price-match',
    kind: 'policy',
    turns: [
      { ask: 'Do you price match Tesco?', expect: { policyUnknown: true, noProducts: true } },
    ],
  },
];

const set = {
  name: 'ocado-grocery',
  file: '.',
  mapping: 'catalog-mappings/ocado-grocery.json',
  readTruth: readOcadoTruth,
  cases,
};

export default set satisfies CatalogSet;
