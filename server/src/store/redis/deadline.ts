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
export function withDeadline<T>(op: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new StoreUnavailableError(new Error(`no reply from Redis within ${ms} ms`))),
      ms,
    );
  });
  return Promise.race([op, expired]).finally(() => clearTimeout(timer));
}
