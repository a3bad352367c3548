// One Socket.IO connection for the whole app (the official socket.io-client). The
// handshake carries the access token, read fresh on every (re)connect, so a reconnect
// after the token expired presents a refreshed one. When the session changes the socket
// reconnects as the new user. Connection-state recovery is the server's (docs/realtime.md):
// the client keeps its session id and last offset, and `socket.recovered` says whether the
// server replayed what was missed; the show room re-syncs over REST either way.
import { io, type Socket } from 'socket.io-client';
import { freshAccessToken, refreshTokens } from '../api/client';
import { session } from '../state/session';
import { createStore } from '../lib/store';

export type ConnState = 'connecting' | 'online' | 'offline';
export const connState = createStore<ConnState>('connecting');

let socket: Socket | null = null;
let userId: string | null = session.get()?.user.id ?? null;

export function getSocket(): Socket {
  if (socket) return socket;
  const s = io({
    path: '/socket.io/',
    auth: (cb) => {
      freshAccessToken()
        .catch(() => null)
        .then((token) => cb(token ? { token } : {}));
    },
    reconnectionDelay: 300,
    reconnectionDelayMax: 3000,
    timeout: 8000,
  });
  s.on('connect', () => connState.set('online'));
  s.on('disconnect', () => connState.set('offline'));
  s.on('connect_error', async (err) => {
    connState.set('offline');
    // The server refuses a stale token at CONNECT with "unauthorized" and the client
    // then stops retrying on its own: refresh once and connect again (anonymously if
    // the session is gone).
    if (err.message === 'unauthorized') {
      await refreshTokens().catch(() => false);
      setTimeout(() => s.connect(), 300);
    }
  });
  socket = s;
  return s;
}

session.subscribe((s) => {
  const next = s?.user.id ?? null;
  if (next === userId) return;
  userId = next;
  if (socket) {
    socket.disconnect();
    socket.connect();
  }
});

declare global {
  interface Window {
    __blytz?: {
      socket: () => Socket;
      dropSocket: (holdMs?: number, opts?: { forgetRecovery?: boolean }) => Promise<void>;
    };
  }
}

/**
 * Test and diagnostics hook: cut the connection as a network failure would (the
 * transport closes, no Socket.IO DISCONNECT is sent, so the server keeps the session
 * for recovery), stay away `holdMs`, then reconnect. `forgetRecovery` drops the
 * session id first, so the server cannot replay: only the REST re-sync can fill the gap.
 */
window.__blytz = {
  socket: getSocket,
  async dropSocket(holdMs = 0, opts = {}) {
    const s = getSocket();
    const mgr = s.io;
    mgr.reconnection(false);
    if (opts.forgetRecovery) (s as unknown as { _pid?: string })._pid = undefined;
    mgr.engine?.close();
    await new Promise((r) => setTimeout(r, holdMs));
    mgr.reconnection(true);
    s.connect();
  },
};
