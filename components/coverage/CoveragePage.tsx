'use client';

import Link from 'next/link';
import { type ReactNode, useMemo } from 'react';
import { heatFill } from '@/components/charts/HeatMap';
import { type Coverage, useCoverageQuery } from '@/components/hooks/queries/useCoverageQuery';
import { useRunsQuery } from '@/components/hooks/queries/useRunsQuery';
import { useReadOnly } from '@/components/hooks/shareContext';
import { ExportButtons } from '@/components/ui/ExportButtons';
import { Panel } from '@/components/ui/Panel';
import { TableSkeleton } from '@/components/ui/Skeleton';
import { EmptyState, ErrorState } from '@/components/ui/States';
import { FACTORS, SCALAR_FACTORS } from '@/lib/factors';
import { CoverageGrid } from './CoverageGrid';
import { HATCH, summarize } from './coverageModel';
import { DEFAULT_COLS, DEFAULT_ROWS, useCoverageState } from './useCoverageState';

export function CoveragePage() {
  const [state, setState] = useCoverageState();
  const query = useCoverageQuery(state);
  const data = query.data;

  return (
    <div className="space-y-5">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-xl font-semibold tracking-tight">Design coverage</h1>
          <p className="mt-0.5 text-[13px] text-muted">
            Every combination of two factors with the number of runs (repetitions) in it, so you see
            which configurations are missing or have too few repetitions for a verdict.
          </p>
        </div>
        <Link
          href="/explore"
          prefetch={false}
          className="no-print rounded-md border border-border bg-surface px-3 py-1.5 text-[13px] font-medium text-fg hover:bg-surface-2"
        >
          Explore factors →
        </Link>
      </div>

      <Pickers />

      {query.isPending ? (
        <Panel bodyClassName="p-4">
          <TableSkeleton rows={4} cols={5} />
        </Panel>
      ) : query.isError && !data ? (
        <Panel>
          <ErrorState
            error={query.error}
            title="Could not load the coverage"
            onRetry={() => void query.refetch()}
          />
          <p className="pb-6 text-center text-[13px]">
            <button
              type="button"
              className="font-medium text-accent hover:underline"
              onClick={() => void setState({ rows: null, cols: null, campaign: null })}
            >
              Reset to the defaults
            </button>
          </p>
        </Panel>
      ) : data ? (
        <div
          className={`space-y-5 transition-opacity ${query.isPlaceholderData ? 'opacity-60' : ''}`}
          aria-busy={query.isFetching}
        >
          {query.isError && (
            <Panel>
              <ErrorState compact error={query.error} title="Could not update the grid" />
            </Panel>
          )}
          <GridPanel data={data} />
        </div>
      ) : null}
    </div>
  );
}

function Select({
  label,
  value,
  onChange,
  children,
  testId,
}: {
  label: string;
  value: string;
  onChange: (v: string) => void;
  children: ReactNode;
  testId?: string;
}) {
  return (
    <label className="flex min-w-0 flex-col gap-1">
      <span className="text-[11px] font-medium uppercase tracking-wide text-faint">{label}</span>
      <select
        value={value}
        aria-label={label}
        data-testid={testId}
        onChange={(e) => onChange(e.target.value)}
        className="h-8 w-full min-w-0 rounded-md border border-border bg-surface px-2 text-[13px] text-fg focus:border-accent focus:outline-none"
      >
        {children}
      </select>
    </label>
  );
}

/** The campaigns seen on the runs (id → name), sorted by name. */
function useCampaigns() {
  const runs = useRunsQuery({ pageSize: 1000 });
  const campaigns = useMemo(() => {
    const seen = new Map<string, string>();
    for (const r of runs.data?.runs ?? []) if (r.campaign) seen.set(r.campaign.id, r.campaign.name);
    return [...seen]
      .map(([id, name]) => ({ id, name }))
      .sort((a, b) => a.name.localeCompare(b.name));
  }, [runs.data]);
  return { campaigns, pending: runs.isPending };
}

function Pickers() {
  const [state, setState] = useCoverageState();
  const { campaigns, pending } = useCampaigns();
  const campaign = state.campaign ?? '';
  const known = campaigns.some((c) => c.id === campaign || c.name === campaign);
  const factorOptions = (other: string) =>
    SCALAR_FACTORS.map((k) => (
      <option key={k} value={k} disabled={k === other}>
        {FACTORS[k].label}
      </option>
    ));
  return (
    <Panel bodyClassName="p-4">
      <div className="grid grid-cols-2 gap-3 lg:grid-cols-[1fr_1fr_2fr_auto] lg:items-end">
        <Select
          label="Rows"
          testId="pick-rows"
          value={state.rows}
          onChange={(v) => void setState({ rows: v === DEFAULT_ROWS ? null : v })}
        >
          {factorOptions(state.cols)}
        </Select>
        <Select
          label="Columns"
          testId="pick-cols"
          value={state.cols}
          onChange={(v) => void setState({ cols: v === DEFAULT_COLS ? null : v })}
        >
          {factorOptions(state.rows)}
        </Select>
        <div className="col-span-2 lg:col-span-1">
          <Select
            label="Campaign"
            testId="pick-campaign"
            value={campaign}
            onChange={(v) => void setState({ campaign: v || null })}
          >
            <option value="">All runs</option>
            {pending && <option disabled>Loading campaigns…</option>}
            {campaign && !known && !pending && <option value={campaign}>{campaign}</option>}
            {campaigns.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </Select>
        </div>
        <button
          type="button"
          title="Swap rows and columns"
          onClick={() =>
            void setState({
              rows: state.cols === DEFAULT_ROWS ? null : state.cols,
              cols: state.rows === DEFAULT_COLS ? null : state.rows,
            })
          }
          className="col-span-2 h-8 rounded-md border border-border bg-surface px-3 text-[13px] font-medium text-muted hover:bg-surface-2 hover:text-fg lg:col-span-1"
        >
          ⇄ Swap
        </button>
      </div>
    </Panel>
  );
}

function GridPanel({ data }: { data: Coverage }) {
  const shared = useReadOnly();
  const s = useMemo(() => summarize(data), [data]);
  const scope = data.campaign
    ? `campaign ${data.campaign.name}`
    : shared
      ? 'the shared runs'
      : 'all runs';
  const title = `${data.rows.label} × ${data.cols.label}`;
  if (s.totalRuns === 0) {
    return (
      <Panel title={title} subtitle={scope}>
        <EmptyState title={data.campaign ? 'No run in this campaign' : 'No runs yet'}>
          {data.campaign ? (
            'Pick another campaign or all runs.'
          ) : shared ? (
            'This link covers no run with these factors.'
          ) : (
            <>
              <Link href="/upload" className="font-medium text-accent hover:underline">
                Upload
              </Link>{' '}
              Rally reports, summary CSVs or experiment archives; their factors fill this grid.
            </>
          )}
        </EmptyState>
      </Panel>
    );
  }
  return (
    <Panel
      title={title}
      subtitle={`${scope} · ${s.totalRuns} run${s.totalRuns === 1 ? '' : 's'} · cell = runs (repetitions) with these two values`}
      actions={
        <ExportButtons
          json={{
            path: '/coverage',
            params: { rows: data.rows.key, cols: data.cols.key, campaign: data.campaign?.id },
          }}
        />
      }
      bodyClassName=""
    >
      <Summary data={data} />
      <CoverageGrid data={data} />
      <Legend />
    </Panel>
  );
}

function Summary({ data }: { data: Coverage }) {
  const s = summarize(data);
  const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
  return (
    <div
      className="space-y-1 border-b border-border px-4 py-3 text-[13px]"
      data-testid="coverage-summary"
    >
      <p className="text-fg">
        <span className="font-medium">
          {s.withRuns} of {plural(s.combinations, 'combination')}
        </span>{' '}
        {s.withRuns === 1 ? 'has' : 'have'} runs;{' '}
        <span className={s.missing ? 'font-medium text-bad' : ''}>{s.missing} missing</span>;{' '}
        <span className={s.few ? 'font-medium text-warn' : ''}>
          {plural(s.few, 'cell')} with fewer than 3 repetitions
        </span>
        {s.unknownRuns > 0 && (
          <span className="text-muted">
            {' '}
            · {plural(s.unknownRuns, 'run')} with an unknown {data.rows.label.toLowerCase()} or{' '}
            {data.cols.label.toLowerCase()} (last row and column)
          </span>
        )}
      </p>
      <p className="text-xs text-muted">
        A verdict on a difference needs at least 3 repetitions per cell: the test then runs on
        per-run medians, so run-to-run variance counts (docs/statistics.md). With fewer, a
        comparison pools iterations or is not testable.
      </p>
    </div>
  );
}

function Legend() {
  return (
    <div className="flex flex-wrap items-center gap-x-4 gap-y-1.5 border-t border-border px-4 py-2.5 text-[11px] text-muted">
      <span className="inline-flex items-center gap-1.5">
        <span
          className="inline-block h-3 w-4 rounded-sm border border-dashed border-bad/60"
          style={{ backgroundImage: HATCH }}
        />
        missing (0 runs)
      </span>
      <span className="inline-flex items-center gap-1.5">
        <span className="inline-flex h-3 items-center rounded-sm bg-warn-soft px-1 text-[9px] font-semibold text-warn">
          &lt;3
        </span>
        fewer than 3 repetitions
      </span>
      <span className="inline-flex items-center gap-1.5">
        fewer runs
        {[0.15, 0.4, 0.7, 1].map((t) => (
          <span
            key={t}
            className="inline-block h-3 w-4 rounded-sm"
            style={{ background: heatFill('var(--chart-1)', t) }}
          />
        ))}
        more runs
      </span>
      <span className="inline-flex items-center gap-1.5">
        <span className="italic text-faint">unknown</span> factor not recorded (muted, last)
      </span>
    </div>
  );
}

export function CoveragePageSkeleton() {
  return (
    <div className="space-y-5" role="status" aria-label="Loading the coverage">
      <Panel bodyClassName="p-4">
        <TableSkeleton rows={1} cols={4} />
      </Panel>
      <Panel bodyClassName="p-4">
        <TableSkeleton rows={4} cols={5} />
      </Panel>
    </div>
  );
}
