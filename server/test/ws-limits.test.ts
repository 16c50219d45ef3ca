import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startTestApp, type TestApp } from './support/app';

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
