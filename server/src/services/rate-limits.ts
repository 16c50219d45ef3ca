import { type RateLimiterAbstract, RateLimiterRes } from 'rate-limiter-flexible';
import { AppError, SessionBudgetError, StoreUnavailableError } from '../errors';
import type { SessionBudget, Store } from '../store/types';

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
}

/**
 * Per-IP and per-session budgets; on Redis every instance shares them. A session's budget
 * is its owner's alone: the store charges it in the same step that checks the caller's token
 * (and does the request's work), so callers who have not proven the token spend their IP
 * budget only, and strangers who know a session id cannot lock its owner out.
 */
export class RateLimitService {
  private readonly limiters: Limiters | null;
  private readonly budgets: Record<'query' | 'write', SessionBudget> | null;

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
        }
      : null;
    this.budgets = settings.enabled
      ? {
          query: { name: 'query', points: settings.queryPerMinute, windowMs: 60_000 },
          write: { name: 'write', points: settings.writePerMinute, windowMs: 60_000 },
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

  /** The session's own budget for questions or writes, for the store to charge; none when off. */
  sessionBudget(access: Exclude<Access, 'read'>): SessionBudget | undefined {
    return this.budgets?.[access];
  }

  /** Counts a refusal the store made for a spent session budget (metrics). */
  noteRefusal(err: unknown): void {
    if (err instanceof SessionBudgetError) this.onRejected(err.budget);
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
