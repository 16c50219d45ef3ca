import type { HistoryPosition } from './types';

/**
 * The order of a session's history, the same in both stores: by score, then as Redis orders
 * equal scores, by the bytes of the member `<seq>|<json>`. Sequence numbers are unique per
 * session, so the `<seq>|` prefix alone decides, and a position needs no message text.
 * Equal scores are rare but real: more than 1000 messages in one millisecond repeat
 * `seq % 1000`.
 */
export function compareHistory(a: HistoryPosition, b: HistoryPosition): number {
  if (a.score !== b.score) return a.score < b.score ? -1 : 1;
  return compareSeqPrefix(`${a.seq}|`, `${b.seq}|`);
}

/** Code-unit order, which is byte order for these ASCII prefixes (as Redis compares). */
function compareSeqPrefix(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

/** The sequence number a stored member starts with (`<seq>|<json>`). */
export function seqOfMember(member: string): number {
  return Number(member.slice(0, member.indexOf('|')));
}
