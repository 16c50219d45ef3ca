import type { Product } from '@aisle/shared';
import type { QuestionContext } from '../types';
import type { CatalogVocabulary } from './vocabulary';

/** A vocabulary shaped like the demo catalog's, for unit tests that need no catalog. */
export const VOCABULARY: CatalogVocabulary = {
  brands: [
    'Apple',
    'Bose',
    'Dyson',
    'Google',
    'LG',
    'Microsoft',
    'Nothing',
    'Samsung',
    'Sony',
    'Spigen',
  ],
  categories: [
    'accessory',
    'camera',
    'gaming',
    'headphones',
    'home-appliance',
    'laptop',
    'monitor',
    'smartphone',
    'smartwatch',
    'speaker',
    'tablet',
    'tv',
  ],
};

export const product = (
  p: Partial<Product> & Pick<Product, 'sku' | 'name' | 'brand' | 'price'>,
): Product => ({
  category: 'smartphone',
  description: `${p.name} by ${p.brand}.`,
  rating: 4.5,
  stock: 10,
  tags: [],
  ...p,
});

export const PHONES: Product[] = [
  product({
    sku: 'IPH15PRO-256',
    name: 'iPhone 15 Pro',
    brand: 'Apple',
    price: 999,
    rating: 4.7,
    stock: 42,
  }),
  product({
    sku: 'SGS24-128',
    name: 'Galaxy S24',
    brand: 'Samsung',
    price: 799,
    rating: 4.6,
    stock: 0,
  }),
  product({
    sku: 'GPX8A-128',
    name: 'Pixel 8a',
    brand: 'Google',
    price: 499,
    rating: 4.5,
    stock: 73,
  }),
];

export const context = (overrides: Partial<QuestionContext> = {}): QuestionContext => ({
  preferences: {},
  history: [],
  lastShown: [],
  ...overrides,
});
