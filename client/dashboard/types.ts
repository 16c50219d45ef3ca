import type { AppRouter } from '@aisle/server';
import type { inferRouterOutputs } from '@trpc/server';

/** What `admin.overview` answers: counters and series kept in the store. */
export type Overview = inferRouterOutputs<AppRouter>['admin']['overview'];

/** One event of the `admin.events` feed (every session's activity). */
export interface AdminEvent {
  id: string;
  type: string;
  session_id: string;
  timestamp: string;
  data: Record<string, unknown>;
}

export type ConnectionStatus = 'signed-out' | 'connecting' | 'live' | 'reconnecting' | 'error';

/** Reads an event's loosely typed `data` without trusting it. */
export const field = {
  string(data: Record<string, unknown>, key: string): string | undefined {
    const v = data[key];
    return typeof v === 'string' ? v : undefined;
  },
  number(data: Record<string, unknown>, key: string): number | undefined {
    const v = data[key];
    return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
  },
  strings(data: Record<string, unknown>, key: string): string[] {
    const v = data[key];
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  },
};
