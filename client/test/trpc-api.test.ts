import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../server/test/support/app';
import { createAisleClient, isTRPCClientError, SessionTokens } from '../src/index';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ ADMIN_TOKEN: 'admin-token-for-tests-123' });
});
afterAll(async () => {
  await app?.close();
});

async function rejectsWith(promise: Promise<unknown>, code: string, appCode?: string) {
  try {
    await promise;
  } catch (err) {
    expect(isTRPCClientError(err)).toBe(true);
    if (!isTRPCClientError(err)) throw err;
    expect(err.data?.code).toBe(code);
    if (appCode) expect((err.data as { appCode?: string }).appCode).toBe(appCode);
    return err;
  }
  throw new Error(`expected ${code}`);
}

describe('tRPC over HTTP with the typed client', () => {
  it('creates a session and remembers its token for later calls', async () => {
    const client = createAisleClient({ url: app.url });
    const { session_id } = await client.session.create.mutate({});
    const info = await client.session.info.query({ sessionId: session_id });
    expect(info.session_info.conversation_count).toBe(0);
    const prefs = await client.preferences.update.mutate({
      sessionId: session_id,
      device_type: 'laptop',
    });
    expect(prefs.preferences).toEqual({ device_type: 'laptop' });
    expect(
      (await client.preferences.get.query({ sessionId: session_id })).preferences.device_type,
    ).toBe('laptop');
  });

  it('remembers the token that shopping.query returns for a new session', async () => {
    const client = createAisleClient({ url: app.url });
    const first = await client.shopping.query.mutate({ q: 'Show me headphones' });
    expect(first.session_token).toBeTruthy();
    expect(first.products.every((p) => p.category === 'headphones')).toBe(true);
    const cart = await client.cart.add.mutate({ sessionId: first.session_id, sku: 'IPH15PRO-256' });
    expect(cart.subtotal).toBe(999);
    const conv = await client.session.conversation.query({ sessionId: first.session_id });
    expect(conv.count).toBe(2);
  });

  it('runs every cart procedure', async () => {
    const client = createAisleClient({ url: app.url });
    const { session_id: sessionId } = await client.session.create.mutate({});
    await client.cart.add.mutate({ sessionId, sku: 'IPH15PRO-256', quantity: 2 });
    expect(
      (await client.cart.setQuantity.mutate({ sessionId, sku: 'IPH15PRO-256', quantity: 5 }))
        .item_count,
    ).toBe(5);
    expect((await client.cart.get.query({ sessionId })).subtotal).toBe(4995);
    expect((await client.cart.remove.mutate({ sessionId, sku: 'IPH15PRO-256' })).items).toEqual([]);
    await client.cart.add.mutate({ sessionId, sku: 'IPH15PRO-256' });
    expect((await client.cart.clear.mutate({ sessionId })).items).toEqual([]);
    await rejectsWith(
      client.cart.add.mutate({ sessionId, sku: 'NOT-A-SKU' }),
      'UNPROCESSABLE_CONTENT',
      'UNKNOWN_SKU',
    );
    expect((await client.session.delete.mutate({ sessionId })).deleted).toBe(true);
    await rejectsWith(client.session.info.query({ sessionId }), 'NOT_FOUND', 'SESSION_NOT_FOUND');
  });

  it('maps token rules to UNAUTHORIZED and NOT_FOUND (a wrong token as an unknown id)', async () => {
    const owner = createAisleClient({ url: app.url });
    const { session_id } = await owner.session.create.mutate({});
    const stranger = createAisleClient({ url: app.url });
    await rejectsWith(stranger.session.info.query({ sessionId: session_id }), 'UNAUTHORIZED');
    const other = createAisleClient({ url: app.url });
    await other.session.create.mutate({});
    await rejectsWith(
      other.session.info.query({ sessionId: session_id }),
      'NOT_FOUND',
      'SESSION_NOT_FOUND',
    );
    await rejectsWith(owner.session.info.query({ sessionId: 'unknown-session-1' }), 'NOT_FOUND');
  });

  it('names the field of a validation error, without a stack', async () => {
    const client = createAisleClient({ url: app.url });
    const { session_id: sessionId } = await client.session.create.mutate({});
    const err = await rejectsWith(
      // @ts-expect-error quantity must be a number: the typed client refuses this at compile time
      client.cart.add.mutate({ sessionId, sku: 'X', quantity: 'two' }),
      'BAD_REQUEST',
      'VALIDATION_ERROR',
    );
    const data = err.data as { issues?: { path: string }[]; stack?: string };
    expect(data.issues?.[0]?.path).toBe('quantity');
    expect(data.stack).toBeUndefined();
  });

  it('shares tokens between clients through SessionTokens', async () => {
    const tokens = new SessionTokens();
    const a = createAisleClient({ url: app.url, tokens });
    const { session_id } = await a.session.create.mutate({});
    const b = createAisleClient({ url: app.url, tokens });
    expect((await b.cart.get.query({ sessionId: session_id })).items).toEqual([]);
  });

  it('streams an answer over the HTTP subscription transport', async () => {
    const client = createAisleClient({ url: app.url });
    const events: string[] = [];
    let text = '';
    const done = await new Promise<{ answer: string; session_id: string }>((resolve, reject) => {
      const sub = client.shopping.queryStream.subscribe(
        { q: 'What laptops do you have under $1500?' },
        {
          onData({ id, data: ev }) {
            expect(id).toMatch(/~\d+$/);
            events.push(ev.type);
            if (ev.type === 'token') text += ev.text;
            if (ev.type === 'done') {
              sub.unsubscribe();
              resolve(ev);
            }
          },
          onError: reject,
        },
      );
    });
    expect(events[0]).toBe('meta');
    expect(events.filter((t) => t === 'token').length).toBeGreaterThan(3);
    expect(events.at(-1)).toBe('done');
    expect(text).toBe(done.answer);
  });

  it('guards admin procedures with the admin token', async () => {
    const anon = createAisleClient({ url: app.url });
    await rejectsWith(anon.admin.overview.query(), 'UNAUTHORIZED');
    const wrong = createAisleClient({ url: app.url, sessionToken: 'not-the-admin-token-at-all' });
    await rejectsWith(wrong.admin.overview.query(), 'FORBIDDEN');
    const admin = createAisleClient({ url: app.url, sessionToken: 'admin-token-for-tests-123' });
    const o = await admin.admin.overview.query();
    expect(o.questions).toBeGreaterThan(0);
    const added = await admin.admin.addDocuments.mutate({
      documents: [
        {
          id: 'gift-cards',
          title: 'Gift cards',
          text: 'Gift cards never expire and can be used online.',
        },
      ],
    });
    expect(added).toEqual({ count: 1, processed_ids: ['gift-cards'] });
  });
});
