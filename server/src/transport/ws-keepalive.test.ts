import { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { WebSocket } from 'ws';
import { KeepAlive } from './ws-keepalive';

/** What KeepAlive uses of a socket: pings and terminations counted, pongs sent on demand. */
class FakeSocket extends EventEmitter {
  pings = 0;
  terminated = false;
  ping(): void {
    this.pings += 1;
  }
  terminate(): void {
    this.terminated = true;
  }
  pong(): void {
    this.emit('pong');
  }
}

const sockets = (n: number) => Array.from({ length: n }, () => new FakeSocket());
const asWs = (s: FakeSocket) => s as unknown as WebSocket;

describe('KeepAlive', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('pings each socket once per interval, a sixteenth of them at a time', () => {
    vi.useFakeTimers();
    const keepAlive = new KeepAlive(1600);
    const all = sockets(160);
    for (const s of all) keepAlive.add(asWs(s));
    vi.advanceTimersByTime(100);
    expect(all.filter((s) => s.pings === 1)).toHaveLength(10);
    for (const s of all) s.pong();
    vi.advanceTimersByTime(1500);
    expect(all.every((s) => s.pings === 1)).toBe(true);
    for (const s of all) s.pong();
    vi.advanceTimersByTime(1600);
    expect(all.every((s) => s.pings === 2 && !s.terminated)).toBe(true);
    keepAlive.stop();
  });

  it('drops a socket that did not answer by its next turn, and forgets removed ones', () => {
    vi.useFakeTimers();
    const keepAlive = new KeepAlive(1600);
    const [silent, healthy, gone] = sockets(3) as [FakeSocket, FakeSocket, FakeSocket];
    for (const s of [silent, healthy, gone]) keepAlive.add(asWs(s));
    keepAlive.remove(asWs(gone));
    vi.advanceTimersByTime(1600);
    healthy.pong();
    vi.advanceTimersByTime(1600);
    expect(silent.terminated).toBe(true);
    expect(healthy.terminated).toBe(false);
    expect(healthy.pings).toBe(2);
    expect(gone.pings).toBe(0);
    keepAlive.stop();
  });
});
