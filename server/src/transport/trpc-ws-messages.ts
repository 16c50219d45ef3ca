import { TRPCError } from '@trpc/server';

/**
 * What a tRPC WebSocket client sends, checked as tRPC's own parser checks it (same errors),
 * with inputs deserialized by the router's transformer.
 */

export type RequestId = number | string;

export interface RequestMessage {
  id: RequestId;
  jsonrpc: '2.0' | undefined;
  method: 'query' | 'mutation' | 'subscription';
  params: { path: string; input: unknown; lastEventId: string | undefined };
}

export interface StopMessage {
  id: RequestId;
  jsonrpc: '2.0' | undefined;
  method: 'subscription.stop';
}

export type ClientMessage =
  | { kind: 'calls'; messages: (RequestMessage | StopMessage)[] }
  /** `ids`: who to answer (null when the message could not be read far enough to tell). */
  | { kind: 'error'; error: TRPCError; ids: (RequestId | null)[] };

interface InputTransformer {
  input: { deserialize: (value: unknown) => unknown };
}

const PROCEDURE_TYPES = new Set(['query', 'mutation', 'subscription']);

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** `text` undefined: a binary frame, which this JSON protocol does not read. */
export function parseClientMessage(
  text: string | undefined,
  transformer: InputTransformer,
  maxBatchSize: number,
): ClientMessage {
  let json: unknown;
  try {
    if (text === undefined) throw new Error('Binary frames are not read: send JSON text frames');
    json = JSON.parse(text);
  } catch (cause) {
    return parseError(cause);
  }
  const raw = Array.isArray(json) ? json : [json];
  if (Array.isArray(json) && raw.length > maxBatchSize) {
    const ids = raw.flatMap((m) =>
      isObject(m) &&
      m.method !== 'subscription.stop' &&
      (typeof m.id === 'number' || typeof m.id === 'string')
        ? [m.id]
        : [],
    );
    return {
      kind: 'error',
      error: new TRPCError({ code: 'BAD_REQUEST', message: 'Batch call exceeds maximum size' }),
      ids: ids.length > 0 ? ids : [null],
    };
  }
  try {
    return { kind: 'calls', messages: raw.map((m) => parseOne(m, transformer)) };
  } catch (cause) {
    return parseError(cause);
  }
}

function parseError(cause: unknown): ClientMessage {
  return { kind: 'error', error: new TRPCError({ code: 'PARSE_ERROR', cause }), ids: [null] };
}

/**
 * The first message of a `?connectionParams=1` connection: `{data: {key: "string"} | null}`.
 * Throws tRPC's errors for anything else.
 */
export function parseConnectionParams(text: string | undefined): Record<string, string> | null {
  let msg: unknown;
  try {
    if (text === undefined) throw new Error('Binary frames are not read: send JSON text frames');
    msg = JSON.parse(text);
    if (!isObject(msg)) throw new Error('Message was not an object');
  } catch (cause) {
    throw new TRPCError({
      code: 'PARSE_ERROR',
      message: 'Malformed TRPCConnectionParamsMessage',
      cause,
    });
  }
  const { data } = msg;
  if (data === null) return null;
  const bad = isObject(data)
    ? Object.entries(data).filter(([, v]) => typeof v !== 'string')
    : undefined;
  if (!bad || bad.length > 0) {
    const why = bad
      ? `Expected connectionParams to be string values. Got ${bad.map(([k, v]) => `${k}: ${typeof v}`).join(', ')}`
      : 'Expected object';
    throw new TRPCError({
      code: 'PARSE_ERROR',
      message: 'Invalid connection params shape',
      cause: new Error(why),
    });
  }
  return data as Record<string, string>;
}

function parseOne(m: unknown, transformer: InputTransformer): RequestMessage | StopMessage {
  if (!isObject(m)) throw new Error('Not an object');
  const { id, jsonrpc, method, params } = m;
  if (typeof id !== 'string' && (typeof id !== 'number' || Number.isNaN(id))) {
    throw new Error(id === null ? '`id` is required' : 'Invalid request id');
  }
  if (jsonrpc !== undefined && jsonrpc !== '2.0') throw new Error('Must be JSONRPC 2.0');
  if (method === 'subscription.stop') return { id, jsonrpc, method };
  if (typeof method !== 'string' || !PROCEDURE_TYPES.has(method)) {
    throw new Error('Invalid procedure type');
  }
  if (!isObject(params)) throw new Error('Not an object');
  const { input, path, lastEventId } = params;
  if (typeof path !== 'string') throw new Error('Invalid string');
  if (lastEventId !== undefined && typeof lastEventId !== 'string') {
    throw new Error('Invalid string');
  }
  return {
    id,
    jsonrpc,
    method: method as RequestMessage['method'],
    params: { path, input: transformer.input.deserialize(input), lastEventId },
  };
}
