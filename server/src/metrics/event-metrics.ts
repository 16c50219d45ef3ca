import { Counter, Gauge, type Registry } from 'prom-client';

/** How an event reached a subscriber: our WebSocket handler, or tRPC's HTTP event stream. */
export type DeliveryTransport = 'ws' | 'sse';

export interface EventMetrics {
  /** An event stored in the event log (and so published to every instance). */
  published(type: string): void;
  /** One event handed to one subscriber. */
  delivered(transport: DeliveryTransport): void;
  /** A WebSocket subscription opened on `procedure`; returns its close (idempotent). */
  subscribed(procedure: string): () => void;
}

/** Live events: published by type, delivered by transport, open WebSocket subscriptions. */
export function createEventMetrics(registry: Registry): EventMetrics {
  const published = new Counter({
    name: 'aisle_events_published_total',
    help: 'Events stored in the event log, by event type',
    labelNames: ['type'] as const,
    registers: [registry],
  });
  const delivered = new Counter({
    name: 'aisle_events_delivered_total',
    help: 'Events delivered to subscribers (one per event per subscriber), by transport',
    labelNames: ['transport'] as const,
    registers: [registry],
  });
  const subscriptions = new Gauge({
    name: 'aisle_ws_subscriptions',
    help: 'Open WebSocket subscriptions by procedure',
    labelNames: ['procedure'] as const,
    registers: [registry],
  });
  // Per delivery this is the whole cost: one increment of a series resolved up front.
  const byTransport = { ws: delivered.labels('ws'), sse: delivered.labels('sse') };
  const subscriptionSeries = new Map<string, ReturnType<typeof subscriptions.labels>>();
  return {
    published: (type) => published.inc({ type }),
    delivered: (transport) => byTransport[transport].inc(),
    subscribed(procedure) {
      // One series handle per procedure (labels are bounded): `labels()` builds a new one,
      // with five bound methods, per call, which an open subscription would keep.
      let gauge = subscriptionSeries.get(procedure);
      if (!gauge) {
        gauge = subscriptions.labels({ procedure });
        subscriptionSeries.set(procedure, gauge);
      }
      gauge.inc();
      let open = true;
      return () => {
        if (open) gauge.dec();
        open = false;
      };
    },
  };
}
