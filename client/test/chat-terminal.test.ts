import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../server/test/support/app';
import { TmuxTerminal } from './support/tmux-terminal';

const REPO = resolve(import.meta.dirname, '../..');

let app: TestApp;
let stateHome: string;
beforeAll(async () => {
  app = await startTestApp();
  stateHome = await mkdtemp(join(tmpdir(), 'aisle-chat-'));
});
afterAll(async () => {
  await app?.close();
  if (stateHome) await rm(stateHome, { recursive: true, force: true });
});

const PROMPT_AT_END = /you> \s*$/;

describe('pnpm chat in a real terminal', () => {
  it('streams an answer with product lines, adds to the cart, quits, and resumes the session', async () => {
    await using term = await TmuxTerminal.start({
      cwd: REPO,
      env: { AISLE_URL: app.url, XDG_STATE_HOME: stateHome, PS1: '$ ' },
    });

    await term.type('pnpm -s chat');
    const [, sessionId] = await term.waitFor(/new session (s_\S+)/);
    await term.waitFor(PROMPT_AT_END);

    await term.type('cheapest phone');
    // A product line: name, price, sku; then the streamed answer and a fresh prompt.
    const [, name = '', price = '', sku = ''] = await term.waitFor(
      /^ {2}(\S.*?) {2}(\S+) {2}sku (\S+)$/m,
    );
    const afterAnswer = await term.waitFor(/sku \S+\n([\s\S]+)\nyou> \s*$/);
    const catalogPrice = app.services.catalog.get(sku)?.price;
    expect(catalogPrice).toBeDefined();
    expect(Number(price.replace(/[^\d.]/g, ''))).toBe(catalogPrice);
    // The demo catalog's products name no currency: the chat shows the catalog's (catalog.info).
    expect(price).toMatch(/^\$\d{1,3}(,\d{3})*\.\d{2}$/);
    expect(afterAnswer[1]).toContain(name);
    // The spinner erased itself once the answer started.
    expect(await term.screen()).not.toMatch(/thinking/);

    await term.type(`/add ${sku}`);
    await term.waitFor(new RegExp(`added 1 x ${sku}[\\s\\S]*you> \\s*$`));
    await term.type('/cart');
    const cart = await term.waitFor(
      /you> \/cart\n {2}1 x (.+?) {2}.*sku (\S+)\n {2}subtotal (\S+)/,
    );
    expect(cart.slice(1)).toEqual([name, sku, price]);

    await term.type('/prefs budget 500-1000');
    await term.waitFor(/preferences: \{"budget_range":"500-1000"\}/);
    await term.type('/session');
    await term.waitFor(new RegExp(`session ${sessionId} on`));
    await term.type('/quit');
    await term.waitFor(/bye \(session/);
    await term.type('echo "exit=$?"');
    await term.waitFor(/exit=0/);

    const saved = JSON.parse(await readFile(join(stateHome, 'aisle', 'chat.json'), 'utf8'));
    expect(saved.sessions[app.url].sessionId).toBe(sessionId);

    await term.type('clear');
    await term.type('pnpm -s chat');
    await term.waitFor(new RegExp(`resumed session ${sessionId}`));
    const history = await term.waitFor(/Recent history:\n([\s\S]+?)\nType a question/);
    expect(history[1]).toMatch(/you> cheapest phone/);
    expect(history[1]).toMatch(/assistant> \S/);
    await term.waitFor(PROMPT_AT_END);
    // A resumed chat has seen no product yet, and still prices the cart in the store's currency.
    await term.type('/cart');
    const resumedCart = await term.waitFor(/you> \/cart\n {2}1 x .+? {2}(\S+) {2}sku \S+\n/);
    expect(resumedCart[1]).toBe(price);
    await term.waitFor(PROMPT_AT_END);

    // The server goes away mid-chat: the shopper is told, the chat stays usable.
    await app.close();
    await term.type('any laptops?');
    await term.waitFor(/Cannot reach the Aisle server at \S+ \(\w+/);
    await term.waitFor(PROMPT_AT_END);
    await term.type('/quit');
    await term.waitFor(/bye \(session/);
  }, 120_000);

  it('says plainly when no server is listening at start', async () => {
    const closed = await startTestApp();
    const url = closed.url;
    await closed.close();
    await using term = await TmuxTerminal.start({
      cwd: REPO,
      env: { AISLE_URL: url, XDG_STATE_HOME: stateHome, PS1: '$ ' },
    });
    await term.type('pnpm -s chat; echo "exit=$?"');
    await term.waitFor(/Cannot reach the Aisle server at \S+ \(ECONNREFUSED\)[\s\S]*exit=1/);
  }, 60_000);
});
