import { z } from 'zod';
import { NewSessionIdSchema, SessionIdSchema, SkuSchema } from './ids';
import { INTENTS, ProductCardSchema } from './product';
import {
  CartLineSchema,
  CartSchema,
  ChatMessageSchema,
  PreferencesPatchSchema,
  PreferencesSchema,
  QuantitySchema,
} from './session';

/** Inputs and outputs of every public procedure; the REST adapter and OpenAPI use the same. */

export const CreateSessionInputSchema = z.object({ sessionId: NewSessionIdSchema.optional() });
export const CreatedSessionSchema = z.object({
  session_id: z.string(),
  session_token: z.string(),
});

/** Opaque to clients: the server reads it back (and refuses one it cannot read, naming `cursor`). */
export const HistoryCursorSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,64}$/, 'cursor must be the next_cursor of a previous page')
  .describe('The next_cursor of the previous page: continues with the messages older than it');

export const ConversationInputSchema = z.object({
  sessionId: SessionIdSchema,
  limit: z.coerce.number().int().min(1).max(100).default(20),
  before: z.iso
    .datetime({ offset: true })
    .optional()
    .describe('Only messages strictly older than this instant'),
  cursor: HistoryCursorSchema.optional(),
});
export const ConversationSchema = z.object({
  session_id: z.string(),
  conversation: z.array(ChatMessageSchema),
  count: z.number().int(),
  /** Pass as `cursor` for the older page; null when there is none. */
  next_cursor: z.string().nullable(),
});

export const TopicSchema = z.object({ word: z.string(), count: z.number().int() });
export const SessionInfoSchema = z.object({
  session_info: z.object({
    created_at: z.string(),
    last_active: z.string(),
    conversation_count: z.number().int(),
    preferences: PreferencesSchema,
    /** The cart's lines, as the seed guide shows them (`"shopping_cart": []` when empty). */
    shopping_cart: z.array(CartLineSchema),
    /** Units in the cart (the sum of the lines' quantities). */
    cart_item_count: z.number().int(),
    cart_subtotal: z.number(),
  }),
  analytics: z.object({
    session_duration: z.string(),
    user_message_count: z.number().int(),
    assistant_message_count: z.number().int(),
    top_topics: z.array(TopicSchema),
    cart_adds: z.number().int(),
    cart_removes: z.number().int(),
    cache_hits: z.number().int(),
    llm_calls: z.number().int(),
    llm_calls_saved: z.number().int(),
    cache_hit_rate: z.number(),
    injection_attempts: z.number().int(),
  }),
});

export const DeletedSchema = z.object({ session_id: z.string(), deleted: z.literal(true) });

export const PreferencesUpdateInputSchema = PreferencesPatchSchema.extend({
  sessionId: SessionIdSchema,
});
export const PreferencesResultSchema = z.object({
  session_id: z.string(),
  preferences: PreferencesSchema,
});

export const CartSkuInputSchema = z.object({ sessionId: SessionIdSchema, sku: SkuSchema });
export const CartSetQuantityInputSchema = CartSkuInputSchema.extend({ quantity: QuantitySchema });
export { CartSchema };

export const QUESTION_MAX_CHARS = 2000;
export const QueryInputSchema = z.object({
  q: z
    .string()
    .trim()
    .min(1, 'q must not be empty')
    .max(QUESTION_MAX_CHARS, `q must be at most ${QUESTION_MAX_CHARS} characters`),
  sessionId: SessionIdSchema.optional(),
});
/**
 * How a storefront may label the products of an answer: as the closest alternatives rather
 * than matches, and what the shopper named that the store does not carry. Both are absent
 * when they do not apply.
 */
export const ProductLabelsSchema = z.object({
  alternatives: z
    .literal(true)
    .optional()
    .describe(
      'Present (true) when nothing matched exactly and `products` are the closest alternatives',
    ),
  not_carried: z
    .array(z.string())
    .optional()
    .describe(
      'The models or sizes the shopper named that the store does not carry, in the shopper\'s words ("iPhone 6", "85 inch"); `products` are then alternatives',
    ),
});
export type ProductLabels = z.infer<typeof ProductLabelsSchema>;

export const QueryResultSchema = z.object({
  session_id: z.string(),
  answer: z.string(),
  intent: z.enum(INTENTS),
  products: z.array(ProductCardSchema),
  ...ProductLabelsSchema.shape,
  cached: z.boolean(),
  /** Which knowledge documents an FAQ answer used. */
  sources: z.array(z.object({ id: z.string(), title: z.string() })),
  /** True when the answer was cut short (client went away or the model failed mid-stream). */
  interrupted: z.boolean().optional(),
  session_token: z.string().optional(),
});
export type QueryResult = z.infer<typeof QueryResultSchema>;

export const QueryStreamEventSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('meta'),
    session_id: z.string(),
    intent: z.enum(INTENTS),
    products: z.array(ProductCardSchema),
    ...ProductLabelsSchema.shape,
    session_token: z.string().optional(),
  }),
  z.object({ type: z.literal('token'), text: z.string() }),
  QueryResultSchema.extend({ type: z.literal('done') }),
]);
export type QueryStreamEvent = z.infer<typeof QueryStreamEventSchema>;
