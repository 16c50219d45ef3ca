import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildStorefrontChat } from '../../scripts/build-storefront-chat';
import { createDashboardRoute, STOREFRONT_CHAT } from '../src/transport/static-pages';
import { startTestApp, type TestApp } from './support/app';
import { launchChromium } from './support/chromium';

const EVAL_REFUSED = /unsafe-eval|'script-src' was not explicitly set/;
const ARTIFACTS = fileURLToPath(new URL('../../test-artifacts/', import.meta.url));

let distDir: string;
let app: TestApp;
let browser: Browser;

beforeAll(async () => {
  distDir = await mkdtemp(join(tmpdir(), 'aisle-storefront-chat-'));
  await buildStorefrontChat(distDir);
  app = await startTestApp({}, { extraRoutes: [createDashboardRoute(distDir, STOREFRONT_CHAT)] });
  browser = await launchChromium();
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await app?.close();
  if (distDir) await rm(distDir, { recursive: true, force: true });
});

/** Every distinct text the newest assistant message showed, recorded in the page as it changed. */
async function recordAssistantText(page: Page): Promise<void> {
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { seenTexts: string[] }).seenTexts = seen;
    new MutationObserver(() => {
      const all = document.querySelectorAll('[data-testid="message-assistant"] .text');
      const text = all[all.length - 1]?.textContent ?? '';
      if (text !== '' && text !== seen.at(-1)) seen.push(text);
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
}

async function ask(page: Page, question: string, turn: number) {
  const started = performance.now();
  await page.evaluate(() => {
    (window as unknown as { seenTexts: string[] }).seenTexts.length = 0;
  });
  await page.getByTestId('question').fill(question);
  await page.getByTestId('send').click();
  const answer = page.getByTestId('message-assistant').nth(turn);
  await answer.getByTestId('product-card').first().waitFor();
  await page.locator('[data-testid="chat-status"][data-state="ready"]').waitFor();
  const ms = Math.round(performance.now() - started);
  const cards = answer.getByTestId('product-card');
  const texts = await page.evaluate(() => (window as unknown as { seenTexts: string[] }).seenTexts);
  return {
    ms,
    cards: await cards.allTextContents(),
    brands: await answer.locator('.card-brand').allTextContents(),
    categories: await answer.locator('.card-category').allTextContents(),
    prices: await answer.locator('.card-price').allTextContents(),
    bold: await answer.locator('.text strong').allTextContents(),
    text: (await answer.locator('.text').textContent()) ?? '',
    intent: await answer.getByTestId('intent').textContent(),
    texts,
  };
}

describe('the storefront chat page in Chromium', () => {
  it('serves the page and its script', async () => {
    const page = await fetch(`${app.url}/chat`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await page.text()).toContain('<title>Aisle · storefront chat</title>');
    const js = await fetch(`${app.url}/chat/main.js`);
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  });

  it('streams an answer with product cards, then resolves a follow-up', async () => {
    const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    const problems: string[] = [];
    page.on('pageerror', (err) => problems.push(String(err)));
    page.on('console', (m) => {
      // zod (inside `ai`) tries to compile its validators with `Function` and falls back to
      // its interpreter when that throws; the page's CSP forbids eval, and Chromium reports
      // the refused attempt. The page keeps the CSP: that report alone is not a fault.
      if (m.type() === 'error' && !EVAL_REFUSED.test(m.text())) problems.push(m.text());
    });
    const protocol: (string | null)[] = [];
    page.on('response', (r) => {
      if (r.url().endsWith('/api/v1/shopping/chat')) {
        protocol.push(r.headers()['x-vercel-ai-ui-message-stream'] ?? null);
      }
    });
    await page.goto(`${app.url}/chat`);
    await recordAssistantText(page);

    const first = await ask(page, 'What smartphones do you have under $800?', 0);
    expect(first.cards.length).toBeGreaterThan(0);
    expect(new Set(first.categories)).toEqual(new Set(['smartphone']));
    expect(first.intent).toBe('product_inquiry');
    expect(first.text.length).toBeGreaterThan(20);
    // Prices in the store's currency (GET /catalog: USD for the demo), names in bold, no
    // markdown asterisks left in the text.
    expect(first.prices.every((p) => /^\$\d/.test(p))).toBe(true);
    expect(first.bold.length).toBeGreaterThan(0);
    expect(first.text).not.toContain('**');
    // Streamed: the text grew in several steps before it was whole.
    expect(first.texts.length).toBeGreaterThan(2);
    expect(first.texts.at(-1)).toBe(first.text);

    const second = await ask(page, 'only Samsung', 1);
    expect(second.cards.length).toBeGreaterThan(0);
    expect(second.brands.every((b) => /samsung/i.test(b))).toBe(true);
    expect(new Set(second.categories)).toEqual(new Set(['smartphone']));
    expect(await page.getByTestId('message-user').count()).toBe(2);
    expect(await page.getByTestId('chat-error').isHidden()).toBe(true);
    expect(protocol).toEqual(['v1', 'v1']);
    expect(problems).toEqual([]);

    await mkdir(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'storefront-chat.png'), fullPage: true });
    console.log(`storefront chat: first answer ${first.ms} ms, follow-up ${second.ms} ms`);
    await page.close();
  });
});
