import type { Product } from '@aisle/shared';

/**
 * Small products shaped like real stores' exports (not the demo catalog), for the answer
 * tests: what each store gave, and nothing else.
 */

/** An Amazon-India-style listing: INR, long names, rating with a count, no stock at all. */
export const CABLE: Product = {
  sku: 'B07JW9H4J1',
  name: 'Wayona Nylon Braided USB to Lightning Fast Charging and Data Sync Cable Compatible for iPhone 13, 12,11, X, 8, 7, 6, 5, iPad Air, Pro, Mini (3 FT Pack of 1, Grey)',
  brand: 'Wayona',
  category: 'USBCables',
  category_path: [
    'Computers&Accessories',
    'Accessories&Peripherals',
    'Cables&Accessories',
    'USBCables',
  ],
  price: 399,
  currency: 'INR',
  rating: 4.2,
  rating_count: 24269,
  description:
    'High Compatibility : Compatible With iPhone 12, 11, X/XsMax/Xr. Fast charge and data sync.',
  tags: [],
};

export const EARPHONES: Product = {
  sku: 'B07PR1CL3S',
  name: 'boAt Bassheads 100 in Ear Wired Earphones with Mic&#174; (Black)',
  brand: 'boAt&#174;',
  category: 'In-Ear',
  category_path: ['Electronics', 'Headphones,Earbuds&Accessories', 'Headphones', 'In-Ear'],
  price: 1099,
  currency: 'INR',
  rating: 4.1,
  rating_count: 1,
  description:
    '<p>The perfect way to add some style &amp; stand out from the crowd.</p><br>Impressive sound.',
  tags: [],
};

/** Grocery-style, priced in GBP with pence, no rating, no stock, no brand. */
export const BANANAS: Product = {
  sku: '570612011',
  name: 'Ocado Fairtrade Bananas',
  brand: '',
  category: 'Bananas',
  category_path: ['Fresh Food', 'Fruit', 'Bananas'],
  price: 2.3,
  currency: 'GBP',
  description: 'Fairtrade bananas, loose.',
  tags: [],
};

export const TEA: Product = {
  sku: '211453011',
  name: 'Yorkshire Tea 80 Tea Bags',
  brand: 'Yorkshire Tea',
  category: 'Tea',
  category_path: ['Food Cupboard', 'Tea & Coffee', 'Tea'],
  price: 3.5,
  currency: 'GBP',
  description: 'A proper brew.',
  tags: [],
};

/** Magento-style: availability words without a count, facets, a rating from reviews. */
export const BAG: Product = {
  sku: '24-MB01',
  name: 'Joust Duffle Bag',
  brand: '',
  category: 'Bags',
  category_path: ['Gear', 'Bags'],
  price: 34,
  currency: 'EUR',
  availability: 'in_stock',
  rating: 3.7,
  rating_count: 3,
  attributes: { Material: 'Nylon', Strap: 'Adjustable' },
  description: "The sporty Joust Duffle Bag can't be beat.",
  tags: [],
};

export const BACKPACK: Product = {
  sku: '24-MB04',
  name: 'Strive Shoulder Pack',
  brand: '',
  category: 'Bags',
  category_path: ['Gear', 'Bags'],
  price: 32.99,
  currency: 'EUR',
  availability: 'out_of_stock',
  attributes: { Material: 'Polyester', Strap: 'Shoulder' },
  description: 'Convenience is next to nothing when your day is crammed.',
  tags: [],
};
