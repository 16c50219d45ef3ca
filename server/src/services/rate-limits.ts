import { type RateLimiterAbstract, RateLimiterRes } from 'rate-limiter-flexible';
import { AppError, StoreUnavailableError } from '../errors';
import type { Store } from '../store/types';

export interface RateLimitSettings {
  enabled: boolean;
  queryPerMinute: number;
  writePerMinute: number;
  ipPerMinute: number;
}

type Kind = 'query' | 'write';

/** Per-session and per-IP budgets; on Redis every instance shares them. */
export class RateLimitService {
  private readonly limiters: Record<Kind | 'ip', RateLimiterAbstract> | null;

  constructor(store: Store, settings: RateLimitSettings) {
    this.limiters = settings.enabled
      ? {
          query: store.createRateLimiter({
            keyPrefix: 'query',
            points: settings.queryPerMinute,
            durationSeconds: 60,
          }),
          write: store.createRateLimiter({
            keyPrefix: 'write',
            points: settings.writePerMinute,
            durationSeconds: 60,
          }),
          ip: store.createRateLimiter({
            keyPrefix: 'ip',
            points: settings.ipPerMinute,
            durationSeconds: 60,
          }),
        }
      : null;
  }

  async check(kind: Kind, who: { ip: string; sessionId?: string | undefined }): Promise<void> {
    if (!this.limiters) return;
    const { ip, [kind]: perSession } = this.limiters;
    try {
      await Promise.all([
        ip.consume(who.ip),
        who.sessionId ? perSession.consume(who.sessionId) : Promise.resolve(),
      ]);
    } catch (err) {
      if (err instanceof RateLimiterRes) {
        const retryAfterSeconds = Math.max(1, Math.ceil(err.msBeforeNext / 1000));
        throw new AppError('RATE_LIMITED', `Too many requests; retry in ${retryAfterSeconds} s`, {
          retryAfterSeconds,
        });
      }
      throw err instanceof AppError ? err : new StoreUnavailableError(err);
    }
  }
}
