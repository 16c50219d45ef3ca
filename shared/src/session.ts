import { z } from 'zod';
import { SessionIdSchema, SkuSchema } from './ids';

export const BudgetRangeSchema = z
  .string()
  .regex(/^\d{1,7}(\.\d{1,2})?-\d{1,7}(\.\d{1,2})?$/, 'budget_range must look like "500-1000"')
  .refine((v) => {
    const [lo, hi] = v.split('-').map(Number);
    return lo !== undefined && hi !== undefined && lo <= hi;
  }, 'budget_range minimum must not exceed its maximum');

export const PreferencesSchema = z.object({
  budget_range: BudgetRangeSchema.optional(),
  preferred_brands: z.array(z.string().trim().min(1).max(40)).max(20).optional(),
  device_type: z.string().trim().min(1).max(40).optional(),
  shipping_preference: z.string().trim().min(1).max(40).optional(),
});
export type Preferences = z.infer<typeof PreferencesSchema>;
export const PreferencesPatchSchema = PreferencesSchema.strict();

export const ROLES = ['user', 'assistant'] as const;
export type Role = (typeof ROLES)[number];

export const ChatMessageSchema = z.object({
  role: z.enum(ROLES),
  content: z.string(),
  /** ISO 8601 UTC. */
  timestamp: z.string(),
  /** Set on an answer cut short (the client went away mid-stream). */
  interrupted: z.boolean().optional(),
});
export type ChatMessage = z.infer<typeof ChatMessageSchema>;

export const CartLineSchema = z.object({
  sku: z.string(),
  name: z.string(),
  price: z.number(),
  category: z.string(),
  quantity: z.number().int().positive(),
});
export type CartLine = z.infer<typeof CartLineSchema>;

export const CartSchema = z.object({
  session_id: z.string(),
  items: z.array(CartLineSchema),
  item_count: z.number().int(),
  subtotal: z.number(),
});
export type Cart = z.infer<typeof CartSchema>;

export const QuantitySchema = z.number().int().min(0).max(999);

export const SessionRefSchema = z.object({ sessionId: SessionIdSchema });
export const CartAddInputSchema = z.object({
  sessionId: SessionIdSchema,
  sku: SkuSchema,
  quantity: z.number().int().min(1).max(999).default(1),
  // Accepted for compatibility with the documented body, never trusted: the catalog prices.
  // The descriptions reach the OpenAPI document, which is derived from this schema.
  name: z.unknown().optional().describe('Ignored: the catalog names the product'),
  price: z.unknown().optional().describe('Ignored: the catalog prices the product'),
  category: z.unknown().optional().describe('Ignored: the catalog categorises the product'),
});
