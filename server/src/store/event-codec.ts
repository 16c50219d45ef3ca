import { sumMoney } from '../services/money-and-time';
import { type StoredCartLine, sortCart } from './codec';
import type { NewEvent, StoredEvent } from './types';

/** A deleted session's log lingers briefly, so subscribers can still read `session.deleted`. */
export const DELETED_EVENTS_TTL_MS = 60_000;

export const eventFields = (e: NewEvent): string[] => [
  'type',
  e.type,
  'sid',
  e.sessionId,
  'ts',
  e.timestamp,
  'data',
  JSON.stringify(e.data),
];

/**
 * An event's data as subscribers see it. A cart write stores only its lines (the script that
 * writes the cart never does money arithmetic); the count and the subtotal are derived here,
 * once per stored event, exactly as the cart API computes them.
 */
export function completeEventData(
  type: string,
  data: Record<string, unknown>,
): Record<string, unknown> {
  if (type !== 'cart.updated' || !Array.isArray(data.items) || 'subtotal' in data) return data;
  const items = sortCart(data.items as StoredCartLine[]);
  return {
    ...data,
    items,
    item_count: items.reduce((n, l) => n + l.quantity, 0),
    subtotal: sumMoney(items.map((l) => l.price * l.quantity)),
  };
}

/** From a stream entry; `log` says which log the entry id belongs to. */
export function decodeEvent(id: string, flat: string[], log: 'session' | 'global'): StoredEvent {
  const f: Record<string, string> = {};
  for (let i = 0; i + 1 < flat.length; i += 2) f[flat[i] as string] = flat[i + 1] as string;
  const type = f.type ?? 'unknown';
  return {
    type,
    sessionId: f.sid ?? '',
    timestamp: f.ts ?? '',
    data: f.data ? completeEventData(type, JSON.parse(f.data) as Record<string, unknown>) : {},
    sessionEventId: log === 'session' ? id : (f.seid ?? ''),
    globalEventId: log === 'global' ? id : '',
  };
}
