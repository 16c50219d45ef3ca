import { type AdminApiError, toAdminApiError } from './admin-api';
import { byId, formById, inputById } from './dom';
import { LiveSession } from './live-session';
import { renderStatus } from './render';
import { tokenStore } from './token-store';

let current: LiveSession | undefined;

function explain(error: AdminApiError): string {
  if (error.isAuth) {
    return `Wrong admin token: the server answered ${error.code} (${error.message}).`;
  }
  return `Cannot load the dashboard: ${error.message}`;
}

function showLogin(error?: string): void {
  byId('login').hidden = false;
  byId('dashboard').hidden = true;
  byId('sign-out').hidden = true;
  const alert = byId('auth-error');
  alert.textContent = error ?? '';
  alert.hidden = error === undefined;
  inputById('token-input').focus();
}

function showDashboard(): void {
  byId('login').hidden = true;
  byId('dashboard').hidden = false;
  byId('sign-out').hidden = false;
}

async function signOut(error?: string): Promise<void> {
  const session = current;
  current = undefined;
  tokenStore.clear();
  renderStatus(error ? 'error' : 'signed-out');
  showLogin(error);
  await session?.stop();
}

async function signIn(token: string): Promise<void> {
  await current?.stop();
  current = undefined;
  const submit = byId('token-submit');
  submit.setAttribute('disabled', '');
  byId('auth-error').hidden = true;
  renderStatus('connecting');
  const session = new LiveSession(location.origin, token, {
    onStatus: (status) => {
      if (current === session) renderStatus(status);
    },
    onFatal: (error) => {
      if (current === session) void signOut(explain(error));
    },
  });
  current = session;
  try {
    await session.start();
    tokenStore.save(token);
    showDashboard();
  } catch (err) {
    if (current === session) current = undefined;
    await session.stop();
    const error = toAdminApiError(err);
    if (error.isAuth) tokenStore.clear();
    renderStatus('error');
    showLogin(explain(error));
  } finally {
    submit.removeAttribute('disabled');
  }
}

function boot(): void {
  const input = inputById('token-input');
  formById('token-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const token = input.value.trim();
    if (token) void signIn(token);
  });
  byId('sign-out').addEventListener('click', () => void signOut());
  renderStatus('signed-out');
  const saved = tokenStore.load();
  if (saved) void signIn(saved);
  else showLogin();
}

boot();
