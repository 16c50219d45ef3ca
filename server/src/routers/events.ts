import { SessionIdSchema } from '@aisle/shared';
import { type TrackedEnvelope, tracked } from '@trpc/server';
import { z } from 'zod';
import type { Context } from '../context';
import type { FeedHooks, WireEvent } from '../services/live-events';
import { isEventId } from '../store/event-ids';
import { adminProcedure, sessionProcedure, subscriptionSlot } from '../trpc';

export const LastEventIdSchema = z
  .string()
  .refine(isEventId, 'lastEventId must be an event id like 1700000000000-0')
  .nullish();

/** One envelope per wire event (itself shared by every subscriber it reaches). */
const envelopes = new WeakMap<WireEvent, TrackedEnvelope<WireEvent>>();
function trackedOf(event: WireEvent): TrackedEnvelope<WireEvent> {
  let envelope = envelopes.get(event);
  if (!envelope) {
    envelope = tracked(event.id, event);
    envelopes.set(event, envelope);
  }
  return envelope;
}

/**
 * What a feed yields here: `tracked(id, event)`, so a client resumes with its last id, with
 * the connection's subscription slot held until the feed ends. Hooks, not a wrapping generator: one
 * generator per subscription.
 */
function trackedHooks(ctx: Context): FeedHooks<TrackedEnvelope<WireEvent>> {
  return {
    map: trackedOf,
    onEnd: subscriptionSlot(ctx),
  };
}

/** The session's own events, resumable; ends when the session is deleted or expires. */
export const sessionEvents = sessionProcedure
  .input(z.object({ sessionId: SessionIdSchema, lastEventId: LastEventIdSchema }))
  .subscription(({ ctx, input, signal }) =>
    ctx.deps.services.live.sessionFeed(
      ctx.session.id,
      input.lastEventId ?? undefined,
      signal,
      trackedHooks(ctx),
    ),
  );

/** Every session's events (admin token), resumable. */
export const adminEvents = adminProcedure
  .input(z.object({ lastEventId: LastEventIdSchema }).optional())
  .subscription(({ ctx, input, signal }) =>
    ctx.deps.services.live.globalFeed(input?.lastEventId ?? undefined, signal, trackedHooks(ctx)),
  );

export const adminOverview = adminProcedure.query(({ ctx }) => ctx.deps.services.admin.overview());
