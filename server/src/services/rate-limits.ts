import { type RateLimiterAbstract, RateLimiterRes } from 'rate-limiter-flexible';
import { AppError, StoreUnavailableError } from '../errors';
import type { Store } from '../store/types';

export interface RateLimitSettings {
  enabled: boolean;
  queryPerMinute: number;
  writePerMinute: number;
  ipPerMinute: number;
  readPerMinute: number;
}

/** What a request does: reads are counted apart from questions and writes. */
export type Access = 'read' | 'query' | 'write';

interface Limiters {
  /** Questions and writes per caller IP. */
  ip: RateLimiterAbstract;
  /** Reads per caller IP. */
  readIp: RateLimiterAbstract;
  /** Per session, charged only once the caller has proven the session's token. */
  query: RateLimiterAbstract;
  write: RateLimiterAbstract;
}

/**
 * Per-IP and per-session budgets; on Redis every instance shares them. A session's budget
 * is its owner's alone: callers who have not proven its token spend their IP budget only, so
 * strangers who know a session id cannot lock its owner out.
 */
export class RateLimitService {
  private readonly limiters: Limiters | null;

  constructor(
    store: Store,
    settings: RateLimitSettings,
    /** Told the limiter's scope of each refusal (metrics). */
    private readonly onRejected: (scope: string) => void = () => {},
  ) {
    const limiter = (keyPrefix: string, points: number) =>
      store.createRateLimiter({ keyPrefix, points, durationSeconds: 60 });
    this.limiters = settings.enabled
      ? {
          ip: limiter('ip', settings.ipPerMinute),
          readIp: limiter('read-ip', settings.readPerMinute),
          query: limiter('query', settings.queryPerMinute),
          write: limiter('write', settings.writePerMinute),
        }
      : null;
  }

  /** Every request, before anything is known about who it is: charged to the caller's IP. */
  async chargeCaller(access: Access, ip: string): Promise<void> {
    if (!this.limiters) return;
    const [limiter, scope] =
      access === 'read' ? [this.limiters.readIp, 'read-ip'] : [this.limiters.ip, 'ip'];
    await consume(limiter, ip, () => this.onRejected(scope));
  }

  /** A question or write by a caller who has proven the session's token. */
  async chargeSession(access: Exclude<Access, 'read'>, sessionId: string): Promise<void> {
    if (!this.limiters) return;
    await consume(this.limiters[access], sessionId, () => this.onRejected(access));
  }
}

async function consume(
  limiter: RateLimiterAbstract,
  key: string,
  onRejected: () => void,
): Promise<void> {
  try {
    await limiter.consume(key);
  } catch (err) {
    if (err instanceof RateLimiterRes) {
      onRejected();
      const retryAfterSeconds = Math.max(1, Math.ceil(err.msBeforeNext / 1000));
      throw new AppError('RATE_LIMITED', `Too many requests; retry in ${retryAfterSeconds} s`, {
        retryAfterSeconds,
      });
    }
    throw err instanceof AppError ? err : new StoreUnavailableError(err);
  }
}
