// Small shared pieces: form fields with labels, errors, loading states, images, badges.
import type { ComponentChildren } from 'preact';
import { useEffect, useId, useState } from 'preact/hooks';
import type { ImageUrls } from '../api/types';
import { errorText } from '../api/errors';
import { serverNow } from '../realtime/clock';
import { navigate } from '../router';
import { useSession, type SessionState } from '../state/session';

interface InputProps {
  label: string;
  id?: string;
  placeholder?: string;
  maxLength?: number;
  pattern?: string;
  disabled?: boolean;
  hint?: string;
  error?: string | null;
  value?: string;
  onValue?: (v: string) => void;
  type?: string;
  name?: string;
  required?: boolean;
  min?: number | string;
  max?: number | string;
  step?: number | string;
  inputMode?: 'none' | 'text' | 'decimal' | 'numeric' | 'tel' | 'search' | 'email' | 'url';
  autoComplete?: string;
}

/** A labelled input; hint and error are tied to it with aria-describedby. */
export function Field({ label, hint, error, value, onValue, id, ...rest }: InputProps) {
  const auto = useId();
  const fid = id || auto;
  const described = [hint ? `${fid}-hint` : '', error ? `${fid}-err` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div class="field">
      <label for={fid}>{label}</label>
      <input
        id={fid}
        value={value}
        onInput={(e) => onValue?.((e.target as HTMLInputElement).value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={described}
        {...(rest as Record<string, unknown>)}
      />
      {hint && <p class="hint" id={`${fid}-hint`}>{hint}</p>}
      {error && <p class="field-error" id={`${fid}-err`}>{error}</p>}
    </div>
  );
}

export function TextArea({ label, value, onValue, hint, maxLength, rows = 3 }: { label: string; value: string; onValue: (v: string) => void; hint?: string; maxLength?: number; rows?: number }) {
  const id = useId();
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <textarea id={id} rows={rows} value={value} maxLength={maxLength} aria-describedby={hint ? `${id}-hint` : undefined} onInput={(e) => onValue((e.target as HTMLTextAreaElement).value)} />
      {hint && <p class="hint" id={`${id}-hint`}>{hint}</p>}
    </div>
  );
}

export function Select({ label, value, onValue, children, hint }: { label: string; value: string; onValue: (v: string) => void; children: ComponentChildren; hint?: string }) {
  const id = useId();
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <select id={id} value={value} aria-describedby={hint ? `${id}-hint` : undefined} onChange={(e) => onValue((e.target as HTMLSelectElement).value)}>
        {children}
      </select>
      {hint && <p class="hint" id={`${id}-hint`}>{hint}</p>}
    </div>
  );
}

export function ErrorBox({ error }: { error: unknown }) {
  if (!error) return null;
  return <p class="error-box" role="alert">{typeof error === 'string' ? error : errorText(error)}</p>;
}

export function Loading({ label = 'Loading…' }: { label?: string }) {
  return <p class="loading" role="status">{label}</p>;
}

export function Img({ urls, alt, size = 'medium', class: cls, eager }: { urls?: ImageUrls | null; alt: string; size?: keyof ImageUrls; class?: string; eager?: boolean }) {
  if (!urls) return <div class={`img placeholder ${cls ?? ''}`} role="img" aria-label={alt || 'No photo'}><span aria-hidden="true">⚡</span></div>;
  return <img class={`img ${cls ?? ''}`} src={urls[size]} alt={alt} loading={eager ? 'eager' : 'lazy'} decoding="async" width={600} height={600} />;
}

export function LiveBadge() {
  return <span class="badge live">Live</span>;
}

/** Set document.title for a page. */
export function useTitle(title: string | null | undefined): void {
  useEffect(() => {
    document.title = title ? `${title} · Blytz` : 'Blytz — live auctions in Malaysia';
  }, [title]);
}

/** Load data for a page: { data, error, loading, reload }. */
export function useLoad<T>(fn: () => Promise<T>, deps: unknown[]): { data: T | null; error: unknown; loading: boolean; reload: () => void } {
  const [state, setState] = useState<{ data: T | null; error: unknown; loading: boolean }>({ data: null, error: null, loading: true });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    setState((s) => ({ ...s, loading: true, error: null }));
    fn().then(
      (data) => live && setState({ data, error: null, loading: false }),
      (error) => live && setState({ data: null, error, loading: false }),
    );
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, tick]);
  return { ...state, reload: () => setTick((n) => n + 1) };
}

/** The server's time now (realtime/clock.ts), read again every `everyMs`: for deadlines. */
export function useNow(everyMs: number): number {
  const [now, setNow] = useState(serverNow);
  useEffect(() => {
    const t = setInterval(() => setNow(serverNow()), everyMs);
    return () => clearInterval(t);
  }, [everyMs]);
  return now;
}

/** The session of a page for signed-in people; without one, on to sign in (and back here). */
export function useSignedIn(): SessionState | null {
  const s = useSession();
  useEffect(() => {
    if (!s) navigate(`/signin?next=${encodeURIComponent(location.pathname + location.search)}`, { replace: true });
  }, [s]);
  return s;
}
