type Attrs = Record<string, string | number | undefined>;
type Child = Node | string;

function setAttrs(node: Element, attrs: Attrs): void {
  for (const [name, value] of Object.entries(attrs)) {
    if (value !== undefined) node.setAttribute(name, String(value));
  }
}

/** An HTML element; strings become text nodes (never parsed as HTML). */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  setAttrs(node, attrs);
  node.append(...children);
  return node;
}

const SVG_NS = 'http://www.w3.org/2000/svg';

export function svg<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: Child[]
): SVGElementTagNameMap[K] {
  const node = document.createElementNS(SVG_NS, tag);
  setAttrs(node, attrs);
  node.append(...children);
  return node;
}

/** An element the page must have. */
export function byId(id: string): HTMLElement {
  const node = document.getElementById(id);
  if (!node) throw new Error(`#${id} is missing from index.html`);
  return node;
}

export function inputById(id: string): HTMLInputElement {
  const node = byId(id);
  if (!(node instanceof HTMLInputElement)) throw new Error(`#${id} is not an <input>`);
  return node;
}

export function formById(id: string): HTMLFormElement {
  const node = byId(id);
  if (!(node instanceof HTMLFormElement)) throw new Error(`#${id} is not a <form>`);
  return node;
}

/**
 * Makes `parent`'s children the rows for `items` (in order), keeping the rows it already has
 * by key: new rows are inserted (and animate in once), old ones are left alone or removed.
 */
export function syncRows<T>(
  parent: Element,
  items: readonly T[],
  key: (item: T) => string,
  create: (item: T) => Element,
): void {
  const existing = new Map<string, Element>();
  for (const child of Array.from(parent.children)) {
    const k = child.getAttribute('data-key');
    if (k !== null) existing.set(k, child);
  }
  const wanted = new Set(items.map(key));
  for (const [k, node] of existing) if (!wanted.has(k)) node.remove();
  let cursor = parent.firstElementChild;
  for (const item of items) {
    const k = key(item);
    let node = existing.get(k);
    if (!node) {
      node = create(item);
      node.setAttribute('data-key', k);
    }
    if (node === cursor) cursor = cursor.nextElementSibling;
    else parent.insertBefore(node, cursor);
  }
}
