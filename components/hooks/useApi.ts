'use client';

import { useCallback, useMemo } from 'react';
import type { ApiErrorBody } from '@/lib/apiTypes';

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

async function request<T>(
  method: string,
  url: string,
  body?: unknown,
  signal?: AbortSignal,
): Promise<T> {
  let res: Response;
  try {
    res = await fetch(url, {
      method,
      signal,
      // The read token (when the server wants one) travels in its HttpOnly cookie.
      credentials: 'same-origin',
      headers: {
        accept: 'application/json',
        ...(body ? { 'content-type': 'application/json' } : {}),
      },
      body: body ? JSON.stringify(body) : undefined,
    });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new ApiError('NETWORK', 'The server could not be reached.', 0);
  }
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
  if (!res.ok) {
    const err = (json as Partial<ApiErrorBody> | null)?.error;
    throw new ApiError(
      err?.code ?? `HTTP_${res.status}`,
      err?.message ?? (res.statusText || `Request failed with status ${res.status}`),
      err?.status ?? res.status,
    );
  }
  return json as T;
}

/** The only caller of fetch in the UI (STYLE.md, "Hooks and views"). */
export function useApi() {
  const get = useCallback(
    <T>(path: string, params?: QueryParams, signal?: AbortSignal) =>
      request<T>('GET', buildApiUrl(path, params), undefined, signal),
    [],
  );
  const post = useCallback(
    <T>(path: string, body?: unknown) => request<T>('POST', buildApiUrl(path), body),
    [],
  );
  const del = useCallback(<T>(path: string) => request<T>('DELETE', buildApiUrl(path)), []);
  return useMemo(() => ({ get, post, del }), [get, post, del]);
}
