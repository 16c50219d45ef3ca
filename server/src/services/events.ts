import type { EventType } from '@aisle/shared';
import type { CallEvent } from '../store/types';

/** Session events as services announce them; the realtime layer stores and fans them out. */
export interface EventSink {
  /** Never throws: an event that cannot be stored must not fail the request that caused it. */
  publish(sessionId: string, type: EventType, data: Record<string, unknown>): Promise<void>;
  /**
   * An event for the store to append in the same step as the write that causes it (one
   * round trip, and the write and its announcement stand or fall together).
   */
  withWrite(type: EventType, data: Record<string, unknown>): CallEvent;
  /** Told once the store appended an event given by `withWrite` (metrics). */
  stored(type: EventType): void;
}
