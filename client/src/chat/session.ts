import { type AisleClient, createAisleClient, SessionTokens } from '../index';
import { isLostSession } from './errors';
import { loadSession, type SavedSession, saveSession } from './state';

export interface ResumedSession {
  client: AisleClient;
  session: SavedSession;
  /** True when the remembered session was found on the server. */
  resumed: boolean;
}

const clientFor = (url: string, s?: SavedSession) =>
  createAisleClient({
    url,
    tokens: new SessionTokens(s ? { sessionId: s.sessionId, token: s.token } : undefined),
  });

/**
 * The remembered session for this server if it still exists there, else a new one (saved for
 * the next start). Network errors propagate: the caller tells the shopper the server is down.
 */
export async function openSession(url: string, statePath: string): Promise<ResumedSession> {
  const saved = await loadSession(statePath, url);
  if (saved) {
    const client = clientFor(url, saved);
    try {
      await client.session.info.query({ sessionId: saved.sessionId });
      return { client, session: saved, resumed: true };
    } catch (err) {
      if (!isLostSession(err)) throw err;
    }
  }
  const created = await clientFor(url).session.create.mutate({});
  const session = { sessionId: created.session_id, token: created.session_token };
  await saveSession(statePath, url, session);
  return { client: clientFor(url, session), session, resumed: false };
}
