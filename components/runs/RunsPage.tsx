'use client';

import Link from 'next/link';
import { useEffect, useMemo, useState } from 'react';
import { useRunsQuery } from '@/components/hooks/queries/useRunsQuery';
import { useReadOnly } from '@/components/hooks/shareContext';
import { useApi } from '@/components/hooks/useApi';
import { ExportButtons } from '@/components/ui/ExportButtons';
import { DEFAULT_SORT, PAGE_SIZE, useRunsListState } from '@/components/hooks/useRunsListState';
import { Panel } from '@/components/ui/Panel';
import { TableSkeleton } from '@/components/ui/Skeleton';
import { EmptyState, ErrorState } from '@/components/ui/States';
import { formatCount } from '@/lib/format';
import type { RunList, RunSummary } from '@/lib/apiTypes';
import { type CsvColumn, exportFileName, tableToCsv } from '@/lib/csv';
import { FACTOR_KEYS } from '@/lib/factors';
import { FILTER_FACTORS, UNKNOWN, factorLabel } from './factorKeys';
import { RunsTable } from './RunsTable';

/** How many runs the filter dropdowns look at to list the values that exist. */
const FACET_PAGE_SIZE = 500;

function factorFilterValue(v: unknown): string | null {
  if (v == null) return UNKNOWN;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return String(v);
  return null; // maps and lists are not offered as filters
}

/** Columns of the runs list CSV: the API's RunSummary fields, factors one column each. */
const RUNS_CSV: CsvColumn<RunSummary>[] = [
  { header: 'id', value: (r) => r.id },
  { header: 'name', value: (r) => r.name },
  { header: 'campaign', value: (r) => r.campaign?.name ?? null },
  { header: 'fingerprint', value: (r) => r.fingerprint },
  { header: 'createdAt', value: (r) => r.createdAt },
  ...FACTOR_KEYS.map(
    (k): CsvColumn<RunSummary> => ({
      header: k,
      value: (r) => {
        const v = r.factors[k]?.value ?? null;
        return v !== null && typeof v === 'object' ? JSON.stringify(v) : v;
      },
    }),
  ),
  { header: 'scenarios', value: (r) => r.scenarios.join(' ') },
  { header: 'workloads', value: (r) => r.workloads },
  { header: 'iterations', value: (r) => r.iterations },
  { header: 'failures', value: (r) => r.failures },
  { header: 'duration', value: (r) => r.duration },
  { header: 'startTime', value: (r) => r.startTime },
  { header: 'captures', value: (r) => r.captures },
];

/** The API's page size limit: the CSV fetches the whole filtered list in pages this big. */
const EXPORT_PAGE_SIZE = 1000;

function compareValues(a: string, b: string): number {
  if (a === UNKNOWN) return 1;
  if (b === UNKNOWN) return -1;
  const na = Number(a);
  const nb = Number(b);
  if (!Number.isNaN(na) && !Number.isNaN(nb)) return na - nb;
  return a.localeCompare(b);
}

export function RunsPage() {
  const [state, setState] = useRunsListState();
  const { q, page, sort, scenario, sel } = state;
  const readOnly = useReadOnly();
  const { get } = useApi();

  // The search box updates the URL after a short pause, not on every key.
  const [qInput, setQInput] = useState(q);
  useEffect(() => setQInput(q), [q]);
  useEffect(() => {
    if (qInput === q) return;
    const t = setTimeout(() => void setState({ q: qInput || null, page: null }), 300);
    return () => clearTimeout(t);
  }, [qInput, q, setState]);

  const factorFilters = useMemo(() => {
    const f: Record<string, string> = {};
    for (const k of FILTER_FACTORS) {
      const v = state[k];
      if (v) f[k] = v;
    }
    return f;
  }, [state]);

  const params = useMemo(
    () => ({ q: q || null, page, pageSize: PAGE_SIZE, sort, scenario, ...factorFilters }),
    [q, page, sort, scenario, factorFilters],
  );
  const runs = useRunsQuery(params);
  const listParams = useMemo(
    () => ({ q: q || null, sort, scenario, ...factorFilters }),
    [q, sort, scenario, factorFilters],
  );
  // Every run the filters select (not only this page), in the list's order.
  const buildCsv = async () => {
    const all: RunSummary[] = [];
    for (let p = 1; ; p++) {
      const chunk = await get<RunList>('/runs', {
        ...listParams,
        page: p,
        pageSize: EXPORT_PAGE_SIZE,
      });
      all.push(...chunk.runs);
      if (chunk.runs.length === 0 || all.length >= chunk.total) break;
    }
    return tableToCsv(RUNS_CSV, all);
  };
  const facets = useRunsQuery({ page: 1, pageSize: FACET_PAGE_SIZE });

  // Dropdown options from the data: factor values and scenarios that exist in the store.
  const options = useMemo(() => {
    const factorValues = new Map<string, Set<string>>();
    const scenarios = new Set<string>();
    const all: RunSummary[] = facets.data?.runs ?? [];
    for (const r of all) {
      for (const s of r.scenarios) scenarios.add(s);
      for (const k of FILTER_FACTORS) {
        const v = factorFilterValue(r.factors[k]?.value ?? null);
        if (v == null) continue;
        if (!(k in r.factors) && v === UNKNOWN) continue;
        if (!factorValues.has(k)) factorValues.set(k, new Set());
        factorValues.get(k)!.add(v);
      }
    }
    // Keep the selected values visible even when the facet sample lacks them.
    for (const [k, v] of Object.entries(factorFilters)) {
      if (!factorValues.has(k)) factorValues.set(k, new Set());
      factorValues.get(k)!.add(v);
    }
    if (scenario) scenarios.add(scenario);
    const factors = FILTER_FACTORS.filter((k) => factorValues.has(k)).map((k) => ({
      key: k,
      values: [...(factorValues.get(k) ?? [])].sort(compareValues),
    }));
    // A factor unknown everywhere is no use as a filter unless it is the active one.
    return {
      factors: factors.filter((f) => f.values.some((v) => v !== UNKNOWN) || factorFilters[f.key]),
      scenarios: [...scenarios].sort(),
    };
  }, [facets.data, factorFilters, scenario]);

  const activeFilters = Object.keys(factorFilters).length + (scenario ? 1 : 0) + (q ? 1 : 0);
  const clearFilters = () => {
    setQInput('');
    const reset: Record<string, null> = { q: null, scenario: null, page: null };
    for (const k of FILTER_FACTORS) reset[k] = null;
    void setState(reset);
  };

  const total = runs.data?.total ?? 0;
  const pageCount = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const storeEmpty = runs.isSuccess && total === 0 && activeFilters === 0;

  const toggle = (id: string) =>
    void setState({ sel: sel.includes(id) ? sel.filter((x) => x !== id) : [...sel, id] });
  const pageIds = runs.data?.runs.map((r) => r.id) ?? [];
  const togglePage = (on: boolean) =>
    void setState({
      sel: on
        ? [...sel, ...pageIds.filter((id) => !sel.includes(id))]
        : sel.filter((id) => !pageIds.includes(id)),
    });

  const [baseline, ...contenders] = sel;
  const compareHref = baseline
    ? `/compare?baseline=${encodeURIComponent(baseline)}&contenders=${contenders.map(encodeURIComponent).join(',')}`
    : '/compare';

  return (
    <div className="space-y-5">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-xl font-semibold tracking-tight">Runs</h1>
          <p className="mt-0.5 text-[13px] text-muted">
            {readOnly
              ? 'The runs this link shares, with their factors and Rally results.'
              : 'Every ingested deployment + benchmark execution, with its factors and Rally results.'}
          </p>
        </div>
        <div className="no-print flex items-center gap-2">
          {sel.length > 0 && (
            <button
              type="button"
              onClick={() => void setState({ sel: null })}
              className="rounded-md px-2.5 py-1.5 text-[13px] text-muted hover:bg-surface-2 hover:text-fg"
            >
              Clear selection
            </button>
          )}
          <Link
            href={compareHref}
            data-testid="compare-button"
            aria-disabled={sel.length < 2}
            onClick={(e) => sel.length < 2 && e.preventDefault()}
            title={
              sel.length < 2
                ? 'Select two runs or more to compare them'
                : 'Compare the selected runs; the first one is the baseline'
            }
            className={`inline-flex items-center gap-2 rounded-md px-3 py-1.5 text-[13px] font-medium transition-colors ${
              sel.length >= 2
                ? 'bg-accent text-accent-fg hover:bg-accent-hover'
                : 'cursor-not-allowed border border-border bg-surface-2 text-faint'
            }`}
          >
            Compare
            <span
              className={`rounded-full px-1.5 text-[11px] ${sel.length >= 2 ? 'bg-white/20' : 'bg-surface-3'}`}
            >
              {sel.length}
            </span>
          </Link>
        </div>
      </div>

      {!storeEmpty && (
        <div className="no-print flex flex-wrap items-center gap-2">
          <label className="relative min-w-[220px] flex-1 sm:max-w-sm">
            <span className="sr-only">Search runs</span>
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
              value={qInput}
              onChange={(e) => setQInput(e.target.value)}
              placeholder="Search name, campaign, scenario…"
              className="h-8 w-full rounded-md border border-border bg-surface pr-3 pl-8 text-[13px] placeholder:text-faint focus:border-accent focus:outline-none"
            />
          </label>
          <FilterSelect
            label="Scenario"
            value={scenario ?? ''}
            values={options.scenarios}
            onChange={(v) => void setState({ scenario: v || null, page: null })}
          />
          {options.factors.map((f) => (
            <FilterSelect
              key={f.key}
              label={factorLabel(f.key)}
              value={factorFilters[f.key] ?? ''}
              values={f.values}
              onChange={(v) => void setState({ [f.key]: v || null, page: null })}
            />
          ))}
          {activeFilters > 0 && (
            <button
              type="button"
              onClick={clearFilters}
              className="h-8 rounded-md px-2.5 text-[13px] text-accent hover:bg-accent-soft"
            >
              Clear filters
            </button>
          )}
          <span className="ml-auto">
            <ExportButtons
              csv={{
                filename: exportFileName(['runs', q ? `q-${q}` : null], 'csv'),
                build: buildCsv,
                title: 'Download every run these filters select as CSV',
              }}
              json={{ path: '/runs', params: { ...listParams, page, pageSize: PAGE_SIZE } }}
            />
          </span>
        </div>
      )}

      <Panel bodyClassName="">
        {runs.isPending ? (
          <div className="p-4">
            <TableSkeleton rows={8} cols={8} />
          </div>
        ) : runs.isError ? (
          <ErrorState
            error={runs.error}
            title="Could not load the runs"
            onRetry={() => void runs.refetch()}
          />
        ) : storeEmpty ? (
          readOnly ? (
            <EmptyState title="This shared view holds no runs">
              The runs it was shared with have been deleted since.
            </EmptyState>
          ) : (
            <EmptyState title="No runs yet">
              <p>
                Ingest Rally results, EnOS archives or captures from the command line with{' '}
                <code className="rounded bg-surface-2 px-1.5 py-0.5 text-[12px] text-fg">
                  npx edgeperf ingest FILE
                </code>
                , or drop files on the{' '}
                <Link href="/upload" className="font-medium text-accent hover:underline">
                  Upload
                </Link>{' '}
                page.
              </p>
            </EmptyState>
          )
        ) : total === 0 ? (
          <EmptyState title="No runs match these filters" compact>
            <button
              type="button"
              onClick={clearFilters}
              className="font-medium text-accent hover:underline"
            >
              Clear filters
            </button>
          </EmptyState>
        ) : (
          <RunsTable
            runs={runs.data.runs}
            sort={sort}
            onSort={(s) => void setState({ sort: s === DEFAULT_SORT ? null : s, page: null })}
            selected={sel}
            onToggle={toggle}
            onTogglePage={togglePage}
            fetching={runs.isFetching && runs.isPlaceholderData}
          />
        )}
      </Panel>

      {runs.isSuccess && total > 0 && (
        <nav
          aria-label="Pagination"
          className="no-print flex flex-wrap items-center justify-between gap-3 text-[13px] text-muted"
        >
          <span>
            {formatCount((page - 1) * PAGE_SIZE + 1)}–
            {formatCount(Math.min(page * PAGE_SIZE, total))} of {formatCount(total)} run
            {total === 1 ? '' : 's'}
          </span>
          {pageCount > 1 && (
            <div className="flex items-center gap-1">
              <PageButton
                disabled={page <= 1}
                onClick={() => void setState({ page: page - 1 === 1 ? null : page - 1 })}
              >
                ← Previous
              </PageButton>
              <span className="px-2">
                Page {page} of {pageCount}
              </span>
              <PageButton
                disabled={page >= pageCount}
                onClick={() => void setState({ page: page + 1 })}
              >
                Next →
              </PageButton>
            </div>
          )}
        </nav>
      )}
    </div>
  );
}

function PageButton({
  disabled,
  onClick,
  children,
}: {
  disabled: boolean;
  onClick: () => void;
  children: React.ReactNode;
}) {
  return (
    <button
      type="button"
      disabled={disabled}
      onClick={onClick}
      className="rounded-md border border-border bg-surface px-2.5 py-1 text-[13px] font-medium text-fg hover:bg-surface-2 disabled:cursor-not-allowed disabled:opacity-40"
    >
      {children}
    </button>
  );
}

function FilterSelect({
  label,
  value,
  values,
  onChange,
}: {
  label: string;
  value: string;
  values: string[];
  onChange: (v: string) => void;
}) {
  const active = value !== '';
  return (
    <label
      className={`relative inline-flex h-8 items-center rounded-md border text-[13px] ${
        active ? 'border-accent bg-accent-soft text-accent' : 'border-border bg-surface text-muted'
      }`}
    >
      <span className="pointer-events-none pl-2.5 font-medium">{label}:</span>
      <select
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-label={label}
        className={`h-full max-w-[220px] cursor-pointer appearance-none truncate bg-transparent pr-7 pl-1 focus:outline-none ${
          active ? 'text-accent' : 'text-fg'
        }`}
      >
        <option value="">All</option>
        {values.map((v) => (
          <option key={v} value={v}>
            {v}
          </option>
        ))}
      </select>
      <svg
        viewBox="0 0 20 20"
        aria-hidden="true"
        className="pointer-events-none absolute right-2 h-3.5 w-3.5 opacity-60"
      >
        <path
          d="m5 8 5 5 5-5"
          fill="none"
          stroke="currentColor"
          strokeWidth="1.8"
          strokeLinecap="round"
        />
      </svg>
    </label>
  );
}
