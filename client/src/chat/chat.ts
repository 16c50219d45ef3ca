import { styleText } from 'node:util';
import type { ProductCard, QueryStreamEvent } from '@aisle/shared';
import type { AisleClient } from '../index';
import type { Command } from './commands';
import { unreachable } from './errors';
import { cartLines, HELP, historyLine, productLine } from './format';
import { startSpinner } from './spinner';

const HISTORY_ON_RESUME = 6;

/** The chat's actions on one session; each writes what the shopper should see. */
export class Chat {
  /** Cart lines carry no currency: remember the one each product was shown in. */
  private readonly currencyBySku = new Map<string, string>();

  constructor(
    private readonly client: AisleClient,
    private readonly url: string,
    readonly sessionId: string,
    private readonly out: NodeJS.WriteStream,
    /** The catalog's currency (catalog.info), for prices whose product names none. */
    private readonly catalogCurrency?: string,
  ) {}

  private line(s = ''): void {
    this.out.write(`${s}\n`);
  }

  /** Runs one parsed command; resolves false when the shopper wants to leave. */
  async run(cmd: Command): Promise<boolean> {
    switch (cmd.kind) {
      case 'ask':
        await this.ask(cmd.q);
        break;
      case 'cart':
        this.showCart(await this.client.cart.get.query({ sessionId: this.sessionId }));
        break;
      case 'add':
        await this.add(cmd.sku, cmd.quantity);
        break;
      case 'prefs': {
        const r = await this.client.preferences.update.mutate({
          sessionId: this.sessionId,
          ...cmd.patch,
        });
        this.line(styleText('dim', `preferences: ${JSON.stringify(r.preferences)}`));
        break;
      }
      case 'session':
        this.line(`session ${styleText('bold', this.sessionId)} on ${this.url}`);
        break;
      case 'help':
        for (const l of HELP) this.line(l);
        break;
      case 'invalid':
        this.line(styleText('yellow', cmd.message));
        break;
      case 'quit':
        return false;
      case 'empty':
        break;
    }
    return true;
  }

  async showHistory(): Promise<void> {
    const conv = await this.client.session.conversation.query({
      sessionId: this.sessionId,
      limit: HISTORY_ON_RESUME,
    });
    if (conv.conversation.length === 0) return;
    this.line(styleText('dim', 'Recent history:'));
    const ordered = [...conv.conversation].sort((a, b) => a.timestamp.localeCompare(b.timestamp));
    for (const m of ordered) this.line(historyLine(m));
  }

  private async add(sku: string, quantity: number): Promise<void> {
    const cart = await this.client.cart.add.mutate({ sessionId: this.sessionId, sku, quantity });
    this.line(styleText('green', `added ${quantity} x ${sku}`));
    this.showCart(cart);
  }

  private showCart(cart: Parameters<typeof cartLines>[0]): void {
    const currencyOf = (sku: string) => this.currencyBySku.get(sku) ?? this.catalogCurrency;
    for (const l of cartLines(cart, currencyOf)) this.line(l);
  }

  private showProducts(products: ProductCard[]): void {
    for (const p of products) {
      if (p.currency) this.currencyBySku.set(p.sku, p.currency);
      this.line(productLine(p, this.catalogCurrency));
    }
  }

  /** Streams the answer token by token, the products first (they arrive with `meta`). */
  private ask(q: string): Promise<void> {
    const stopSpinner = startSpinner(this.out);
    let streamed = false;
    let finished = false;
    return new Promise<void>((resolve, reject) => {
      let sub: { unsubscribe(): void } | undefined;
      const finish = (err?: unknown) => {
        if (finished) return;
        finished = true;
        stopSpinner();
        sub?.unsubscribe();
        if (streamed) this.line();
        if (err) reject(err);
        else resolve();
      };
      const onEvent = (ev: QueryStreamEvent) => {
        if (ev.type === 'meta') {
          stopSpinner();
          this.showProducts(ev.products);
          if (ev.not_carried?.length)
            this.line(styleText('yellow', `  not carried: ${ev.not_carried.join(', ')}`));
        } else if (ev.type === 'token') {
          stopSpinner();
          streamed = true;
          this.out.write(ev.text);
        } else {
          if (ev.interrupted) this.out.write(styleText('yellow', ' [interrupted]'));
          finish();
        }
      };
      sub = this.client.shopping.queryStream.subscribe(
        { q, sessionId: this.sessionId },
        {
          onData: ({ data }) => onEvent(data),
          onError: (err) => finish(err),
          // The SSE link retries a refused connection forever: report it instead.
          onConnectionStateChange: (state) => {
            if (state.state === 'connecting' && state.error)
              finish(unreachable(this.url, state.error.message || 'connection failed'));
          },
        },
      );
    });
  }
}
