import { randomUUID } from 'node:crypto';
import { request } from 'node:http';
import { EventSource } from 'eventsource';
import { describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './support/app';
import { useRedisServer } from './support/both-stores';
import { readDocumented } from './support/openapi-check';
import { slowProvider } from './support/providers';
import { startTcpProxy } from './support/tcp-proxy';

const API = '/api/v1/shopping';
const QUESTION = 'cheap headphones';

interface SseEvent {
  id?: string;
  event: string;
  data: string;
}

function parseSse(text: string): SseEvent[] {
  const events: SseEvent[] = [];
  for (const block of text.split('\n\n')) {
    if (block.trim() === '') continue;
    const ev: SseEvent = { event: 'message', data: '' };
    for (const line of block.split('\n')) {
      const colon = line.indexOf(':');
      const field = line.slice(0, colon);
      const value = line.slice(colon + 2);
      if (field === 'id') ev.id = value;
      else if (field === 'event') ev.event = value;
      else if (field === 'data') ev.data = value;
    }
    events.push(ev);
  }
  return events;
}

/**
 * POSTs a question over a raw socket and destroys it (client side) once `tokens` token
 * events arrived: the dropped mobile connection. Returns the complete events it got.
 */
function askAndDrop(app: TestApp, body: unknown, tokens: number): Promise<SseEvent[]> {
  const url = new URL(`${app.url}${API}/query/stream`);
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', headers: { 'content-type': 'application/json' } });
    req.on('error', (err) => {
      // The destroy below is the expected end.
      if (!req.destroyed) reject(err);
    });
    req.on('response', (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        text += chunk;
        const complete = parseSse(text.slice(0, text.lastIndexOf('\n\n') + 2));
        if (complete.filter((e) => e.event === 'token').length >= tokens) {
          req.destroy();
          resolve(complete);
        }
      });
      res.on('end', () => reject(new Error(`the stream ended before ${tokens} tokens: ${text}`)));
    });
    req.end(JSON.stringify(body));
  });
}

/** The whole answer a client assembled from its pieces, asserting each event came once. */
function assembled(events: SseEvent[]) {
  const ids = events.map((e) => e.id);
  expect(new Set(ids).size, 'duplicate event ids').toBe(ids.length);
  const answerId = ids[0]?.split('~')[0];
  expect(ids, 'ids are the positions of one answer, in order').toEqual(
    events.map((_, i) => `${answerId}~${i + 1}`),
  );
  const meta = JSON.parse(events[0]?.data ?? '{}');
  expect(events[0]?.event).toBe('meta');
  const done = events.at(-1);
  expect(done?.event).toBe('done');
  const text = events
    .filter((e) => e.event === 'token')
    .map((e) => JSON.parse(e.data).text)
    .join('');
  return { answerId: answerId ?? '', meta, text, done: JSON.parse(done?.data ?? '{}') };
}

describe('resumable REST answer streams (two instances on one redis-server)', () => {
  const redis = useRedisServer();

  /** Two instances sharing one store, both answering with the same counting provider. */
  async function twoInstances() {
    const slow = slowProvider({ tokens: 24, delayMs: 25 });
    const env = { REDIS_URL: redis().url, REDIS_PREFIX: `r${randomUUID().slice(0, 8)}` };
    const a = await startTestApp(env, { provider: slow.provider });
    const b = await startTestApp(env, { provider: slow.provider });
    return {
      a,
      b,
      counter: slow.counter,
      async [Symbol.asyncDispose]() {
        await Promise.all([a.close(), b.close()]);
      },
    };
  }

  it('resumes a dropped POST stream with Last-Event-ID: the whole answer once, one model call', async () => {
    await using apps = await twoInstances();
    const first = await askAndDrop(apps.a, { q: QUESTION }, 3);
    const lastId = first.at(-1)?.id ?? '';
    expect(lastId).toMatch(/^[\w-]+~4$/); // meta, then three tokens
    expect(first.map((e) => e.event)).not.toContain('done'); // cut mid-answer
    const meta = JSON.parse(first[0]?.data ?? '{}');
    // The answer is the session's: resuming it takes the session's token (from `meta`).
    const anonymous = await apps.a.rest('POST', `${API}/query/stream`, {
      body: { q: QUESTION },
      headers: { 'last-event-id': lastId },
    });
    expect(anonymous.status).toBe(401);
    // A reconnecting client repeats its request (same body) with the header: it resumes.
    const res = await fetch(`${apps.a.url}${API}/query/stream`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'last-event-id': lastId,
        authorization: `Bearer ${meta.session_token}`,
      },
      body: JSON.stringify({ q: QUESTION }),
    });
    expect(res.status).toBe(200);
    const rest = parseSse(await readDocumented(res, 'POST'));
    expect(rest[0]?.id).toBe(lastId.replace(/~4$/, '~5'));
    const whole = assembled([...first, ...rest]);
    expect(whole.text).toBe(whole.done.answer);
    expect(whole.text.length).toBeGreaterThan(0);
    expect(whole.done.session_id).toBe(meta.session_id);
    expect(apps.counter.answer).toBe(1);
    expect(apps.counter.understand).toBe(1);
  });

  it('resumes on the other instance, by query parameter, on the POST and the GET form', async () => {
    await using apps = await twoInstances();
    const first = await askAndDrop(apps.a, { q: QUESTION }, 2);
    const meta = JSON.parse(first[0]?.data ?? '{}');
    const lastId = first.at(-1)?.id ?? '';
    const answerId = lastId.split('~')[0];

    // POST ?lastEventId= on instance B (no header: a client that cannot set one).
    const query = encodeURIComponent(lastId);
    const post = await fetch(`${apps.b.url}${API}/query/stream?lastEventId=${query}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${meta.session_token}`,
      },
      body: JSON.stringify({ q: QUESTION, sessionId: meta.session_id }),
    });
    expect(post.status).toBe(200);
    const viaPost = assembled([...first, ...parseSse(await readDocumented(post, 'POST'))]);
    expect(viaPost.text).toBe(viaPost.done.answer);

    // The GET form on instance B, from the same point.
    const path = `${API}/session/${meta.session_id}/answers/${answerId}/stream?lastEventId=${query}`;
    const get = await apps.b.rest('GET', path, { token: meta.session_token });
    expect(get.status).toBe(200);
    const viaGet = assembled([...first, ...parseSse(get.body)]);
    expect(viaGet.text).toBe(viaPost.text);
    expect(apps.counter.answer).toBe(1);
  });

  it('replays a finished answer from its log, and answers 204 after its last event', async () => {
    await using apps = await twoInstances();
    const asked = await apps.a.rest('POST', `${API}/query/stream`, { body: { q: QUESTION } });
    const original = assembled(parseSse(asked.body));
    const { session_id: id, session_token: token } = original.meta;
    const path = `${API}/session/${id}/answers/${original.answerId}/stream`;
    const replay = await apps.b.rest('GET', path, { token });
    expect(replay.status).toBe(200);
    expect(replay.headers.get('content-type')).toContain('text/event-stream');
    expect(replay.body).toBe(asked.body);
    const doneId = `${original.answerId}~${parseSse(asked.body).length}`;
    const after = await apps.b.rest('GET', path, { token, headers: { 'last-event-id': doneId } });
    expect(after.status).toBe(204);
    expect(after.body).toBe('');
    const postAfter = await apps.a.rest('POST', `${API}/query/stream`, {
      body: { q: QUESTION },
      token,
      headers: { 'last-event-id': doneId },
    });
    expect(postAfter.status).toBe(204);
    expect(apps.counter.answer).toBe(1);
  });

  it('refuses wrong, unknown and foreign ids with a clear 4xx', async () => {
    await using apps = await twoInstances();
    const mine = await apps.a.rest('POST', `${API}/query/stream`, { body: { q: QUESTION } });
    const { answerId, meta } = assembled(parseSse(mine.body));
    const other = await apps.a.rest('POST', `${API}/session`, { body: {} });
    const { session_id: otherId, session_token: otherToken } = other.body.data;
    const answers = (sessionId: string) => `${API}/session/${sessionId}/answers`;
    const token = meta.session_token;

    const malformed = await apps.b.rest('POST', `${API}/query/stream`, {
      body: { q: QUESTION },
      headers: { 'last-event-id': 'not an id' },
    });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.code).toBe('VALIDATION_ERROR');
    expect(malformed.body.error.issues[0].path).toBe('lastEventId');

    const unknown = await apps.b.rest('GET', `${answers(meta.session_id)}/nosuchanswer1/stream`, {
      token,
    });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('NOT_FOUND');

    const beyond = await apps.b.rest('GET', `${answers(meta.session_id)}/${answerId}/stream`, {
      token,
      headers: { 'last-event-id': `${answerId}~999` },
    });
    expect(beyond.status).toBe(404);

    const crossed = await apps.b.rest('GET', `${answers(meta.session_id)}/${answerId}/stream`, {
      token,
      headers: { 'last-event-id': 'someotheranswer~2' },
    });
    expect(crossed.status).toBe(400);
    expect(crossed.body.error.issues[0].path).toBe('lastEventId');

    // Another session's answer, asked for under the caller's own session: missing, like a
    // wrong token; and the owner's path with the other token is the usual ownership 404.
    const foreign = await apps.b.rest('GET', `${answers(otherId)}/${answerId}/stream`, {
      token: otherToken,
    });
    expect(foreign.status).toBe(404);
    const foreignPost = await apps.b.rest('POST', `${API}/query/stream`, {
      body: { q: QUESTION, sessionId: otherId },
      token: otherToken,
      headers: { 'last-event-id': `${answerId}~1` },
    });
    expect(foreignPost.status).toBe(404);
    const stolen = await apps.b.rest('GET', `${answers(meta.session_id)}/${answerId}/stream`, {
      token: otherToken,
    });
    expect(stolen.status).toBe(404);
    expect(stolen.body.error.code).toBe('SESSION_NOT_FOUND');
    const anonymous = await apps.b.rest('GET', `${answers(meta.session_id)}/${answerId}/stream`);
    expect(anonymous.status).toBe(401);
    expect(apps.counter.answer).toBe(1);
  });

  it('lets a real EventSource read an answer through a dropped connection, once', async () => {
    await using apps = await twoInstances();
    const first = await askAndDrop(apps.a, { q: QUESTION }, 1);
    const meta = JSON.parse(first[0]?.data ?? '{}');
    const answerId = first[0]?.id?.split('~')[0];
    await using proxy = await startTcpProxy({ host: '127.0.0.1', port: apps.b.port });
    const base = proxy.url.replace('redis://', 'http://');
    const url = `${base}${API}/session/${meta.session_id}/answers/${answerId}/stream`;

    const got: SseEvent[] = [];
    const lastEventIds: (string | null)[] = [];
    let cut = false;
    const es = new EventSource(url, {
      fetch: (input, init) => {
        lastEventIds.push(new Headers(init.headers).get('last-event-id'));
        return fetch(input, {
          ...init,
          headers: { ...init.headers, authorization: `Bearer ${meta.session_token}` },
        });
      },
    });
    const idsAtErrors: (string | undefined)[] = [];
    const closed = new Promise<void>((resolve) => {
      es.addEventListener('error', () => {
        idsAtErrors.push(got.at(-1)?.id);
        if (es.readyState === EventSource.CLOSED) resolve();
      });
    });
    for (const type of ['meta', 'token', 'done']) {
      es.addEventListener(type, (e) => {
        got.push({ id: e.lastEventId, event: type, data: e.data });
        // The network drops mid-answer: both sides of the connection are destroyed.
        if (!cut && got.filter((g) => g.event === 'token').length === 3) {
          cut = true;
          proxy.cut();
        }
      });
    }
    // Not closed on `done` on purpose: its reconnect after the last event gets a 204, which
    // is what stops an EventSource for good.
    await closed;
    const whole = assembled(got);
    expect(whole.text).toBe(whole.done.answer);
    expect(cut).toBe(true);
    // Opened without an id; reopened after the cut and after `done` with the last id it had.
    expect(lastEventIds).toEqual([null, ...idsAtErrors.slice(0, 2)]);
    expect(idsAtErrors).toHaveLength(3);
    expect(idsAtErrors[2]).toBe(got.at(-1)?.id);
    expect(apps.counter.answer).toBe(1);
  }, 20_000);
});
