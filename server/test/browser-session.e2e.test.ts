import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './support/app';
import { launchChromium } from './support/chromium';

const API = '/api/v1/shopping';

/**
 * The storefront's own page: the documented frontend example as a storefront writes it, with
 * no token handling at all (the cookie carries ownership), then a cart add with the cookie.
 */
const SHOP_PAGE = `<!doctype html><meta charset="utf-8"><title>shop</title>
<script>
async function run() {
  const response = await fetch('/api/v1/shopping/query', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ q: 'show me laptops' }),
  });
  const result = await response.json();
  const sessionId = result.data.session_id;
  const info = await fetch(\`/api/v1/shopping/session/\${sessionId}/info\`);
  const add = await fetch(\`/api/v1/shopping/session/\${sessionId}/cart/add\`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ sku: 'IPH15PRO-256' }),
  });
  const cart = await add.json();
  return {
    queryStatus: response.status,
    infoStatus: info.status,
    info: await info.json(),
    addStatus: add.status,
    itemCount: cart.data.item_count,
    sessionId,
    documentCookie: document.cookie,
  };
}

/** An answer streamed by POST, dropped after its first frame, then read whole by EventSource. */
async function streamThenEventSource() {
  const controller = new AbortController();
  const response = await fetch('/api/v1/shopping/query/stream', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ q: 'show me headphones' }),
    signal: controller.signal,
  });
  const reader = response.body.getReader();
  let head = '';
  while (!/^id: .+$/m.test(head)) head += new TextDecoder().decode((await reader.read()).value);
  controller.abort(); // the connection drops
  const [answerId] = /^id: (.+)$/m.exec(head)[1].split('~');
  const meta = JSON.parse(/^data: (.+)$/m.exec(head)[1]);
  const source = new EventSource(
    \`/api/v1/shopping/session/\${meta.session_id}/answers/\${answerId}/stream\`,
  );
  const ids = [];
  let text = '';
  const done = await new Promise((resolve, reject) => {
    source.addEventListener('token', (e) => { ids.push(e.lastEventId); text += JSON.parse(e.data).text; });
    source.addEventListener('done', (e) => { ids.push(e.lastEventId); resolve(JSON.parse(e.data)); });
    source.addEventListener('error', (e) => { if (e.data) reject(new Error(e.data)); });
  });
  source.close();
  return { text, answer: done.answer, ids, unique: new Set(ids).size };
}
</script>`;

function shopRoute(req: IncomingMessage, res: ServerResponse, url: URL): boolean {
  if (url.pathname !== '/shop') return false;
  req.resume();
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
  res.end(SHOP_PAGE);
  return true;
}

/** Another site's page: auto-submits a form to the victim's cart, or fetches with credentials. */
function attackPage(target: string, mode: string): string {
  if (mode === 'form') {
    return `<!doctype html><meta charset="utf-8"><title>win a prize</title>
<form id="f" method="post" action="${target}">
  <input name="sku" value="IPH15PRO-256"><input name="quantity" value="5">
</form>
<script>document.getElementById('f').submit();</script>`;
  }
  const type = mode === 'fetch-json' ? 'application/json' : 'text/plain';
  return `<!doctype html><meta charset="utf-8"><title>win a prize</title>
<script>
window.attack = fetch(${JSON.stringify(target)}, {
  method: 'POST',
  credentials: 'include',
  headers: { 'Content-Type': '${type}' },
  body: JSON.stringify({ sku: 'IPH15PRO-256', quantity: 5 }),
}).then((r) => 'read ' + r.status, (e) => 'blocked: ' + e.message);
</script>`;
}

describe('browser sessions in Chromium', () => {
  let app: TestApp;
  let evil: Server;
  let evilPort: number;
  let browser: Browser;
  let context: BrowserContext;

  beforeAll(async () => {
    app = await startTestApp({}, { extraRoutes: [shopRoute] });
    evil = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://x');
      const target = url.searchParams.get('target') ?? '';
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(attackPage(target, url.searchParams.get('mode') ?? 'form'));
    });
    await new Promise<void>((resolve) => evil.listen(0, '127.0.0.1', resolve));
    evilPort = (evil.address() as AddressInfo).port;
    browser = await launchChromium();
    context = await browser.newContext();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => evil?.close(resolve));
    await app?.close();
  });

  /** The shopper's session, made by the storefront page; its token read from the browser's jar. */
  let session: { id: string; token: string } | undefined;

  it('a browser EventSource, authenticated by the cookie alone, reads a dropped answer whole and once', async () => {
    const page = await context.newPage();
    await page.goto(`${app.url}/shop`);
    const out = (await page.evaluate('streamThenEventSource()')) as {
      text: string;
      answer: string;
      ids: string[];
      unique: number;
    };
    expect(out.text.length).toBeGreaterThan(20);
    expect(out.text).toBe(out.answer);
    expect(out.unique).toBe(out.ids.length);
    await page.close();
  });

  it('the unchanged same-origin example gets 200 on both calls, the token never in JavaScript', async () => {
    const page = await context.newPage();
    await page.goto(`${app.url}/shop`);
    const out = await page.evaluate('run()');
    expect(out).toMatchObject({ queryStatus: 200, infoStatus: 200, addStatus: 200, itemCount: 1 });
    const result = out as { sessionId: string; documentCookie: string; info: { data: unknown } };
    expect(result.info.data).toMatchObject({ session_info: { conversation_count: 2 } });
    // HttpOnly: the page's scripts cannot read the token.
    expect(result.documentCookie).toBe('');
    const jar = await context.cookies(`${app.url}${API}/`);
    const cookie = jar.find((c) => c.name === `aisle_session_${result.sessionId}`);
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: API });
    session = { id: result.sessionId, token: cookie?.value ?? '' };
    await page.close();
  });

  const cartCount = async () => {
    if (!session) throw new Error('the first test makes the session');
    const cart = await app.rest('GET', `${API}/session/${session.id}/cart`, {
      token: session.token,
    });
    return cart.body.data.item_count as number;
  };

  /** What the API server itself received at the cart route, and how it answered. */
  interface Received {
    method: string;
    origin: string | undefined;
    cookie: string | undefined;
    status: number;
  }

  /** Opens the attack page and returns the requests that reached the cart route. */
  async function attack(host: string, mode: string) {
    if (!session) throw new Error('the first test makes the session');
    const path = `${API}/session/${session.id}/cart/add`;
    const target = `${app.url}${path}`;
    const received: Received[] = [];
    const record = (req: IncomingMessage, res: ServerResponse) => {
      if (req.url !== path) return;
      const { method = '', headers } = req;
      res.once('finish', () =>
        received.push({
          method,
          origin: headers.origin,
          cookie: headers.cookie,
          status: res.statusCode,
        }),
      );
    };
    app.server.on('request', record);
    const page = await context.newPage();
    try {
      const url = `http://${host}:${evilPort}/?mode=${mode}&target=${encodeURIComponent(target)}`;
      await page.goto(url);
      let outcome: unknown;
      if (mode === 'form') await page.waitForURL(target);
      else outcome = await page.evaluate('window.attack');
      return { received, outcome, posts: received.filter((r) => r.method === 'POST') };
    } finally {
      await page.close();
      app.server.off('request', record);
    }
  }

  it('a sibling origin (same site, other port) auto-submitting a form with the cookie is refused', async () => {
    const { posts } = await attack('127.0.0.1', 'form');
    // Same site, so SameSite lets the cookie through: the server's guard is what refuses it.
    expect(posts).toEqual([
      {
        method: 'POST',
        origin: `http://127.0.0.1:${evilPort}`,
        cookie: expect.stringContaining(`aisle_session_${session?.id}=`),
        status: 403,
      },
    ]);
    expect(await cartCount()).toBe(1);
  });

  it('a sibling origin fetching with credentials is refused, simple request or preflighted', async () => {
    const simple = await attack('127.0.0.1', 'fetch-text');
    expect(simple.posts).toEqual([
      expect.objectContaining({
        cookie: expect.stringContaining(`aisle_session_${session?.id}=`),
        status: 403,
      }),
    ]);
    // No CORS headers for this origin: the page cannot even read the refusal.
    expect(simple.outcome).toMatch(/^blocked: /);

    const json = await attack('127.0.0.1', 'fetch-json');
    // The preflight gets no Access-Control-Allow-Origin: the POST is never sent.
    expect(json.received.map((r) => [r.method, r.status])).toEqual([['OPTIONS', 405]]);
    expect(json.outcome).toMatch(/^blocked: /);
    expect(await cartCount()).toBe(1);
  });

  it('another site (cross-site) gets no cookie sent at all (SameSite=Strict), and nothing done', async () => {
    const form = await attack('localhost', 'form');
    // Without the cookie it is a plain request with a form body: the wrong media type.
    expect(form.posts).toEqual([
      { method: 'POST', origin: `http://localhost:${evilPort}`, cookie: undefined, status: 415 },
    ]);
    const fetched = await attack('localhost', 'fetch-text');
    expect(fetched.posts).toEqual([expect.objectContaining({ cookie: undefined, status: 415 })]);
    expect(fetched.outcome).toMatch(/^blocked: /);
    expect(await cartCount()).toBe(1);
  });
});
