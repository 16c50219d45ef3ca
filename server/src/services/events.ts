import type { EventType } from '@aisle/shared';

/** Session events as services announce them; the realtime layer stores and fans them out. */
export interface EventSink {
  /** Never throws: an event that cannot be stored must not fail the request that caused it. */
  publish(sessionId: string, type: EventType, data: Record<string, unknown>): Promise<void>;
}
