import { AppError } from '../errors';
import type { HistoryPosition } from '../store/types';

/**
 * The two bounds of a conversation page. `cursor` is a message's exact position in history,
 * so a page continues right after the last message it returned even when many share a
 * millisecond (a timestamp cannot tell them apart). It is opaque to clients, so its layout
 * may change.
 */

const LAYOUT = /^(\d{1,16}):(\d{1,16})$/;

export function encodeHistoryCursor(position: HistoryPosition): string {
  return Buffer.from(`${position.score}:${position.seq}`).toString('base64url');
}

export function decodeHistoryCursor(cursor: string): HistoryPosition {
  const match = LAYOUT.exec(Buffer.from(cursor, 'base64url').toString('latin1'));
  const score = Number(match?.[1]);
  const seq = Number(match?.[2]);
  if (!match || !Number.isSafeInteger(score) || !Number.isSafeInteger(seq)) {
    throw new AppError('VALIDATION_ERROR', 'Invalid input: cursor: not a cursor this API issued', {
      issues: [{ path: 'cursor', message: 'must be the next_cursor of a previous page' }],
    });
  }
  return { score, seq };
}

/**
 * `before` in epoch ms, for "strictly older than this instant": the store compares whole
 * milliseconds, so an instant inside a millisecond (`.0015`) rounds up, keeping that
 * millisecond's messages, which are older than it.
 */
export function beforeBoundMs(before: string): number {
  const ms = Date.parse(before);
  const fraction = /\.(\d+)/.exec(before)?.[1] ?? '';
  return /[1-9]/.test(fraction.slice(3)) ? ms + 1 : ms;
}
