import { describe, expect, it } from 'vitest';
import { inputWithLastEventId } from './trpc-ws-connection';
import { buildTrackedFrame, trackedFrame } from './trpc-ws-frames';
import { awaitsConnectionParams } from './trpc-ws-handler';
import type { RequestMessage } from './trpc-ws-messages';

const msg = (id: number | string, jsonrpc?: '2.0'): RequestMessage => ({
  id,
  jsonrpc,
  method: 'subscription',
  params: { path: 'session.events', input: undefined, lastEventId: undefined },
});

describe('inputWithLastEventId', () => {
  const params = (input: unknown, lastEventId?: string) => ({ path: 'p', input, lastEventId });

  it('leaves the input alone when the client is not resuming', () => {
    const input = { sessionId: 's1' };
    expect(inputWithLastEventId(params(input))).toBe(input);
  });

  it('adds lastEventId to an object input without changing the original', () => {
    const input = { sessionId: 's1' };
    expect(inputWithLastEventId(params(input, '42'))).toEqual({
      sessionId: 's1',
      lastEventId: '42',
    });
    expect(input).toEqual({ sessionId: 's1' });
  });

  it('makes an input of a missing one, and keeps a primitive input as it is', () => {
    expect(inputWithLastEventId(params(undefined, '7'))).toEqual({ lastEventId: '7' });
    expect(inputWithLastEventId(params(null, '7'))).toEqual({ lastEventId: '7' });
    expect(inputWithLastEventId(params('abc', '7'))).toBe('abc');
  });
});

describe('awaitsConnectionParams', () => {
  it('reads the connectionParams=1 flag anywhere in the query string', () => {
    expect(awaitsConnectionParams('/trpc?connectionParams=1')).toBe(true);
    expect(awaitsConnectionParams('/trpc?a=b&connectionParams=1&c=d')).toBe(true);
    expect(awaitsConnectionParams('/trpc?connectionParams=0')).toBe(false);
    expect(awaitsConnectionParams('/trpc?connectionParams=10')).toBe(false);
    expect(awaitsConnectionParams('/trpc?xconnectionParams=1')).toBe(false);
    expect(awaitsConnectionParams(undefined)).toBe(false);
  });
});

describe('tracked frames', () => {
  it("are tRPC's data message for tracked(id, payload)", () => {
    const frame = buildTrackedFrame(msg(3, '2.0'), 'e1', { n: 1 });
    expect(JSON.parse(frame.toString())).toEqual({
      id: 3,
      jsonrpc: '2.0',
      result: { type: 'data', data: { json: { id: 'e1', data: { n: 1 } } }, id: 'e1' },
    });
  });

  it('are built once per payload and subscription id', () => {
    const payload = { n: 2 };
    const first = trackedFrame(msg(1), 'e2', payload);
    expect(trackedFrame(msg(1), 'e2', payload)).toBe(first);
    const other = trackedFrame(msg('one'), 'e2', payload);
    expect(other).not.toBe(first);
    expect(JSON.parse(other.payload.toString()).id).toBe('one');
    expect(other.payload.equals(buildTrackedFrame(msg('one'), 'e2', payload))).toBe(true);
  });
});
