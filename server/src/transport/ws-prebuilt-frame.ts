import type { Duplex } from 'node:stream';
import type { WebSocket } from 'ws';

/**
 * A text message framed once for every socket it goes to. A server's frames are not masked
 * (RFC 6455 5.1), so one frame's bytes are the same on every connection: a fan-out to
 * thousands of sockets writes one shared Buffer to each, where `ws.send` would build a
 * header and a two-buffer writev per socket.
 */
export class PrebuiltText {
  /** The whole frame: header (FIN, opcode 1, length) and payload. */
  readonly framed: Buffer;

  constructor(readonly payload: Buffer) {
    const length = payload.length;
    const header = length < 126 ? 2 : length < 65536 ? 4 : 10;
    const framed = Buffer.allocUnsafe(header + length);
    framed[0] = 0x81;
    if (length < 126) framed[1] = length;
    else if (length < 65536) {
      framed[1] = 126;
      framed.writeUInt16BE(length, 2);
    } else {
      framed[1] = 127;
      framed.writeUInt32BE(Math.floor(length / 2 ** 32), 2);
      framed.writeUInt32BE(length >>> 0, 6);
    }
    payload.copy(framed, header);
    this.framed = framed;
  }
}

/** What a prebuilt frame goes through: the socket under `ws` (a ws 8 internal). */
interface WsInternals {
  _socket?: Duplex | null;
}

/**
 * The TCP socket under `ws` when a prebuilt frame may be written to it directly: no extension
 * negotiated (permessage-deflate would compress, and queue, what `send` takes). ws then writes
 * each frame to the socket at once, in order, so a frame written here takes its place among
 * them. Undefined otherwise: frames then go through `ws.send`.
 */
export function rawSocketOf(ws: WebSocket): Duplex | undefined {
  if (ws.extensions !== '') return undefined;
  return (ws as unknown as WsInternals)._socket ?? undefined;
}
