// One Socket.IO connection for the whole app (the official socket.io-client). The
// handshake carries the access token, read fresh on every (re)connect, so a reconnect
// after the token expired presents a refreshed one. While connected, SocketAuth hands the
// server a fresh token before the socket's expires (`auth:refresh`), and events that act as
// the user go through emitAsUser, which renews and retries once if the server refused them
// because the sign-in lapsed. When the session changes the socket reconnects as the new
// user. Connection-state recovery is the server's (docs/realtime.md): the client keeps its
// session id and last offset, and `socket.recovered` says whether the server replayed what
// was missed; the show room re-syncs over REST either way.
import { io, type Socket } from 'socket.io-client';
import { freshAccessToken, refreshTokens } from '../api/client';
import { accessTokenTtl, session } from '../state/session';
import { createStore } from '../lib/store';
import { SocketAuth, type AnyAck } from './sockauth';

export type ConnState = 'connecting' | 'online' | 'offline';
export const connState = createStore<ConnState>('connecting');

let socket: Socket | null = null;
let sockAuth: SocketAuth | null = null;
let userId: string | null = session.get()?.user.id ?? null;
const ACK_TIMEOUT_MS = 8000;

export function getSocket(): Socket {
  if (socket) return socket;
  let presented: string | null = null; // the token of the latest handshake
  const s = io({
    path: '/socket.io/',
    auth: (cb) => {
      freshAccessToken()
        .catch(() => null)
        .then((token) => {
          presented = token;
          cb(token ? { token } : {});
        });
    },
    reconnectionDelay: 300,
    reconnectionDelayMax: 3000,
    timeout: 8000,
  });
  const auth = new SocketAuth({
    emit: (event, payload) => s.timeout(ACK_TIMEOUT_MS).emitWithAck(event, payload) as Promise<AnyAck>,
    token: () => freshAccessToken(),
    refresh: () => refreshTokens(),
    expiresAt: (token) => Date.now() + accessTokenTtl(token) * 1000,
    reconnect: () => {
      s.disconnect();
      s.connect();
    },
    now: () => Date.now(),
    setTimer: (fn, ms) => setTimeout(fn, ms),
    clearTimer: (t) => clearTimeout(t as ReturnType<typeof setTimeout>),
  });
  s.on('connect', () => {
    connState.set('online');
    auth.connected(presented);
  });
  s.on('disconnect', () => {
    connState.set('offline');
    auth.disconnected();
  });
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
  sockAuth = auth;
  return s;
}

/**
 * Emit an event that acts as the signed-in user (join, chat, bid) and wait for its ack. If
 * the server refused it because the socket's token expired or its session ended, the
 * socket is handed a fresh token and the event sent once more. Rejects on no answer.
 */
export function emitAsUser<T extends AnyAck>(event: string, payload: unknown): Promise<T> {
  getSocket();
  return (sockAuth as SocketAuth).emit<T>(event, payload);
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
