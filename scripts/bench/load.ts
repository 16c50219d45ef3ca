/**
 * A small closed-loop load generator: a fixed number of workers, each sending its next request
 * as soon as the previous one answered, over keep-alive HTTP connections (node:http Agent).
 */
import { Agent, request } from 'node:http';

export interface HttpCall {
  method: string;
  /** Path and query, e.g. /api/v1/shopping/session/x/cart/add */
  path: string;
  headers: Record<string, string>;
  body?: string;
}

export interface HttpReply {
  status: number;
  body: string;
}

export interface LoadResult {
  requests: number;
  errors: number;
  firstError?: string;
  elapsedMs: number;
  /** Per-request latency in ms, successes only. */
  latencies: number[];
  perSecond: number;
}

export function keepAliveAgent(maxSockets: number): Agent {
  return new Agent({ keepAlive: true, maxSockets, maxFreeSockets: maxSockets });
}

/** One request over the agent; resolves with the status and the whole body. */
export function send(agent: Agent, port: number, call: HttpCall): Promise<HttpReply> {
  return new Promise((resolve, reject) => {
    const headers =
      call.body === undefined
        ? call.headers
        : { ...call.headers, 'content-length': String(Buffer.byteLength(call.body)) };
    const req = request(
      { host: '127.0.0.1', port, method: call.method, path: call.path, headers, agent },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(call.body);
  });
}

/** Sends and throws unless the status is 2xx; returns the parsed JSON body. */
export async function sendJson(agent: Agent, port: number, call: HttpCall): Promise<unknown> {
  const reply = await send(agent, port, call);
  if (reply.status < 200 || reply.status > 299) {
    throw new Error(`${call.method} ${call.path}: HTTP ${reply.status} ${reply.body.slice(0, 300)}`);
  }
  return JSON.parse(reply.body);
}

export interface LoadOptions {
  concurrency: number;
  warmupMs: number;
  durationMs: number;
  /** One request of worker `worker`; throws (or returns false) on failure. */
  call: (worker: number, n: number) => Promise<boolean>;
}

async function loop(
  opts: LoadOptions,
  untilMs: number,
  record: (ms: number) => void,
  fail: (err: string) => void,
): Promise<void> {
  const worker = async (w: number) => {
    let n = 0;
    while (performance.now() < untilMs) {
      const start = performance.now();
      try {
        if (await opts.call(w, n++)) record(performance.now() - start);
        else fail('call returned false');
      } catch (err) {
        fail(String(err));
      }
    }
  };
  await Promise.all(Array.from({ length: opts.concurrency }, (_, w) => worker(w)));
}

/** Warm-up (discarded), then a measured run of `durationMs`. */
export async function runLoad(opts: LoadOptions): Promise<LoadResult> {
  let warmErrors = 0;
  let warmFirst: string | undefined;
  await loop(
    opts,
    performance.now() + opts.warmupMs,
    () => {},
    (e) => {
      warmErrors += 1;
      warmFirst ??= e;
    },
  );
  if (warmErrors > 0 && warmFirst !== undefined) {
    throw new Error(`warm-up failed ${warmErrors} times; first: ${warmFirst}`);
  }
  const latencies: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  const start = performance.now();
  await loop(
    opts,
    start + opts.durationMs,
    (ms) => latencies.push(ms),
    (e) => {
      errors += 1;
      firstError ??= e;
    },
  );
  const elapsedMs = performance.now() - start;
  return {
    requests: latencies.length,
    errors,
    ...(firstError === undefined ? {} : { firstError }),
    elapsedMs,
    latencies,
    perSecond: (latencies.length / elapsedMs) * 1000,
  };
}
