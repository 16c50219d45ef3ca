import { describe, expect, it } from 'vitest';
import { startTestApp } from './support/app';

describe('HTTP edges', () => {
  it('answers CORS preflights only for configured origins', async () => {
    await using app = await startTestApp({ CORS_ORIGINS: 'https://shop.example' });
    const ok = await fetch(`${app.url}/api/v1/shopping/query`, {
      method: 'OPTIONS',
      headers: { origin: 'https://shop.example', 'access-control-request-method': 'POST' },
    });
    expect(ok.status).toBe(204);
    expect(ok.headers.get('access-control-allow-origin')).toBe('https://shop.example');
    const r = await app.rest('POST', '/api/v1/shopping/session', {
      body: {},
      headers: { origin: 'https://shop.example' },
    });
    expect(r.headers.get('access-control-expose-headers')).toContain('X-Session-Token');
    // A storefront on another origin reads the AI SDK's protocol header of /chat.
    expect(r.headers.get('access-control-expose-headers')).toContain(
      'x-vercel-ai-ui-message-stream',
    );
    const other = await fetch(`${app.url}/health`, { headers: { origin: 'https://evil.example' } });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('limits tRPC bodies and batches', async () => {
    await using app = await startTestApp();
    const big = await fetch(`${app.url}/trpc/shopping.query`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ json: { q: 'x'.repeat(1024 * 1024) } }),
    });
    expect(big.status).toBe(413);
    const paths = Array.from({ length: 11 }, () => 'session.create').join(',');
    const batch = await fetch(`${app.url}/trpc/${paths}?batch=1`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(
        Object.fromEntries(Array.from({ length: 11 }, (_, i) => [i, { json: {} }])),
      ),
    });
    expect(batch.status).toBe(400);
    const malformed = await fetch(`${app.url}/trpc/session.create`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"json":',
    });
    expect(malformed.status).toBe(400);
  });

  it('answers unknown paths with a JSON 404', async () => {
    await using app = await startTestApp();
    const r = await app.rest('GET', '/nope', { undocumentedPath: true });
    expect(r.status).toBe(404);
    expect(r.body).toMatchObject({ success: false, error: { code: 'NOT_FOUND' } });
  });
});
