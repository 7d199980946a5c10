'use client';

import { useCallback, useMemo } from 'react';
import type { ApiErrorBody } from '@/lib/apiTypes';
import { SHARE_HEADER, type ShareContextValue, useShare } from './shareContext';

/** An API failure: the `{error: {code, message, status}}` body as an Error. */
export class ApiError extends Error {
  readonly code: string;
  readonly status: number;
  constructor(code: string, message: string, status: number) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.status = status;
  }
}

export function isNotFound(error: unknown): boolean {
  return error instanceof ApiError && error.status === 404;
}

export type QueryParams = Record<string, string | number | boolean | null | undefined>;

/** `/api` + path + query string; empty and null parameters are left out. */
export function buildApiUrl(path: string, params?: QueryParams): string {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(params ?? {})) {
    if (v === undefined || v === null || v === '') continue;
    search.set(k, String(v));
  }
  const qs = search.toString();
  return `/api${path.startsWith('/') ? path : `/${path}`}${qs ? `?${qs}` : ''}`;
}

/**
 * The read token prompt (issue 6, "Read access"). When the server has EDGEPERF_READ_TOKEN and the
 * browser has no session cookie yet, an API read answers 401 READ_TOKEN_REQUIRED: the call waits
 * here while components/share/ReadTokenPrompt (mounted by the app header) asks for the token and
 * POSTs it to /api/session, which sets the HttpOnly cookie; then every waiting call is retried.
 */
type Waiter = { resolve: () => void; reject: (e: unknown) => void };
const readTokenWaiters = new Set<Waiter>();
const readTokenListeners = new Set<() => void>();
let readTokenWanted = false;

function setReadTokenWanted(next: boolean) {
  if (readTokenWanted === next) return;
  readTokenWanted = next;
  for (const l of readTokenListeners) l();
}

export const readTokenGate = {
  subscribe(listener: () => void): () => void {
    readTokenListeners.add(listener);
    return () => readTokenListeners.delete(listener);
  },
  /** True while a call waits for the read token (the prompt is open). */
  isWanted(): boolean {
    return readTokenWanted;
  },
  /** Resolves when the session holds the token; rejects when `signal` aborts. */
  wait(signal?: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        resolve,
        reject,
      };
      readTokenWaiters.add(waiter);
      setReadTokenWanted(true);
      signal?.addEventListener(
        'abort',
        () => {
          readTokenWaiters.delete(waiter);
          if (readTokenWaiters.size === 0) setReadTokenWanted(false);
          reject(new DOMException('Aborted', 'AbortError'));
        },
        { once: true },
      );
    });
  },
  /** The cookie is set: retry every waiting call. */
  granted(): void {
    const waiters = [...readTokenWaiters];
    readTokenWaiters.clear();
    setReadTokenWanted(false);
    for (const w of waiters) w.resolve();
  },
};

export interface RequestOptions {
  signal?: AbortSignal;
  /** Sent as `Authorization: Bearer <token>`: the write token for shares, uploads, edits. */
  token?: string | null;
  /** The share link the call is made through (header x-edgeperf-share). */
  share?: ShareContextValue | null;
}

async function send(method: string, url: string, body: unknown, opts: RequestOptions) {
  try {
    return await fetch(url, {
      method,
      signal: opts.signal,
      // The read token (when the server wants one) travels in its HttpOnly cookie.
      credentials: 'same-origin',
      // The answer depends on the share header and the cookie, which the browser's HTTP cache
      // does not key on (a 410 is cacheable by default): TanStack Query is the only cache.
      cache: 'no-store',
      headers: {
        accept: 'application/json',
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
        ...(opts.share ? { [SHARE_HEADER]: opts.share.slug } : {}),
      },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new ApiError('NETWORK', 'The server could not be reached.', 0);
  }
}

export async function request<T>(
  method: string,
  url: string,
  body?: unknown,
  opts: RequestOptions = {},
): Promise<T> {
  let res = await send(method, url, body, opts);
  for (;;) {
    const text = await res.text();
    let json: unknown = null;
    if (text) {
      try {
        json = JSON.parse(text);
      } catch {
        if (res.ok)
          throw new ApiError(
            'BAD_RESPONSE',
            'The server sent a response that is not JSON.',
            res.status,
          );
      }
    }
    if (res.ok) return json as T;
    const err = (json as Partial<ApiErrorBody> | null)?.error;
    const error = new ApiError(
      err?.code ?? `HTTP_${res.status}`,
      err?.message ?? (res.statusText || `Request failed with status ${res.status}`),
      err?.status ?? res.status,
    );
    if (error.code === 'READ_TOKEN_REQUIRED' && !opts.share) {
      // Ask for the token, then try again (as many times as it takes a right one).
      await readTokenGate.wait(opts.signal);
      res = await send(method, url, body, opts);
      continue;
    }
    if (opts.share && (error.code === 'SHARE_GONE' || error.code === 'SHARE_NOT_FOUND')) {
      // access.ts says "this share link was expired" or "… was revoked".
      opts.share.reportGone(
        error.code === 'SHARE_NOT_FOUND'
          ? 'unknown'
          : /revoked/i.test(error.message)
            ? 'revoked'
            : 'expired',
      );
    }
    throw error;
  }
}

/**
 * The only caller of fetch in the UI (STYLE.md, "Hooks and views"). Inside a shared view
 * (/share/<slug>/…) every call carries the share header.
 */
export function useApi() {
  const share = useShare();
  const get = useCallback(
    <T>(path: string, params?: QueryParams, signal?: AbortSignal) =>
      request<T>('GET', buildApiUrl(path, params), undefined, { signal, share }),
    [share],
  );
  const post = useCallback(
    <T>(path: string, body?: unknown, opts: { token?: string | null } = {}) =>
      request<T>('POST', buildApiUrl(path), body, { share, token: opts.token }),
    [share],
  );
  const patch = useCallback(
    <T>(path: string, body?: unknown, opts: { token?: string | null } = {}) =>
      request<T>('PATCH', buildApiUrl(path), body, { share, token: opts.token }),
    [share],
  );
  const del = useCallback(
    <T>(path: string, opts: { token?: string | null } = {}) =>
      request<T>('DELETE', buildApiUrl(path), undefined, { share, token: opts.token }),
    [share],
  );
  return useMemo(() => ({ get, post, patch, del }), [get, post, patch, del]);
}
