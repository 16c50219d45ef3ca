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

export const ProductSchema = z.object({
  sku: z.string().min(1),
  name: z.string().min(1),
  brand: z.string(),
  /** A canonical slug for the demo catalog; free text for a store's own catalog. */
  category: z.string().min(1),
  price: z.number().nonnegative(),
  description: z.string(),
  rating: z.number().min(0).max(5),
  stock: z.number().int().nonnegative(),
  tags: z.array(z.string()),
});
export type Product = z.infer<typeof ProductSchema>;

/** A product as shown to a client in an answer. */
export const ProductCardSchema = ProductSchema.pick({
  sku: true,
  name: true,
  price: true,
  category: true,
  brand: true,
  rating: true,
  stock: true,
  description: true,
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
