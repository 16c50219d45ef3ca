import { SessionIdSchema } from '@aisle/shared';
import { tracked } from '@trpc/server';
import { z } from 'zod';
import type { Context } from '../context';
import { toTRPCError } from '../error-map';
import { AppError } from '../errors';
import type { WireEvent } from '../services/live-events';
import { isEventId } from '../store/event-ids';
import { adminProcedure, sessionProcedure, subscriptionSlot } from '../trpc';

export const LastEventIdSchema = z
  .string()
  .refine(isEventId, 'lastEventId must be an event id like 1700000000000-0')
  .nullish();

/**
 * One generator per subscription: holds a connection slot, yields `tracked(id, event)` so a
 * client resumes with its last id, and maps domain errors (subscriptions bypass middleware
 * result mapping).
 */
async function* trackedFeed(ctx: Context, feed: AsyncGenerator<WireEvent>) {
  const release = subscriptionSlot(ctx);
  try {
    for await (const event of feed) yield tracked(event.id, event);
  } catch (err) {
    throw err instanceof AppError ? toTRPCError(err) : err;
  } finally {
    release();
  }
}

/** The session's own events, resumable; ends when the session is deleted or expires. */
export const sessionEvents = sessionProcedure
  .input(z.object({ sessionId: SessionIdSchema, lastEventId: LastEventIdSchema }))
  .subscription(({ ctx, input, signal }) =>
    trackedFeed(
      ctx,
      ctx.deps.services.live.sessionFeed(ctx.session.id, input.lastEventId ?? undefined, signal),
    ),
  );

/** Every session's events (admin token), resumable. */
export const adminEvents = adminProcedure
  .input(z.object({ lastEventId: LastEventIdSchema }).optional())
  .subscription(({ ctx, input, signal }) =>
    trackedFeed(ctx, ctx.deps.services.live.globalFeed(input?.lastEventId ?? undefined, signal)),
  );

export const adminOverview = adminProcedure.query(({ ctx }) => ctx.deps.services.admin.overview());
