import { SessionIdSchema } from '@aisle/shared';
import { tracked } from '@trpc/server';
import { z } from 'zod';
import { toTRPCError } from '../error-map';
import { AppError } from '../errors';
import type { WireEvent } from '../services/live-events';
import { isEventId } from '../store/event-ids';
import { adminProcedure, sessionProcedure, withSubscriptionSlot } from '../trpc';

export const LastEventIdSchema = z
  .string()
  .refine(isEventId, 'lastEventId must be an event id like 1700000000000-0')
  .nullish();

/** Yields `tracked(id, event)` so a client resumes with its last id; domain errors mapped. */
async function* trackedFeed(feed: AsyncGenerator<WireEvent>) {
  try {
    for await (const event of feed) yield tracked(event.id, event);
  } catch (err) {
    throw err instanceof AppError ? toTRPCError(err) : err;
  }
}

/** The session's own events, resumable; ends when the session is deleted. */
export const sessionEvents = sessionProcedure
  .input(z.object({ sessionId: SessionIdSchema, lastEventId: LastEventIdSchema }))
  .subscription(({ ctx, input, signal }) =>
    withSubscriptionSlot(
      ctx,
      trackedFeed(
        ctx.deps.services.live.sessionFeed(ctx.session.id, input.lastEventId ?? undefined, signal),
      ),
    ),
  );

/** Every session's events (admin token), resumable. */
export const adminEvents = adminProcedure
  .input(z.object({ lastEventId: LastEventIdSchema }).optional())
  .subscription(({ ctx, input, signal }) =>
    withSubscriptionSlot(
      ctx,
      trackedFeed(ctx.deps.services.live.globalFeed(input?.lastEventId ?? undefined, signal)),
    ),
  );

export const adminOverview = adminProcedure.query(({ ctx }) => ctx.deps.services.admin.overview());
