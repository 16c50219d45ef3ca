import type { Cart, CartLine } from '@aisle/shared';
import type { Catalog } from '../catalog/types';
import { AppError, sessionNotFound } from '../errors';
import type { CartMutation, SessionAccess, SessionCall, Store } from '../store/types';
import type { EventSink } from './events';
import { sumMoney } from './money-and-time';

/**
 * The cart: lines priced from the catalog by SKU, never from the client. Each call is one
 * store step for its caller (`access`): the token checked, the session's write budget
 * charged, the cart changed and `cart.updated` announced together.
 */
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

  /** The store call for a write: its caller, and the event it announces (cart lines added). */
  private call(access: SessionAccess, action: string, sku?: string): SessionCall {
    return {
      access,
      event: this.events.withWrite('cart.updated', { action, ...(sku ? { sku } : {}) }),
    };
  }

  private changed(id: string, lines: CartLine[] | null): Cart {
    if (!lines) throw sessionNotFound(id);
    this.events.stored('cart.updated');
    return this.view(id, lines);
  }

  /** A line that was not in the cart changes nothing and announces nothing. */
  private mutated(id: string, sku: string, r: CartMutation | null): Cart {
    if (!r) throw sessionNotFound(id);
    if (!r.found) throw new AppError('NOT_FOUND', `SKU '${sku}' is not in the cart`);
    return this.changed(id, r.cart);
  }

  async get(id: string, access: SessionAccess): Promise<Cart> {
    const lines = await this.store.getCart(id, access);
    if (!lines) throw sessionNotFound(id);
    return this.view(id, lines);
  }

  async add(id: string, sku: string, quantity: number, access: SessionAccess): Promise<Cart> {
    const product = this.catalog.get(sku);
    if (!product) throw new AppError('UNKNOWN_SKU', `SKU '${sku}' is not in the catalog`);
    const item = {
      sku: product.sku,
      name: product.name,
      price: product.price,
      category: product.category,
    };
    const call = this.call(access, 'add', sku);
    return this.changed(id, await this.store.cartAdd(id, item, quantity, this.now(), call));
  }

  async remove(id: string, sku: string, access: SessionAccess): Promise<Cart> {
    const call = this.call(access, 'remove', sku);
    return this.mutated(id, sku, await this.store.cartRemove(id, sku, this.now(), call));
  }

  async setQuantity(
    id: string,
    sku: string,
    quantity: number,
    access: SessionAccess,
  ): Promise<Cart> {
    const call = this.call(access, quantity === 0 ? 'remove' : 'set', sku);
    return this.mutated(
      id,
      sku,
      await this.store.cartSetQuantity(id, sku, quantity, this.now(), call),
    );
  }

  async clear(id: string, access: SessionAccess): Promise<Cart> {
    return this.changed(id, await this.store.cartClear(id, this.now(), this.call(access, 'clear')));
  }
}
