import { randomUUID } from 'node:crypto';
import { type App, type AppOverrides, createApp } from '../../src/app';
import { loadConfig } from '../../src/config';
import { silentLogger } from '../../src/logger';
import { assertDocumented } from './openapi-check';

/**
 * A real server on port 0 (HTTP + WebSocket), with the in-memory store or a real Redis
 * (`REDIS_URL` in env, isolated by a random key prefix). Dispose with `await using`.
 */
export interface TestApp extends App {
  [Symbol.asyncDispose](): Promise<void>;
  /**
   * REST helper: JSON in, {status, headers, body} out. Every answer is checked against the
   * OpenAPI document (support/openapi-check.ts); `undocumentedPath` marks a request for a path
   * outside the API on purpose.
   */
  rest(
    method: string,
    path: string,
    opts?: {
      body?: unknown;
      token?: string;
      headers?: Record<string, string>;
      raw?: string;
      undocumentedPath?: boolean;
    },
  ): Promise<{ status: number; headers: Headers; body: RestBody }>;
}

// biome-ignore lint/suspicious/noExplicitAny: test responses are asserted field by field
export type RestBody = any;

export async function startTestApp(
  env: Record<string, string> = {},
  overrides: AppOverrides = {},
): Promise<TestApp> {
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    RATE_LIMIT_ENABLED: 'false',
    REDIS_PREFIX: `t${randomUUID().slice(0, 8)}`,
    SHUTDOWN_TIMEOUT_MS: '2000',
    ...env,
  });
  const app = await createApp(config, { log: silentLogger, ...overrides });
  return {
    ...app,
    async [Symbol.asyncDispose]() {
      await app.close();
    },
    async rest(method, path, opts = {}) {
      const headers: Record<string, string> = { ...opts.headers };
      if (opts.token) headers.authorization = `Bearer ${opts.token}`;
      let body: string | undefined = opts.raw;
      if (opts.body !== undefined) {
        body = JSON.stringify(opts.body);
        headers['content-type'] ??= 'application/json';
      }
      const res = await fetch(`${app.url}${path}`, {
        method,
        headers,
        ...(body === undefined ? {} : { body }),
      });
      const text = await res.text();
      assertDocumented(
        { method, url: res.url, status: res.status, headers: res.headers, text },
        { undocumentedPath: opts.undocumentedPath ?? false },
      );
      let parsed: RestBody = text;
      try {
        parsed = JSON.parse(text);
      } catch {
        // event streams and plain text stay strings
      }
      return { status: res.status, headers: res.headers, body: parsed };
    },
  };
}
