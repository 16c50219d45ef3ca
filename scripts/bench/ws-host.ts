/**
 * A server in a child process for the WebSocket benches (started by ws.ts with --expose-gc),
 * so its memory is measured alone and it gets a core of its own. Modes:
 *
 *   aisle  the real app (createApp) on REDIS_URL, with ADMIN_TOKEN set
 *   bare   a plain node:http server + `ws` WebSocketServer; POST /mutate broadcasts its body,
 *          as the ideal broadcast does: one Buffer, built once, sent to every socket as text
 *
 * IPC side channel (no admin API involved): {type: 'sessions', count} creates sessions
 * (aisle), {type: 'memory'} answers process.memoryUsage() after full GCs, {type: 'heap-snapshot'}
 * writes one to the temp dir, {type: 'profile-start'} / {type: 'profile-stop'} profile the CPU
 * in between (a .cpuprofile in the temp dir), {type: 'time-loops'} then {type: 'loops'}: how
 * long each event's send loop took (see SendLoops), {type: 'stop'}.
 */

import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { Session } from 'node:inspector/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeHeapSnapshot } from 'node:v8';
import { createApp } from '../../server/src/app';
import { benchConfig } from './common';
import { saveProfile } from './profile';
import { serveParent } from './ws-child';
import { ws } from './ws-lib';

export type HostMode = 'aisle' | 'bare';

export type HostRequest =
  | { type: 'sessions'; count: number }
  | { type: 'profile-start' }
  | { type: 'time-loops' }
  | { type: 'loops' }
  | { type: 'profile-stop' }
  | { type: 'memory' }
  | { type: 'heap-snapshot' }
  | { type: 'stop' };

export type HostReply =
  | { type: 'ready'; port: number }
  | { type: 'sessions'; sessions: { id: string; token: string }[] }
  | { type: 'memory'; usage: NodeJS.MemoryUsage; gc: boolean }
  | { type: 'heap-snapshot'; file: string }
  | { type: 'profiling' }
  | { type: 'timing' }
  | { type: 'loops'; ms: number[] }
  | { type: 'profile'; file: string }
  | { type: 'error'; message: string };

const reply = (m: HostReply) => process.send?.(m);

async function measureMemory(): Promise<HostReply> {
  const gc = globalThis.gc;
  for (let i = 0; i < 4; i++) {
    gc?.();
    await new Promise((r) => setTimeout(r, 50));
  }
  return { type: 'memory', usage: process.memoryUsage(), gc: gc !== undefined };
}

async function startAisle() {
  const redisUrl = process.env.BENCH_REDIS_URL;
  if (!redisUrl) throw new Error('ws-host: BENCH_REDIS_URL is not set');
  const app = await createApp(
    benchConfig({
      REDIS_URL: redisUrl,
      ADMIN_TOKEN: process.env.BENCH_ADMIN_TOKEN ?? 'bench-admin-token-0123456789',
      WS_MAX_CONNECTIONS_PER_IP: '1000000',
    }),
  );
  // The bus calls its listeners in the order they came: this one before every subscriber's,
  // and the one `timeLoops` adds after them all (once the clients are in).
  const loops = new SendLoops();
  await app.services.live.subscribe(() => loops.begin());
  return {
    port: app.port,
    async timeLoops() {
      await app.services.live.subscribe(() => loops.end());
    },
    loops,
    async sessions(count: number) {
      const out: { id: string; token: string }[] = [];
      for (let i = 0; i < count; i += 200) {
        const batch = await Promise.all(
          Array.from({ length: Math.min(200, count - i) }, () => app.services.sessions.create()),
        );
        for (const s of batch) out.push({ id: s.session_id, token: s.session_token });
      }
      return out;
    },
    close: () => app.close(),
  };
}

const TEXT = { binary: false } as const;

/**
 * How long a server spends sending one event to every socket (ms), from the first send to the
 * last: its per-delivery cost, free of the clients and of the way to the loop (HTTP, Redis).
 */
class SendLoops {
  private started = 0;
  private readonly times: number[] = [];
  begin(): void {
    this.started = performance.now();
  }
  end(): void {
    if (this.started > 0) this.times.push(performance.now() - this.started);
    this.started = 0;
  }
  /** The loops timed since the last call. */
  take(): number[] {
    return this.times.splice(0);
  }
}

async function startBare() {
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (req.method === 'POST' && req.url === '/mutate') {
        // A string would be encoded to bytes again for each socket.
        const message = Buffer.concat(chunks);
        loops.begin();
        for (const client of wss.clients) client.send(message, TEXT);
        loops.end();
      }
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '2' });
      res.end('{}');
    });
  });
  const loops = new SendLoops();
  const wss = new ws.WebSocketServer({ server, perMessageDeflate: false });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    port: (server.address() as AddressInfo).port,
    sessions: async () => [],
    timeLoops: async () => {},
    loops,
    async close() {
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

/** The CPU profiler of this process (node:inspector), for a measured stretch only. */
const profiler = {
  session: undefined as Session | undefined,
  async start() {
    const session = new Session();
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 250 });
    await session.post('Profiler.start');
    this.session = session;
  },
  async stop(): Promise<string> {
    const session = this.session;
    if (!session) throw new Error('ws-host: the profiler was not started');
    const { profile } = await session.post('Profiler.stop');
    session.disconnect();
    this.session = undefined;
    return saveProfile(`ws-${process.argv[2]}`, profile);
  },
};

async function main() {
  const mode = process.argv[2] as HostMode | undefined;
  const host = mode === 'aisle' ? await startAisle() : await startBare();
  serveParent<HostRequest>(async (m): Promise<HostReply | undefined> => {
    switch (m.type) {
      case 'sessions':
        return { type: 'sessions', sessions: await host.sessions(m.count) };
      case 'memory':
        return measureMemory();
      case 'heap-snapshot':
        return {
          type: 'heap-snapshot',
          file: writeHeapSnapshot(join(tmpdir(), `aisle-bench-ws-${Date.now()}.heapsnapshot`)),
        };
      case 'time-loops':
        await host.timeLoops();
        return { type: 'timing' };
      case 'loops':
        return { type: 'loops', ms: host.loops.take() };
      case 'profile-start':
        await profiler.start();
        return { type: 'profiling' };
      case 'profile-stop':
        return { type: 'profile', file: await profiler.stop() };
      case 'stop':
        await host.close();
        process.exit(0);
    }
  });
  reply({ type: 'ready', port: host.port });
}

main().catch((err: unknown) => {
  reply({ type: 'error', message: String(err) });
  process.exit(1);
});
