import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';

/** The session the chat resumes, per server URL (a local and a remote server keep their own). */
export interface SavedSession {
  sessionId: string;
  token: string;
}
type StateFile = { sessions?: Record<string, SavedSession> };

/** `AISLE_CHAT_STATE`, else the XDG state dir, else ~/.local/state (the XDG default). */
export function statePath(env: NodeJS.ProcessEnv = process.env): string {
  if (env.AISLE_CHAT_STATE) return env.AISLE_CHAT_STATE;
  const base = env.XDG_STATE_HOME || join(homedir(), '.local', 'state');
  return join(base, 'aisle', 'chat.json');
}

async function readState(path: string): Promise<StateFile> {
  try {
    const parsed: unknown = JSON.parse(await readFile(path, 'utf8'));
    return parsed !== null && typeof parsed === 'object' ? (parsed as StateFile) : {};
  } catch {
    // No file yet, or one we cannot read: start a new session rather than fail.
    return {};
  }
}

export async function loadSession(path: string, url: string): Promise<SavedSession | undefined> {
  const s = (await readState(path)).sessions?.[url];
  return typeof s?.sessionId === 'string' && typeof s.token === 'string' ? s : undefined;
}

export async function saveSession(path: string, url: string, session: SavedSession): Promise<void> {
  const state = await readState(path);
  state.sessions = { ...state.sessions, [url]: session };
  await mkdir(dirname(path), { recursive: true });
  // The token lets anyone act as this shopper: keep the file private to the user.
  await writeFile(path, `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600 });
}
