/** The live events a session's subscribers and the operator dashboard receive. */
export const EVENT_TYPES = [
  'session.created',
  'message.added',
  'preferences.updated',
  'cart.updated',
  'cache.hit',
  'session.deleted',
  'session.expired',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/** Events after which a session has nothing more to say: its feeds end with them. */
const ENDING_EVENT_TYPES: ReadonlySet<string> = new Set<EventType>([
  'session.deleted',
  'session.expired',
]);

export const isEndingEvent = (type: string): boolean => ENDING_EVENT_TYPES.has(type);
