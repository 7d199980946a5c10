'use client';

import Link from 'next/link';
import { lazy, type ReactNode, Suspense, useMemo } from 'react';
import { useCompareQuery } from '@/components/hooks/queries/useCompareQuery';
import { ApiError } from '@/components/hooks/useApi';
import { METRICS_KEY, useCompareState } from '@/components/hooks/useCompareState';
import { Panel } from '@/components/ui/Panel';
import { ChartSkeleton, Skeleton, TableSkeleton } from '@/components/ui/Skeleton';
import { EmptyState, ErrorState } from '@/components/ui/States';
import type { Comparison, CompareRow } from '@/lib/compareTypes';
import { compactArgs, sideDisplayLabel } from './compareFormat';
// The first chart is imported statically: it draws with the first render (issue 5).
import { DistributionPanel } from './DistributionPanel';
import { RunSearch } from './RunSearch';
import { SidePicker } from './SidePicker';
import { useAfterFirstPaint } from './useAfterFirstPaint';
import { WarningsBanner } from './WarningsBanner';
import { WorkloadList } from './WorkloadList';

// What renders after the first paint (useAfterFirstPaint) loads then too: its code is neither
// downloaded nor evaluated before the first chart.
const CompareTable = lazy(() =>
  import('./CompareTable').then((m) => ({ default: m.CompareTable })),
);
const FactorDiffTable = lazy(() =>
  import('./FactorDiffTable').then((m) => ({ default: m.FactorDiffTable })),
);
const IterationsPanel = lazy(() =>
  import('./IterationsPanel').then((m) => ({ default: m.IterationsPanel })),
);
const MethodNote = lazy(() => import('./MethodNote').then((m) => ({ default: m.MethodNote })));
const PlacementComparison = lazy(() =>
  import('./PlacementComparison').then((m) => ({ default: m.PlacementComparison })),
);
const TrafficComparison = lazy(() =>
  import('./TrafficComparison').then((m) => ({ default: m.TrafficComparison })),
);
const UnmatchedWorkloads = lazy(() =>
  import('./UnmatchedWorkloads').then((m) => ({ default: m.UnmatchedWorkloads })),
);

function defaultRow(rows: CompareRow[]): string | null {
  return (rows.find((r) => r.name === 'total') ?? rows[0])?.name ?? null;
}

export function ComparePage() {
  const [state, setState] = useCompareState();
  const { baseline, contenders, seed } = state;
  const ids = useMemo(
    () => (baseline ? [baseline, ...contenders.filter((c) => c !== baseline)] : contenders),
    [baseline, contenders],
  );
  const query = useCompareQuery({ baseline: ids[0] ?? null, contenders: ids.slice(1), seed });

  const setSides = (next: string[]) =>
    void setState(
      {
        baseline: next[0] ?? null,
        contenders: next.length > 1 ? next.slice(1) : null,
        w: null,
        row: null,
      },
      { history: 'push' },
    );
  const onAdd = (id: string) => !ids.includes(id) && setSides([...ids, id]);
  const onRemove = (id: string) => setSides(ids.filter((x) => x !== id));
  const onMakeBaseline = (id: string) => {
    const i = ids.indexOf(id);
    if (i <= 0) return;
    const next = [...ids];
    next[i] = ids[0]!;
    next[0] = id;
    setSides(next);
  };

  return (
    <div className="space-y-5">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-xl font-semibold tracking-tight">Compare</h1>
          <p className="mt-0.5 text-[13px] text-muted">
            A baseline against contenders (runs or groups of repetitions): medians, changes with 95
            % intervals, and verdicts that say when a difference is real.
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

      {ids.length === 0 ? (
        <Panel>
          <EmptyState title="Pick the runs to compare">
            <p>
              On the{' '}
              <Link href="/" className="font-medium text-accent hover:underline">
                Runs
              </Link>{' '}
              list, tick two runs or more and press <b className="text-fg">Compare</b>: the first
              one ticked is the baseline. Or search for a run here; add a whole group of repetitions
              (runs sharing a configuration fingerprint) with <b className="text-fg">+ group</b>.
            </p>
            <div className="mx-auto mt-4 flex justify-center text-left">
              <RunSearch exclude={[]} onAdd={onAdd} placeholder="Search a baseline run…" />
            </div>
          </EmptyState>
        </Panel>
      ) : (
        <Panel
          title="Sides"
          subtitle="The baseline first; every change is measured against it. Colours are the same in every table and chart."
        >
          <SidePicker
            ids={ids}
            sides={query.data ? displaySides(query.data) : null}
            onAdd={onAdd}
            onRemove={onRemove}
            onMakeBaseline={onMakeBaseline}
          />
        </Panel>
      )}

      {ids.length === 1 ? (
        <Panel>
          <EmptyState compact title="Add a contender">
            Search a run or a group above to compare with the baseline.
          </EmptyState>
        </Panel>
      ) : ids.length > 1 && query.isPending ? (
        <CompareSkeleton />
      ) : query.isError ? (
        <Panel>
          <ErrorState
            error={query.error}
            title="Could not compare these sides"
            onRetry={isClientError(query.error) ? undefined : () => void query.refetch()}
          />
          {isClientError(query.error) && (
            <p className="-mt-10 pb-10 text-center text-[13px] text-muted">
              Remove the side that does not exist (or fix the link), or add another run above.
            </p>
          )}
        </Panel>
      ) : query.data ? (
        <div
          className={`space-y-5 transition-opacity ${query.isPlaceholderData ? 'opacity-60' : ''}`}
          aria-busy={query.isFetching}
        >
          <ComparisonView data={query.data} />
        </div>
      ) : null}
    </div>
  );
}

function isClientError(e: unknown): boolean {
  return e instanceof ApiError && e.status >= 400 && e.status < 500;
}

function displaySides(data: Comparison) {
  const differing = data.factors.filter((f) => f.differs && f.inFingerprint).map((f) => f.key);
  return [data.baseline, ...data.contenders].map((s) => ({
    ...s,
    label: sideDisplayLabel(s, differing),
  }));
}

function CompareSkeleton() {
  return (
    <div className="space-y-5" role="status" aria-label="Loading the comparison">
      <Skeleton className="h-12 w-full" />
      <Panel bodyClassName="p-4">
        <TableSkeleton rows={6} cols={9} />
      </Panel>
      <div className="grid gap-5 xl:grid-cols-2">
        <Panel bodyClassName="p-4">
          <ChartSkeleton height={260} />
        </Panel>
        <Panel bodyClassName="p-4">
          <ChartSkeleton height={260} />
        </Panel>
      </div>
    </div>
  );
}

function ComparisonView({ data }: { data: Comparison }) {
  const [state, setState] = useCompareState();
  // The first chart draws with the first render (the data comes with the page, app/compare/_data.ts);
  // the sides' big tables, the other panels and the per-iteration requests wait for that paint.
  const painted = useAfterFirstPaint();
  // Groups are named by what sets them apart; the API's label stays in the tooltips.
  const sides = useMemo(() => displaySides(data), [data]);
  // Compared: on the baseline and on a contender. The rest has no counterpart.
  const matched = data.workloads.filter((w) => w.present[0] && w.present.slice(1).some(Boolean));
  const unmatched = data.workloads.filter((w) => !matched.includes(w));

  const selectedKey =
    state.w === METRICS_KEY && data.metrics.length > 0
      ? METRICS_KEY
      : (matched.find((w) => w.key === state.w)?.key ??
        matched[0]?.key ??
        (data.metrics.length > 0 ? METRICS_KEY : null));
  const workload = matched.find((w) => w.key === selectedKey) ?? null;
  const rows = selectedKey === METRICS_KEY ? data.metrics : (workload?.rows ?? []);
  const rowName =
    state.row && rows.some((r) => r.name === state.row) ? state.row : defaultRow(rows);
  const row = rows.find((r) => r.name === rowName) ?? null;

  const selectRow = (key: string, name: string) =>
    void setState({
      w: key,
      row:
        name ===
        defaultRow(
          key === METRICS_KEY ? data.metrics : (matched.find((w) => w.key === key)?.rows ?? []),
        )
          ? null
          : name,
    });

  const noResults = matched.length === 0 && data.metrics.length === 0;
  // Captures or a VM placement are something to compare even without Rally results.
  const other = data.traffic != null || data.placement != null;

  return (
    <>
      <WarningsBanner warnings={data.warnings} />

      {data.metrics.length > 0 && (
        <Panel
          title="Run metrics"
          subtitle="Numbers recorded per run (summary tables, e.g. the time to create 500 VMs); a single value per side has no spread, so it is not testable"
          bodyClassName=""
        >
          <Later
            painted={painted}
            fallback={<TablePlaceholder lines={data.metrics.length * sides.length} />}
          >
            <CompareTable
              rows={data.metrics}
              sides={sides}
              firstColumn="Metric"
              testId="metrics-table"
              selected={selectedKey === METRICS_KEY ? rowName : null}
              onSelect={(name) => selectRow(METRICS_KEY, name)}
            />
          </Later>
        </Panel>
      )}

      {matched.length > 0 && (
        <WorkloadList
          workloads={matched}
          sides={sides}
          selected={selectedKey}
          onSelect={(key) => void setState({ w: key, row: null })}
        />
      )}

      {/* The charts of the selected row first: with 20 sides the table below is long. */}
      {noResults && other ? null : noResults ? (
        <Panel>
          <EmptyState title="Nothing to compare">
            No workload is on both the baseline and a contender, the runs carry no run-level metric,
            no capture and no VM placement. The workloads of each side are listed below.
          </EmptyState>
        </Panel>
      ) : (
        <div className="grid gap-5 xl:grid-cols-2">
          <DistributionPanel
            row={row}
            sides={sides}
            kind={state.chart}
            onKind={(k) => void setState({ chart: k === 'ecdf' ? null : k })}
          />
          {workload && selectedKey !== METRICS_KEY ? (
            <Later
              painted={painted}
              fallback={
                <Panel title={rowName ? `${rowName} per iteration` : 'Per iteration'}>
                  <ChartSkeleton height={280} />
                </Panel>
              }
            >
              <IterationsPanel workload={workload} rowName={rowName} sides={sides} />
            </Later>
          ) : (
            <MetricsNote row={row} />
          )}
        </div>
      )}

      {workload && (
        <Panel
          title={<span className="font-mono">{workload.scenario}</span>}
          subtitle={`${compactArgs(workload.args) || 'no arguments'} · runner ${compactArgs(workload.runner)} · click a row to plot it`}
          bodyClassName=""
        >
          <Later
            painted={painted}
            fallback={
              <TablePlaceholder
                lines={workload.rows.length * workload.present.filter(Boolean).length}
              />
            }
          >
            <CompareTable
              rows={workload.rows}
              sides={sides}
              testId="compare-table"
              present={workload.present}
              selected={selectedKey === workload.key ? rowName : null}
              onSelect={(name) => selectRow(workload.key, name)}
            />
          </Later>
        </Panel>
      )}

      <Later painted={painted} fallback={null}>
        {data.traffic && <TrafficComparison traffic={data.traffic} sides={sides} />}
        {data.placement && <PlacementComparison placement={data.placement} sides={sides} />}

        <FactorDiffTable factors={data.factors} sides={sides} />
        <UnmatchedWorkloads workloads={unmatched} sides={sides} />
        <MethodNote
          method={data.method}
          onSeed={(s) => void setState({ seed: s === 1 ? null : s })}
        />
      </Later>
    </>
  );
}

/** `children` once the first chart has painted and their code has loaded; `fallback` until then. */
function Later({
  painted,
  fallback,
  children,
}: {
  painted: boolean;
  fallback: ReactNode;
  children: ReactNode;
}) {
  return painted ? <Suspense fallback={fallback}>{children}</Suspense> : fallback;
}

/** A table's place, about its height (34 px a side line), until the first chart has painted. */
function TablePlaceholder({ lines }: { lines: number }) {
  return (
    <div className="p-4" style={{ minHeight: 40 + lines * 34 }}>
      <TableSkeleton rows={Math.min(lines, 6)} cols={9} />
    </div>
  );
}

/** Beside a run metric's plot: what a single number can and cannot say. */
function MetricsNote({ row }: { row: CompareRow | null }) {
  const singles = row ? row.sides.every((s) => s == null || s.n <= 1) : false;
  return (
    <Panel title="Reading run metrics">
      <div className="space-y-2 text-[13px] leading-relaxed text-muted">
        <p>
          A run metric is one number per run: the change in % is exact, but with a single value per
          side there is no spread to test, so the verdict is <b className="text-fg">not testable</b>
          .
        </p>
        {singles && (
          <p>
            To get a verdict, ingest repetitions of each configuration (runs with the same factors
            form a group, <span className="font-mono">fp_…</span>) and compare the groups: with at
            least 3 runs a side the test uses per-run values, and 6 or more a side can reach α =
            0.01.
          </p>
        )}
        <p>
          Per-iteration series exist for Rally workloads only; pick a workload above to see them.
        </p>
      </div>
    </Panel>
  );
}
