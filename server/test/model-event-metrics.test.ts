import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { type OpenAIStub, startOpenAIStub } from '../src/llm/testing/openai-stub';
import { countTokens } from '../src/llm/token-count';
import { startTestApp, type TestApp } from './support/app';
import { LAPTOP_ANSWER, laptopModel } from './support/laptop-model';
import { sample, scrapeText } from './support/prometheus';

const API = '/api/v1/shopping';
const MODEL = 'gpt-4o-mini';

describe('model call metrics (the real OpenAI client against the local stub)', () => {
  const mode = { fail: false };
  let stub: OpenAIStub;
  let app: TestApp;
  beforeAll(async () => {
    stub = await startOpenAIStub(laptopModel(mode));
    app = await startTestApp({
      LLM_PROVIDER: 'openai',
      OPENAI_API_KEY: 'sk-test',
      OPENAI_BASE_URL: stub.url,
      OPENAI_MODEL: MODEL,
      OPENAI_TIMEOUT_MS: '3000',
    });
  });
  afterAll(async () => {
    await app?.close();
    await stub?.close();
  });

  const series = (kind: string) => ({ provider: 'openai', model: MODEL, kind });

  it('counts calls, latency and tokens by kind; usage from the reply, else the tokenizer', async () => {
    const res = await app.rest('POST', `${API}/query`, { body: { q: 'cheapest laptops' } });
    expect(res.status).toBe(200);
    expect(stub.calls).toHaveLength(2);
    const text = await scrapeText(app.url);
    for (const kind of ['understand', 'answer']) {
      expect(sample(text, 'aisle_model_calls_total', series(kind))).toBe(1);
      expect(sample(text, 'aisle_model_call_duration_seconds_count', series(kind))).toBe(1);
      expect(sample(text, 'aisle_model_errors_total', series(kind)) ?? 0).toBe(0);
    }
    // The stub reports usage {prompt 1, completion 1} on the (non-streamed) understanding.
    const tokens = (kind: string, type: string) =>
      sample(text, 'aisle_model_tokens_total', { ...series(kind), type });
    expect(tokens('understand', 'prompt')).toBe(1);
    expect(tokens('understand', 'completion')).toBe(1);
    // The stream reports none: the answer's tokens are counted with the tokenizer.
    expect(tokens('answer', 'completion')).toBe(countTokens(LAPTOP_ANSWER.join('')));
    expect(tokens('answer', 'prompt')).toBeGreaterThan(100); // the system prompt alone is longer

    // A cached answer calls no model: nothing moves.
    await app.rest('POST', `${API}/query`, { body: { q: 'cheapest laptops' } });
    const cached = await scrapeText(app.url);
    expect(sample(cached, 'aisle_model_calls_total', series('understand'))).toBe(1);
  });

  it('counts a failed call once (whatever its retries) as a call and an error', async () => {
    const before = await scrapeText(app.url);
    mode.fail = true;
    try {
      const res = await app.rest('POST', `${API}/query`, { body: { q: 'any tablets for kids' } });
      expect(res.status).toBe(503);
    } finally {
      mode.fail = false;
    }
    const after = await scrapeText(app.url);
    const moved = (name: string) =>
      (sample(after, name, series('understand')) ?? 0) -
      (sample(before, name, series('understand')) ?? 0);
    expect(moved('aisle_model_calls_total')).toBe(1);
    expect(moved('aisle_model_errors_total')).toBe(1);
  });
});

describe('local responder, events and subscriptions', () => {
  it('counts the local responder calls by kind', async () => {
    await using app = await startTestApp();
    await app.rest('POST', `${API}/query`, { body: { q: 'laptops under 1000' } });
    const text = await scrapeText(app.url);
    const local = { provider: 'local', model: 'local' };
    expect(sample(text, 'aisle_model_calls_total', { ...local, kind: 'understand' })).toBe(1);
    expect(sample(text, 'aisle_model_calls_total', { ...local, kind: 'answer' })).toBe(1);
    expect(
      sample(text, 'aisle_model_call_duration_seconds_count', { ...local, kind: 'answer' }),
    ).toBe(1);
  });

  it('counts events published by type, deliveries by transport, open subscriptions by procedure', async () => {
    await using app = await startTestApp();
    const s = (await app.rest('POST', `${API}/session`, { body: {} })).body.data;
    const start = await scrapeText(app.url);
    expect(sample(start, 'aisle_events_published_total', { type: 'session.created' })).toBe(1);

    const ws = new WebSocket(`${app.url.replace('http', 'ws')}/trpc?connectionParams=1`);
    const frames: Array<{ id?: number; result?: { type: string } }> = [];
    ws.on('message', (raw) => frames.push(JSON.parse(raw.toString())));
    await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
    ws.send(
      JSON.stringify({ method: 'connectionParams', data: { sessionToken: s.session_token } }),
    );
    const input = { json: { sessionId: s.session_id } };
    ws.send(
      JSON.stringify({ id: 1, method: 'subscription', params: { path: 'session.events', input } }),
    );
    ws.send(
      JSON.stringify({ id: 2, method: 'subscription', params: { path: 'no.such.feed', input } }),
    );
    const data = () => frames.filter((f) => f.id === 1 && f.result?.type === 'data').length;
    // The backlog: session.created.
    await expect.poll(data).toBe(1);
    const open = await scrapeText(app.url);
    const subs = (text: string, procedure: string) =>
      sample(text, 'aisle_ws_subscriptions', { procedure });
    expect(subs(open, 'session.events')).toBe(1);
    // The unknown path failed at once and closed its subscription again.
    expect(subs(open, '(unknown)') ?? 0).toBe(0);
    expect(sample(open, 'aisle_events_delivered_total', { transport: 'ws' })).toBe(1);

    const add = await app.rest('POST', `${API}/session/${s.session_id}/cart/add`, {
      token: s.session_token,
      body: { sku: 'IPH15-128', quantity: 1 },
    });
    expect(add.status).toBe(200);
    await expect.poll(data).toBe(2);
    const live = await scrapeText(app.url);
    expect(sample(live, 'aisle_events_published_total', { type: 'cart.updated' })).toBe(1);
    expect(sample(live, 'aisle_events_delivered_total', { transport: 'ws' })).toBe(2);

    // tRPC's HTTP event stream (SSE) delivers the same backlog: counted under its transport.
    const sse = new AbortController();
    const res = await fetch(
      `${app.url}/trpc/session.events?input=${encodeURIComponent(JSON.stringify(input))}`,
      { headers: { authorization: `Bearer ${s.session_token}` }, signal: sse.signal },
    );
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    await expect
      .poll(async () =>
        sample(await scrapeText(app.url), 'aisle_events_delivered_total', { transport: 'sse' }),
      )
      .toBe(2);
    sse.abort();
    await res.body?.cancel().catch(() => {});

    ws.send(JSON.stringify({ id: 1, method: 'subscription.stop' }));
    await expect.poll(async () => subs(await scrapeText(app.url), 'session.events')).toBe(0);
    ws.close();
  });
});
