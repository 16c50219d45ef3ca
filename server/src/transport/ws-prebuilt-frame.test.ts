import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import { PrebuiltText, rawSocketOf } from './ws-prebuilt-frame';

/** Real sockets: what a `ws` client reads from a prebuilt frame written under the server. */
describe('prebuilt text frames', () => {
  let wss: WebSocketServer;
  let url: string;
  beforeAll(async () => {
    wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
    await new Promise((r) => wss.once('listening', r));
    url = `ws://127.0.0.1:${(wss.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    for (const ws of wss.clients) ws.terminate();
    await new Promise((r) => wss.close(r));
  });

  /** Connects a client; resolves with the server side of it and the client's messages. */
  async function connect(options?: WebSocket.ClientOptions) {
    const accepted = new Promise<WebSocket>((r) => wss.once('connection', r));
    const client = new WebSocket(url, options);
    const received: { text: string; binary: boolean }[] = [];
    client.on('message', (data, binary) => received.push({ text: String(data), binary }));
    await new Promise((r) => client.once('open', r));
    return { server: await accepted, client, received };
  }

  async function until(check: () => boolean): Promise<void> {
    for (let i = 0; i < 500 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
    expect(check()).toBe(true);
  }

  it('arrive as the text messages they carry, at every length encoding, in order with ws.send', async () => {
    const { server, client, received } = await connect({ perMessageDeflate: false });
    const raw = rawSocketOf(server);
    expect(raw).toBeDefined();
    // 7-bit, 16-bit and 64-bit payload lengths, at and around their bounds.
    const texts = [0, 1, 125, 126, 65_535, 65_536, 200_000].map(
      (n) => 'é'.repeat(n / 2) + 'x'.repeat(n % 2),
    );
    server.send('before');
    for (const text of texts) raw?.write(new PrebuiltText(Buffer.from(text)).framed);
    server.send('after');
    await until(() => received.length === texts.length + 2);
    expect(received.map((m) => m.text)).toEqual(['before', ...texts, 'after']);
    expect(received.every((m) => !m.binary)).toBe(true);
    client.terminate();
  });

  it('are not written under a socket with permessage-deflate', async () => {
    const compressing = new WebSocketServer({
      port: 0,
      host: '127.0.0.1',
      perMessageDeflate: true,
    });
    await new Promise((r) => compressing.once('listening', r));
    const accepted = new Promise<WebSocket>((r) => compressing.once('connection', r));
    const port = (compressing.address() as AddressInfo).port;
    const client = new WebSocket(`ws://127.0.0.1:${port}`, { perMessageDeflate: true });
    await new Promise((r) => client.once('open', r));
    expect(rawSocketOf(await accepted)).toBeUndefined();
    client.terminate();
    for (const ws of compressing.clients) ws.terminate();
    await new Promise((r) => compressing.close(r));
  });
});
