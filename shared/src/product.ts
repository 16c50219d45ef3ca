import { z } from 'zod';

/** Canonical category slugs. Synonyms ("phones", "notebooks") map onto these. */
export const CATEGORIES = [
  'smartphone',
  'laptop',
  'tablet',
  'headphones',
  'smartwatch',
  'camera',
  'tv',
  'gaming',
  'home-appliance',
  'accessory',
  'speaker',
  'monitor',
] as const;

/**
 * A product as the store gave it, and nothing more. Fields a store's file does not hold stay
 * absent (`rating`, `stock`, `category_path`, `attributes`...): an answer never states a
 * default as a fact.
 */
export const ProductSchema = z.object({
  sku: z.string().min(1),
  name: z.string().min(1),
  /** As the store wrote it ("Apple®"); matching folds marks and case (catalog/brand-key.ts). */
  brand: z.string(),
  /** The most specific category, as the store wrote it (a canonical slug in the demo catalog). */
  category: z.string().min(1),
  /** The store's category path, root first ("Electronics", "TV & Video", "Flat-Panel TVs"). */
  category_path: z.array(z.string().min(1)).max(12).optional(),
  price: z.number().nonnegative(),
  /** ISO 4217 code when the store states one (per item or per catalog). */
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/)
    .optional(),
  description: z.string(),
  /** 0..5; absent when the store gave no rating. */
  rating: z.number().min(0).max(5).optional(),
  /** How many ratings the average is over, when the store says. */
  rating_count: z.number().int().nonnegative().optional(),
  /** Units on hand (1 / 0 when the store only says in / out of stock); absent when unknown. */
  stock: z.number().int().nonnegative().optional(),
  /**
   * What the store states about availability without a count ("in stock", "preorder"); when
   * `stock` is known it agrees with it. Absent when the store says nothing.
   */
  availability: z.enum(['in_stock', 'out_of_stock', 'preorder', 'backorder']).optional(),
  tags: z.array(z.string()),
  /** Facets the data holds: size, colour, capacity, material, weight... (name -> value). */
  attributes: z.record(z.string(), z.string()).optional(),
  url: z.string().optional(),
  image: z.string().optional(),
});
export type Product = z.infer<typeof ProductSchema>;

/** A product as shown to a client in an answer. */
export const ProductCardSchema = ProductSchema.pick({
  sku: true,
  name: true,
  price: true,
  currency: true,
  category: true,
  category_path: true,
  brand: true,
  rating: true,
  stock: true,
  availability: true,
  description: true,
  attributes: true,
  url: true,
  image: true,
});
export type ProductCard = z.infer<typeof ProductCardSchema>;

export const SORTS = ['relevance', 'price_asc', 'price_desc', 'rating_desc'] as const;
export type Sort = (typeof SORTS)[number];

/** A structured product query: what "understanding the question" produces. */
export const ProductQuerySchema = z.object({
  text: z.string().max(500).default(''),
  category: z.string().max(64).optional(),
  brands: z.array(z.string().max(64)).max(10).optional(),
  minPrice: z.number().nonnegative().optional(),
  maxPrice: z.number().nonnegative().optional(),
  sort: z.enum(SORTS).default('relevance'),
  limit: z.number().int().min(1).max(20).default(5),
  inStockOnly: z.boolean().optional(),
});
export type ProductQuery = z.infer<typeof ProductQuerySchema>;
export type ProductQueryInput = z.input<typeof ProductQuerySchema>;

export const INTENTS = ['greeting', 'product_inquiry', 'faq', 'sales', 'other'] as const;
export type Intent = (typeof INTENTS)[number];
