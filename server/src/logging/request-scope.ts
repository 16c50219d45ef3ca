import { AsyncLocalStorage } from 'node:async_hooks';
import type { Logger as PinoLogger } from 'pino';

/**
 * What one request (an HTTP request, or a WebSocket connection's messages) carries through
 * the services without being passed along: its id, its child logger, and the session it
 * turned out to be about (for the access line).
 */
export class RequestScope {
  private child: PinoLogger | undefined;
  /** The session the request proved or created, set by the services (noteSession). */
  sessionId: string | undefined;

  constructor(
    /** The app's root pino logger: a scope only redirects lines of its own app's logger. */
    readonly root: PinoLogger,
    readonly reqId: string,
  ) {}

  /** Built on first use: most requests log nothing but their access line. */
  get log(): PinoLogger {
    this.child ??= this.root.child({ reqId: this.reqId });
    return this.child;
  }
}

const storage = new AsyncLocalStorage<RequestScope>();

export function runInRequest<T>(scope: RequestScope, fn: () => T): T {
  return storage.run(scope, fn);
}

/**
 * For event listeners (a WebSocket 'message'): the listeners after this one, and whatever
 * they start, run in `scope` (AsyncLocalStorage.enterWith, scoped to the current callback).
 */
export function enterRequest(scope: RequestScope): void {
  storage.enterWith(scope);
}

export function currentRequest(): RequestScope | undefined {
  return storage.getStore();
}

/** Services tell the access log which session a request was about (logged as a hash). */
export function noteSession(sessionId: string): void {
  const scope = storage.getStore();
  if (scope) scope.sessionId = sessionId;
}
