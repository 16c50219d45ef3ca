import type { WebSocket } from 'ws';

/** How many groups the sockets are pinged in, one group per 1/SLICES of the interval. */
const SLICES = 16;

/**
 * Keep-alive for many sockets, spread over the interval: each socket is pinged once per
 * interval, in one of SLICES groups that take turns. A burst of pings to 10,000 sockets (and
 * the burst of pongs it brings back) holds the event loop for a few hundred milliseconds,
 * stalling whatever is sent meanwhile, a fan-out to the same sockets say; a group is 1/16 of
 * that. A socket that has not answered its last ping when its group's turn comes again is
 * dropped. Per socket: one entry in a group's Set; the pong listener is shared.
 */
export class KeepAlive {
  private readonly groups: Set<WebSocket>[] = Array.from({ length: SLICES }, () => new Set());
  private readonly alive = new WeakSet<WebSocket>();
  private nextGroup = 0;
  private turn = 0;
  private readonly timer: NodeJS.Timeout;
  private readonly onPong: (this: WebSocket) => void;

  constructor(intervalMs: number) {
    const alive = this.alive;
    this.onPong = function (this: WebSocket) {
      alive.add(this);
    };
    this.timer = setInterval(() => this.tick(), Math.max(1, Math.floor(intervalMs / SLICES)));
    this.timer.unref();
  }

  add(ws: WebSocket): void {
    this.alive.add(ws);
    this.groups[this.nextGroup]?.add(ws);
    this.nextGroup = (this.nextGroup + 1) % SLICES;
    ws.on('pong', this.onPong);
  }

  /** A closed socket leaves its group (found by trying each: no per-socket record). */
  remove(ws: WebSocket): void {
    for (const group of this.groups) if (group.delete(ws)) return;
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private tick(): void {
    const group = this.groups[this.turn];
    this.turn = (this.turn + 1) % SLICES;
    if (!group) return;
    for (const ws of group) {
      if (!this.alive.has(ws)) {
        group.delete(ws);
        ws.terminate();
        continue;
      }
      this.alive.delete(ws);
      ws.ping();
    }
  }
}
