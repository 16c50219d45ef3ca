import { type TrackedEnvelope, tracked } from '@trpc/server';
import type { Context } from '../context';
import type { FeedHooks, WireEvent } from '../services/live-events';
import { subscriptionSlot } from '../trpc';

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
export function trackedHooks(ctx: Context): FeedHooks<TrackedEnvelope<WireEvent>> {
  return {
    map: trackedOf,
    onEnd: subscriptionSlot(ctx),
  };
}
