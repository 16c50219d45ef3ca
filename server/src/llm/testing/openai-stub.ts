/**
 * A local OpenAI-compatible server for tests: the real `@langchain/openai` client talks to it
 * over HTTP, so retries, timeouts, streaming and aborts are exercised for real.
 *
 *   const stub = await startOpenAIStub([{ status: 429 }, { chunks: ['Hel', 'lo'] }]);
 *   // point the client at stub.url (ends in /v1); stub.calls records each chat request
 *   await stub.close();
 *
 * Serves `POST /v1/chat/completions` (JSON or SSE when the body says `stream: true`) and
 * `GET /v1/models`. Only chat requests are recorded in `calls`.
 */
import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** How the stub answers one chat request. Every field is optional; `{}` answers "ok". */
export interface StubReply {
  /** Non-2xx sends an OpenAI-style error body (no `retry-after` unless `headers` adds one). */
  status?: number;
  headers?: Record<string, string>;
  /** Wait this long before answering (ends early if the client goes away). */
  delayMs?: number;
  /** Never answer; the request ends only when the client disconnects. */
  hang?: boolean;
  /** Assistant text; streamed as one chunk when `chunks` is not given. */
  content?: string;
  /** Streamed content deltas, in order (a non-streaming request gets them joined). */
  chunks?: string[];
  /** Pause between streamed chunks. */
  chunkDelayMs?: number;
  /** Stream the chunks, then stay open until the client disconnects. */
  hangAfterChunks?: boolean;
  /** Answer with a function/tool call. `name` defaults to the function the request forces. */
  toolCall?: { name?: string; arguments: string | Record<string, unknown> };
}

/** The parts of a chat completion request body that tests look at. */
export interface ChatRequestBody {
  model?: string;
  stream?: boolean;
  messages?: Array<{ role: string; content: unknown }>;
  tools?: Array<{ type: string; function?: { name: string; parameters?: unknown } }>;
  tool_choice?: unknown;
  [key: string]: unknown;
}

export interface StubCall {
  /** 0-based arrival order. */
  index: number;
  body: ChatRequestBody;
  headers: IncomingMessage['headers'];
  /** The client disconnected before the stub finished answering. */
  clientAborted: boolean;
  /** The stub sent its whole answer. */
  completed: boolean;
}

/**
 * Replies per call: the n-th chat request gets `replies[n]`, and the last entry repeats once the
 * list runs out (`[{ status: 500 }]` fails every call). A function decides per call instead.
 */
export type StubScript = StubReply[] | ((call: StubCall) => StubReply | Promise<StubReply>);

export interface OpenAIStub {
  /** Base URL ending in `/v1`, as `baseURL` / `configuration.baseURL` expect. */
  url: string;
  calls: StubCall[];
  /** Chat requests being answered right now, and the most ever at once. */
  readonly inFlight: number;
  readonly maxInFlight: number;
  close(): Promise<void>;
}

const MODEL = 'stub-model';

export async function startOpenAIStub(script: StubScript = []): Promise<OpenAIStub> {
  const calls: StubCall[] = [];
  let inFlight = 0;
  let maxInFlight = 0;

  const replyFor = async (call: StubCall): Promise<StubReply> => {
    if (typeof script === 'function') return script(call);
    return script[Math.min(call.index, script.length - 1)] ?? {};
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { error: { message: String(error) } });
      else res.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '').split('?')[0];
    if (req.method === 'GET' && path === '/v1/models') {
      sendJson(res, 200, {
        object: 'list',
        data: [{ id: MODEL, object: 'model', created: 0, owned_by: 'stub' }],
      });
      return;
    }
    if (req.method !== 'POST' || path !== '/v1/chat/completions') {
      sendJson(res, 404, { error: { message: `No route for ${req.method} ${path}` } });
      return;
    }

    const body = JSON.parse(await readBody(req)) as ChatRequestBody;
    const call: StubCall = {
      index: calls.length,
      body,
      headers: req.headers,
      clientAborted: false,
      completed: false,
    };
    calls.push(call);
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    const gone = new AbortController();
    let settled = false;
    const settle = () => {
      if (settled) return;
      settled = true;
      inFlight--;
    };
    // 'finish' as soon as the answer is flushed: the client may start its next call right away.
    res.on('finish', settle);
    res.on('close', () => {
      settle();
      if (!res.writableFinished) call.clientAborted = true;
      gone.abort();
    });

    const reply = await replyFor(call);
    if (reply.delayMs) await sleep(reply.delayMs, gone.signal);
    if (reply.hang) await untilAborted(gone.signal);
    if (gone.signal.aborted) return;

    const status = reply.status ?? 200;
    if (status >= 400) {
      sendJson(res, status, { error: errorBody(status) }, reply.headers);
    } else if (body.stream) {
      await streamReply(res, body, reply, gone.signal);
    } else {
      sendJson(res, status, completion(body, reply), reply.headers);
    }
    call.completed = res.writableFinished || res.writableEnded;
  }

  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/v1`,
    calls,
    get inFlight() {
      return inFlight;
    },
    get maxInFlight() {
      return maxInFlight;
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function forcedFunction(body: ChatRequestBody): string | undefined {
  const choice = body.tool_choice;
  if (typeof choice === 'object' && choice !== null && 'function' in choice) {
    const fn = (choice as { function?: { name?: unknown } }).function;
    if (typeof fn?.name === 'string') return fn.name;
  }
  return body.tools?.[0]?.function?.name;
}

function toolCallOf(body: ChatRequestBody, reply: StubReply) {
  if (!reply.toolCall) return undefined;
  const args = reply.toolCall.arguments;
  return {
    id: 'call_stub_0',
    type: 'function' as const,
    function: {
      name: reply.toolCall.name ?? forcedFunction(body) ?? 'extract',
      arguments: typeof args === 'string' ? args : JSON.stringify(args),
    },
  };
}

function completion(body: ChatRequestBody, reply: StubReply) {
  const toolCall = toolCallOf(body, reply);
  const content = reply.content ?? reply.chunks?.join('') ?? (toolCall ? null : 'ok');
  return {
    id: 'chatcmpl-stub',
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model: body.model ?? MODEL,
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content, ...(toolCall ? { tool_calls: [toolCall] } : {}) },
        finish_reason: toolCall ? 'tool_calls' : 'stop',
        logprobs: null,
      },
    ],
    usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
  };
}

async function streamReply(
  res: ServerResponse,
  body: ChatRequestBody,
  reply: StubReply,
  gone: AbortSignal,
): Promise<void> {
  res.writeHead(200, {
    'content-type': 'text/event-stream',
    'cache-control': 'no-cache',
    connection: 'keep-alive',
    ...reply.headers,
  });
  const chunk = (delta: Record<string, unknown>, finish: string | null = null) => ({
    id: 'chatcmpl-stub',
    object: 'chat.completion.chunk',
    created: Math.floor(Date.now() / 1000),
    model: body.model ?? MODEL,
    choices: [{ index: 0, delta, finish_reason: finish, logprobs: null }],
  });
  const send = (data: unknown) => res.write(`data: ${JSON.stringify(data)}\n\n`);

  const toolCall = toolCallOf(body, reply);
  const pieces = reply.chunks ?? (toolCall ? [] : [reply.content ?? 'ok']);
  send(chunk({ role: 'assistant', content: '' }));
  for (const piece of pieces) {
    if (reply.chunkDelayMs) await sleep(reply.chunkDelayMs, gone);
    if (gone.aborted) return;
    send(chunk({ content: piece }));
  }
  if (toolCall) send(chunk({ tool_calls: [{ index: 0, ...toolCall }] }));
  if (reply.hangAfterChunks) {
    await untilAborted(gone);
    return;
  }
  send(chunk({}, toolCall ? 'tool_calls' : 'stop'));
  res.end('data: [DONE]\n\n');
}

function errorBody(status: number) {
  const [type, message] =
    status === 429
      ? ['rate_limit_exceeded', 'Rate limit reached (stub)']
      : status >= 500
        ? ['server_error', 'The server had an error (stub)']
        : ['invalid_request_error', `Request failed with status ${status} (stub)`];
  return { message, type, param: null, code: type };
}

function sendJson(
  res: ServerResponse,
  status: number,
  payload: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(payload));
}

async function readBody(req: IncomingMessage): Promise<string> {
  const parts: Buffer[] = [];
  for await (const part of req) parts.push(part as Buffer);
  return Buffer.concat(parts).toString('utf8');
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

function untilAborted(signal: AbortSignal): Promise<void> {
  return signal.aborted ? Promise.resolve() : once(signal, 'abort').then(() => undefined);
}
