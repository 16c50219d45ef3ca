import { isTRPCClientError } from '@trpc/client';

/** Network failures carry their reason (ECONNREFUSED...) somewhere down the cause chain. */
function networkCode(err: unknown): string | undefined {
  let cur: unknown = err;
  let failedFetch = false;
  for (let depth = 0; cur && depth < 6; depth++) {
    const e = cur as { code?: unknown; message?: unknown; cause?: unknown };
    if (typeof e.code === 'string' && /^E[A-Z]+/.test(e.code)) return e.code;
    if (typeof e.message === 'string' && /fetch failed|Failed to fetch/i.test(e.message))
      failedFetch = true;
    cur = e.cause;
  }
  return failedFetch ? 'fetch failed' : undefined;
}

export class ServerUnreachable extends Error {}

export const unreachable = (url: string, reason: string) =>
  new ServerUnreachable(
    `Cannot reach the Aisle server at ${url} (${reason}). Is it running? Start one with \`pnpm start\`, or point AISLE_URL at it.`,
  );

/** One line a shopper can act on, for any error the client throws. */
export function describeError(err: unknown, url: string): string {
  if (err instanceof ServerUnreachable) return err.message;
  const code = networkCode(err);
  if (code) return unreachable(url, code).message;
  if (isTRPCClientError(err)) {
    const data = err.data as
      | { code?: string; appCode?: string; issues?: { path?: string; message?: string }[] }
      | undefined;
    // A validation error's message is the raw issue list: show each issue's own words instead.
    const issues = data?.issues?.map((i) => i.message).filter(Boolean);
    const text = issues?.length ? [...new Set(issues)].join('; ') : err.message;
    return `${data?.appCode ?? data?.code ?? 'error'}: ${text}`;
  }
  return err instanceof Error ? err.message : String(err);
}

/** The session we remembered is gone (expired, deleted, or another server's). */
export function isLostSession(err: unknown): boolean {
  if (!isTRPCClientError(err)) return false;
  const code = (err.data as { code?: string } | undefined)?.code;
  return code === 'NOT_FOUND' || code === 'UNAUTHORIZED' || code === 'FORBIDDEN';
}
