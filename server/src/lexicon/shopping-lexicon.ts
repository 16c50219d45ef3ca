import { CATEGORIES } from '@aisle/shared';
import { foldWords } from '../catalog/vocabulary/fold';
import { CATEGORY_LEXICON } from './category-lexicon';

/**
 * General shopping knowledge, true of any store: words that name the same kind of product, and
 * kinds of product that are another ("a MacBook is a laptop"). Nothing here names a store's own
 * category: a shopper's word is resolved against the store's categories by evidence
 * (catalog/vocabulary/resolve-category.ts); this table only widens the words looked for.
 */

/** Words for the same thing (any one stands for the others). Singular. */
const SAME: readonly (readonly string[])[] = [
  ['tv', 'television', 'telly', 'tv set'],
  ['laptop', 'notebook', 'notebook computer', 'laptop computer'],
  ['phone', 'smartphone', 'mobile phone', 'cell phone', 'cellphone', 'mobile', 'handset'],
  ['headphone', 'headphones', 'headset'],
  ['earphone', 'earphones', 'earbud', 'in ear headphone'],
  ['fridge', 'refrigerator'],
  ['vacuum', 'vacuum cleaner', 'hoover'],
  ['sofa', 'couch', 'settee'],
  ['sneaker', 'trainer', 'running shoe'],
  ['sweater', 'jumper', 'pullover'],
  ['trouser', 'pant', 'pants'],
  ['t shirt', 'tee', 'tshirt'],
  ['backpack', 'rucksack'],
  ['handbag', 'purse'],
  ['hard drive', 'hard disk', 'hdd'],
  ['ssd', 'solid state drive'],
  ['power bank', 'powerbank', 'portable charger'],
  ['memory card', 'sd card', 'microsd card'],
  ['speaker', 'loudspeaker'],
  ['soundbar', 'sound bar'],
  ['mouse', 'computer mouse'],
  ['monitor', 'computer monitor', 'computer screen', 'display'],
  ['smartwatch', 'smart watch'],
  ['fitness tracker', 'activity tracker', 'fitness band'],
  ['e reader', 'ereader', 'e book reader'],
  ['console', 'game console', 'gaming console', 'video game console'],
  ['charger', 'charging adapter', 'power adapter'],
  ['cable', 'cord'],
  ['crisp', 'potato chip'],
  ['biscuit', 'cookie'],
  ['soda', 'soft drink', 'fizzy drink'],
  ['yogurt', 'yoghurt'],
  ['aubergine', 'eggplant'],
  ['courgette', 'zucchini'],
  ['nappy', 'diaper'],
  ['jewelry', 'jewellery'],
  ['tote', 'tote bag'],
  ['duffel', 'duffel bag', 'duffle', 'holdall'],
  ['cushion', 'throw pillow', 'scatter cushion', 'sofa cushion'],
  ['toiletry bag', 'toiletry kit', 'wash bag', 'washbag', 'sponge bag', 'dopp kit'],
  // Plant milks are sold as "drinks" where "milk" is reserved for dairy (EU, UK).
  ['oat milk', 'oat drink'],
  ['soy milk', 'soya milk', 'soy drink', 'soya drink'],
  ['almond milk', 'almond drink'],
  ['rice milk', 'rice drink'],
];

/** Kinds of a product: each is one (searching for the key finds them). Singular. */
const KINDS: Readonly<Record<string, readonly string[]>> = {
  laptop: ['macbook', 'chromebook', 'ultrabook', 'gaming laptop', '2 in 1 laptop', 'thinkpad'],
  phone: ['iphone', 'android phone', 'flip phone', 'foldable phone', 'feature phone'],
  tablet: ['ipad', 'android tablet', 'e reader', 'kindle'],
  headphone: ['earphone', 'earbud', 'airpod', 'over ear headphone', 'on ear headphone'],
  tv: ['smart tv', 'oled tv', 'qled tv', 'led tv', 'flat panel tv', '4k tv'],
  camera: ['dslr', 'mirrorless camera', 'action camera', 'camcorder', 'webcam', 'compact camera'],
  speaker: ['bluetooth speaker', 'smart speaker', 'soundbar', 'subwoofer'],
  watch: ['smartwatch', 'wristwatch'],
  computer: ['laptop', 'desktop', 'pc', 'imac', 'all in one computer'],
  bag: ['backpack', 'handbag', 'tote', 'duffel', 'messenger bag', 'satchel', 'clutch', 'sling bag'],
  shoe: ['sneaker', 'boot', 'sandal', 'heel', 'loafer', 'slipper'],
  jewelry: ['necklace', 'bracelet', 'earring', 'ring', 'pendant', 'anklet'],
  jacket: ['coat', 'parka', 'blazer', 'windbreaker', 'fleece'],
  trouser: ['jogger', 'sweatpant', 'track pant', 'legging', 'chino', 'jean', 'cargo pant'],
  shirt: ['t shirt', 'polo', 'blouse', 'tee'],
  sweater: ['hoodie', 'sweatshirt', 'cardigan'],
  storage: ['hard drive', 'ssd', 'memory card', 'usb flash drive', 'pen drive'],
  appliance: [
    'fridge',
    'freezer',
    'vacuum',
    'washing machine',
    'dishwasher',
    'microwave',
    'oven',
    'air fryer',
    'coffee maker',
    'blender',
    'kettle',
    'toaster',
  ],
};

/** The demo lexicon's words are general too: its synonyms and kinds join the tables above. */
function lexiconTables(): { same: string[][]; kinds: Map<string, string[]> } {
  const same = SAME.map((group) => [...group]);
  const kinds = new Map(Object.entries(KINDS).map(([k, v]) => [k, [...v]]));
  for (const slug of CATEGORIES) {
    const words = CATEGORY_LEXICON[slug];
    if (words.umbrella) continue;
    same.push([slug.replace(/-/g, ' '), ...words.strong]);
    kinds.set(slug.replace(/-/g, ' '), [...(kinds.get(slug) ?? []), ...(words.kinds ?? [])]);
  }
  return { same, kinds };
}

/** A phrase the shopper's word stands for, and how surely (1 = the word itself). */
export interface Expansion {
  words: readonly string[];
  weight: number;
}

const key = (words: readonly string[]): string => words.join(' ');

/** Weights: a synonym is nearly the word; a kind of it is it; what it is a kind of is broader. */
export const EXPANSION_WEIGHTS = { same: 0.95, kind: 0.9, broader: 0.5 } as const;

export interface ShoppingLexicon {
  /** The word itself, its synonyms, the kinds of it, and (weaker) what it is a kind of. */
  expand(words: readonly string[]): Expansion[];
  /** Every phrase the lexicon knows (folded), for reading questions. */
  phrases(): readonly string[];
}

/** A store's own words on top of the general ones (StoreSynonyms of @aisle/shared). */
export interface LexiconExtension {
  synonyms?: readonly (readonly string[])[];
  kinds?: Readonly<Record<string, readonly string[]>>;
}

const isGroupList = (
  e: readonly (readonly string[])[] | LexiconExtension,
): e is readonly (readonly string[])[] => Array.isArray(e);

/**
 * Builds the lexicon's lookups once; `extra` lets a store add its own groups of synonyms (an
 * array of groups) or groups and one-way kinds.
 */
export function createShoppingLexicon(
  extension: readonly (readonly string[])[] | LexiconExtension = [],
): ShoppingLexicon {
  const { synonyms: extra = [], kinds: storeKinds = {} } = isGroupList(extension)
    ? { synonyms: extension }
    : extension;
  const tables = lexiconTables();
  for (const [concept, list] of Object.entries(storeKinds)) {
    tables.kinds.set(concept, [...(tables.kinds.get(concept) ?? []), ...list]);
  }
  const groupsOf = new Map<string, string[][]>();
  const kindsOf = new Map<string, string[][]>();
  const broaderOf = new Map<string, string[][]>();
  const fold = (p: string): string[] => foldWords(p);
  const push = (map: Map<string, string[][]>, k: string, v: string[]) => {
    const list = map.get(k) ?? [];
    if (!list.some((w) => key(w) === key(v))) list.push(v);
    map.set(k, list);
  };
  for (const group of [...tables.same, ...extra]) {
    const folded = group.map(fold).filter((w) => w.length > 0);
    for (const a of folded) for (const b of folded) push(groupsOf, key(a), b);
  }
  const sameAs = (k: string): string[][] => groupsOf.get(k) ?? [k.split(' ')];
  for (const [concept, list] of tables.kinds) {
    for (const name of sameAs(key(fold(concept)))) {
      for (const kind of list) {
        for (const kindName of sameAs(key(fold(kind)))) {
          push(kindsOf, key(name), kindName);
          push(broaderOf, key(kindName), name);
        }
      }
    }
  }
  const all = new Set<string>([...groupsOf.keys(), ...kindsOf.keys(), ...broaderOf.keys()]);
  const phraseList = [...all];
  return {
    expand(words) {
      const k = key(words);
      const found = new Map<string, Expansion>();
      const add = (w: readonly string[], weight: number) => {
        const previous = found.get(key(w));
        if (previous === undefined || previous.weight < weight)
          found.set(key(w), { words: w, weight });
      };
      add(words, 1);
      for (const w of groupsOf.get(k) ?? []) add(w, EXPANSION_WEIGHTS.same);
      for (const w of kindsOf.get(k) ?? []) add(w, EXPANSION_WEIGHTS.kind);
      for (const w of broaderOf.get(k) ?? []) add(w, EXPANSION_WEIGHTS.broader);
      return [...found.values()];
    },
    phrases: () => phraseList,
  };
}

/** The built-in lexicon (pure data, built once). */
export const SHOPPING_LEXICON: ShoppingLexicon = createShoppingLexicon();
