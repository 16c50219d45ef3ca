/**
 * The example storefront chat at /chat: the `ai` package's chat (StorefrontChat, on
 * AbstractChat with DefaultChatTransport) against POST /api/v1/shopping/chat, drawn with plain
 * DOM calls. Every change of the chat's state redraws the list (a few messages: cheap).
 */
import { config } from 'zod/v4/core';
import { type ProductCard, type ShoppingMessage, StorefrontChat } from './chat';

// The `ai` package checks each stream chunk with zod; zod's compiled validators need eval,
// which the page's Content-Security-Policy forbids (and the probe logs a CSP violation).
config({ jitless: true });

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string> = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
  node.append(...children); // strings become text nodes, never HTML
  return node;
}

/** The store's currency (GET /catalog), for cards whose product names none. */
let storeCurrency: string | undefined;

function price(p: ProductCard): string {
  const currency = p.currency ?? storeCurrency;
  if (!currency) return p.price.toFixed(2);
  return new Intl.NumberFormat(undefined, { style: 'currency', currency }).format(p.price);
}

/** The answer's `**name**` as bold: text nodes and <strong> only, never parsed HTML. */
function answerText(text: string): (Node | string)[] {
  return text
    .split(/\*\*(.+?)\*\*/g)
    .map((piece, i) => (i % 2 === 1 ? h('strong', {}, piece) : piece));
}

function card(p: ProductCard): HTMLElement {
  return h(
    'li',
    { class: 'card', 'data-testid': 'product-card', 'data-sku': p.sku },
    h('span', { class: 'card-brand' }, p.brand),
    h('strong', { class: 'card-name' }, p.name),
    h('span', { class: 'card-price' }, price(p)),
    h('span', { class: 'card-category' }, p.category),
  );
}

function messageView(m: ShoppingMessage): HTMLElement {
  const item = h('li', { class: `message ${m.role}`, 'data-testid': `message-${m.role}` });
  for (const part of m.parts) {
    if (part.type === 'text') item.append(h('p', { class: 'text' }, ...answerText(part.text)));
    if (part.type === 'data-products' && part.data.length > 0) {
      item.append(
        h('ul', { class: 'cards', 'data-testid': 'product-cards' }, ...part.data.map(card)),
      );
    }
  }
  if (m.role === 'assistant' && m.metadata?.intent) {
    item.prepend(h('span', { class: 'intent', 'data-testid': 'intent' }, m.metadata.intent));
  }
  return item;
}

const list = $<HTMLOListElement>('messages');
const status = $<HTMLSpanElement>('status');
const error = $<HTMLParagraphElement>('error');
const input = $<HTMLInputElement>('question');
const send = $<HTMLButtonElement>('send');

const chat: StorefrontChat = new StorefrontChat({ onChange: () => draw() });

function draw(): void {
  list.replaceChildren(...chat.messages.map(messageView));
  status.textContent = chat.status;
  status.dataset.state = chat.status;
  document.body.dataset.session = chat.lastMessage?.metadata?.session_id ?? '';
  error.hidden = chat.error === undefined;
  error.textContent = chat.error?.message ?? '';
  const busy = chat.status === 'submitted' || chat.status === 'streaming';
  send.disabled = busy;
  list.lastElementChild?.scrollIntoView({ block: 'end' });
}

$<HTMLFormElement>('ask').addEventListener('submit', (event) => {
  event.preventDefault();
  const text = input.value.trim();
  if (text === '') return;
  input.value = '';
  void chat.sendMessage({ text });
});

draw();
fetch('/api/v1/shopping/catalog')
  .then((r) => r.json())
  .then((body: { data?: { currency?: string } }) => {
    storeCurrency = body.data?.currency;
    draw();
  })
  .catch(() => {}); // prices then show without a symbol, as the store gave them
