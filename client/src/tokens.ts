/**
 * Session tokens the client has seen, by session id. A created session's token is remembered
 * from the response, so later calls about that session authenticate themselves.
 */
export class SessionTokens {
  private readonly bySession = new Map<string, string>();
  private latest: string | undefined;

  constructor(initial?: { sessionId?: string; token: string }) {
    if (initial) this.remember(initial.sessionId, initial.token);
  }

  remember(sessionId: string | undefined, token: string): void {
    if (sessionId) this.bySession.set(sessionId, token);
    this.latest = token;
  }

  /** The token for a session, else the most recent one (a token given without its id). */
  for(sessionId: string | undefined): string | undefined {
    return (sessionId && this.bySession.get(sessionId)) || this.latest;
  }

  forget(sessionId: string): void {
    this.bySession.delete(sessionId);
  }
}

/** Finds `session_id` / `session_token` in a procedure's result, if it created a session. */
export function createdSession(data: unknown): { id: string; token: string } | undefined {
  if (data === null || typeof data !== 'object') return undefined;
  const d = data as { session_id?: unknown; session_token?: unknown };
  return typeof d.session_id === 'string' && typeof d.session_token === 'string'
    ? { id: d.session_id, token: d.session_token }
    : undefined;
}

export const sessionIdOf = (input: unknown): string | undefined => {
  const id = (input as { sessionId?: unknown } | null | undefined)?.sessionId;
  return typeof id === 'string' ? id : undefined;
};
