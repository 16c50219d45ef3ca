import { StoreUnavailableError } from '../../errors';

/**
 * Settles as `op` does, or fails with STORE_UNAVAILABLE once `ms` have passed since the call.
 * ioredis starts a command's own timer only when the command is written, and with
 * auto-pipelining a command waits while an earlier pipeline is in flight: behind a stalled
 * Redis it would wait for that pipeline's timeout, then for its own (2x the bound). Timing
 * from the call keeps every store call within the bound whatever it queued behind. A command
 * still queued then may run later: a 503 means "not known to be applied", never "applied twice"
 * (connection.ts never resends).
 */
export function withDeadline<T>(
  op: Promise<T>,
  ms: number,
  /** Told when the bound passes (a stalled Redis: outage logging). */
  onExpire?: () => void,
): Promise<T> {
  // One promise and one timer per call (no Promise.race/finally chain): this runs on every
  // store call. The error is only built if the bound passes.
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(expire, ms, reject, ms, onExpire);
    op.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (err: unknown) => {
        clearTimeout(timer);
        reject(err);
      },
    );
  });
}

function expire(reject: (err: unknown) => void, ms: number, onExpire?: () => void): void {
  onExpire?.();
  reject(new StoreUnavailableError(new Error(`no reply from Redis within ${ms} ms`)));
}
