import { INTENTS, ProductQuerySchema } from '@aisle/shared';
import { z } from 'zod';

/**
 * Whatever produced it (the local parser or a model's structured output), an understanding is
 * validated against this before anything acts on it.
 */
export const UnderstandingSchema = z.object({
  intent: z.enum(INTENTS),
  query: ProductQuerySchema,
  references: z.array(z.number().int().min(0).max(50)).max(20).default([]),
  followUp: z.boolean().default(false),
  fromPreferences: z
    .object({ category: z.boolean().optional(), price: z.boolean().optional() })
    .optional(),
  excludedBrands: z.array(z.string().max(64)).max(10).optional(),
});
