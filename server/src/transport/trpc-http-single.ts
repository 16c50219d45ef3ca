import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  type AnyTRPCRouter,
  callTRPCProcedure,
  getErrorShape,
  getTRPCErrorFromUnknown,
  TRPCError,
  transformTRPCResponse,
} from '@trpc/server';
import { getHTTPStatusCode } from '@trpc/server/http';
import { type AppDeps, bearerCredentials, type Context, createContext } from '../context';
import { publicError } from '../error-map';
import { AppError } from '../errors';
import { readJsonBody } from './body';
import { clientIp } from './client-ip';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

interface ProcedureDef {
  type: 'query' | 'mutation' | 'subscription';
}

/**
 * One tRPC query or mutation over HTTP, answered without tRPC's fetch adapter: tRPC v11's Node
 * handler turns every request into a WHATWG Request (undici) and every answer into a Response
 * read back through web streams, about half of a small call's CPU (`pnpm bench`, http). This
 * path reads the JSON body, calls the procedure as tRPC's own server-side caller does (same
 * middlewares, validation, error formatter and transformer), and writes tRPC's wire shape
 * (`{result: {data}}` / `{error}`, the status tRPC would give, `Vary`, `Retry-After`).
 *
 * Only the plainest calls take it: one procedure (no `batch`), a query by GET or a mutation by
 * POST with a JSON body, no streaming response asked for (`trpc-accept`), no connection
 * params. Everything else goes to tRPC's handler (`fallback`), which stays the reference.
 */
export function createSingleCallHandler(
  deps: AppDeps,
  router: AnyTRPCRouter,
  basePath: string,
  fallback: Handler,
): (req: IncomingMessage, res: ServerResponse, url: URL) => void {
  const procedures = router._def.procedures as Record<string, { _def?: ProcedureDef }>;
  return (req, res, url) => {
    const path = url.pathname.slice(basePath.length);
    const type = procedures[path]?._def?.type;
    const method = req.method;
    const plain = url.search === '' || (method === 'GET' && onlyInputParam(url.searchParams));
    const eligible =
      plain &&
      req.headers['trpc-accept'] === undefined &&
      ((type === 'query' && method === 'GET') ||
        (type === 'mutation' && method === 'POST' && isJson(req.headers['content-type'])));
    if (!eligible) {
      fallback(req, res);
      return;
    }
    void answer(deps, router, req, res, url, path, type);
  };
}

const onlyInputParam = (params: URLSearchParams): boolean => {
  for (const key of params.keys()) if (key !== 'input') return false;
  return true;
};

const isJson = (type: string | undefined): boolean =>
  type !== undefined && type.split(';')[0]?.trim().toLowerCase() === 'application/json';

async function answer(
  deps: AppDeps,
  router: AnyTRPCRouter,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  path: string,
  type: 'query' | 'mutation',
): Promise<void> {
  const config = router._def._config;
  const ctx: Context = createContext(deps, {
    credentials: bearerCredentials(req.headers.authorization),
    ip: clientIp(req, deps.config.TRUST_PROXY),
    transport: 'http',
  });
  let input: unknown;
  try {
    const raw = type === 'query' ? queryInput(url) : await readJsonBody(req);
    input = raw === undefined ? undefined : config.transformer.input.deserialize(raw);
    // As tRPC's handler: the call is aborted when the client goes away before the answer.
    const abort = new AbortController();
    res.once('close', () => {
      if (!res.writableFinished) abort.abort();
    });
    const data = await callTRPCProcedure({
      router,
      path,
      type,
      getRawInput: async () => input,
      ctx,
      signal: abort.signal,
      batchIndex: 0,
    });
    send(res, 200, transformTRPCResponse(config, { result: { data } }));
  } catch (cause) {
    const error = toTRPCError(cause);
    const shape = getErrorShape({ config, error, type, path, input, ctx });
    const retry = publicError(error).retryAfterSeconds;
    // As tRPC's handler: the status the formatted shape carries (`data.httpStatus`).
    const response = { error: shape };
    send(
      res,
      getHTTPStatusCode(response),
      transformTRPCResponse(config, response),
      retry === undefined ? undefined : String(retry),
    );
  }
}

/** A query's input: the `input` search parameter, JSON (absent: no input). */
function queryInput(url: URL): unknown {
  const raw = url.searchParams.get('input');
  if (raw === null) return undefined;
  try {
    return JSON.parse(raw);
  } catch (err) {
    throw new TRPCError({ code: 'PARSE_ERROR', message: (err as Error).message, cause: err });
  }
}

/** Errors met before the procedure ran (the body) keep their own code and status. */
function toTRPCError(cause: unknown): TRPCError {
  if (cause instanceof AppError && !(cause instanceof TRPCError)) {
    return new TRPCError({ code: cause.rpcCode, message: cause.message, cause });
  }
  return getTRPCErrorFromUnknown(cause);
}

function send(res: ServerResponse, status: number, body: unknown, retryAfter?: string): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  const json = JSON.stringify(body);
  res.statusCode = status;
  res.setHeader('content-type', 'application/json');
  res.setHeader('vary', 'trpc-accept, accept');
  if (retryAfter !== undefined) res.setHeader('retry-after', retryAfter);
  res.end(json);
}
