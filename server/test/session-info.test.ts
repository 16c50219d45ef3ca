import { describe, expect, it } from 'vitest';
import { STORE_KINDS, useRedisServer, useTestApp } from './support/both-stores';

const API = '/api/v1/shopping';
const redis = useRedisServer();

describe.each(STORE_KINDS)('session info shape on %s', (kind) => {
  const app = useTestApp(kind, redis);

  it('lists the cart lines in shopping_cart, with the count and subtotal beside it', async () => {
    const s = (await app.rest('POST', `${API}/session`, { body: {} })).body.data;
    const token = s.session_token as string;
    const empty = await app.rest('GET', `${API}/session/${s.session_id}/info`, { token });
    expect(empty.status).toBe(200);
    expect(empty.body.data.session_info).toMatchObject({
      shopping_cart: [],
      cart_item_count: 0,
      cart_subtotal: 0,
    });
    await app.rest('POST', `${API}/session/${s.session_id}/cart/add`, {
      token,
      body: { sku: 'IPH15PRO-256', quantity: 2 },
    });
    const full = await app.rest('GET', `${API}/session/${s.session_id}/info`, { token });
    const info = full.body.data.session_info;
    expect(info.shopping_cart).toEqual([
      {
        sku: 'IPH15PRO-256',
        name: 'iPhone 15 Pro',
        price: 999,
        category: 'smartphone',
        quantity: 2,
      },
    ]);
    expect(info).toMatchObject({ cart_item_count: 2, cart_subtotal: 1998 });
    // The cart as the cart route shows it: the same lines.
    const cart = await app.rest('GET', `${API}/session/${s.session_id}/cart`, { token });
    expect(info.shopping_cart).toEqual(cart.body.data.items);
  });
});
