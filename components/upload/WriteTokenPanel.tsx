'use client';

import { useEffect, useId, useRef, useState } from 'react';
import { Panel } from '@/components/ui/Panel';
import { Skeleton } from '@/components/ui/Skeleton';

/**
 * Asks for the write token once and keeps it in this browser. `refused` is set when the server
 * answered 401 with the saved token: the form opens again and says why.
 */
export function WriteTokenPanel({
  token,
  ready,
  onSave,
  refused,
}: {
  token: string | null;
  ready: boolean;
  onSave: (token: string | null) => void;
  refused: string | null;
}) {
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState('');
  const [show, setShow] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);
  const helpId = useId();
  const open = ready && (editing || !token || refused !== null);

  // A refusal opens the form and puts the cursor in it.
  useEffect(() => {
    if (refused) {
      setEditing(true);
      inputRef.current?.focus();
    }
  }, [refused]);

  const save = (e: React.FormEvent) => {
    e.preventDefault();
    const t = draft.trim();
    if (!t) return;
    onSave(t);
    setDraft('');
    setShow(false);
    setEditing(false);
  };

  return (
    <Panel
      title="Write token"
      subtitle="Uploads change the store, so the server asks for its write token."
      bodyClassName="p-4"
      className={refused ? 'border-bad' : ''}
    >
      <div data-testid="token-panel">
        {!ready ? (
          <Skeleton className="h-8 w-full" />
        ) : !open && token ? (
          <div className="flex flex-wrap items-center gap-2">
            <span className="inline-flex min-w-0 items-center gap-2 text-[13px]">
              <svg viewBox="0 0 20 20" className="h-4 w-4 shrink-0 text-good" aria-hidden="true">
                <path
                  d="m4.5 10.5 3.5 3.5 7.5-8"
                  fill="none"
                  stroke="currentColor"
                  strokeWidth="2"
                  strokeLinecap="round"
                  strokeLinejoin="round"
                />
              </svg>
              <span>
                Saved in this browser{' '}
                <code className="rounded bg-surface-2 px-1 font-mono text-[12px] text-muted">
                  ••••{token.slice(-4)}
                </code>
              </span>
            </span>
            <span className="ml-auto flex gap-1">
              <button
                type="button"
                onClick={() => setEditing(true)}
                className="rounded-md px-2 py-1 text-[13px] font-medium text-accent hover:bg-accent-soft"
              >
                Change
              </button>
              <button
                type="button"
                onClick={() => onSave(null)}
                className="rounded-md px-2 py-1 text-[13px] text-muted hover:bg-surface-2 hover:text-fg"
              >
                Forget
              </button>
            </span>
          </div>
        ) : (
          <form onSubmit={save} className="space-y-2">
            {refused && (
              <p role="alert" className="rounded-md bg-bad-soft px-2.5 py-1.5 text-[13px] text-bad">
                {refused}
              </p>
            )}
            <label className="block text-xs font-medium text-muted" htmlFor={`${helpId}-input`}>
              Token
            </label>
            <div className="flex gap-2">
              <div className="relative min-w-0 flex-1">
                <input
                  id={`${helpId}-input`}
                  ref={inputRef}
                  type={show ? 'text' : 'password'}
                  value={draft}
                  onChange={(e) => setDraft(e.target.value)}
                  autoComplete="off"
                  spellCheck={false}
                  aria-describedby={helpId}
                  placeholder="Paste the write token"
                  className="h-8 w-full rounded-md border border-border bg-surface pr-14 pl-2.5 font-mono text-[13px] placeholder:font-sans placeholder:text-faint focus:border-accent focus:outline-none"
                />
                <button
                  type="button"
                  onClick={() => setShow((s) => !s)}
                  aria-pressed={show}
                  className="absolute top-1/2 right-1 -translate-y-1/2 rounded px-1.5 py-0.5 text-[11px] text-muted hover:bg-surface-2 hover:text-fg"
                >
                  {show ? 'Hide' : 'Show'}
                </button>
              </div>
              <button
                type="submit"
                disabled={!draft.trim()}
                className="h-8 rounded-md bg-accent px-3 text-[13px] font-medium text-accent-fg hover:bg-accent-hover disabled:cursor-not-allowed disabled:opacity-50"
              >
                Save
              </button>
              {token && !refused && (
                <button
                  type="button"
                  onClick={() => {
                    setEditing(false);
                    setDraft('');
                  }}
                  className="h-8 rounded-md px-2 text-[13px] text-muted hover:bg-surface-2 hover:text-fg"
                >
                  Cancel
                </button>
              )}
            </div>
            <div id={helpId} className="space-y-1 text-xs leading-5 text-muted">
              <p>Where to find it:</p>
              <ul className="list-disc space-y-0.5 pl-4">
                <li>
                  printed by <code className="font-mono text-fg">npm start</code> when the server
                  starts;
                </li>
                <li>
                  kept in <code className="font-mono text-fg">&lt;data dir&gt;/write-token</code> (
                  <code className="font-mono">EDGEPERF_DATA_DIR</code>, default{' '}
                  <code className="font-mono">data/</code>);
                </li>
                <li>
                  or the value of <code className="font-mono text-fg">EDGEPERF_TOKEN</code> when the
                  server was started with it.
                </li>
              </ul>
              <p className="text-faint">Kept in this browser only (localStorage).</p>
            </div>
          </form>
        )}
      </div>
    </Panel>
  );
}
