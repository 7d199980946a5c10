'use client';

import { useCallback, useSyncExternalStore } from 'react';

/** Where the upload page keeps the write token: this browser only (localStorage). */
export const TOKEN_KEY = 'edgeperf.writeToken';
const EVENT = 'edgeperf:write-token';
/** Fallback when localStorage refuses (private mode, policy): kept for this visit only. */
let memory: string | null = null;

function read(): string | null {
  try {
    return window.localStorage.getItem(TOKEN_KEY) || null;
  } catch {
    return memory;
  }
}

function subscribe(onChange: () => void): () => void {
  const onStorage = (e: StorageEvent) => {
    if (e.key === TOKEN_KEY || e.key === null) onChange();
  };
  window.addEventListener('storage', onStorage); // other tabs
  window.addEventListener(EVENT, onChange); // this tab
  return () => {
    window.removeEventListener('storage', onStorage);
    window.removeEventListener(EVENT, onChange);
  };
}

/**
 * The write token: `[token, setToken, ready]`. `ready` is false during the server render and
 * the first client render (no localStorage there), so the page does not flash "no token".
 */
export function useWriteToken(): [string | null, (token: string | null) => void, boolean] {
  const token = useSyncExternalStore(subscribe, read, () => null);
  const ready = useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
  const setToken = useCallback((next: string | null) => {
    memory = next;
    try {
      if (next) window.localStorage.setItem(TOKEN_KEY, next);
      else window.localStorage.removeItem(TOKEN_KEY);
    } catch {
      // Not persisted: `memory` keeps it for this visit.
    }
    window.dispatchEvent(new Event(EVENT));
  }, []);
  return [token, setToken, ready];
}
