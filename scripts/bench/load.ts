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
  /** CPU time of this whole process (user + system) while measuring, in microseconds. */
  cpuMicros: number;
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
    throw new Error(
      `${call.method} ${call.path}: HTTP ${reply.status} ${reply.body.slice(0, 300)}`,
    );
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

function emptyResult(): LoadResult {
  return { requests: 0, errors: 0, elapsedMs: 0, latencies: [], perSecond: 0, cpuMicros: 0 };
}

/** Runs the loop for `ms` and adds what it measured to `into`. */
async function measureInto(opts: LoadOptions, ms: number, into: LoadResult): Promise<void> {
  const start = performance.now();
  const cpu = process.cpuUsage();
  await loop(
    opts,
    start + ms,
    (latency) => into.latencies.push(latency),
    (e) => {
      into.errors += 1;
      into.firstError ??= e;
    },
  );
  into.elapsedMs += performance.now() - start;
  const used = process.cpuUsage(cpu);
  into.cpuMicros += used.user + used.system;
  into.requests = into.latencies.length;
  into.perSecond = into.elapsedMs > 0 ? (into.requests / into.elapsedMs) * 1000 : 0;
}

/** Warm-up (discarded; any error throws), then a measured run of `durationMs`. */
export async function runLoad(opts: LoadOptions): Promise<LoadResult> {
  const warm = emptyResult();
  await measureInto(opts, opts.warmupMs, warm);
  if (warm.errors > 0) {
    throw new Error(`warm-up failed ${warm.errors} times; first: ${warm.firstError}`);
  }
  const result = emptyResult();
  await measureInto(opts, opts.durationMs, result);
  return result;
}

export interface Side {
  name: string;
  call: LoadOptions['call'];
}

/**
 * Compares sides fairly on a shared, noisy machine: each side is warmed up, then the sides
 * take turns in short slices (the order rotating every round) until each has run `durationMs`,
 * so drift and neighbours' load hit every side alike. Returns one merged result per side.
 */
export async function runInterleaved(
  sides: readonly Side[],
  opts: { concurrency: number; warmupMs: number; durationMs: number; sliceMs: number },
): Promise<Map<string, LoadResult>> {
  const results = new Map<string, LoadResult>();
  for (const side of sides) {
    const warm = emptyResult();
    await measureInto({ ...opts, call: side.call }, opts.warmupMs, warm);
    if (warm.errors > 0) {
      throw new Error(`${side.name}: warm-up failed ${warm.errors} times; ${warm.firstError}`);
    }
    results.set(side.name, emptyResult());
  }
  const rounds = Math.max(1, Math.round(opts.durationMs / opts.sliceMs));
  for (let round = 0; round < rounds; round++) {
    for (let k = 0; k < sides.length; k++) {
      const side = sides[(round + k) % sides.length];
      const into = side && results.get(side.name);
      if (!side || !into) continue;
      await measureInto({ ...opts, call: side.call }, opts.sliceMs, into);
    }
  }
  return results;
}
