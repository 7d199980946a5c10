'use client';

import { useEffect, useId, useRef, useState } from 'react';
import { useGroupsQuery } from '@/components/hooks/queries/useGroupsQuery';
import { useRunsQuery } from '@/components/hooks/queries/useRunsQuery';
import type { FactorValue } from '@/lib/apiTypes';
import { formatDate, formatFactorValue } from '@/lib/format';

function factorSummary(factors: Record<string, FactorValue | undefined>): string {
  const parts: string[] = [];
  for (const k of ['backend', 'backend_nodes', 'sites', 'rtt_ms'] as const) {
    const v = formatFactorValue(factors[k] ?? null);
    if (v != null) parts.push(k === 'backend' ? v : `${k.replace('_', ' ')} ${v}`);
  }
  return parts.join(' · ');
}

/**
 * Search box over `/api/runs?q=`: add a run, or the group of its repetitions (`fp_…`, every
 * run with the same configuration fingerprint).
 */
export function RunSearch({
  exclude,
  onAdd,
  placeholder = 'Add a run: search name, campaign, scenario…',
  autoFocus = false,
}: {
  exclude: string[];
  onAdd: (id: string) => void;
  placeholder?: string;
  autoFocus?: boolean;
}) {
  const [input, setInput] = useState('');
  const [q, setQ] = useState('');
  const [open, setOpen] = useState(false);
  const listId = useId();
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const t = setTimeout(() => setQ(input.trim()), 200);
    return () => clearTimeout(t);
  }, [input]);
  useEffect(() => {
    const close = (e: MouseEvent) => {
      if (box.current && !box.current.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', close);
    return () => document.removeEventListener('mousedown', close);
  }, []);
  const runs = useRunsQuery({ q: q || null, page: 1, pageSize: 8 }, { enabled: open });
  const list = runs.data?.runs ?? [];
  // Groups of actual repetitions (≥ 2 runs) matching the search, from GET /api/groups.
  const groups = useGroupsQuery(
    { q: q || null, minRuns: 2, page: 1, pageSize: 4 },
    { enabled: open },
  );
  // Runs that state no factor share a fingerprint without being repetitions: not offered here.
  const groupList = (groups.data?.groups ?? []).filter((g) => g.knownFactors > 0);

  return (
    <div ref={box} className="relative w-full sm:max-w-md">
      <label className="relative block">
        <span className="sr-only">Search runs to compare</span>
        <svg
          viewBox="0 0 20 20"
          aria-hidden="true"
          className="pointer-events-none absolute top-1/2 left-2.5 h-4 w-4 -translate-y-1/2 text-faint"
        >
          <circle cx="9" cy="9" r="5.5" fill="none" stroke="currentColor" strokeWidth="1.6" />
          <path
            d="m13.2 13.2 3.3 3.3"
            stroke="currentColor"
            strokeWidth="1.6"
            strokeLinecap="round"
          />
        </svg>
        <input
          type="search"
          role="combobox"
          aria-expanded={open}
          aria-controls={listId}
          // biome-ignore lint/a11y/noAutofocus: the empty state's only action is this search
          autoFocus={autoFocus}
          value={input}
          onFocus={() => setOpen(true)}
          onChange={(e) => {
            setInput(e.target.value);
            setOpen(true);
          }}
          onKeyDown={(e) => e.key === 'Escape' && setOpen(false)}
          placeholder={placeholder}
          className="h-8 w-full rounded-md border border-border bg-surface pr-3 pl-8 text-[13px] placeholder:text-faint focus:border-accent focus:outline-none"
        />
      </label>
      {open && (
        <div
          id={listId}
          className="absolute z-20 mt-1 max-h-80 w-full overflow-y-auto rounded-md border border-border bg-surface shadow-lg"
        >
          {runs.isPending ? (
            <p className="px-3 py-2 text-[12px] text-muted">Searching…</p>
          ) : runs.isError ? (
            <p className="px-3 py-2 text-[12px] text-bad">{runs.error.message}</p>
          ) : list.length === 0 ? (
            <p className="px-3 py-2 text-[12px] text-muted">No run matches “{q}”.</p>
          ) : (
            <>
              {groupList.length > 0 && (
                <section aria-label="Groups of repetitions" className="border-b border-border">
                  <h3 className="bg-surface-2/60 px-3 py-1 text-[10.5px] font-medium tracking-wide text-muted uppercase">
                    Groups of repetitions
                  </h3>
                  <ul>
                    {groupList.map((g) => {
                      const taken = exclude.includes(g.id);
                      const summary = factorSummary(g.factors);
                      return (
                        <li
                          key={g.id}
                          data-group={g.id}
                          className="flex items-center gap-2 border-b border-border px-3 py-2 last:border-b-0"
                        >
                          <div className="min-w-0 flex-1">
                            <div
                              className="truncate text-[12.5px] font-medium"
                              title={`${g.label}\n${g.id}`}
                            >
                              {g.name}{' '}
                              <span className="rounded border border-border px-1 text-[10px] font-normal text-muted">
                                {g.runCount} runs
                              </span>
                            </div>
                            <div className="truncate text-[11px] text-muted">
                              {summary || (
                                <span className="italic text-faint">factors unknown</span>
                              )}
                              <span className="text-faint"> · {formatDate(g.lastCreatedAt)}</span>
                            </div>
                          </div>
                          <button
                            type="button"
                            disabled={taken}
                            title={`Every run with this configuration fingerprint (${g.id}), as repetitions`}
                            onClick={() => {
                              onAdd(g.id);
                              setOpen(false);
                              setInput('');
                            }}
                            className="shrink-0 rounded-md border border-border bg-surface px-2 py-0.5 text-[11.5px] font-medium text-accent hover:bg-accent-soft disabled:cursor-default disabled:text-faint disabled:hover:bg-surface"
                            aria-label={`Add the group ${g.label}`}
                          >
                            {taken ? 'added' : '+ group'}
                          </button>
                        </li>
                      );
                    })}
                  </ul>
                </section>
              )}
              <ul>
                {list.map((r) => {
                  const taken = exclude.includes(r.id);
                  const groupTaken = exclude.includes(r.fingerprint);
                  const summary = factorSummary(
                    Object.fromEntries(Object.entries(r.factors).map(([k, f]) => [k, f.value])),
                  );
                  return (
                    <li
                      key={r.id}
                      className="flex items-center gap-2 border-b border-border px-3 py-2 last:border-b-0"
                    >
                      <div className="min-w-0 flex-1">
                        <div className="truncate text-[12.5px] font-medium" title={r.name}>
                          {r.name}
                        </div>
                        <div className="truncate text-[11px] text-muted">
                          {summary || <span className="italic text-faint">factors unknown</span>}
                          <span className="text-faint"> · {formatDate(r.createdAt)}</span>
                        </div>
                      </div>
                      <button
                        type="button"
                        disabled={taken}
                        onClick={() => {
                          onAdd(r.id);
                          setOpen(false);
                          setInput('');
                        }}
                        className="shrink-0 rounded-md border border-border bg-surface px-2 py-0.5 text-[11.5px] font-medium text-accent hover:bg-accent-soft disabled:cursor-default disabled:text-faint disabled:hover:bg-surface"
                        aria-label={`Add run ${r.name}`}
                      >
                        {taken ? 'added' : '+ run'}
                      </button>
                      <button
                        type="button"
                        disabled={groupTaken}
                        title={`Every run with this configuration fingerprint (${r.fingerprint}), as repetitions`}
                        onClick={() => {
                          onAdd(r.fingerprint);
                          setOpen(false);
                          setInput('');
                        }}
                        className="shrink-0 rounded-md border border-border bg-surface px-2 py-0.5 text-[11.5px] font-medium text-muted hover:bg-surface-2 hover:text-fg disabled:cursor-default disabled:text-faint"
                        aria-label={`Add the group of repetitions of ${r.name}`}
                      >
                        {groupTaken ? 'added' : '+ group'}
                      </button>
                    </li>
                  );
                })}
              </ul>
            </>
          )}
        </div>
      )}
    </div>
  );
}
