import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../server/test/support/app';
import { createAisleClient, isTRPCClientError } from '../src/index';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app?.close();
});

describe('conversation paging with the typed client', () => {
  it('follows next_cursor back to the first message', async () => {
    const client = createAisleClient({ url: app.url });
    const { session_id: sessionId } = await client.session.create.mutate({});
    await Promise.all(
      ['phones', 'laptops', 'headphones', 'tablets'].map((q) =>
        client.shopping.query.mutate({ q: `show me ${q}`, sessionId }),
      ),
    );
    const whole = await client.session.conversation.query({ sessionId, limit: 100 });
    expect(whole.count).toBe(8);
    const pages: (typeof whole.conversation)[] = [];
    let cursor: string | null = null;
    do {
      const page: typeof whole = await client.session.conversation.query({
        sessionId,
        limit: 3,
        ...(cursor === null ? {} : { cursor }),
      });
      pages.unshift(page.conversation);
      cursor = page.next_cursor;
    } while (cursor !== null);
    expect(pages.map((p) => p.length)).toEqual([2, 3, 3]);
    expect(pages.flat()).toEqual(whole.conversation);
  });

  it('refuses a cursor it did not issue as BAD_REQUEST', async () => {
    const client = createAisleClient({ url: app.url });
    const { session_id: sessionId } = await client.session.create.mutate({});
    const err = await client.session.conversation
      .query({ sessionId, cursor: 'bm90LWEtY3Vyc29y' })
      .catch((e: unknown) => e);
    expect(isTRPCClientError(err) && err.data?.code).toBe('BAD_REQUEST');
  });
});
