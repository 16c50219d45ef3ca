import { INTENTS, ProductQuerySchema } from '@aisle/shared';
import { z } from 'zod';

/**
 * What "understanding the question" yields. Whatever produced it (the local parser or a
 * model's structured output), it is validated against this before anything acts on it.
 */
export const UnderstandingSchema = z.object({
  intent: z.enum(INTENTS),
  query: ProductQuerySchema,
  // 0-based indexes into the products last shown to the session ("the second one").
  references: z.array(z.number().int().min(0).max(50)).max(20).default([]),
  // True when the question is about the products shown earlier ("which of those is cheapest?").
  followUp: z.boolean().default(false),
  // Filters filled in from the session preferences, not the question: retrieval relaxes these first.
  fromPreferences: z
    .object({ category: z.boolean().optional(), price: z.boolean().optional() })
    .optional(),
  // Brands the question rules out ("anything but Apple").
  excludedBrands: z.array(z.string().max(64)).max(10).optional(),
});

export type Understanding = z.output<typeof UnderstandingSchema>;
