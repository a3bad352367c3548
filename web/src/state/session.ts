// The signed-in session: user and token pair, kept in localStorage so a reload or a
// second tab stays signed in. Refresh tokens rotate on every use (docs/api.md
// "Sessions"): the pair is replaced as a whole and written back at once, and a tab picks
// up a pair another tab rotated (storage event) instead of presenting a spent token,
// which the server would treat as reuse and answer by revoking the whole family.
import { createStore, useStore } from '../lib/store';
import type { Session, User } from '../api/types';

const KEY = 'blytz.session';

export interface SessionState {
  user: User;
  access_token: string;
  refresh_token: string;
}

function load(): SessionState | null {
  try {
    const raw = localStorage.getItem(KEY);
    if (!raw) return null;
    const s = JSON.parse(raw) as SessionState;
    return s && s.access_token && s.refresh_token && s.user ? s : null;
  } catch {
    return null;
  }
}

export const session = createStore<SessionState | null>(load());

session.subscribe((s) => {
  try {
    if (s) localStorage.setItem(KEY, JSON.stringify(s));
    else localStorage.removeItem(KEY);
  } catch {
    /* private mode or full storage: the session lives in memory only */
  }
});

if (typeof window !== 'undefined') {
  window.addEventListener('storage', (e) => {
    if (e.key === KEY) session.set(load());
  });
}

export function signedIn(s: Session): void {
  session.set({ user: s.user, access_token: s.access_token, refresh_token: s.refresh_token });
}

export function tokensRotated(s: Session): void {
  const cur = session.get();
  session.set({ user: s.user ?? cur?.user, access_token: s.access_token, refresh_token: s.refresh_token });
}

export function userChanged(user: User): void {
  const cur = session.get();
  if (cur) session.set({ ...cur, user });
}

export function signedOut(): void {
  session.set(null);
}

/** The freshest stored pair (another tab may have rotated it since this one last looked). */
export function reloadSession(): SessionState | null {
  const fromDisk = load();
  if (fromDisk && fromDisk.refresh_token !== session.get()?.refresh_token) session.set(fromDisk);
  return session.get();
}

/** Seconds until the access token's `exp`, or 0 when it cannot be read. */
export function accessTokenTtl(token: string): number {
  try {
    const payload = JSON.parse(atob(token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')));
    return typeof payload.exp === 'number' ? payload.exp - Date.now() / 1000 : 0;
  } catch {
    return 0;
  }
}

export function useSession(): SessionState | null {
  return useStore(session);
}
