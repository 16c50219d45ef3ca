import type { Cart, CartLine } from '@aisle/shared';
import type { Catalog } from '../catalog/types';
import { AppError, sessionNotFound } from '../errors';
import type { Store } from '../store/types';
import type { EventSink } from './events';
import { sumMoney } from './money-and-time';

/** The cart: lines priced from the catalog by SKU, never from the client. */
export class CartService {
  constructor(
    private readonly store: Store,
    private readonly catalog: Catalog,
    private readonly events: EventSink,
    private readonly now: () => number = Date.now,
  ) {}

  private view(id: string, lines: CartLine[]): Cart {
    return {
      session_id: id,
      items: lines,
      item_count: lines.reduce((n, l) => n + l.quantity, 0),
      subtotal: sumMoney(lines.map((l) => l.price * l.quantity)),
    };
  }

  private async changed(id: string, lines: CartLine[] | null, action: string, sku?: string) {
    if (!lines) throw sessionNotFound(id);
    const cart = this.view(id, lines);
    await this.events.publish(id, 'cart.updated', {
      action,
      ...(sku ? { sku } : {}),
      items: cart.items,
      item_count: cart.item_count,
      subtotal: cart.subtotal,
    });
    return cart;
  }

  async get(id: string): Promise<Cart> {
    const lines = await this.store.getCart(id);
    if (!lines) throw sessionNotFound(id);
    return this.view(id, lines);
  }

  async add(id: string, sku: string, quantity: number): Promise<Cart> {
    const product = this.catalog.get(sku);
    if (!product) throw new AppError('UNKNOWN_SKU', `SKU '${sku}' is not in the catalog`);
    const item = {
      sku: product.sku,
      name: product.name,
      price: product.price,
      category: product.category,
    };
    return this.changed(id, await this.store.cartAdd(id, item, quantity, this.now()), 'add', sku);
  }

  async remove(id: string, sku: string): Promise<Cart> {
    const r = await this.store.cartRemove(id, sku, this.now());
    if (r && !r.found) throw new AppError('NOT_FOUND', `SKU '${sku}' is not in the cart`);
    return this.changed(id, r?.cart ?? null, 'remove', sku);
  }

  async setQuantity(id: string, sku: string, quantity: number): Promise<Cart> {
    const r = await this.store.cartSetQuantity(id, sku, quantity, this.now());
    if (r && !r.found) throw new AppError('NOT_FOUND', `SKU '${sku}' is not in the cart`);
    return this.changed(id, r?.cart ?? null, quantity === 0 ? 'remove' : 'set', sku);
  }

  async clear(id: string): Promise<Cart> {
    return this.changed(id, await this.store.cartClear(id, this.now()), 'clear');
  }
}
