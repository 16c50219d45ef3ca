import { z } from 'zod';

/** Client-supplied session ids: URL-safe, long enough not to be guessable by accident. */
export const SESSION_ID_PATTERN = /^[A-Za-z0-9._-]{8,128}$/;

export const SessionIdSchema = z
  .string()
  .regex(SESSION_ID_PATTERN, 'sessionId must match ^[A-Za-z0-9._-]{8,128}$');

export const SkuSchema = z
  .string()
  .trim()
  .min(1, 'sku must not be empty')
  .max(64, 'sku must be at most 64 characters');

/** A live event's id, as Redis streams write them: `<ms>-<seq>`. */
export const EVENT_ID_PATTERN = /^\d{1,16}-\d{1,16}$/;

/** A position in a streamed answer: `<streamId>~<seq>`. */
export const ANSWER_POSITION_PATTERN = /^([A-Za-z0-9_-]{8,64})~(\d{1,9})$/;

/**
 * `lastEventId`: the id of the last event a reconnecting client received (tRPC's tracked
 * ids), so its subscription resumes after it. Live-event feeds and answer streams number
 * their events differently; each subscription accepts its own kind.
 */
export const LastEventIdSchema = {
  liveEvents: z
    .string()
    .regex(EVENT_ID_PATTERN, 'lastEventId must be an event id like 1700000000000-0')
    .nullish(),
  answerStream: z
    .string()
    .regex(
      ANSWER_POSITION_PATTERN,
      'lastEventId must be an answer stream position <streamId>~<seq>',
    )
    .nullish(),
} as const;
