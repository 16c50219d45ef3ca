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

/** From a stream entry; `log` says which log the entry id belongs to. */
export function decodeEvent(id: string, flat: string[], log: 'session' | 'global'): StoredEvent {
  const f: Record<string, string> = {};
  for (let i = 0; i + 1 < flat.length; i += 2) f[flat[i] as string] = flat[i + 1] as string;
  return {
    type: f.type ?? 'unknown',
    sessionId: f.sid ?? '',
    timestamp: f.ts ?? '',
    data: f.data ? (JSON.parse(f.data) as Record<string, unknown>) : {},
    sessionEventId: log === 'session' ? id : (f.seid ?? ''),
    globalEventId: log === 'global' ? id : '',
  };
}
