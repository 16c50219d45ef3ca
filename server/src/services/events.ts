/** Session events as services announce them; the realtime layer stores and fans them out. */
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

export interface EventSink {
  /** Never throws: an event that cannot be stored must not fail the request that caused it. */
  publish(sessionId: string, type: EventType, data: Record<string, unknown>): Promise<void>;
}
