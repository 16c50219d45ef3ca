import { ProductQuerySchema } from '@aisle/shared';
import { z } from 'zod';
import { wellFormed } from '../text/well-formed';

/**
 * What a session remembers of its last product answer: the SKUs shown and the structured
 * search that found them, so a follow-up ("only Samsung", "under $500") can refine it. Both
 * stores keep them as one JSON value under one key, written together and expiring together
 * (the conversation TTL), read back in the turn context's one round trip.
 */

/** SKUs kept: an answer shows at most 20 products; references reach index 49. */
export const MAX_SHOWN = 50;

/** The structured search behind the products last shown. */
export const LastSearchSchema = z.object({
  query: ProductQuerySchema,
  // Brands the shopper ruled out ("anything but Apple") stay ruled out in a refinement.
  excludedBrands: z.array(z.string().max(64)).max(10).optional(),
  // Filters the preferences filled in: a later refinement takes them from the preferences as
  // they are then, so a changed budget applies.
  fromPreferences: z
    .object({ category: z.boolean().optional(), price: z.boolean().optional() })
    .optional(),
});
export type LastSearch = z.output<typeof LastSearchSchema>;

/** A search from outside the store (a cached answer's), or undefined when it does not validate. */
export function validSearch(value: unknown): LastSearch | undefined {
  const parsed = LastSearchSchema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}

const StoredStateSchema = z.object({
  skus: z.array(z.string()).max(MAX_SHOWN),
  search: LastSearchSchema.optional(),
});
// Sessions written before the search was kept hold the bare array of SKUs.
const LegacyStateSchema = z.array(z.string()).max(MAX_SHOWN);

export interface ShownState {
  shown: string[];
  search?: LastSearch;
}

const empty = (): ShownState => ({ shown: [] });

/**
 * The JSON a store keeps. Bounded by construction: at most MAX_SHOWN SKUs, and a search
 * validated against its schema (a malformed one is a programming error and throws).
 */
export function encodeShownState(shown: readonly string[], search?: LastSearch): string {
  const state: z.input<typeof StoredStateSchema> = { skus: shown.slice(0, MAX_SHOWN) };
  if (search !== undefined) state.search = LastSearchSchema.parse(search);
  return JSON.stringify(wellFormed(state));
}

/**
 * The state read back. Stored data is not trusted: anything that does not validate (a value
 * from another version, a hand-edited key) reads as "nothing shown" rather than failing the
 * question, since the state only sharpens follow-ups.
 */
export function decodeShownState(raw: string | null | undefined): ShownState {
  if (raw === null || raw === undefined || raw === '') return empty();
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return empty();
  }
  const legacy = LegacyStateSchema.safeParse(json);
  if (legacy.success) return { shown: legacy.data };
  const parsed = StoredStateSchema.safeParse(json);
  if (!parsed.success) return empty();
  const { skus, search } = parsed.data;
  return search === undefined ? { shown: skus } : { shown: skus, search };
}
