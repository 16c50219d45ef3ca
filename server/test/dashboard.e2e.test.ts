import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDashboard } from '../../scripts/build-dashboard';
import { createDashboardRoute } from '../src/transport/static-pages';
import { startTestApp, type TestApp } from './support/app';
import { launchChromium } from './support/chromium';

const API = '/api/v1/shopping';
const ADMIN_TOKEN = 'e2e-dashboard-admin-token-0123456789';
const ARTIFACTS = fileURLToPath(new URL('../../test-artifacts/', import.meta.url));
const LIVE = '[data-testid="connection-status"][data-state="live"]';

/** A GET with the path sent exactly as written (fetch would normalise `..` away). */
function rawRequest(
  base: string,
  path: string,
  method = 'GET',
): Promise<{
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const req = request({ hostname, port, path, method }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        body += chunk;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

let distDir: string;
beforeAll(async () => {
  distDir = await mkdtemp(join(tmpdir(), 'aisle-dashboard-'));
  const build = await buildDashboard(distDir);
  expect(build.ms).toBeLessThan(5000);
});
afterAll(async () => {
  if (distDir) await rm(distDir, { recursive: true, force: true });
});

describe('the dashboard route', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({}, { extraRoutes: [createDashboardRoute(distDir)] });
  });
  afterAll(async () => {
    await app?.close();
  });

  it('serves the page and its assets with their content types', async () => {
    for (const path of ['/dashboard', '/dashboard/']) {
      const page = await rawRequest(app.url, path);
      expect(page.status).toBe(200);
      expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(page.headers['cache-control']).toBe('no-cache');
      expect(page.body).toContain('<title>Aisle · live dashboard</title>');
    }
    const js = await rawRequest(app.url, '/dashboard/main.js');
    expect(js.status).toBe(200);
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
    const css = await rawRequest(app.url, '/dashboard/styles.css');
    expect(css.headers['content-type']).toBe('text/css; charset=utf-8');
    const head = await rawRequest(app.url, '/dashboard/main.js', 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
  });

  it('answers 404 JSON for a missing asset and 405 for other methods', async () => {
    const missing = await rawRequest(app.url, '/dashboard/nope.js');
    expect(missing.status).toBe(404);
    expect(JSON.parse(missing.body)).toMatchObject({
      success: false,
      error: { code: 'NOT_FOUND', message: expect.stringContaining('nope.js') },
    });
    const post = await rawRequest(app.url, '/dashboard', 'POST');
    expect(post.status).toBe(405);
    expect(post.headers.allow).toBe('GET, HEAD');
  });

  it('never serves files outside the built directory', async () => {
    const pkg = await readFile(new URL('../../package.json', import.meta.url), 'utf8');
    const attempts = [
      '/dashboard/../package.json',
      '/dashboard/../../package.json',
      '/dashboard/%2e%2e/%2e%2e/package.json',
      '/dashboard/..%2f..%2fpackage.json',
      '/dashboard/..%2F..%2F..%2Fpackage.json',
      '/dashboard/..%5c..%5cpackage.json',
      '/dashboard/%2e%2e%2f%2e%2e%2fpackage.json',
      `/dashboard/${encodeURIComponent(join(distDir, 'index.html'))}`,
      '/dashboard/.%2Fmain.js',
      '/dashboard/main.js%00.css',
    ];
    for (const path of attempts) {
      const r = await rawRequest(app.url, path);
      expect(r.status, path).toBe(404);
      expect(r.body, path).not.toContain('"packageManager"');
      expect(r.body, path).not.toBe(pkg);
    }
  });

  it('explains with a 503 page when the dashboard was not built', async () => {
    const empty = await mkdtemp(join(tmpdir(), 'aisle-dashboard-empty-'));
    const bare = await startTestApp({}, { extraRoutes: [createDashboardRoute(empty)] });
    try {
      for (const path of ['/dashboard', '/dashboard/main.js']) {
        const r = await rawRequest(bare.url, path);
        expect(r.status, path).toBe(503);
        expect(r.headers['content-type']).toBe('text/html; charset=utf-8');
        expect(r.body).toContain('pnpm build:dashboard');
      }
    } finally {
      await bare.close();
      await rm(empty, { recursive: true, force: true });
    }
  });
});

describe('the live dashboard in a browser', () => {
  let app: TestApp;
  let browser: Browser;
  beforeAll(async () => {
    app = await startTestApp({ ADMIN_TOKEN }, { extraRoutes: [createDashboardRoute(distDir)] });
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  const metric = async (page: Page, name: string) =>
    Number(await page.getByTestId(`metric-${name}`).getAttribute('data-value'));
  const text = async (page: Page, testId: string) =>
    (await page.getByTestId(testId).textContent()) ?? '';

  async function ask(q: string, session?: { session_id: string; session_token: string }) {
    const r = await app.rest('POST', `${API}/query`, {
      body: session ? { q, sessionId: session.session_id } : { q },
      ...(session ? { token: session.session_token } : {}),
    });
    expect(r.status).toBe(200);
    return r.body.data as { session_id: string; session_token: string; cached?: boolean };
  }

  it('signs in, then shows questions, carts and topics live, without a reload', async () => {
    const page = await browser.newPage({ viewport: { width: 1360, height: 900 } });
    const pageErrors: string[] = [];
    page.on('pageerror', (err) => pageErrors.push(String(err)));
    await page.goto(`${app.url}/dashboard`);

    // A wrong token: a clear error, no dashboard.
    await page.getByTestId('token-input').fill('not-the-admin-token-000000');
    await page.getByTestId('token-submit').click();
    await page.getByTestId('auth-error').waitFor({ state: 'visible', timeout: 15_000 });
    expect(await text(page, 'auth-error')).toMatch(/wrong admin token.*FORBIDDEN/i);
    expect(await page.getByTestId('dashboard').isHidden()).toBe(true);
    expect(await page.getByTestId('connection-status').getAttribute('data-state')).toBe('error');

    // The right one: live, the error gone, the token kept for this tab.
    await page.getByTestId('token-input').fill(ADMIN_TOKEN);
    await page.getByTestId('token-submit').click();
    await page.waitForSelector(LIVE, { timeout: 20_000 });
    expect(await page.getByTestId('auth-error').isHidden()).toBe(true);
    expect(await page.getByTestId('dashboard').isVisible()).toBe(true);
    expect(await page.evaluate(() => sessionStorage.length)).toBe(1);
    await page.evaluate(() => {
      document.body.dataset.samePage = 'yes';
    });
    const before = {
      questions: await metric(page, 'questions'),
      cartAdds: await metric(page, 'cart-adds'),
      active: await metric(page, 'active-sessions'),
    };

    // Activity through the REST API.
    const first = await ask('Which smartphone has the best camera?');
    const added = await app.rest('POST', `${API}/session/${first.session_id}/cart/add`, {
      body: { sku: 'IPH15PRO-256' },
      token: first.session_token,
    });
    expect(added.status).toBe(200);
    expect(added.body.data.subtotal).toBe(999);
    await ask('Any cheaper smartphones with good battery life?', first);
    const again = await ask('Which smartphone has the best camera?', first);
    const second = await ask('Do you sell wireless headphones?');
    expect(second.session_id).not.toBe(first.session_id);

    // Everything shows up on the page by itself.
    const poll = { timeout: 20_000, interval: 100 };
    await expect
      .poll(() => page.getByTestId('question-row').count(), poll)
      .toBeGreaterThanOrEqual(4);
    const questions = await text(page, 'questions-list');
    expect(questions).toContain('Which smartphone has the best camera?');
    expect(questions).toContain('Any cheaper smartphones with good battery life?');
    expect(questions).toContain('Do you sell wireless headphones?');
    await expect.poll(() => text(page, 'carts-list'), poll).toContain('999');
    expect(await page.getByTestId('cart-row').first().getAttribute('data-subtotal')).toBe('999');
    await expect.poll(() => text(page, 'topics-chart'), poll).toContain('smartphone');
    await expect.poll(() => metric(page, 'questions'), poll).toBe(before.questions + 4);
    await expect.poll(() => metric(page, 'cart-adds'), poll).toBe(before.cartAdds + 1);
    await expect
      .poll(() => metric(page, 'active-sessions'), poll)
      .toBeGreaterThanOrEqual(before.active + 2);
    if (again.cached) {
      await expect.poll(() => metric(page, 'cache-hit-rate'), poll).toBeGreaterThan(0);
    }
    const feedTypes = await page
      .getByTestId('feed-row')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-type')));
    expect(feedTypes).toEqual(
      expect.arrayContaining(['session.created', 'message.added', 'cart.updated']),
    );
    // 2 sessions, 4 questions and 4 answers, 1 cart update (and a cache hit, maybe).
    expect(feedTypes.length).toBeGreaterThanOrEqual(11);
    // Newest first: the last question's answer is on top.
    expect(await page.getByTestId('feed-row').first().getAttribute('data-type')).toBe(
      'message.added',
    );
    const perMinute = await page
      .locator('[data-testid="mpm-chart"] rect.bar')
      .evaluateAll((bars) => bars.reduce((n, b) => n + Number(b.getAttribute('data-count')), 0));
    expect(perMinute).toBeGreaterThanOrEqual(8);
    expect(await page.evaluate(() => document.body.dataset.samePage)).toBe('yes');
    expect(await page.getByTestId('connection-status').getAttribute('data-state')).toBe('live');

    await mkdir(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'dashboard.png'), fullPage: true });

    // The server drops the socket: the page says so, reconnects, and resumes the feed.
    for (const socket of app.ws.wss.clients) socket.terminate();
    await page.waitForSelector('[data-testid="connection-status"][data-state="reconnecting"]', {
      timeout: 10_000,
    });
    await page.waitForSelector(LIVE, { timeout: 20_000 });
    await ask('Is there a tablet for drawing?', first);
    await expect.poll(() => text(page, 'questions-list'), poll).toContain('tablet for drawing');
    await expect.poll(() => metric(page, 'questions'), poll).toBe(before.questions + 5);
    expect(await page.evaluate(() => document.body.dataset.samePage)).toBe('yes');

    // A reload signs in again from sessionStorage and paints the same counts from the overview.
    await page.reload();
    await page.waitForSelector(LIVE, { timeout: 20_000 });
    await expect.poll(() => metric(page, 'questions'), poll).toBe(before.questions + 5);
    await expect.poll(() => text(page, 'topics-chart'), poll).toContain('smartphone');
    expect(pageErrors).toEqual([]);
    await page.close();
  }, 90_000);
});
