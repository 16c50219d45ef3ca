import { ModelUnavailableError } from '../errors';

/**
 * A cheap reachability check: `GET {baseURL}/models` with the key. Throws ModelUnavailableError
 * when the server is unreachable, slow or refuses the key; never spends tokens.
 */
export async function checkModelServer(opts: {
  baseURL: string;
  apiKey: string;
  timeoutMs: number;
}): Promise<void> {
  const url = `${opts.baseURL.replace(/\/+$/, '')}/models`;
  let res: Response;
  try {
    res = await fetch(url, {
      headers: { authorization: `Bearer ${opts.apiKey}` },
      signal: AbortSignal.timeout(opts.timeoutMs),
    });
  } catch (error) {
    const timedOut = error instanceof Error && error.name === 'TimeoutError';
    throw new ModelUnavailableError(
      timedOut
        ? `The language model server at ${opts.baseURL} did not answer within ${opts.timeoutMs} ms`
        : `Could not reach the language model server at ${opts.baseURL}`,
      error,
    );
  }
  // The body is not needed; drop it so the connection is freed.
  await res.body?.cancel();
  if (!res.ok) {
    throw new ModelUnavailableError(
      `The language model server at ${opts.baseURL} answered HTTP ${res.status} to GET /models`,
    );
  }
}
