'use client';

import { usePathname } from 'next/navigation';
import { useEffect, useId, useRef, useState } from 'react';
import { ApiError, useApi } from '@/components/hooks/useApi';
import { useReadOnly } from '@/components/hooks/shareContext';
import { useWriteToken } from '@/components/upload/useWriteToken';
import { Segmented } from '@/components/ui/Segmented';

/** Expiry choices: days from now, or never. */
const EXPIRY = [
  { value: 'never', label: 'Never', days: null },
  { value: '1', label: '1 day', days: 1 },
  { value: '7', label: '7 days', days: 7 },
  { value: '30', label: '30 days', days: 30 },
] as const;
type Expiry = (typeof EXPIRY)[number]['value'];

interface CreatedShare {
  slug: string;
  url: string;
  runs?: string[];
  expiresAt?: string | null;
}

type State =
  | { kind: 'idle' }
  | { kind: 'creating' }
  | { kind: 'created'; share: CreatedShare; view: string }
  | { kind: 'revoking'; share: CreatedShare; view: string }
  | { kind: 'revoked'; share: CreatedShare };

/** The view the page shows now: path and query, which is all a share link stores. */
function currentView(): string {
  return `${window.location.pathname}${window.location.search}`;
}

function errorText(e: unknown): string {
  if (e instanceof ApiError) {
    if (e.code === 'UNAUTHORIZED') return 'The server refused this write token.';
    return e.message;
  }
  return e instanceof Error ? e.message : String(e);
}

function formatExpiry(iso: string | null | undefined): string {
  if (!iso) return 'Never expires';
  const d = new Date(iso);
  return `Expires ${d.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' })}`;
}

/**
 * "Share": saves the current view (`location.pathname + location.search`, or `view`) as a
 * read-only link /r/<slug> (POST /api/shares with the write token), shows the absolute link with
 * Copy, and Revoke (DELETE /api/shares/:slug). Hidden inside a shared view. Drop it in any page
 * header: `<ShareButton />`.
 */
export function ShareButton({ view, className = '' }: { view?: string; className?: string }) {
  const readOnly = useReadOnly();
  const pathname = usePathname();
  const { post, del } = useApi();
  const [token, setToken, tokenReady] = useWriteToken();
  const [open, setOpen] = useState(false);
  const [expiry, setExpiry] = useState<Expiry>('never');
  const [state, setState] = useState<State>({ kind: 'idle' });
  const [error, setError] = useState<string | null>(null);
  const [tokenDraft, setTokenDraft] = useState('');
  const [editToken, setEditToken] = useState(false);
  const [copied, setCopied] = useState(false);
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const linkRef = useRef<HTMLInputElement>(null);
  const tokenRef = useRef<HTMLInputElement>(null);
  const dialogId = useId();

  // A link belongs to the view it was made for: a new page starts afresh.
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset when the page changes
  useEffect(() => {
    setState({ kind: 'idle' });
    setError(null);
    setOpen(false);
  }, [pathname]);

  // Close on Escape and on a click outside.
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      setOpen(false);
      buttonRef.current?.focus();
    };
    const onDown = (e: PointerEvent) => {
      if (rootRef.current && !rootRef.current.contains(e.target as Node)) setOpen(false);
    };
    window.addEventListener('keydown', onKey);
    window.addEventListener('pointerdown', onDown);
    return () => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('pointerdown', onDown);
    };
  }, [open]);

  const needToken = tokenReady && (!token || editToken);
  useEffect(() => {
    if (open && needToken) tokenRef.current?.focus();
  }, [open, needToken]);
  useEffect(() => {
    if (state.kind === 'created') linkRef.current?.select();
  }, [state.kind]);

  if (readOnly) return null;

  const absolute = (url: string) => new URL(url, window.location.origin).toString();

  const create = async (e: React.FormEvent) => {
    e.preventDefault();
    let useToken = token;
    if (needToken) {
      const t = tokenDraft.trim();
      if (!t) {
        setError('Enter the write token: sharing saves a link on the server.');
        return;
      }
      useToken = t;
    }
    const days = EXPIRY.find((x) => x.value === expiry)?.days ?? null;
    const expiresAt = days ? new Date(Date.now() + days * 86_400_000).toISOString() : null;
    const v = view ?? currentView();
    setState({ kind: 'creating' });
    setError(null);
    try {
      const share = await post<CreatedShare>(
        '/shares',
        { view: v, expiresAt },
        { token: useToken },
      );
      if (needToken && useToken) {
        setToken(useToken);
        setTokenDraft('');
        setEditToken(false);
      }
      setState({ kind: 'created', share, view: v });
    } catch (err) {
      if (err instanceof ApiError && err.code === 'UNAUTHORIZED') setEditToken(true);
      setError(errorText(err));
      setState({ kind: 'idle' });
    }
  };

  const revoke = async () => {
    if (state.kind !== 'created') return;
    const { share, view: v } = state;
    setState({ kind: 'revoking', share, view: v });
    setError(null);
    try {
      await del(`/shares/${encodeURIComponent(share.slug)}`, { token });
      setState({ kind: 'revoked', share });
    } catch (err) {
      if (err instanceof ApiError && err.code === 'UNAUTHORIZED') setEditToken(true);
      setError(errorText(err));
      setState({ kind: 'created', share, view: v });
    }
  };

  const copy = async () => {
    if (state.kind !== 'created') return;
    const text = absolute(state.share.url);
    try {
      await navigator.clipboard.writeText(text);
    } catch {
      // No clipboard API (plain http on another host): select the text for Ctrl+C.
      linkRef.current?.select();
      document.execCommand?.('copy');
    }
    setCopied(true);
    setTimeout(() => setCopied(false), 1800);
  };

  const share = state.kind === 'created' || state.kind === 'revoking' ? state.share : null;

  return (
    <div ref={rootRef} className={`no-print relative ${className}`}>
      <button
        ref={buttonRef}
        type="button"
        onClick={() => setOpen((o) => !o)}
        aria-expanded={open}
        aria-controls={open ? dialogId : undefined}
        data-testid="share-button"
        title="Share this view: a read-only link"
        className="inline-flex h-8 items-center gap-1.5 rounded-md border border-border bg-surface px-2 text-[13px] font-medium text-fg shadow-[0_1px_2px_rgba(16,24,40,0.04)] transition-colors hover:bg-surface-2 sm:px-2.5"
      >
        <ShareIcon />
        {/* Icon only on phones, where the header is narrow. */}
        <span className="sr-only sm:not-sr-only">Share</span>
      </button>

      {open && (
        <div
          id={dialogId}
          role="dialog"
          aria-label="Share this view"
          data-testid="share-dialog"
          className="fixed inset-x-2 top-16 z-40 rounded-lg border border-border bg-surface p-4 text-[13px] shadow-xl sm:absolute sm:inset-x-auto sm:top-full sm:right-0 sm:mt-2 sm:w-[380px]"
        >
          <div className="flex items-start justify-between gap-3">
            <div>
              <h2 className="text-sm font-semibold">Share this view</h2>
              <p className="mt-0.5 text-xs text-muted">
                Anyone with the link sees this view read-only, with only the runs it shows now. No
                token needed to open it.
              </p>
            </div>
            <button
              type="button"
              onClick={() => {
                setOpen(false);
                buttonRef.current?.focus();
              }}
              aria-label="Close"
              className="-mt-1 -mr-1 rounded-md p-1 text-muted hover:bg-surface-2 hover:text-fg"
            >
              <svg viewBox="0 0 16 16" className="h-4 w-4" aria-hidden="true">
                <path
                  d="m4 4 8 8m0-8-8 8"
                  stroke="currentColor"
                  strokeWidth="1.5"
                  strokeLinecap="round"
                />
              </svg>
            </button>
          </div>

          {share ? (
            <div className="mt-3 space-y-3">
              <label className="block">
                <span className="mb-1 block text-xs font-medium text-muted">Link</span>
                <span className="flex gap-1.5">
                  <input
                    ref={linkRef}
                    readOnly
                    value={absolute(share.url)}
                    onFocus={(e) => e.currentTarget.select()}
                    data-testid="share-link"
                    className="h-8 min-w-0 flex-1 rounded-md border border-border bg-surface-2 px-2 font-mono text-[12px] text-fg focus:border-accent focus:outline-none"
                  />
                  <button
                    type="button"
                    onClick={() => void copy()}
                    data-testid="share-copy"
                    className="h-8 shrink-0 rounded-md bg-accent px-3 text-[13px] font-medium text-accent-fg hover:bg-accent-hover"
                  >
                    {copied ? 'Copied' : 'Copy'}
                  </button>
                </span>
              </label>
              <p className="text-xs text-muted">
                {formatExpiry(share.expiresAt)}
                {share.runs
                  ? ` · covers ${share.runs.length} run${share.runs.length === 1 ? '' : 's'}`
                  : ''}
              </p>
              <div className="flex items-center justify-between gap-2 border-t border-border pt-3">
                <a
                  href={share.url}
                  target="_blank"
                  rel="noopener"
                  className="text-xs font-medium text-accent hover:underline"
                >
                  Open the link ↗
                </a>
                <button
                  type="button"
                  onClick={() => void revoke()}
                  disabled={state.kind === 'revoking'}
                  data-testid="share-revoke"
                  className="rounded-md border border-border px-2.5 py-1 text-xs font-medium text-bad hover:bg-bad-soft disabled:opacity-60"
                >
                  {state.kind === 'revoking' ? 'Revoking…' : 'Revoke link'}
                </button>
              </div>
            </div>
          ) : state.kind === 'revoked' ? (
            <div className="mt-3 space-y-3">
              <p
                role="status"
                className="rounded-md bg-surface-2 px-2.5 py-2 text-[13px] text-muted"
                data-testid="share-revoked"
              >
                Link revoked: <span className="font-mono text-[12px]">{state.share.url}</span> now
                answers “revoked” to anyone who opens it.
              </p>
              <button
                type="button"
                onClick={() => setState({ kind: 'idle' })}
                className="text-xs font-medium text-accent hover:underline"
              >
                Create a new link
              </button>
            </div>
          ) : (
            <form onSubmit={(e) => void create(e)} className="mt-3 space-y-3">
              {needToken && (
                <label className="block">
                  <span className="mb-1 block text-xs font-medium text-muted">Write token</span>
                  <input
                    ref={tokenRef}
                    type="password"
                    autoComplete="off"
                    value={tokenDraft}
                    onChange={(e) => setTokenDraft(e.target.value)}
                    placeholder="EDGEPERF_TOKEN, or the one printed at first start"
                    data-testid="share-token"
                    className="h-8 w-full rounded-md border border-border bg-surface px-2 font-mono text-[12px] placeholder:font-sans placeholder:text-faint focus:border-accent focus:outline-none"
                  />
                  <span className="mt-1 block text-[11px] text-faint">
                    Kept in this browser, as on the Upload page.
                  </span>
                </label>
              )}
              <div className="flex flex-wrap items-center justify-between gap-2">
                <span className="text-xs font-medium text-muted">Expires</span>
                <Segmented
                  label="Link expiry"
                  size="xs"
                  value={expiry}
                  onChange={setExpiry}
                  options={EXPIRY.map((x) => ({ value: x.value, label: x.label }))}
                />
              </div>
              {error && (
                <p role="alert" className="rounded-md bg-bad-soft px-2.5 py-1.5 text-xs text-bad">
                  {error}
                </p>
              )}
              <div className="flex items-center justify-between gap-2">
                {token && !needToken ? (
                  <button
                    type="button"
                    onClick={() => setEditToken(true)}
                    className="text-[11px] text-faint hover:text-fg"
                    title="Use another write token"
                  >
                    token ••••{token.slice(-4)}
                  </button>
                ) : (
                  <span />
                )}
                <button
                  type="submit"
                  disabled={state.kind === 'creating' || !tokenReady}
                  data-testid="share-create"
                  className="h-8 rounded-md bg-accent px-3 text-[13px] font-medium text-accent-fg hover:bg-accent-hover disabled:opacity-60"
                >
                  {state.kind === 'creating' ? 'Creating…' : 'Create link'}
                </button>
              </div>
            </form>
          )}
          {share && error && (
            <p role="alert" className="mt-2 rounded-md bg-bad-soft px-2.5 py-1.5 text-xs text-bad">
              {error}
            </p>
          )}
        </div>
      )}
    </div>
  );
}

function ShareIcon() {
  return (
    <svg viewBox="0 0 16 16" aria-hidden="true" className="h-3.5 w-3.5">
      <circle cx="12" cy="3.5" r="1.8" fill="none" stroke="currentColor" strokeWidth="1.3" />
      <circle cx="4" cy="8" r="1.8" fill="none" stroke="currentColor" strokeWidth="1.3" />
      <circle cx="12" cy="12.5" r="1.8" fill="none" stroke="currentColor" strokeWidth="1.3" />
      <path d="m5.6 7.1 4.8-2.7m-4.8 4.5 4.8 2.7" stroke="currentColor" strokeWidth="1.3" />
    </svg>
  );
}
