// The state of one button's work: busy while it runs, then what went wrong (in words from
// api/errors.ts, for the given context) or what it did.
import { useState } from 'preact/hooks';
import { errorText, type ErrorContext } from '../api/errors';

export interface Action {
  busy: boolean;
  err: string | null;
  ok: string | null;
  /** Run `fn`; a string it returns is the success message. */
  run(fn: () => Promise<string | void>): Promise<void>;
  /** Show a problem found before anything was sent. */
  fail(message: string): void;
  /** Forget the last outcome. */
  reset(): void;
}

export function useAction(context?: ErrorContext): Action {
  const [busy, setBusy] = useState(false);
  const [err, setErr] = useState<string | null>(null);
  const [ok, setOk] = useState<string | null>(null);
  return {
    busy,
    err,
    ok,
    async run(fn) {
      setBusy(true);
      setErr(null);
      setOk(null);
      try {
        const done = await fn();
        if (done) setOk(done);
      } catch (e) {
        setErr(errorText(e, context));
      } finally {
        setBusy(false);
      }
    },
    fail: setErr,
    reset() {
      setErr(null);
      setOk(null);
    },
  };
}
