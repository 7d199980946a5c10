'use client';

import Link from 'next/link';
import type { ReactNode } from 'react';
import { Badge, Unknown } from '@/components/ui/Badge';
import {
  formatCount,
  formatDate,
  formatDateTime,
  formatDuration,
  formatFactorValue,
} from '@/lib/format';
import type { RunSummary } from '@/lib/apiTypes';
import { COLUMN_FACTORS, factorLabel } from './factorKeys';

interface Column {
  key: string;
  label: string;
  align?: 'right';
  /** Sort direction on first click: numbers and dates start descending. */
  firstDesc?: boolean;
}

const COLUMNS: Column[] = [
  { key: 'name', label: 'Run' },
  { key: 'campaign', label: 'Campaign' },
  ...COLUMN_FACTORS.map((k) => ({
    key: k,
    label: factorLabel(k),
    firstDesc: k !== 'backend' && k !== 'bus',
  })),
  { key: 'scenarios', label: 'Scenarios' },
  { key: 'workloads', label: 'Workloads', align: 'right', firstDesc: true },
  { key: 'iterations', label: 'Iterations', align: 'right', firstDesc: true },
  { key: 'failures', label: 'Failures', align: 'right', firstDesc: true },
  { key: 'duration', label: 'Duration', align: 'right', firstDesc: true },
  { key: 'created', label: 'Created', firstDesc: true },
];

/**
 * Columns the API can sort by (server/store/runs.ts SORTS). Others show no sort control until the
 * API accepts them.
 */
const SORTABLE = new Set(['name', 'created', 'iterations', 'failures', 'duration']);

function parseSort(sort: string): { key: string; desc: boolean } {
  return sort.startsWith('-') ? { key: sort.slice(1), desc: true } : { key: sort, desc: false };
}

function FactorCell({ run, k }: { run: RunSummary; k: string }) {
  const text = formatFactorValue(run.factors[k]?.value ?? null);
  return text == null ? (
    <Unknown />
  ) : (
    <span title={run.factors[k]?.source ?? undefined}>{text}</span>
  );
}

function Failures({ n }: { n: number }) {
  return n > 0 ? <Badge tone="bad">{formatCount(n)}</Badge> : <span className="text-faint">0</span>;
}

function Scenarios({ list }: { list: string[] }) {
  if (list.length === 0) return <span className="text-faint">—</span>;
  const [first, ...rest] = list;
  return (
    <span className="inline-flex max-w-[150px] items-center gap-1.5" title={list.join('\n')}>
      <span className="truncate font-mono text-[11.5px]">{first}</span>
      {rest.length > 0 && <Badge>+{rest.length}</Badge>}
    </span>
  );
}

export function RunsTable({
  runs,
  sort,
  onSort,
  selected,
  onToggle,
  onTogglePage,
  fetching,
}: {
  runs: RunSummary[];
  sort: string;
  onSort: (sort: string) => void;
  selected: string[];
  onToggle: (id: string) => void;
  onTogglePage: (on: boolean) => void;
  fetching: boolean;
}) {
  const current = parseSort(sort);
  const allOnPage = runs.length > 0 && runs.every((r) => selected.includes(r.id));
  const sortBy = (c: Column) => {
    if (current.key === c.key) onSort(current.desc ? c.key : `-${c.key}`);
    else onSort(c.firstDesc ? `-${c.key}` : c.key);
  };
  const selIndex = (id: string) => selected.indexOf(id);

  return (
    <div className={`transition-opacity ${fetching ? 'opacity-60' : ''}`} aria-busy={fetching}>
      {/* Desktop and tablet: the table. */}
      <div className="hidden overflow-x-auto md:block">
        <table className="w-full border-collapse text-[12.5px]" data-testid="runs-table">
          <thead>
            <tr className="border-b border-border bg-surface-2/60 text-left text-xs text-muted">
              <th className="no-print w-8 py-2 pr-1 pl-3">
                <input
                  type="checkbox"
                  aria-label="Select all runs on this page"
                  checked={allOnPage}
                  onChange={(e) => onTogglePage(e.target.checked)}
                  className="h-3.5 w-3.5 accent-[var(--accent)]"
                />
              </th>
              {COLUMNS.map((c) => {
                const active = current.key === c.key;
                const sortable = SORTABLE.has(c.key);
                return (
                  <th
                    key={c.key}
                    aria-sort={active ? (current.desc ? 'descending' : 'ascending') : undefined}
                    className={`px-1.5 py-2 font-medium whitespace-nowrap ${c.align === 'right' ? 'text-right' : ''}`}
                  >
                    {sortable ? (
                      <button
                        type="button"
                        onClick={() => sortBy(c)}
                        className={`inline-flex items-center gap-1 rounded hover:text-fg ${active ? 'text-fg' : ''}`}
                      >
                        {c.label}
                        <SortIcon state={active ? (current.desc ? 'desc' : 'asc') : 'none'} />
                      </button>
                    ) : (
                      c.label
                    )}
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody>
            {runs.map((r) => {
              const idx = selIndex(r.id);
              return (
                <tr
                  key={r.id}
                  data-run-id={r.id}
                  className={`border-b border-border last:border-b-0 hover:bg-surface-2/60 ${idx >= 0 ? 'bg-accent-soft/50' : ''}`}
                >
                  <td className="no-print py-2 pr-1 pl-3">
                    <input
                      type="checkbox"
                      aria-label={`Select ${r.name}`}
                      checked={idx >= 0}
                      onChange={() => onToggle(r.id)}
                      className="h-3.5 w-3.5 accent-[var(--accent)]"
                    />
                  </td>
                  <td className="max-w-[220px] px-1.5 py-2.5">
                    <div className="flex items-center gap-2">
                      <Link
                        href={`/runs/${encodeURIComponent(r.id)}`}
                        className="truncate font-medium text-fg hover:text-accent hover:underline"
                        title={`${r.name}\n${r.id}`}
                      >
                        {r.name}
                      </Link>
                      {idx === 0 && selected.length > 1 && <Badge tone="accent">baseline</Badge>}
                    </div>
                  </td>
                  <td
                    className="max-w-[130px] truncate px-1.5 py-2 whitespace-nowrap"
                    title={r.campaign?.name}
                  >
                    {r.campaign?.name ?? <span className="text-faint">—</span>}
                  </td>
                  {COLUMN_FACTORS.map((k) => (
                    <td key={k} className="px-1.5 py-2 whitespace-nowrap">
                      <FactorCell run={r} k={k} />
                    </td>
                  ))}
                  <td className="px-1.5 py-2">
                    <Scenarios list={r.scenarios} />
                  </td>
                  <td className="px-1.5 py-2 text-right">{formatCount(r.workloads)}</td>
                  <td className="px-1.5 py-2 text-right">{formatCount(r.iterations)}</td>
                  <td className="px-1.5 py-2 text-right">
                    <Failures n={r.failures} />
                  </td>
                  <td className="px-1.5 py-2 text-right whitespace-nowrap">
                    {r.duration == null ? (
                      <span className="text-faint">n/a</span>
                    ) : (
                      formatDuration(r.duration)
                    )}
                  </td>
                  <td
                    className="px-1.5 py-2 whitespace-nowrap text-muted"
                    title={formatDateTime(r.createdAt)}
                  >
                    {formatDate(r.createdAt)}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>

      {/* Phones: one card per run. */}
      <div className="md:hidden">
        <div className="flex items-center justify-between border-b border-border px-4 py-2 text-xs text-muted">
          <label className="flex items-center gap-2">
            <input
              type="checkbox"
              checked={allOnPage}
              onChange={(e) => onTogglePage(e.target.checked)}
              className="h-3.5 w-3.5 accent-[var(--accent)]"
            />
            Select page
          </label>
          <label className="flex items-center gap-1">
            Sort
            <select
              value={sort}
              onChange={(e) => onSort(e.target.value)}
              className="rounded border border-border bg-surface px-1 py-0.5 text-xs text-fg"
            >
              {COLUMNS.filter((c) => SORTABLE.has(c.key)).flatMap((c) => [
                <option key={`-${c.key}`} value={`-${c.key}`}>
                  {c.label} ↓
                </option>,
                <option key={c.key} value={c.key}>
                  {c.label} ↑
                </option>,
              ])}
            </select>
          </label>
        </div>
        <ul>
          {runs.map((r) => {
            const idx = selIndex(r.id);
            return (
              <li
                key={r.id}
                className={`border-b border-border px-4 py-3 last:border-b-0 ${idx >= 0 ? 'bg-accent-soft/50' : ''}`}
              >
                <div className="flex items-start gap-3">
                  <input
                    type="checkbox"
                    aria-label={`Select ${r.name}`}
                    checked={idx >= 0}
                    onChange={() => onToggle(r.id)}
                    className="mt-1 h-4 w-4 accent-[var(--accent)]"
                  />
                  <div className="min-w-0 flex-1">
                    <Link
                      href={`/runs/${encodeURIComponent(r.id)}`}
                      className="block truncate font-medium text-fg hover:text-accent"
                    >
                      {r.name}
                    </Link>
                    <div className="mt-0.5 truncate text-xs text-muted">
                      {r.campaign?.name ? `${r.campaign.name} · ` : ''}
                      {formatDate(r.createdAt)}
                    </div>
                    <dl className="mt-2 grid grid-cols-2 gap-x-4 gap-y-1 text-xs">
                      {COLUMN_FACTORS.map((k) => (
                        <MobileField key={k} label={factorLabel(k)}>
                          <FactorCell run={r} k={k} />
                        </MobileField>
                      ))}
                      <MobileField label="Iterations">{formatCount(r.iterations)}</MobileField>
                      <MobileField label="Failures">
                        <Failures n={r.failures} />
                      </MobileField>
                      <MobileField label="Workloads">{formatCount(r.workloads)}</MobileField>
                      <MobileField label="Duration">
                        {r.duration == null ? 'n/a' : formatDuration(r.duration)}
                      </MobileField>
                    </dl>
                    <div className="mt-2">
                      <Scenarios list={r.scenarios} />
                    </div>
                  </div>
                </div>
              </li>
            );
          })}
        </ul>
      </div>
    </div>
  );
}

function MobileField({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="flex min-w-0 justify-between gap-2">
      <dt className="text-faint">{label}</dt>
      <dd className="truncate text-right text-fg">{children}</dd>
    </div>
  );
}

function SortIcon({ state }: { state: 'asc' | 'desc' | 'none' }) {
  return (
    <svg
      viewBox="0 0 12 12"
      aria-hidden="true"
      className={`h-3 w-3 ${state === 'none' ? 'opacity-30' : 'text-accent'}`}
    >
      {state !== 'desc' && (
        <path d="M3 5l3-3 3 3" fill="none" stroke="currentColor" strokeWidth="1.4" />
      )}
      {state !== 'asc' && (
        <path d="M3 7l3 3 3-3" fill="none" stroke="currentColor" strokeWidth="1.4" />
      )}
    </svg>
  );
}
