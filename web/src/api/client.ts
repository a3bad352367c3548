// The REST client: JSON in and out, the API's error shape turned into ApiError, bearer
// tokens, and the refresh flow. A 401 on an authenticated call refreshes the token pair
// once (single-flight: concurrent 401s share one refresh, since a refresh token is
// single-use) and retries; if the refresh itself is refused the session ends.
import type { ApiErrorBody, Session } from './types';
import { ApiError, NETWORK_ERROR } from './errors';
import { accessTokenTtl, reloadSession, session, signedOut, tokensRotated } from '../state/session';

export const API = '/api/v1';

export type Query = Record<string, string | number | boolean | null | undefined>;

export function withQuery(path: string, q?: Query): string {
  if (!q) return path;
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v !== undefined && v !== null && v !== '') p.set(k, String(v));
  const s = p.toString();
  return s ? `${path}?${s}` : path;
}

interface Options {
  body?: unknown;
  query?: Query;
  /** Send the bearer token (default: when signed in). */
  auth?: boolean;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

let refreshing: Promise<boolean> | null = null;

/** Rotate the token pair; true when a new pair is in place. Concurrent callers share one attempt. */
export function refreshTokens(): Promise<boolean> {
  refreshing ??= doRefresh().finally(() => {
    refreshing = null;
  });
  return refreshing;
}

async function doRefresh(): Promise<boolean> {
  const s = reloadSession();
  if (!s) return false;
  let res: Response;
  try {
    res = await fetch(`${API}/auth/refresh`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ refresh_token: s.refresh_token }),
    });
  } catch {
    return false; // offline: keep the session, the next call will try again
  }
  if (res.ok) {
    tokensRotated((await res.json()) as Session);
    return true;
  }
  // A pair rotated by another tab meanwhile is not a reason to sign out.
  if (reloadSession()?.refresh_token !== s.refresh_token) return true;
  if (res.status === 401 || res.status === 403) signedOut();
  return false;
}

/** The access token, refreshed first when it is about to expire. */
export async function freshAccessToken(): Promise<string | null> {
  const s = session.get();
  if (!s) return null;
  if (accessTokenTtl(s.access_token) < 20) await refreshTokens();
  return session.get()?.access_token ?? null;
}

async function send(method: string, path: string, o: Options, token: string | null): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/json', ...o.headers };
  let body: BodyInit | undefined;
  if (o.body instanceof FormData || o.body instanceof Blob) body = o.body;
  else if (o.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(o.body);
  }
  if (token) headers.authorization = `Bearer ${token}`;
  try {
    return await fetch(API + withQuery(path, o.query), { method, headers, body, signal: o.signal });
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new ApiError(0, NETWORK_ERROR, 'Network error');
  }
}

async function parse<T>(res: Response): Promise<T> {
  const text = await res.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  if (!res.ok) {
    const err = (json as { error?: ApiErrorBody } | undefined)?.error;
    throw new ApiError(res.status, err?.code ?? `http_${res.status}`, err?.message ?? `Request failed (${res.status})`, err?.details ?? {});
  }
  return json as T;
}

export async function request<T>(method: string, path: string, o: Options = {}): Promise<T> {
  const useAuth = o.auth ?? true;
  const token = useAuth ? await freshAccessToken() : null;
  let res = await send(method, path, o, token);
  if (res.status === 401 && token) {
    // A pair rotated meanwhile (another call's refresh finished first) is simply used: one
    // more rotation would spend a refresh token for nothing.
    const current = session.get()?.access_token ?? null;
    if ((current && current !== token) || (await refreshTokens())) {
      res = await send(method, path, o, session.get()?.access_token ?? null);
    }
  }
  return parse<T>(res);
}

export const get = <T>(path: string, query?: Query, o: Options = {}) => request<T>('GET', path, { ...o, query });
export const post = <T>(path: string, body?: unknown, o: Options = {}) => request<T>('POST', path, { ...o, body });
export const patch = <T>(path: string, body?: unknown) => request<T>('PATCH', path, { body });
export const put = <T>(path: string, body?: unknown) => request<T>('PUT', path, { body });
export const del = <T = void>(path: string) => request<T>('DELETE', path);

/** Upload one image file as multipart/form-data (part `image`, as the API expects). */
export function upload<T>(path: string, file: File | Blob, key?: string): Promise<T> {
  const form = new FormData();
  form.append('image', file, file instanceof File ? file.name : 'image');
  return request<T>('POST', path, { body: form, headers: key ? { 'idempotency-key': key } : {} });
}

/** An Idempotency-Key for one user action (a retry of the same action reuses it). */
export function idemKey(): string {
  return crypto.randomUUID?.() ?? `${Date.now()}-${Math.random().toString(36).slice(2)}`;
}
