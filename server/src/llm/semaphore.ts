/** Releases a permit; calling it more than once is harmless. */
export type Release = () => void;

export interface Semaphore {
  /** Waits for a permit; rejects with the signal's reason if it aborts first. */
  acquire(signal?: AbortSignal): Promise<Release>;
  readonly active: number;
  readonly waiting: number;
}

/** A counting semaphore (FIFO) capping concurrent upstream calls. */
export function createSemaphore(max: number): Semaphore {
  if (!Number.isInteger(max) || max < 1) throw new RangeError('max must be a positive integer');
  let active = 0;
  const queue: Array<() => void> = [];

  const permit = (): Release => {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = queue.shift();
      // Hand the permit straight to the next waiter so `active` never dips below the cap.
      if (next) next();
      else active--;
    };
  };

  return {
    get active() {
      return active;
    },
    get waiting() {
      return queue.length;
    },
    acquire(signal) {
      if (signal?.aborted) return Promise.reject(signal.reason);
      if (active < max) {
        active++;
        return Promise.resolve(permit());
      }
      return new Promise<Release>((resolve, reject) => {
        const grant = () => {
          signal?.removeEventListener('abort', onAbort);
          resolve(permit());
        };
        const onAbort = () => {
          const i = queue.indexOf(grant);
          if (i >= 0) queue.splice(i, 1);
          reject(signal?.reason);
        };
        queue.push(grant);
        signal?.addEventListener('abort', onAbort, { once: true });
      });
    },
  };
}
