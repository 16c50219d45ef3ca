import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RestBody, startTestApp, type TestApp } from './support/app';
import { type RedisHandle, startRedis } from './support/redis-server';

/**
 * Issue 10, item 1: arbitrary Unicode (lone surrogates, astral characters, NULs, long text),
 * sizes and shapes thrown at every write, on both stores, through the real REST API. After
 * each request: no 5xx, and the session is either unchanged or fully updated.
 */
const API = '/api/v1/shopping';
const ADMIN = 'admin-token-for-property-tests';
// Sized for CI: about 10 s per store on a shared 2-core machine.
const RUNS = 80;

// --- text and shapes -----------------------------------------------------------------------

const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c));
const unit = fc.oneof(
  { weight: 6, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
  { weight: 2, arbitrary: loneSurrogate },
  {
    weight: 1,
    arbitrary: fc.constantFrom('\0', '😀', '👩‍👩‍👧', '\u200b', '\ufeff', '＠', '٣', ' '),
  },
);
const text = fc.oneof(
  { weight: 8, arbitrary: fc.string({ unit, maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit, minLength: 1900, maxLength: 2100 }) },
  { weight: 1, arbitrary: fc.constant('x'.repeat(70_000)) }, // past the 64 KiB body limit
);
/** Anything JSON can carry where a client was meant to send text. */
const shape = fc.oneof(
  { weight: 6, arbitrary: text },
  { weight: 1, arbitrary: fc.integer() },
  { weight: 1, arbitrary: fc.double() },
  { weight: 1, arbitrary: fc.constantFrom(null, true, [], {}) },
  { weight: 1, arbitrary: fc.array(text, { maxLength: 3 }) },
);

// --- the writes ------------------------------------------------------------------------------

type Op =
  | { kind: 'query'; q: unknown }
  | { kind: 'preferences'; body: Record<string, unknown> }
  | { kind: 'cartAdd'; sku: unknown; quantity: unknown }
  | { kind: 'cartSet'; sku: string; quantity: unknown }
  | { kind: 'cartRemove'; sku: string }
  | { kind: 'cartClear' }
  | { kind: 'createSession'; sessionId: unknown }
  | { kind: 'addDocuments'; documents: unknown };

function ops(skus: string[]): fc.Arbitrary<Op> {
  const sku = fc.oneof(fc.constantFrom(...skus), text);
  const quantity = fc.oneof(
    fc.integer({ min: -2, max: 1001 }),
    fc.integer({ min: 1, max: 3 }),
    shape,
  );
  const prefValue = fc.oneof(
    shape,
    fc.constantFrom('500-1000', '0-1', '10-5'),
    fc.array(shape, { maxLength: 25 }),
  );
  return fc.oneof(
    fc.record({ kind: fc.constant('query' as const), q: shape }),
    fc.record({
      kind: fc.constant('preferences' as const),
      body: fc.record(
        {
          budget_range: prefValue,
          preferred_brands: prefValue,
          device_type: prefValue,
          shipping_preference: prefValue,
          extra: prefValue,
        },
        { requiredKeys: [] },
      ),
    }),
    fc.record({ kind: fc.constant('cartAdd' as const), sku, quantity }),
    fc.record({
      kind: fc.constant('cartSet' as const),
      sku: fc.oneof(fc.constantFrom(...skus), text),
      quantity,
    }),
    fc.record({
      kind: fc.constant('cartRemove' as const),
      sku: fc.oneof(fc.constantFrom(...skus), text),
    }),
    fc.constant({ kind: 'cartClear' as const }),
    fc.record({
      kind: fc.constant('createSession' as const),
      sessionId: fc.oneof(fc.constant(undefined), fc.constant('OWN'), shape),
    }),
    fc.record({
      kind: fc.constant('addDocuments' as const),
      documents: fc.oneof(
        fc.array(
          fc.record(
            {
              id: shape,
              text: shape,
              title: shape,
              metadata: fc.dictionary(text, shape, { maxKeys: 3 }),
            },
            { requiredKeys: ['id', 'text'] },
          ),
          { maxLength: 3 },
        ),
        shape,
      ),
    }),
  );
}

/**
 * A path segment as a careless client would send it: percent-encoded UTF-8, and for a lone
 * surrogate the bytes a WTF-8 encoder writes (which are not UTF-8).
 */
function segment(s: string): string {
  let out = '';
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    if (c >= 0xd800 && c <= 0xdfff) {
      out += [0xe0 | (c >> 12), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f)]
        .map((b) => `%${b.toString(16).toUpperCase()}`)
        .join('');
    } else out += encodeURIComponent(ch);
  }
  return out;
}

// --- what a reader sees ----------------------------------------------------------------------

interface Seen {
  conversationCount: number;
  roles: string[];
  userMessages: number;
  assistantMessages: number;
  cartAdds: number;
  cartRemoves: number;
  preferences: Record<string, unknown>;
  cart: { sku: string; quantity: number; price: number }[];
  itemCount: number;
  subtotal: number;
}

interface Tally {
  requests: number;
  /** Status counts per write, so a run shows which answers it reached. */
  statuses: Record<string, number>;
  serverErrors: number;
  partialWrites: number;
}

describe.each(['memory', 'redis'] as const)('every write on the %s store', (kind) => {
  let redis: RedisHandle | undefined;
  let app: TestApp;
  let skus: string[] = [];
  const tally: Tally = {
    requests: 0,
    statuses: {},
    serverErrors: 0,
    partialWrites: 0,
  };

  beforeAll(async () => {
    if (kind === 'redis') redis = await startRedis();
    app = await startTestApp({
      ADMIN_TOKEN: ADMIN,
      ...(redis ? { REDIS_URL: redis.url } : {}),
    });
    const found = await app.rest('POST', `${API}/query`, { body: { q: 'phones and laptops' } });
    skus = (found.body.data.products as { sku: string }[]).map((p) => p.sku).slice(0, 4);
  });
  afterAll(async () => {
    await app?.close();
    await redis?.stop();
    console.log(
      `write properties (${kind}): ${tally.requests} requests, ${tally.serverErrors} 5xx, ${tally.partialWrites} partial writes (statuses ${JSON.stringify(tally.statuses)})`,
    );
  });

  async function call(method: string, path: string, opts: Parameters<TestApp['rest']>[2]) {
    const r = await app.rest(method, path, opts);
    tally.requests += 1;
    tally.statuses[r.status] = (tally.statuses[r.status] ?? 0) + 1;
    if (r.status >= 500) tally.serverErrors += 1;
    return r;
  }

  async function seen(id: string, token: string): Promise<Seen> {
    const [info, history, cart, prefs] = await Promise.all([
      app.rest('GET', `${API}/session/${id}/info`, { token }),
      app.rest('GET', `${API}/session/${id}/conversation?limit=100`, { token }),
      app.rest('GET', `${API}/session/${id}/cart`, { token }),
      app.rest('GET', `${API}/session/${id}/preferences`, { token }),
    ]);
    for (const r of [info, history, cart, prefs]) expect(r.status).toBe(200);
    const a = info.body.data.analytics;
    return {
      conversationCount: info.body.data.session_info.conversation_count,
      roles: history.body.data.conversation.map((m: { role: string }) => m.role),
      userMessages: a.user_message_count,
      assistantMessages: a.assistant_message_count,
      cartAdds: a.cart_adds,
      cartRemoves: a.cart_removes,
      preferences: prefs.body.data.preferences,
      cart: cart.body.data.items,
      itemCount: cart.body.data.item_count,
      subtotal: cart.body.data.subtotal,
    };
  }

  /** Holds of any session at rest, whatever was written before. */
  function consistent(s: Seen): string | undefined {
    if (s.roles.length !== s.conversationCount) return 'history and conversation_count disagree';
    if (s.userMessages + s.assistantMessages !== s.conversationCount)
      return 'message counters and conversation_count disagree';
    if (s.userMessages !== s.assistantMessages) return 'a question without its answer';
    if (s.roles.some((r, i) => r !== (i % 2 === 0 ? 'user' : 'assistant')))
      return 'history does not alternate question and answer';
    const count = s.cart.reduce((n, l) => n + l.quantity, 0);
    const subtotal = s.cart.reduce((n, l) => n + l.price * l.quantity, 0);
    if (count !== s.itemCount || Math.abs(subtotal - s.subtotal) > 0.01)
      return 'cart totals disagree with its lines';
    if (s.cart.some((l) => !Number.isInteger(l.quantity) || l.quantity < 1))
      return 'a cart line with no quantity';
    return undefined;
  }

  /** Unchanged after a refused write; after an accepted one, changed exactly as it says. */
  function wholeOrNothing(
    op: Op,
    ok: boolean,
    data: RestBody,
    b: Seen,
    a: Seen,
  ): string | undefined {
    const same = (x: unknown, y: unknown) => JSON.stringify(x) === JSON.stringify(y);
    if (!ok) return same(a, b) ? undefined : `refused ${op.kind} changed the session`;
    switch (op.kind) {
      case 'query':
        return a.conversationCount === b.conversationCount + 2 &&
          a.userMessages === b.userMessages + 1
          ? undefined
          : 'a question not stored as one whole turn';
      case 'preferences':
        return same(a.preferences, data.preferences) &&
          Object.entries(b.preferences).every(([k, v]) => k in op.body || same(a.preferences[k], v))
          ? undefined
          : 'preferences not merged as answered';
      case 'cartAdd':
        return a.cartAdds === b.cartAdds + 1 && same(a.cart, data.items)
          ? undefined
          : 'cart add not applied whole';
      case 'cartSet':
      case 'cartRemove':
      case 'cartClear':
        return same(a.cart, data.items) ? undefined : `${op.kind} answer and cart disagree`;
      default:
        return undefined;
    }
  }

  async function apply(op: Op, id: string, token: string) {
    const session = `${API}/session/${id}`;
    switch (op.kind) {
      case 'query':
        return call('POST', `${API}/query`, { token, body: { q: op.q, sessionId: id } });
      case 'preferences':
        return call('POST', `${session}/preferences`, { token, body: op.body });
      case 'cartAdd':
        return call('POST', `${session}/cart/add`, {
          token,
          body: { sku: op.sku, quantity: op.quantity },
        });
      case 'cartSet':
        return call('PATCH', `${session}/cart/items/${segment(op.sku)}`, {
          token,
          body: { quantity: op.quantity },
          // An empty SKU leaves the path without its last segment: no documented path.
          undocumentedPath: op.sku === '',
        });
      case 'cartRemove':
        return call('DELETE', `${session}/cart/items/${segment(op.sku)}`, {
          token,
          undocumentedPath: op.sku === '',
        });
      case 'cartClear':
        return call('DELETE', `${session}/cart/clear`, { token });
      case 'createSession':
        return call('POST', `${API}/session`, {
          body: op.sessionId === 'OWN' ? { sessionId: id } : { sessionId: op.sessionId },
        });
      case 'addDocuments':
        return call('POST', `${API}/add-documents`, {
          headers: { authorization: `Bearer ${ADMIN}` },
          body: { documents: op.documents },
        });
    }
  }

  it('answers every write below 500 and leaves each session whole or untouched', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(ops(skus), { minLength: 1, maxLength: 6 }), async (sequence) => {
        const created = await call('POST', `${API}/session`, { body: {} });
        const { session_id: id, session_token: token } = created.body.data;
        let before = await seen(id, token);
        const broken: string[] = [];
        for (const op of sequence) {
          const r = await apply(op, id, token);
          const after = await seen(id, token);
          const ok = r.status >= 200 && r.status < 300;
          const problem =
            consistent(after) ??
            (op.kind === 'createSession' || op.kind === 'addDocuments'
              ? // Neither writes to this session, whatever it answers.
                JSON.stringify(after) === JSON.stringify(before)
                ? undefined
                : `${op.kind} changed another session`
              : wholeOrNothing(op, ok, r.body?.data, before, after));
          if (problem) {
            tally.partialWrites += 1;
            broken.push(`${op.kind} (${r.status}): ${problem}`);
          }
          if (r.status >= 500) broken.push(`${op.kind}: ${r.status} ${JSON.stringify(r.body)}`);
          before = after;
        }
        expect(broken).toEqual([]);
      }),
      { numRuns: RUNS },
    );
  }, 60_000);
});
