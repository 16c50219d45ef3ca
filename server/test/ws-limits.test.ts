import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startTestApp, type TestApp } from './support/app';
import { startServerProcess } from './support/server-process';

describe('WebSocket limits', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ WS_MAX_CONNECTIONS_PER_IP: '3', WS_MAX_BUFFERED_BYTES: '4096' });
  });
  afterAll(async () => {
    await app?.close();
  });

  const open = (path = '/trpc') =>
    new Promise<WebSocket>((resolve, reject) => {
      const ws = new WebSocket(`${app.url.replace('http', 'ws')}${path}`);
      ws.once('open', () => resolve(ws));
      ws.once('error', reject);
      ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    });

  it('caps connections per IP with 429', async () => {
    const held = await Promise.all([open(), open(), open()]);
    await expect(open()).rejects.toThrow('HTTP 429');
    for (const ws of held) ws.close();
    await sleep(100);
    (await open()).close();
  });

  it('closes on an oversized frame (over 64 KiB) and stays healthy', async () => {
    const ws = await open();
    const closed = new Promise<number>((r) => ws.once('close', (code) => r(code)));
    ws.send('x'.repeat(70 * 1024));
    expect(await closed).toBe(1009);
    expect((await app.rest('GET', '/health/ready')).status).toBe(200);
  });

  it('rejects upgrades on other paths', async () => {
    await expect(open('/elsewhere')).rejects.toThrow('HTTP 404');
  });
});

describe('a WebSocket client that stops reading', () => {
  it('is dropped with close code 4008 while the server stays healthy', async () => {
    const admin = 'admin-token-slow-consumer-1';
    await using app = await startTestApp({ ADMIN_TOKEN: admin, WS_MAX_BUFFERED_BYTES: '65536' });
    const ws = new WebSocket(`${app.url.replace('http', 'ws')}/trpc?connectionParams=1`);
    await new Promise((r) => ws.once('open', r));
    ws.send(JSON.stringify({ method: 'connectionParams', data: { adminToken: admin } }));
    ws.send(
      JSON.stringify({
        id: 1,
        method: 'subscription',
        params: { path: 'admin.events', input: { json: {} } },
      }),
    );
    await new Promise((r) => ws.once('message', r)); // subscription started
    const closed = new Promise<number>((r) => ws.once('close', (code) => r(code)));
    // Stop reading: the kernel buffers fill, then the server's send buffer grows.
    (ws as unknown as { _socket: { pause(): void } })._socket.pause();
    const bulky = { blob: 'x'.repeat(16 * 1024) };
    const deadline = Date.now() + 20_000;
    let sent = 0;
    const [serverSide] = [...app.ws.wss.clients];
    // Until the server decides to drop it (its side starts closing).
    while (serverSide?.readyState === WebSocket.OPEN && Date.now() < deadline) {
      await Promise.all(
        Array.from({ length: 50 }, () =>
          app.services.events.publish('slow-reader-s1', 'cart.updated', bulky),
        ),
      );
      sent += 50;
      await sleep(5);
    }
    expect(serverSide?.readyState).toBe(WebSocket.CLOSING);
    expect(sent).toBeGreaterThan(0);
    // A reader that wakes up now gets the backlog and then the clear close code.
    (ws as unknown as { _socket: { resume(): void } })._socket.resume();
    expect(await closed).toBe(4008);
    await expect.poll(() => app.ws.wss.clients.size).toBe(0);
    expect((await app.rest('GET', '/health/ready')).status).toBe(200);
  }, 30_000);
});

describe('keep-alive', () => {
  it('drops a socket that stops answering pings and keeps one that answers', async () => {
    await using app = await startTestApp({ WS_KEEPALIVE_MS: '150' });
    const url = `${app.url.replace('http', 'ws')}/trpc`;
    const silent = new WebSocket(url, { autoPong: false });
    const healthy = new WebSocket(url);
    await Promise.all([silent, healthy].map((ws) => new Promise((r) => ws.once('open', r))));
    const silentClosed = new Promise((r) => silent.once('close', r));
    await silentClosed;
    await sleep(400);
    expect(healthy.readyState).toBe(WebSocket.OPEN);
    healthy.close();
  });
});

describe('shutdown', () => {
  it('tells WebSocket clients to reconnect on SIGTERM, then exits cleanly', async () => {
    const server = await startServerProcess({});
    const ws = new WebSocket(`${server.url.replace('http', 'ws')}/trpc`);
    await new Promise((r) => ws.once('open', r));
    const messages: string[] = [];
    ws.on('message', (m) => messages.push(String(m)));
    const exited = new Promise<number | null>((r) => server.child.once('exit', (code) => r(code)));
    server.child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(messages.map((m) => JSON.parse(m))).toContainEqual(
      expect.objectContaining({ method: 'reconnect' }),
    );
  }, 30_000);
});
