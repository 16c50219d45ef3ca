import type { Product } from '@aisle/shared';

/** A product filed under a store path, shaped like a real export (brand marks, deep paths). */
export function stocked(
  sku: string,
  name: string,
  path: readonly string[],
  price: number,
  brand = '',
): Product {
  return {
    sku,
    name,
    brand,
    category: path[path.length - 1] ?? 'Other',
    category_path: [...path],
    price,
    description: '',
    tags: [],
  };
}

const TV = ['Electronics', 'TV & Video'];
const COMPUTERS = ['Electronics', 'Computers & Tablets'];

/** A small electronics store with a department-store tree (no demo slugs). */
export const ELECTRONICS_STORE: readonly Product[] = [
  stocked(
    'tv1',
    'Samsung 55" Class Crystal UHD 4K Smart TV',
    [...TV, 'Flat-Panel TVs'],
    479.99,
    'Samsung®',
  ),
  stocked('tv2', 'LG 65 inch OLED evo C4 TV', [...TV, 'Flat-Panel TVs'], 1799, 'LG'),
  stocked('tv3', 'Insignia 32-inch Class F20 HD TV', [...TV, 'TVs'], 99.99, 'Insignia™'),
  stocked(
    'mt1',
    'Full-Motion TV Wall Mount for 40-75" TVs',
    [...TV, 'TV Mounts'],
    49.99,
    'Rocketfish',
  ),
  stocked('an1', 'Amplified HD Indoor TV Antenna', [...TV, 'TV Antennas'], 29.99, 'Insignia™'),
  stocked('st1', 'Roku Streaming Stick 4K', [...TV, 'Streaming Media Players'], 49.99, 'Roku'),
  stocked('st2', 'Roku 3 Streaming Player', [...TV, 'Streaming Media Players'], 69.99, 'Roku'),
  stocked(
    'lp1',
    'HP 15.6" Laptop, Intel Core i5, 16GB RAM, 512GB SSD',
    [...COMPUTERS, 'Laptops', 'PC Laptops'],
    649,
    'HP',
  ),
  stocked(
    'lp2',
    'ASUS Vivobook 14 Laptop 8GB 256GB',
    [...COMPUTERS, 'Laptops', 'PC Laptops'],
    399,
    'ASUS',
  ),
  stocked(
    'mb1',
    'MacBook Air 13-inch M3 chip 8GB 256GB',
    [...COMPUTERS, 'Laptops', 'MacBooks'],
    1099,
    'Apple®',
  ),
  stocked(
    'cb1',
    'Lenovo Chromebook Duet 11" 4GB 64GB',
    [...COMPUTERS, 'Laptops', 'Chromebooks'],
    279,
    'Lenovo',
  ),
  stocked(
    'ls1',
    'Adjustable Laptop Stand Aluminium',
    [...COMPUTERS, 'Laptop Accessories'],
    29.99,
    'Rocketfish',
  ),
  stocked('ph1', 'Apple iPhone 15 128GB', ['Electronics', 'Cell Phones', 'iPhone'], 799, 'Apple®'),
  stocked(
    'ph2',
    'Apple iPhone 5s 16GB (Refurbished)',
    ['Electronics', 'Cell Phones', 'iPhone'],
    89,
    'Apple®',
  ),
  stocked(
    'ph3',
    'Samsung Galaxy S24 Ultra 256GB',
    ['Electronics', 'Cell Phones', 'Samsung Galaxy'],
    1299,
    'Samsung®',
  ),
  stocked(
    'gp1',
    'GoPro HERO3+ Black Edition',
    ['Electronics', 'Cameras', 'Action Cameras'],
    199,
    'GoPro',
  ),
];

/** A grocer: flat categories, run-together words, sizes in names, no brand column. */
export const GROCERY_STORE: readonly Product[] = [
  stocked('g1', 'Whole Milk 2.25kg', ['Dairy&Eggs', 'Milk'], 1.65),
  stocked('g2', 'Semi Skimmed Milk 500ml', ['Dairy&Eggs', 'Milk'], 0.95),
  stocked('g3', 'Free Range Eggs x12', ['Dairy&Eggs', 'Eggs'], 2.9),
  stocked('g4', 'Sparkling Water 500 ml', ['Drinks', 'SoftDrinks'], 0.6),
  stocked('g5', 'Cola 1.5L', ['Drinks', 'SoftDrinks'], 1.8),
  stocked('g6', 'Milk Chocolate Bar 100g', ['FoodCupboard', 'Chocolate&Sweets'], 1.2),
];
