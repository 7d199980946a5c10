'use client';

import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { ApiError, readTokenGate, request } from '@/components/hooks/useApi';
import { LogoMark } from '@/components/layout/LogoMark';

/**
 * A full-page prompt for the read token (EDGEPERF_READ_TOKEN), shown while an API call waits on
 * 401 READ_TOKEN_REQUIRED (components/hooks/useApi.ts). The token goes once to POST /api/session,
 * which keeps it in an HttpOnly cookie; then the waiting calls are retried. Mounted by the app
 * header, so every page has it.
 */
export function ReadTokenPrompt() {
  const wanted = useSyncExternalStore(readTokenGate.subscribe, readTokenGate.isWanted, () => false);
  const [token, setToken] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (wanted) inputRef.current?.focus();
  }, [wanted]);

  if (!wanted) return null;

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    const t = token.trim();
    if (!t) return;
    setBusy(true);
    setError(null);
    try {
      await request('POST', '/api/session', { token: t });
      setToken('');
      readTokenGate.granted();
    } catch (err) {
      setError(
        err instanceof ApiError && err.status === 401
          ? 'This is not the read token of this server.'
          : err instanceof Error
            ? err.message
            : String(err),
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <div
      className="fixed inset-0 z-50 flex items-center justify-center bg-bg/95 px-4 backdrop-blur-sm"
      data-testid="read-token-prompt"
    >
      <form
        onSubmit={(e) => void submit(e)}
        aria-labelledby="read-token-title"
        className="w-full max-w-sm rounded-lg border border-border bg-surface p-6 shadow-xl"
      >
        <div className="flex items-center gap-2">
          <LogoMark />
          <span className="text-[15px] font-semibold tracking-tight">edgeperf</span>
        </div>
        <h1 id="read-token-title" className="mt-4 text-base font-semibold">
          This server needs its read token
        </h1>
        <p className="mt-1 text-[13px] text-muted">
          Results here are private. Enter the read token (
          <code className="font-mono text-[12px]">EDGEPERF_READ_TOKEN</code>) once; this browser
          keeps it in a cookie. Share links open without it.
        </p>
        <label className="mt-4 block">
          <span className="mb-1 block text-xs font-medium text-muted">Read token</span>
          <input
            ref={inputRef}
            type="password"
            autoComplete="current-password"
            value={token}
            onChange={(e) => setToken(e.target.value)}
            className="h-9 w-full rounded-md border border-border bg-surface px-2.5 font-mono text-[13px] focus:border-accent focus:outline-none"
          />
        </label>
        {error && (
          <p role="alert" className="mt-2 rounded-md bg-bad-soft px-2.5 py-1.5 text-xs text-bad">
            {error}
          </p>
        )}
        <button
          type="submit"
          disabled={busy || !token.trim()}
          className="mt-4 h-9 w-full rounded-md bg-accent text-[13px] font-medium text-accent-fg hover:bg-accent-hover disabled:opacity-60"
        >
          {busy ? 'Checking…' : 'Continue'}
        </button>
      </form>
    </div>
  );
}
