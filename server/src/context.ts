import type { Config } from './config';
import type { Logger } from './logger';
import { currentRequest } from './logging/request-scope';
import type { AppMetrics } from './metrics/registry';
import type { Services } from './services';
import type { Tracing } from './tracing';

/** Everything a request may reach: built once per server, passed in (no module singletons). */
export interface AppDeps {
  config: Config;
  services: Services;
  log: Logger;
  /** This app's Prometheus metrics (absent in unit tests that build deps by hand). */
  metrics?: AppMetrics | undefined;
  /** Set only when tracing is on (OTEL_EXPORTER_OTLP_ENDPOINT). */
  tracing?: Tracing | undefined;
}

/** Credentials as the transport found them: an HTTP bearer, or WebSocket connectionParams. */
export interface Credentials {
  sessionToken?: string | undefined;
  adminToken?: string | undefined;
}

export interface Context extends Credentials {
  deps: AppDeps;
  /** For per-IP rate limits. */
  ip: string;
  /** `chat`: the AI SDK endpoint, whose answers are not resumable (a stop is the shopper's). */
  transport: 'http' | 'ws' | 'rest' | 'chat';
  /** X-Request-Id of the HTTP request or WebSocket connection (logs carry it as `reqId`). */
  reqId?: string | undefined;
  /** WebSocket only: one per connection, to cap its subscriptions. */
  connection?: { subscriptions: number; maxSubscriptions: number };
}

/** One factory for every transport (HTTP, WebSocket, REST adapter). */
export function createContext(
  deps: AppDeps,
  opts: { credentials: Credentials; ip: string; transport: Context['transport'] },
): Context {
  const reqId = currentRequest()?.reqId;
  return { deps, ...opts.credentials, ip: opts.ip, transport: opts.transport, reqId };
}

/** `Authorization: Bearer x` serves as session token or admin token, whichever the call needs. */
export function bearerCredentials(authorization: string | undefined): Credentials {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  const token = match?.[1];
  return { sessionToken: token, adminToken: token };
}

/** tRPC connectionParams (WebSocket, SSE subscriptions): `{ sessionToken }` or `{ adminToken }`. */
export function paramsCredentials(
  params: Record<string, string | undefined> | null | undefined,
): Credentials {
  const pick = (v: unknown) => (typeof v === 'string' && v.length > 0 ? v : undefined);
  return { sessionToken: pick(params?.sessionToken), adminToken: pick(params?.adminToken) };
}

/** A header bearer wins; connection params fill in what it leaves out. */
export function mergeCredentials(a: Credentials, b: Credentials): Credentials {
  return {
    sessionToken: a.sessionToken ?? b.sessionToken,
    adminToken: a.adminToken ?? b.adminToken,
  };
}
