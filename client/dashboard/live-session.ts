import { AdminApi, type AdminApiError, toAdminApiError } from './admin-api';
import { LiveMetrics } from './live-metrics';
import { renderDashboard } from './render';
import type { ConnectionStatus } from './types';

/** The overview is fetched again this often, as a safety net under the live counts. */
const OVERVIEW_REFRESH_MS = 30_000;
/** Repaints this often without events, so the minute chart rolls on. */
const TICK_MS = 5_000;

export interface SessionHooks {
  onStatus(status: ConnectionStatus): void;
  /** The token stopped working (wrong, or changed on the server): sign out. */
  onFatal(error: AdminApiError): void;
}

/** One signed-in dashboard: overview first, then live events, repainted once per frame. */
export class LiveSession {
  private readonly api: AdminApi;
  private readonly metrics = new LiveMetrics();
  private readonly timers: ReturnType<typeof setInterval>[] = [];
  private stopLive: (() => Promise<void>) | undefined;
  private frame = 0;
  private synced = false;
  private stopped = false;

  constructor(
    origin: string,
    token: string,
    private readonly hooks: SessionHooks,
  ) {
    this.api = new AdminApi(origin, token);
  }

  /** Rejects (AdminApiError) when the overview cannot be read, e.g. with a wrong token. */
  async start(): Promise<void> {
    this.metrics.setOverview(await this.api.overview());
    this.paint();
    this.stopLive = this.api.live({
      onEvent: (event) => {
        if (this.metrics.add(event)) this.schedule();
      },
      onStatus: (status) => {
        this.hooks.onStatus(status);
        // Once subscribed, read the overview again: events between the first read and the
        // subscription are counted there (later events are skipped by timestamp).
        if (status === 'live' && !this.synced) {
          this.synced = true;
          void this.refresh();
        }
      },
      onResumed: () => void this.refresh(),
      onFatal: (error) => this.hooks.onFatal(error),
    });
    this.timers.push(
      setInterval(() => void this.refresh(), OVERVIEW_REFRESH_MS),
      setInterval(() => this.schedule(), TICK_MS),
    );
  }

  async refresh(): Promise<void> {
    try {
      const overview = await this.api.overview();
      if (this.stopped) return;
      this.metrics.setOverview(overview);
      this.schedule();
    } catch (err) {
      const error = toAdminApiError(err);
      // A network blip is shown by the socket's status; a refused token ends the session.
      if (error.isAuth && !this.stopped) this.hooks.onFatal(error);
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const t of this.timers) clearInterval(t);
    cancelAnimationFrame(this.frame);
    await this.stopLive?.();
  }

  private schedule(): void {
    if (this.frame !== 0 || this.stopped) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.paint();
    });
  }

  private paint(): void {
    if (!this.stopped) renderDashboard(this.metrics.view());
  }
}
