import { type TrackedEnvelope, tracked } from '@trpc/server';
import type { Context } from '../context';
import type { AppMetrics } from '../metrics/registry';
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
  const metrics = ctx.deps.metrics;
  const transport = ctx.transport === 'ws' ? 'ws' : 'sse';
  return {
    map: metrics ? countingMaps(metrics)[transport] : trackedOf,
    onEnd: subscriptionSlot(ctx),
  };
}

/**
 * `trackedOf` that also counts the delivery (the feed maps each event once per subscriber):
 * two functions per app, shared by its subscriptions, so a subscription holds no new closure.
 */
const countingMapsOf = new WeakMap<AppMetrics, Record<'ws' | 'sse', typeof trackedOf>>();
function countingMaps(metrics: AppMetrics): Record<'ws' | 'sse', typeof trackedOf> {
  let maps = countingMapsOf.get(metrics);
  if (!maps) {
    const counted = (transport: 'ws' | 'sse') => (event: WireEvent) => {
      metrics.events.delivered(transport);
      return trackedOf(event);
    };
    maps = { ws: counted('ws'), sse: counted('sse') };
    countingMapsOf.set(metrics, maps);
  }
  return maps;
}
