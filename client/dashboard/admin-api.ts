import type { AppRouter } from '@aisle/server';
import {
  createTRPCClient,
  createWSClient,
  httpLink,
  isTRPCClientError,
  type TRPCClient,
  wsLink,
} from '@trpc/client';
import superjson from 'superjson';
import type { AdminEvent, ConnectionStatus, Overview } from './types';

const RESUBSCRIBE_MS = 2000;

/** A failed call, with the server's tRPC code when there is one (FORBIDDEN, UNAUTHORIZED...). */
export class AdminApiError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
  ) {
    super(message);
    this.name = 'AdminApiError';
  }

  get isAuth(): boolean {
    return this.code === 'FORBIDDEN' || this.code === 'UNAUTHORIZED';
  }
}

export function toAdminApiError(err: unknown): AdminApiError {
  if (err instanceof AdminApiError) return err;
  if (isTRPCClientError<AppRouter>(err)) return new AdminApiError(err.message, err.data?.code);
  return new AdminApiError(err instanceof Error ? err.message : String(err), undefined);
}

export interface LiveHandlers {
  onEvent(event: AdminEvent): void;
  onStatus(status: ConnectionStatus): void;
  /** The feed is (again) flowing after a drop: a moment to repaint from the overview. */
  onResumed(): void;
  /** The subscription was refused (wrong token): it is not retried. */
  onFatal(error: AdminApiError): void;
}

/** The admin procedures the page uses: overview over HTTP (bearer), events over WebSocket. */
export class AdminApi {
  private readonly http: TRPCClient<AppRouter>;

  constructor(
    private readonly origin: string,
    private readonly token: string,
  ) {
    this.http = createTRPCClient<AppRouter>({
      links: [
        httpLink({
          url: `${origin}/trpc`,
          transformer: superjson,
          headers: { authorization: `Bearer ${token}` },
        }),
      ],
    });
  }

  async overview(): Promise<Overview> {
    try {
      return await this.http.admin.overview.query();
    } catch (err) {
      throw toAdminApiError(err);
    }
  }

  /** Subscribes to admin.events; resumes after drops with the last event id. Returns `stop`. */
  live(handlers: LiveHandlers): () => Promise<void> {
    const ws = createWSClient({
      url: `${this.origin.replace(/^http/, 'ws')}/trpc`,
      connectionParams: { adminToken: this.token },
      retryDelayMs: (attempt) => Math.min(500 * 2 ** attempt, 10_000),
    });
    const client = createTRPCClient<AppRouter>({
      links: [wsLink<AppRouter>({ client: ws, transformer: superjson })],
    });
    let stopped = false;
    let started = false;
    let dropped = false;
    let lastEventId: string | undefined;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let unsubscribe: () => void = () => {};

    const flowing = () => {
      handlers.onStatus('live');
      if (dropped) {
        dropped = false;
        handlers.onResumed();
      }
    };
    const subscribe = () => {
      const sub = client.admin.events.subscribe(lastEventId ? { lastEventId } : {}, {
        onStarted() {
          started = true;
          flowing();
        },
        onData({ id, data }) {
          lastEventId = id;
          handlers.onEvent(data);
        },
        onError(err) {
          if (stopped) return;
          const error = toAdminApiError(err);
          if (error.isAuth) {
            stopped = true;
            handlers.onFatal(error);
            return;
          }
          dropped = true;
          handlers.onStatus('reconnecting');
          retry = setTimeout(subscribe, RESUBSCRIBE_MS);
        },
      });
      unsubscribe = () => sub.unsubscribe();
    };

    const states = ws.connectionState.subscribe({
      next(state) {
        if (stopped || !started) return;
        if (state.state === 'connecting') {
          dropped = true;
          handlers.onStatus('reconnecting');
        } else if (state.state === 'pending' && dropped) {
          flowing();
        }
      },
    });
    handlers.onStatus('connecting');
    subscribe();

    return async () => {
      stopped = true;
      clearTimeout(retry);
      states.unsubscribe();
      unsubscribe();
      await ws.close();
    };
  }
}
