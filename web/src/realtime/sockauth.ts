// Keeping the socket's sign-in fresh without reconnecting (docs/realtime.md "Auth").
//
// The server checks a signed-in socket's token before every event that acts as the user:
// once it has expired the event answers `token_expired`, once its session is revoked
// `unauthorized`. So the socket hands the server a fresh access token (`auth:refresh`)
// shortly before the one it signed in with expires, and, should an action be refused anyway
// (a tab asleep past the expiry), renews at once and tries that action one more time. A
// refused action did nothing on the server, so trying it again cannot double a bid.
//
// When renewing fails (the session ended, or the tab signed in as someone else) the socket
// reconnects: it then signs in with whatever the tab holds, or as nobody.
//
// Everything it touches comes in through SocketAuthDeps, so the logic is tested without a
// browser or a server (web/test/sockauth.test.mjs).

export interface AckError {
  code: string;
  message: string;
  details?: Record<string, unknown>;
}

export interface AnyAck {
  ok: boolean;
  error?: AckError;
  expires_at?: string;
  [key: string]: unknown;
}

export interface SocketAuthDeps {
  /** Emit with an ack (the app's timeout); rejects when no answer comes. */
  emit(event: string, payload: unknown): Promise<AnyAck>;
  /** The freshest access token the tab holds (refreshed if about to expire); null when signed out. */
  token(): Promise<string | null>;
  /** Rotate the token pair over REST; true when a new pair is in place. */
  refresh(): Promise<boolean>;
  /** When `token` expires, in ms since the epoch (0 when it cannot be read). */
  expiresAt(token: string): number;
  /** Drop the connection and connect again (signing in afresh, or anonymously). */
  reconnect(): void;
  now(): number;
  setTimer(fn: () => void, ms: number): unknown;
  clearTimer(timer: unknown): void;
}

/** Acks that mean "your sign-in lapsed", not "this action is wrong". */
const LAPSED = new Set(['token_expired', 'unauthorized']);

/** Renew this long before expiry: a fifth of what is left, between 2 s and a minute. */
function margin(left: number): number {
  return Math.min(60_000, Math.max(2_000, left / 5));
}

export class SocketAuth {
  private expiresAt = 0; // of the token the socket holds; 0 = anonymous (or disconnected)
  private timer: unknown = null;
  private renewing: Promise<boolean> | null = null;

  constructor(private readonly d: SocketAuthDeps) {}

  /** The socket connected, signed in with `token` (null: anonymously). */
  connected(token: string | null): void {
    this.expiresAt = token ? this.d.expiresAt(token) : 0;
    this.schedule();
  }

  disconnected(): void {
    this.expiresAt = 0;
    this.schedule();
  }

  /** Whether the socket is signed in (as far as this side knows). */
  get signedIn(): boolean {
    return this.expiresAt > 0;
  }

  private schedule(): void {
    if (this.timer !== null) this.d.clearTimer(this.timer);
    this.timer = null;
    if (!this.expiresAt) return;
    const left = this.expiresAt - this.d.now();
    this.timer = this.d.setTimer(() => {
      this.timer = null;
      void this.renew();
    }, Math.max(0, left - margin(left)));
  }

  /** Hand the server a fresh token; concurrent callers share one attempt. */
  renew(): Promise<boolean> {
    this.renewing ??= this.doRenew().finally(() => {
      this.renewing = null;
    });
    return this.renewing;
  }

  private async doRenew(): Promise<boolean> {
    if (!this.expiresAt) return false;
    let token = await this.d.token().catch(() => null);
    if (token && this.d.expiresAt(token) <= this.expiresAt) {
      // The tab holds nothing newer than the socket: rotate the pair first.
      const rotated = await this.d.refresh().catch(() => false);
      token = rotated ? await this.d.token().catch(() => null) : null;
    }
    if (!token) {
      this.d.reconnect(); // signed out meanwhile: the socket carries on anonymously
      return false;
    }
    let ack: AnyAck;
    try {
      ack = await this.d.emit('auth:refresh', { token });
    } catch {
      return false; // no answer: the connection is in trouble, and a reconnect signs in afresh
    }
    if (ack.ok) {
      this.expiresAt = Date.parse(ack.expires_at ?? '') || this.d.expiresAt(token);
      this.schedule();
      return true;
    }
    this.d.reconnect(); // the session ended, or the token is another user's: start over
    return false;
  }

  /** Emit an event that acts as the user. Refused because the sign-in lapsed: renew, try once more. */
  async emit<T extends AnyAck>(event: string, payload: unknown): Promise<T> {
    const ack = (await this.d.emit(event, payload)) as T;
    if (!ack.ok && LAPSED.has(ack.error?.code ?? '') && this.signedIn && (await this.renew())) {
      return (await this.d.emit(event, payload)) as T;
    }
    return ack;
  }
}
