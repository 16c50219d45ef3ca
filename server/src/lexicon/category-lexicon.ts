import { CATEGORIES } from '@aisle/shared';

export type CategorySlug = (typeof CATEGORIES)[number];

export interface CategoryWords {
  /** Names the category outright ("phones", "notebook"); consumed by the category filter. */
  strong: readonly string[];
  /** Names a kind of product in it ("robot vacuum", "earbuds"): the category, and kept as search text. */
  kinds?: readonly string[];
  /** Used only when nothing stronger is named: "gaming laptop" is a laptop, "iphone case" a case. */
  weak?: readonly string[];
  /**
   * An umbrella over distinct product types: its kinds ("blender", "keyboard") are categories
   * of their own in a store, not names of the umbrella.
   */
  umbrella?: boolean;
}

/**
 * The general shopping lexicon's words for each canonical category, in singular (words of a
 * question or a store's category are folded to singular before they are compared). The one
 * table behind both reading a store's category names (catalog/category.ts) and reading a
 * shopper's question (assistant/understand/categories.ts).
 */
export const CATEGORY_LEXICON: Readonly<Record<CategorySlug, CategoryWords>> = {
  smartphone: {
    strong: [
      'smartphone',
      'smart phone',
      'phone',
      'mobile phone',
      'cell phone',
      'cellphone',
      'handset',
    ],
    kinds: ['android phone', 'flip phone', 'foldable phone'],
    weak: ['iphone', 'pixel', 'android', 'cell', 'mobile'],
  },
  laptop: {
    strong: ['laptop', 'notebook', 'notebook computer', 'laptop computer'],
    kinds: ['ultrabook', 'chromebook', 'gaming laptop', '2 in 1 laptop'],
    weak: ['macbook', 'thinkpad', 'computer', 'pc'],
  },
  tablet: {
    strong: ['tablet'],
    kinds: ['e reader', 'ereader', 'e book reader', 'android tablet'],
    weak: ['ipad', 'kindle'],
  },
  headphones: {
    strong: ['headphones', 'headphone', 'earphones', 'earphone', 'headset'],
    kinds: ['earbud', 'buds', 'in ear', 'over ear', 'on ear', 'earpiece', 'gaming headset'],
    weak: ['airpods', 'airpod'],
  },
  smartwatch: {
    strong: ['smartwatch', 'smart watch', 'wearable'],
    kinds: [
      'fitness tracker',
      'activity tracker',
      'tracker',
      'fitness band',
      'running watch',
      'gps watch',
    ],
    // Weak: "a tablet to watch movies on" is about a tablet.
    weak: ['watch'],
  },
  camera: {
    strong: ['camera', 'digital camera'],
    kinds: [
      'dslr',
      'mirrorless',
      'action camera',
      'action cam',
      'camcorder',
      'webcam',
      'vlogging camera',
      'compact camera',
    ],
  },
  tv: {
    strong: ['tv', 'television', 'telly', 'smart tv', 'tv set'],
    kinds: ['oled tv', 'qled tv'],
  },
  gaming: {
    strong: ['console', 'game console', 'gaming console', 'video game', 'video game console'],
    kinds: [
      'playstation',
      'ps5',
      'ps4',
      'xbox',
      'nintendo switch',
      'handheld console',
      'gamepad',
      'controller',
      'handheld',
      'vr headset',
    ],
    weak: ['gaming', 'game', 'gamer'],
  },
  'home-appliance': {
    umbrella: true,
    strong: ['home appliance', 'appliance', 'household appliance'],
    kinds: [
      'kitchen appliance',
      'fridge',
      'refrigerator',
      'freezer',
      'vacuum',
      'vacuum cleaner',
      'robot vacuum',
      'washing machine',
      'washer',
      'dryer',
      'tumble dryer',
      'dishwasher',
      'microwave',
      'oven',
      'air fryer',
      'coffee maker',
      'coffee machine',
      'espresso machine',
      'blender',
      'mixer',
      'stand mixer',
      'kettle',
      'toaster',
      'pressure cooker',
      'air purifier',
      'humidifier',
      'dehumidifier',
      'heater',
    ],
  },
  accessory: {
    umbrella: true,
    strong: ['accessory'],
    kinds: [
      'case',
      'cover',
      'charger',
      'charging cable',
      'cable',
      'adapter',
      'power bank',
      'powerbank',
      'screen protector',
      'stand',
      'mount',
      'keyboard',
      'mouse',
      'dock',
      'docking station',
      'hub',
      'strap',
      'band',
      'memory card',
      'sd card',
      'ssd',
      'portable ssd',
      'stylus',
      'tripod',
    ],
  },
  speaker: {
    strong: ['speaker'],
    kinds: [
      'bluetooth speaker',
      'smart speaker',
      'portable speaker',
      'soundbar',
      'sound bar',
      'subwoofer',
      'home theater',
      'home theatre',
    ],
  },
  monitor: {
    strong: ['monitor', 'computer monitor', 'computer screen', 'external display'],
    kinds: ['gaming monitor'],
    weak: ['display'],
  },
};

const CANONICAL = new Set<string>(CATEGORIES);

export const isCanonicalCategory = (value: string): value is CategorySlug => CANONICAL.has(value);

/** The names of a category itself: the words the search index adds to its products. */
export const namesOf = (slug: CategorySlug): readonly string[] => [
  slug.replace(/-/g, ' '),
  ...CATEGORY_LEXICON[slug].strong,
];

/**
 * The store category names that mean a canonical category: its names and, unless it is an
 * umbrella, the kinds filed in it ("Earbuds" -> headphones; "Blenders" stays a category of its
 * own). Weak words ("watch", "computer") are left out: alone they do not say what is sold.
 */
export const storeNamesOf = (slug: CategorySlug): readonly string[] => [
  ...namesOf(slug),
  ...(CATEGORY_LEXICON[slug].umbrella ? [] : (CATEGORY_LEXICON[slug].kinds ?? [])),
];
