import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type OpenAIStub, startOpenAIStub } from '../src/llm/testing/openai-stub';
import { startTestApp, type TestApp } from './support/app';
import { laptopModel } from './support/laptop-model';
import { readDocumented } from './support/openapi-check';

const API = '/api/v1/shopping';

describe('the openai provider through the whole pipeline (local OpenAI-compatible stub)', () => {
  const mode: { fail?: boolean; hang?: boolean } = {};
  let stub: OpenAIStub;
  let app: TestApp;
  beforeAll(async () => {
    stub = await startOpenAIStub(laptopModel(mode));
    app = await startTestApp({
      LLM_PROVIDER: 'openai',
      OPENAI_API_KEY: 'sk-test',
      OPENAI_BASE_URL: stub.url,
      OPENAI_MODEL: 'gpt-4o-mini',
      OPENAI_TIMEOUT_MS: '3000',
    });
  });
  afterAll(async () => {
    await app?.close();
    await stub?.close();
  });

  it('answers from the model, grounded in retrieved products, and caches: no second model call', async () => {
    const before = stub.calls.length;
    const first = await app.rest('POST', `${API}/query`, {
      body: { q: 'Show me your cheapest laptops' },
    });
    expect(first.status).toBe(200);
    expect(first.body.data).toMatchObject({
      answer: 'Here are three laptops.',
      intent: 'product_inquiry',
      cached: false,
    });
    expect(first.body.data.products).toHaveLength(3);
    const prices = first.body.data.products.map((p: { price: number }) => p.price);
    expect([...prices].sort((x, y) => x - y)).toEqual(prices);
    expect(stub.calls.length - before).toBe(2); // understanding + answer
    const answerCall = stub.calls.at(-1);
    const system = JSON.stringify(answerCall?.body.messages?.[0]);
    expect(system).toContain(first.body.data.products[0].name);

    // Another shopper, same question, no session state: the shared cache answers.
    const second = await app.rest('POST', `${API}/query`, {
      body: { q: 'show me your cheapest laptops!' },
    });
    expect(second.body.data).toMatchObject({ answer: 'Here are three laptops.', cached: true });
    expect(stub.calls.length - before).toBe(2);
    const info = await app.rest('GET', `${API}/session/${second.body.data.session_id}/info`, {
      token: second.body.data.session_token,
    });
    expect(info.body.data.analytics).toMatchObject({
      cache_hits: 1,
      llm_calls: 0,
      llm_calls_saved: 1,
    });
    const firstInfo = await app.rest('GET', `${API}/session/${first.body.data.session_id}/info`, {
      token: first.body.data.session_token,
    });
    expect(firstInfo.body.data.analytics).toMatchObject({ cache_hits: 0, llm_calls: 1 });
  });

  it('answers 503 MODEL_UNAVAILABLE when the model fails, and stores no half answer', async () => {
    mode.fail = true;
    try {
      const s = await app.rest('POST', `${API}/session`, { body: {} });
      const { session_id: id, session_token: token } = s.body.data;
      const r = await app.rest('POST', `${API}/query`, {
        body: { q: 'any tablets?', sessionId: id },
        token,
      });
      expect(r.status).toBe(503);
      expect(r.body.error.code).toBe('MODEL_UNAVAILABLE');
      const conv = await app.rest('GET', `${API}/session/${id}/conversation`, { token });
      expect(conv.body.data.count).toBe(0);
    } finally {
      mode.fail = false;
    }
  });

  it('keeps the answer going when the SSE client disconnects, for a resume: no second model call', async () => {
    mode.hang = true;
    try {
      const s = await app.rest('POST', `${API}/session`, { body: {} });
      const { session_id: id, session_token: token } = s.body.data;
      const before = stub.calls.length;
      const controller = new AbortController();
      const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
      const body = JSON.stringify({ q: 'laptops please', sessionId: id });
      const res = await fetch(`${app.url}${API}/query/stream`, {
        method: 'POST',
        headers,
        body,
        signal: controller.signal,
      });
      expect(res.headers.get('content-type')).toContain('text/event-stream');
      const reader = res.body?.getReader();
      let seen = '';
      while (!seen.includes('event: token')) {
        const chunk = await reader?.read();
        if (!chunk || chunk.done) break;
        seen += new TextDecoder().decode(chunk.value);
      }
      expect(seen).toContain('event: meta');
      controller.abort();
      // The answer is kept for a resume: the client leaving does not cut the model call.
      await sleep(300);
      expect(stub.calls.at(-1)?.clientAborted).toBe(false);
      // Resumed from the first event (any id received is a point to resume after).
      const metaId = /^id: (\S+)$/m.exec(seen)?.[1] ?? '';
      const [answerId] = metaId.split('~');
      const resumed = await fetch(`${app.url}${API}/query/stream`, {
        method: 'POST',
        headers: { ...headers, 'last-event-id': metaId },
        body,
      });
      expect(resumed.status).toBe(200);
      // The model hangs after two pieces: its own timeout ends the answer, and the resumed
      // client hears why, with the id of the error's place in the answer.
      const rest = await readDocumented(resumed, 'POST');
      expect(rest).not.toContain('event: meta');
      expect(rest).toMatch(new RegExp(`^id: ${answerId}~2\nevent: token\ndata: {"text":"Here "}`));
      expect(rest).toMatch(
        new RegExp(`id: ${answerId}~4\nevent: error\ndata: .*MODEL_UNAVAILABLE`),
      );
      expect(stub.calls.length - before).toBe(2); // understanding + one answer, not re-asked
      // An upstream failure leaves no half answer in the conversation.
      const conv = await app.rest('GET', `${API}/session/${id}/conversation`, { token });
      expect(conv.body.data.conversation).toHaveLength(0);
    } finally {
      mode.hang = false;
    }
  });

  it('reports the model in readiness', async () => {
    const ready = await app.rest('GET', '/health/ready');
    expect(ready.body.services.map((s: { name: string }) => s.name)).toEqual([
      'store:memory',
      'llm:openai',
    ]);
    expect(ready.status).toBe(200);
  });
});
