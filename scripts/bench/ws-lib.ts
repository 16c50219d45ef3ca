/**
 * The `ws` library for the WebSocket benches (clients, and the bare baseline server), plus a
 * minimal client of the tRPC WebSocket protocol: raw sockets keep 10,000 clients cheap and
 * treat the Aisle server and the bare baseline alike.
 */
import { WebSocket, WebSocketServer } from 'ws';

export type WsServer = WebSocketServer;
export type WsSocket = WebSocket;
export const ws = { WebSocket, WebSocketServer };

/** Opens a socket; rejects on an HTTP refusal (e.g. 429) or a connection error. */
export function openSocket(url: string): Promise<WsSocket> {
  return new Promise((resolve, reject) => {
    // Clients are the bench's instrument: as light as they can be (no UTF-8 validation).
    const socket = new ws.WebSocket(url, { perMessageDeflate: false, skipUTF8Validation: true });
    socket.once('open', () => resolve(socket));
    // Later errors (a server going away at the end of a bench) are not failures of ours.
    socket.on('error', reject);
    socket.once('unexpected-response', (_req, res) =>
      reject(new Error(`WebSocket upgrade refused: HTTP ${res.statusCode}`)),
    );
  });
}

const DATA_MARK = Buffer.from('"result":{"type":"data"');

/** A tRPC reply as the WebSocket adapter sends it. */
export interface TrpcWsReply {
  id: number | string | null;
  result?: { type: 'started' | 'data' | 'stopped'; id?: string; data?: unknown };
  error?: { json?: { message?: string } };
}

/**
 * Opens `/trpc?connectionParams=1`, sends the params, then one subscription (id 1) with a
 * superjson-shaped input (`{json: input}`: plain JSON values serialize to themselves).
 * `onReply` sees every parsed reply (it must not throw: it runs in a socket event handler);
 * resolves once the socket is open and the request sent.
 */
export async function subscribeTrpc(opts: {
  baseUrl: string;
  connectionParams: Record<string, string>;
  path: string;
  input: Record<string, unknown>;
  onReply: (reply: TrpcWsReply, raw: string) => void;
  /**
   * When given, data messages (`"type":"data"`) go here unparsed, found by a byte search:
   * a fan-out bench's client then measures arrivals, not its own JSON parsing.
   */
  onDataFrame?: (data: Buffer) => void;
}): Promise<WsSocket> {
  const socket = await openSocket(`${opts.baseUrl.replace(/^http/, 'ws')}/trpc?connectionParams=1`);
  const { onDataFrame } = opts;
  socket.on('message', (data, isBinary) => {
    if (isBinary) return;
    if (onDataFrame && Buffer.isBuffer(data) && data.includes(DATA_MARK)) {
      onDataFrame(data);
      return;
    }
    const raw = data.toString();
    if (raw === 'PING') {
      socket.send('PONG');
      return;
    }
    opts.onReply(JSON.parse(raw) as TrpcWsReply, raw);
  });
  socket.send(JSON.stringify({ method: 'connectionParams', data: opts.connectionParams }));
  socket.send(
    JSON.stringify({
      id: 1,
      method: 'subscription',
      params: { path: opts.path, input: { json: opts.input } },
    }),
  );
  return socket;
}

/** Runs `task` for 0..count-1 with at most `parallel` in flight. */
export async function inBatches(
  count: number,
  parallel: number,
  task: (i: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const i = next;
      next += 1;
      await task(i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, count) }, worker));
}
