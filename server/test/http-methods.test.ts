import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { startTestApp } from './support/app';

/** Raw node:http, since fetch refuses TRACE. */
function send(url: string, method: string) {
  return new Promise<{ status: number; allow: string | undefined; body: string }>(
    (resolve, reject) => {
      const req = request(url, { method }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => {
          body += d;
        });
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, allow: res.headers.allow, body }),
        );
      });
      req.on('error', reject);
      req.end();
    },
  );
}

describe('methods a fixed route does not serve', () => {
  it.each([
    ['/trpc/session.create', 'GET, HEAD, POST', 'POST'],
    ['/trpc/session.info', 'GET, HEAD, POST', 'GET'],
    ['/trpc', 'GET, HEAD, POST', 'GET'],
    ['/trpc/session.create,session.info', 'GET, HEAD, POST', 'POST'],
    ['/health/ready', 'GET, HEAD', 'GET'],
    ['/health', 'GET, HEAD', 'HEAD'],
    ['/api/v1/openapi.json', 'GET, HEAD', 'GET'],
  ])('%s answers 405 with Allow: %s', async (path, allow, served) => {
    await using app = await startTestApp();
    for (const method of ['TRACE', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'PROPFIND']) {
      const r = await send(`${app.url}${path}`, method);
      expect({ method, status: r.status, allow: r.allow }).toEqual({ method, status: 405, allow });
      expect(JSON.parse(r.body)).toMatchObject({ error: { code: 'METHOD_NOT_ALLOWED' } });
    }
    // The methods it does serve still work.
    expect((await send(`${app.url}${path}`, served)).status).not.toBe(405);
  });

  it('still answers a CORS preflight on /trpc for a configured origin', async () => {
    await using app = await startTestApp({ CORS_ORIGINS: 'https://shop.example' });
    const r = await fetch(`${app.url}/trpc/session.create`, {
      method: 'OPTIONS',
      headers: { origin: 'https://shop.example', 'access-control-request-method': 'POST' },
    });
    expect(r.status).toBe(204);
  });
});
