import type { Tracing } from './types';

export type { SpanAttributes, SpanHandle, SpanKindName, Tracing } from './types';

export interface TracingConfig {
  OTEL_EXPORTER_OTLP_ENDPOINT?: string | undefined;
  OTEL_SERVICE_NAME: string;
}

/**
 * Tracing is on only when OTEL_EXPORTER_OTLP_ENDPOINT is set. Otherwise this returns
 * undefined and OpenTelemetry is never imported: every hook is then a single `undefined`
 * check, and the modules cost no start-up time or memory.
 */
export async function startTracing(config: TracingConfig): Promise<Tracing | undefined> {
  const endpoint = config.OTEL_EXPORTER_OTLP_ENDPOINT;
  if (!endpoint) return undefined;
  const { createOtlpTracing } = await import('./otel');
  return await createOtlpTracing({ endpoint, serviceName: config.OTEL_SERVICE_NAME });
}
