import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { type ShoppingMessage, StorefrontChat } from '../../client/storefront-chat/chat';
import { startTestApp } from './support/app';
import { STORE_KINDS, useRedisServer, useTestApp } from './support/both-stores';
import { assertDocumented } from './support/openapi-check';
import { slowProvider } from './support/providers';

const CHAT = '/api/v1/shopping/chat';

interface Seen {
  status: number;
  headers: Headers;
  /** Settles once the body is read whole and checked against the OpenAPI document. */
  checked: Promise<void>;
}

/** A fetch that also checks every chat response against the OpenAPI document once read. */
function documentedFetch(seen: Seen[]): typeof fetch {
  return async (input, init) => {
    const res = await fetch(input, init);
    const copy = res.clone();
    const checked = copy.text().then((text) =>
      assertDocumented({
        method: 'POST',
        url: res.url,
        status: res.status,
        headers: res.headers,
        text,
      }),
    );
    seen.push({ status: res.status, headers: res.headers, checked });
    return res;
  };
}

function textOf(message: ShoppingMessage | undefined): string {
  return (message?.parts ?? []).flatMap((p) => (p.type === 'text' ? [p.text] : [])).join('');
}

function productsOf(message: ShoppingMessage | undefined) {
  const part = message?.parts.find((p) => p.type === 'data-products');
  return part?.type === 'data-products' ? part.data : undefined;
}

/** A UI message with one text part, as the SDK sends it. */
const userMessage = (text: string) => ({
  id: randomUUID(),
  role: 'user',
  parts: [{ type: 'text', text }],
});

describe.each(STORE_KINDS)('POST /chat with the ai package as the client (%s store)', (kind) => {
  const redis = useRedisServer();
  const app = useTestApp(kind, redis);

  it('answers two turns: text, products, metadata, the follow-up read from the session', async () => {
    const seen: Seen[] = [];
    const chunks: string[] = [];
    const chat = new StorefrontChat({
      api: `${app.url}${CHAT}`,
      fetch: documentedFetch(seen),
      onChange: () => {
        const text = textOf(chat.lastMessage);
        if (chat.lastMessage?.role === 'assistant' && text !== chunks.at(-1)) chunks.push(text);
      },
    });

    await chat.sendMessage({ text: 'What smartphones do you have under $800?' });
    expect(chat.error).toBeUndefined();
    expect(chat.status).toBe('ready');
    const first = chat.lastMessage;
    expect(first?.role).toBe('assistant');
    expect(seen[0]?.status).toBe(200);
    expect(seen[0]?.headers.get('x-vercel-ai-ui-message-stream')).toBe('v1');
    expect(seen[0]?.headers.get('content-type')).toMatch(/^text\/event-stream/);
    // The chat id is the session id; the token comes once, in the metadata that created it.
    expect(first?.metadata?.session_id).toBe(chat.id);
    expect(first?.metadata?.intent).toBe('product_inquiry');
    expect(first?.metadata?.session_token).toMatch(/.{20,}/);
    expect(chat.sessionToken).toBe(first?.metadata?.session_token);
    const phones = productsOf(first) ?? [];
    expect(phones.length).toBeGreaterThan(0);
    for (const p of phones) {
      expect(p.category).toBe('smartphone');
      expect(p.price).toBeLessThanOrEqual(800);
      expect(Object.keys(p)).toEqual(expect.arrayContaining(['sku', 'name', 'price', 'brand']));
    }
    // The products part comes before the text; the text arrived in several pieces.
    const firstParts = first?.parts.map((p) => p.type) ?? [];
    expect(firstParts.indexOf('data-products')).toBeLessThan(firstParts.indexOf('text'));
    const answer = textOf(first);
    expect(answer.length).toBeGreaterThan(20);
    expect(chunks.length).toBeGreaterThan(2);
    expect(answer).toContain(phones[0]?.name);

    await chat.sendMessage({ text: 'only Samsung' });
    expect(chat.error).toBeUndefined();
    const second = chat.lastMessage;
    expect(second?.metadata?.session_id).toBe(chat.id);
    expect(second?.metadata?.session_token).toBeUndefined();
    expect(seen[1]?.status).toBe(200);
    const samsung = productsOf(second) ?? [];
    expect(samsung.length).toBeGreaterThan(0);
    for (const p of samsung) {
      // "only Samsung" alone names no category or budget: both come from the first turn.
      expect(p.brand).toMatch(/samsung/i);
      expect(p.category).toBe('smartphone');
      expect(p.price).toBeLessThanOrEqual(800);
    }
    expect(textOf(second)).not.toBe('');
    await Promise.all(seen.map((s) => s.checked));

    // The server kept both turns in the session (its history, not the client's).
    const history = await app.rest('GET', `/api/v1/shopping/session/${chat.id}/conversation`, {
      token: chat.sessionToken,
    });
    expect(history.status).toBe(200);
    const contents = history.body.data.conversation.map((m: { content: string }) => m.content);
    expect(contents).toEqual(
      expect.arrayContaining(['What smartphones do you have under $800?', 'only Samsung']),
    );
  });

  it('refuses an invalid body with a 400 JSON error naming the field', async () => {
    const noMessages = await app.rest('POST', CHAT, {
      body: { id: randomUUID(), trigger: 'submit-message' },
    });
    expect(noMessages.status).toBe(400);
    expect(noMessages.body.error.code).toBe('VALIDATION_ERROR');
    expect(noMessages.body.error.issues[0].path).toBe('messages');

    const badTrigger = await app.rest('POST', CHAT, {
      body: { id: randomUUID(), trigger: 'nope', messages: [userMessage('phones')] },
    });
    expect(badTrigger.status).toBe(400);
    expect(badTrigger.body.error.issues[0].path).toBe('trigger');

    const assistantLast = await app.rest('POST', CHAT, {
      body: {
        id: randomUUID(),
        trigger: 'submit-message',
        messages: [
          userMessage('phones'),
          { id: 'a1', role: 'assistant', parts: [{ type: 'text', text: 'I said so' }] },
        ],
      },
    });
    expect(assistantLast.status).toBe(400);
    expect(assistantLast.body.error.message).toMatch(/last message must be the user/);

    const notJson = await app.rest('POST', CHAT, {
      raw: '{"id":',
      headers: { 'content-type': 'application/json' },
    });
    expect(notJson.status).toBe(400);

    // What a cross-site form can send (no preflight) is refused before anything is read.
    const form = await app.rest('POST', CHAT, {
      raw: JSON.stringify({ id: randomUUID(), trigger: 'submit-message', messages: [] }),
      headers: { 'content-type': 'text/plain' },
    });
    expect(form.status).toBe(415);
    expect(form.body.error.code).toBe('UNSUPPORTED_MEDIA_TYPE');

    // The SDK's default chat ids (16 characters) are too short to be a new session id.
    const shortId = await app.rest('POST', CHAT, {
      body: { id: 'abcdefgh12345678', trigger: 'submit-message', messages: [userMessage('tv')] },
    });
    expect(shortId.status).toBe(400);
    expect(shortId.body.error.issues[0].path).toBe('sessionId');

    const get = await app.rest('GET', CHAT);
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');
  });

  it('answers a wrong or missing token on an existing chat as REST does', async () => {
    const id = randomUUID();
    const body = { id, trigger: 'submit-message', messages: [userMessage('Any laptops?')] };
    const created = await app.rest('POST', CHAT, { body });
    expect(created.status).toBe(200);
    const token = created.headers.get('x-session-token');
    expect(token).toBeTruthy();

    const wrong = await app.rest('POST', CHAT, { body, token: 'not-the-token-0123456789' });
    expect(wrong.status).toBe(404);
    expect(wrong.body.error.code).toBe('SESSION_NOT_FOUND');
    const restWrong = await app.rest('GET', `/api/v1/shopping/session/${id}/info`, {
      token: 'not-the-token-0123456789',
    });
    expect(restWrong.status).toBe(wrong.status);

    const none = await app.rest('POST', CHAT, { body });
    const restNone = await app.rest('GET', `/api/v1/shopping/session/${id}/info`);
    expect(none.status).toBe(401);
    expect(none.status).toBe(restNone.status);
    expect(none.body.error.code).toBe(restNone.body.error.code);

    const right = await app.rest('POST', CHAT, { body, token: token ?? '' });
    expect(right.status).toBe(200);
    expect(right.headers.get('x-session-token')).toBeNull();
  });
});

describe('POST /chat in a browser: the session cookie, and the CSRF guard', () => {
  const app = useTestApp('memory', useRedisServer());

  it('sets the cookie when a chat creates its session; the cookie alone carries the next turn', async () => {
    const id = randomUUID();
    const turn = (text: string) => ({
      id,
      trigger: 'submit-message',
      messages: [userMessage(text)],
    });
    const first = await app.rest('POST', CHAT, { body: turn('What smartphones do you have?') });
    expect(first.status).toBe(200);
    const token = first.headers.get('x-session-token');
    const setCookie = first.headers.get('set-cookie') ?? '';
    expect(setCookie).toContain(`aisle_session_${id}=${token}`);
    expect(setCookie).toMatch(/HttpOnly/i);
    const cookie = `aisle_session_${id}=${token}`;

    // Same origin, cookie only (what the page's fetch sends): the session's second turn.
    const again = await app.rest('POST', CHAT, {
      body: turn('only Samsung'),
      headers: { cookie, origin: app.url },
    });
    expect(again.status).toBe(200);
    expect(again.headers.get('set-cookie')).toBeNull();
    const conversation = await app.rest('GET', `/api/v1/shopping/session/${id}/conversation`, {
      token: token ?? '',
    });
    expect(
      conversation.body.data.conversation.filter((m: { role: string }) => m.role === 'user'),
    ).toHaveLength(2);

    // Another site making the browser post with the cookie: refused, nothing asked.
    const forged = await app.rest('POST', CHAT, {
      body: turn('empty my cart'),
      headers: { cookie, origin: 'http://evil.example' },
    });
    expect(forged.status).toBe(403);
    expect(forged.body.error.code).toBe('CSRF_REJECTED');
    const after = await app.rest('GET', `/api/v1/shopping/session/${id}/conversation`, {
      token: token ?? '',
    });
    expect(after.body.data.conversation).toHaveLength(conversation.body.data.conversation.length);
  });
});

describe('POST /chat when the answer stops midway', () => {
  it('stops the model when the client stops the chat', async () => {
    const { provider } = slowProvider({ tokens: 200, delayMs: 10 });
    // Counted around the model's stream: `finally` runs however the consumer lets it go.
    const model = { tokens: 0, ended: '' };
    const watched: typeof provider = {
      ...provider,
      async *answer(input, signal) {
        try {
          for await (const token of provider.answer(input, signal)) {
            model.tokens += 1;
            yield token;
          }
          model.ended = 'completed';
        } finally {
          model.ended ||= 'stopped';
        }
      },
    };
    await using app = await startTestApp({}, { provider: watched });
    const chat = new StorefrontChat({
      api: `${app.url}${CHAT}`,
      onChange: () => {
        if (textOf(chat.lastMessage).length > 10 && chat.status === 'streaming') void chat.stop();
      },
    });
    await chat.sendMessage({ text: 'What smartphones do you have under $800?' });
    expect(textOf(chat.lastMessage)).toMatch(/^t0 t1 t2/);
    await expect.poll(() => model.ended, { timeout: 5000 }).toBe('stopped');
    expect(model.tokens).toBeLessThan(100);
  });

  it('sends a failure after the first chunk as an error part, which the SDK raises', async () => {
    const { provider } = slowProvider({ tokens: 3, delayMs: 1 });
    const failing: typeof provider = {
      ...provider,
      async *answer(input, signal) {
        yield* provider.answer(input, signal);
        throw new Error('the model went away');
      },
    };
    await using app = await startTestApp({}, { provider: failing });
    const errors: Error[] = [];
    const chat = new StorefrontChat({ api: `${app.url}${CHAT}`, onError: (e) => errors.push(e) });
    await chat.sendMessage({ text: 'What smartphones do you have under $800?' });
    expect(chat.status).toBe('error');
    expect(errors.map((e) => e.message)).toEqual([
      'MODEL_UNAVAILABLE: The language model is unavailable; try again shortly',
    ]);
    expect(chat.error?.message).toMatch(/^MODEL_UNAVAILABLE/);
    // What came before the failure stays: the products and the text so far.
    expect(productsOf(chat.lastMessage)?.length).toBeGreaterThan(0);
    expect(textOf(chat.lastMessage)).toBe('t0 t1 t2');
  });
});
