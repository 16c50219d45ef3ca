import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../server/test/support/app';
import { cartLines, productLine } from '../src/chat/format';
import { createAisleClient } from '../src/index';

/** catalog.info names the currency the chat prices in when the products name none. */
describe('catalog.info and prices in the store currency', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'aisle-currency-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('tells the demo catalog currency, size and version', async () => {
    await using app = await startTestApp();
    const info = await createAisleClient({ url: app.url }).catalog.info.query();
    expect(info).toEqual({
      currency: 'USD',
      product_count: app.services.catalog.size,
      version: app.services.catalog.version,
    });
    expect(info.product_count).toBeGreaterThan(0);
  });

  it("prices a store's rupee and pound catalogs as ₹1,299.00 and £2.50", async () => {
    const cases = [
      { currency: 'INR', price: '1299', shown: '₹1,299.00' },
      { currency: 'GBP', price: '2.50', shown: '£2.50' },
    ];
    for (const c of cases) {
      const file = join(dir, `${c.currency}.csv`);
      await writeFile(
        file,
        ['sku,name,brand,category,price,description', `K-1,Kettle,Acme,kitchen,${c.price},A kettle`]
          .join('\n')
          .concat('\n'),
      );
      await using app: TestApp = await startTestApp({
        CATALOG_FILE: file,
        CATALOG_CURRENCY: c.currency,
      });
      const client = createAisleClient({ url: app.url });
      const info = await client.catalog.info.query();
      expect(info.currency).toBe(c.currency);
      expect(info.product_count).toBe(1);

      const answer = await client.shopping.query.mutate({ q: 'kettle' });
      const card = answer.products[0];
      expect(card?.sku).toBe('K-1');
      if (!card) return;
      const plain = (s: string) => stripVTControlCharacters(s);
      expect(plain(productLine(card, info.currency))).toContain(`  ${c.shown}  sku K-1`);

      const cart = await client.cart.add.mutate({ sessionId: answer.session_id, sku: 'K-1' });
      const lines = cartLines(cart, () => info.currency).map(plain);
      expect(lines[0]).toBe(`  1 x Kettle  ${c.shown}  sku K-1`);
      expect(lines[1]).toBe(`  subtotal ${c.shown} (1 item)`);
    }
  });
});
