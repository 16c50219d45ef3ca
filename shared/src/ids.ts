import { z } from 'zod';

/**
 * A session id as routes accept it: URL-safe. Ids of 8 to 21 characters were accepted at
 * creation before; they stay addressable until they expire, and can no longer be created.
 */
export const SESSION_ID_PATTERN = /^[A-Za-z0-9._-]{8,128}$/;

export const SessionIdSchema = z
  .string()
  .regex(SESSION_ID_PATTERN, 'sessionId must match ^[A-Za-z0-9._-]{8,128}$');

/**
 * The id a client may choose for a new session. Anyone who knows an id can learn that it is
 * taken (creating it again answers 409), so it must be unguessable: 22 characters of this
 * alphabet hold 128 bits when drawn at random (a base64url-encoded 16-byte value; a UUID's 36
 * characters also fit). The server's own ids (`s_` + 24) are 26 characters.
 */
export const NEW_SESSION_ID_PATTERN = /^[A-Za-z0-9._-]{22,128}$/;

export const NewSessionIdSchema = z
  .string()
  .regex(
    NEW_SESSION_ID_PATTERN,
    'sessionId of a new session must be at least 22 (at most 128) characters of A-Za-z0-9._-, chosen at random',
  );

export const SkuSchema = z
  .string()
  .trim()
  .min(1, 'sku must not be empty')
  .max(64, 'sku must be at most 64 characters');

/** A live event's id, as Redis streams write them: `<ms>-<seq>`. */
export const EVENT_ID_PATTERN = /^\d{1,16}-\d{1,16}$/;

/** A position in a streamed answer: `<streamId>~<seq>`. */
export const ANSWER_POSITION_PATTERN = /^([A-Za-z0-9_-]{8,64})~(\d{1,9})$/;

/** A streamed answer's id: the `<streamId>` of its event ids. */
export const AnswerIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{8,64}$/, 'answerId must be the part before ~ of an event id');

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
