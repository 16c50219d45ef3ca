/** What a line typed into the chat asks for: a question, or one of the slash commands. */
export type Command =
  | { kind: 'ask'; q: string }
  | { kind: 'cart' }
  | { kind: 'add'; sku: string; quantity: number }
  | {
      kind: 'prefs';
      patch: { budget_range?: string; preferred_brands?: string[]; device_type?: string };
    }
  | { kind: 'session' }
  | { kind: 'help' }
  | { kind: 'quit' }
  | { kind: 'empty' }
  | { kind: 'invalid'; message: string };

const PREFS_USAGE =
  'usage: /prefs budget 500-1000 | /prefs brands Apple,Samsung | /prefs device laptop';

function parsePrefs(args: string[]): Command {
  const [field, ...rest] = args;
  const value = rest.join(' ').trim();
  if (!value) return { kind: 'invalid', message: PREFS_USAGE };
  switch (field) {
    case 'budget':
      return { kind: 'prefs', patch: { budget_range: value.replace(/\s+/g, '') } };
    case 'brands':
      return {
        kind: 'prefs',
        patch: {
          preferred_brands: value
            .split(',')
            .map((b) => b.trim())
            .filter(Boolean),
        },
      };
    case 'device':
      return { kind: 'prefs', patch: { device_type: value } };
    default:
      return { kind: 'invalid', message: PREFS_USAGE };
  }
}

function parseAdd(args: string[]): Command {
  const [sku, qty] = args;
  if (!sku) return { kind: 'invalid', message: 'usage: /add <sku> [qty]' };
  const quantity = qty === undefined ? 1 : Number(qty);
  if (!Number.isInteger(quantity) || quantity < 1)
    return { kind: 'invalid', message: `quantity must be a whole number from 1 ("${qty}")` };
  return { kind: 'add', sku, quantity };
}

export function parseCommand(line: string): Command {
  const text = line.trim();
  if (!text) return { kind: 'empty' };
  if (!text.startsWith('/')) return { kind: 'ask', q: text };
  const [name, ...args] = text.slice(1).split(/\s+/);
  switch (name) {
    case 'cart':
      return { kind: 'cart' };
    case 'add':
      return parseAdd(args);
    case 'prefs':
      return parsePrefs(args);
    case 'session':
      return { kind: 'session' };
    case 'help':
      return { kind: 'help' };
    case 'quit':
    case 'exit':
      return { kind: 'quit' };
    default:
      return { kind: 'invalid', message: `unknown command /${name} (try /help)` };
  }
}
