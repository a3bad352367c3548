// Waiting for the server's outbox to talk to Stripe: a payment or a card setup answers
// "creating" at once and becomes "open" (or settles) a moment later, so the page reads it
// again until it is what the page waits for. The waits grow (a slow provider is not asked
// every 300 ms for a minute), a dropped connection is waited out like a slow answer, and
// anything else the server refuses ends the wait at once.
import { NETWORK_ERROR, type ApiError } from '../api/errors';

export interface PollOptions {
  /** The first wait between reads (ms). */
  firstMs?: number;
  /** The longest wait between reads (ms). */
  maxMs?: number;
  /** Give up after this long (ms): PollTimeout. */
  timeoutMs?: number;
  signal?: AbortSignal;
  /** For tests: the clock and the wait. */
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

/** The wait ran out: the server has not settled it yet (it may still). */
export class PollTimeout extends Error {
  constructor() {
    super('This is taking longer than it should. Your payment is safe: check your order in a minute.');
    this.name = 'PollTimeout';
  }
}

const realSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** The waits between reads: first, ×1.5 each time, at most max. */
export function nextWait(prev: number | null, o: PollOptions = {}): number {
  const first = o.firstMs ?? 400;
  const max = o.maxMs ?? 2500;
  return prev === null ? first : Math.min(max, Math.round(prev * 1.5));
}

/**
 * Read with `read()` until `done(value)`; the value that was done. A network failure (the
 * client's NETWORK_ERROR) is read again; any other error is thrown; aborting throws an
 * AbortError; past `timeoutMs` (default 90 s) a PollTimeout.
 */
export async function pollUntil<T>(read: () => Promise<T>, done: (v: T) => boolean, o: PollOptions = {}): Promise<T> {
  const now = o.now ?? Date.now;
  const sleep = o.sleep ?? realSleep;
  const end = now() + (o.timeoutMs ?? 90_000);
  let wait: number | null = null;
  for (;;) {
    if (o.signal?.aborted) throw new DOMException('Aborted', 'AbortError');
    try {
      const v = await read();
      if (done(v)) return v;
    } catch (e) {
      if ((e as ApiError | null)?.code !== NETWORK_ERROR) throw e;
    }
    wait = nextWait(wait, o);
    if (now() + wait > end) throw new PollTimeout();
    await sleep(wait);
  }
}
