import {
  type CartLine,
  type ChatMessage,
  ChatMessageSchema,
  type Preferences,
} from '@aisle/shared';
import { wellFormedText } from '../text/well-formed';
import type { CartItem, SessionAnalytics, TopicCount } from './types';

/** Encoding shared by both stores, so they return identical shapes. */

/** Plain code-unit order: Redis orders members by bytes, and it is cheaper than localeCompare. */
export const byCodeUnit = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * What a store keeps of a string: Redis receives arguments as UTF-8, where a lone UTF-16
 * surrogate becomes U+FFFD, so the memory store keys and counts by the same well-formed text.
 * (The API well-forms free text on the way in; this keeps the stores alike for any caller.)
 */
export const storedText = wellFormedText;

/**
 * A cart item as both stores keep it: well-formed, because the cart script decodes stored
 * lines with cjson, which refuses the `\ud800` escapes JSON.stringify writes for lone halves.
 */
export function storedCartItem(item: CartItem): CartItem {
  return {
    sku: storedText(item.sku),
    name: storedText(item.name),
    price: item.price,
    category: storedText(item.category),
  };
}

export interface StoredCartLine extends CartLine {
  added_at: number;
}

/** Cart lines in the order they were first added (then by SKU). */
export function sortCart(lines: StoredCartLine[]): CartLine[] {
  return lines
    .sort((a, b) => a.added_at - b.added_at || byCodeUnit(a.sku, b.sku))
    .map(({ sku, name, price, category, quantity }) => ({ sku, name, price, category, quantity }));
}

export function decodeCart(values: string[]): CartLine[] {
  return sortCart(values.map((v) => JSON.parse(v) as StoredCartLine));
}

/** Preferences are stored field by field, each value JSON-encoded, so updates merge. */
export function encodePreferences(patch: Preferences): string[] {
  const out: string[] = [];
  for (const [field, value] of Object.entries(patch)) {
    if (value !== undefined) out.push(field, JSON.stringify(value));
  }
  return out;
}

export function decodePreferences(flat: Record<string, string>): Preferences {
  const prefs: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(flat)) prefs[field] = JSON.parse(value);
  return prefs as Preferences;
}

/** History members are `seq|json`: the sequence keeps identical messages distinct. */
export function decodeMessage(member: string): ChatMessage {
  return ChatMessageSchema.parse(JSON.parse(member.slice(member.indexOf('|') + 1)));
}

export const historyScore = (timestampMs: number, seq: number): number =>
  timestampMs * 1000 + (seq % 1000);

export function decodeAnalytics(
  counters: Record<string, string>,
  topTopics: TopicCount[],
): SessionAnalytics {
  const n = (field: string) => Number(counters[field] ?? 0);
  return {
    userMessages: n('user_messages'),
    assistantMessages: n('assistant_messages'),
    cartAdds: n('cart_adds'),
    cartRemoves: n('cart_removes'),
    cacheHits: n('cache_hits'),
    llmCalls: n('llm_calls'),
    injectionAttempts: n('injection_attempts'),
    topTopics,
  };
}

/** Flat [member, score, member, score...] from ZREVRANGE WITHSCORES. */
export function decodeTopics(flat: string[]): TopicCount[] {
  const out: TopicCount[] = [];
  for (let i = 0; i + 1 < flat.length; i += 2) {
    out.push({ word: flat[i] as string, count: Number(flat[i + 1]) });
  }
  return out;
}

export interface CachedValue {
  exp: number;
  value: string;
}

/** Most frequent words first; ties broken alphabetically (the same rule in both stores). */
const topN =
  (n: number) =>
  <T extends { word: string; count: number }>(topics: T[]): T[] =>
    [...topics].sort((a, b) => b.count - a.count || byCodeUnit(a.word, b.word)).slice(0, n);

export const topFive = topN(5);
export const topTen = topN(10);
