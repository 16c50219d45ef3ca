import { describe, expect, it } from 'vitest';
import { STORE_KINDS, useRedisServer, useTestApp } from './support/both-stores';

const API = '/api/v1/shopping';
const LONE = '\ud800';
const REPLACEMENT = '\ufffd';

const redis = useRedisServer();

/**
 * Issue 10, item 1: a lone UTF-16 surrogate made the Redis store answer 500 and keep half a
 * turn. Both stores now well-form free text at the edge (U+FFFD) and store it whole.
 */
describe.each(STORE_KINDS)('lone surrogates on the %s store', (kind) => {
  const app = useTestApp(kind, redis, { ADMIN_TOKEN: 'admin-token-for-tests' });

  it('answers a question with a lone surrogate and stores the whole turn, well-formed', async () => {
    const r = await app.rest('POST', `${API}/query`, { body: { q: `hello ${LONE}` } });
    expect(r.status).toBe(200);
    const { session_id: id, session_token: token } = r.body.data;
    const info = await app.rest('GET', `${API}/session/${id}/info`, { token });
    expect(info.status).toBe(200);
    expect(info.body.data.session_info.conversation_count).toBe(2);
    expect(info.body.data.analytics.user_message_count).toBe(1);
    expect(info.body.data.analytics.assistant_message_count).toBe(1);
    const history = await app.rest('GET', `${API}/session/${id}/conversation`, { token });
    expect(history.body.data.conversation.map((m: { role: string }) => m.role)).toEqual([
      'user',
      'assistant',
    ]);
    expect(history.body.data.conversation[0].content).toBe(`hello ${REPLACEMENT}`);
  });

  it('well-forms a question sent over tRPC as well', async () => {
    const r = await fetch(`${app.url}/trpc/shopping.query`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ json: { q: `phones ${LONE}` } }),
    });
    expect(r.status).toBe(200);
    const { session_id: id, session_token: token } = (await r.json()).result.data.json;
    const history = await app.rest('GET', `${API}/session/${id}/conversation`, { token });
    expect(history.body.data.count).toBe(2);
    expect(history.body.data.conversation[0].content).toBe(`phones ${REPLACEMENT}`);
  });

  it('well-forms preferences and knowledge documents alike', async () => {
    const s = await app.rest('POST', `${API}/session`, { body: {} });
    const { session_id: id, session_token: token } = s.body.data;
    const prefs = await app.rest('POST', `${API}/session/${id}/preferences`, {
      token,
      body: { device_type: `lap${LONE}top`, preferred_brands: [`\udc00x`] },
    });
    expect(prefs.status).toBe(200);
    expect(prefs.body.data.preferences).toEqual({
      device_type: `lap${REPLACEMENT}top`,
      preferred_brands: [`${REPLACEMENT}x`],
    });
    const docs = await app.rest('POST', `${API}/add-documents`, {
      headers: { authorization: 'Bearer admin-token-for-tests' },
      body: { documents: [{ id: `doc-${LONE}`, text: `returns ${LONE} within 30 days` }] },
    });
    expect(docs.status).toBe(200);
    expect(docs.body.data.processed_ids).toEqual([`doc-${REPLACEMENT}`]);
  });
});
