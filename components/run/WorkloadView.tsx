'use client';

import { useMemo } from 'react';
import { AtomicActionsChart } from '@/components/charts/AtomicActionsChart';
import { DurationChart } from '@/components/charts/DurationChart';
import { HistogramChart } from '@/components/charts/HistogramChart';
import { LoadProfileChart } from '@/components/charts/LoadProfileChart';
import { useIterationsQuery } from '@/components/hooks/queries/useIterationsQuery';
import { RUN_TABS, type RunTab, useRunViewState } from '@/components/hooks/useRunViewState';
import { Badge } from '@/components/ui/Badge';
import { ExportButtons } from '@/components/ui/ExportButtons';
import { Panel } from '@/components/ui/Panel';
import { Segmented } from '@/components/ui/Segmented';
import { ChartSkeleton } from '@/components/ui/Skeleton';
import { EmptyState, ErrorState } from '@/components/ui/States';
import { BINNING_RULES, binCount, histogram } from '@/lib/histogram';
import { loadProfile } from '@/lib/loadProfile';
import { formatCount } from '@/lib/format';
import { exportFileName, toCsv } from '@/lib/csv';
import type { IterationPage, Run, Workload } from '@/lib/apiTypes';
import { ConfigView } from './ConfigView';
import { DurationsTable } from './DurationsTable';
import { FailuresView } from './FailuresView';
import { hookRuns } from './hooks';
import { HooksPanel } from './HooksPanel';
import { atomicNames, atomicSeries, durationSeries, histogramValues } from './series';
import { SlaPanel } from './SlaPanel';
import { WorkloadSummary } from './WorkloadSummary';

/** Charts ask the API for at most this many iterations (min/max preserving sample). */
export const CHART_POINTS = 2000;

const TAB_LABELS: Record<RunTab, string> = {
  overview: 'Overview',
  details: 'Atomic actions',
  failures: 'Failures',
  config: 'Configuration',
};

export function WorkloadView({ run, workload }: { run: Run; workload: Workload }) {
  const [view, setView] = useRunViewState();
  const iterations = useIterationsQuery({
    runId: run.id,
    workloadId: workload.id,
    points: CHART_POINTS,
  });
  const tab = view.tab;
  // Export files are named after the run and the workload: run_…_NovaServers.boot…_<panel>.csv
  const exportName = useMemo(() => [run.id, workload.scenario], [run.id, workload.scenario]);

  return (
    <div className="min-w-0 space-y-4" data-workload-id={workload.id}>
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <div className="min-w-0">
          <h3
            className="font-mono text-[15px] font-semibold break-all"
            data-testid="workload-scenario"
          >
            {workload.scenario}
          </h3>
          {(workload.task.title || workload.task.uuid) && (
            <p className="text-xs text-muted">
              Task {workload.task.title ?? ''}{' '}
              {workload.task.uuid && (
                <span className="font-mono text-faint">{workload.task.uuid}</span>
              )}
            </p>
          )}
        </div>
      </div>

      <WorkloadSummary workload={workload} />

      <div
        role="tablist"
        aria-label="Workload views"
        className="no-print flex gap-1 overflow-x-auto border-b border-border"
      >
        {RUN_TABS.map((t) => {
          const active = t === tab;
          return (
            <button
              key={t}
              type="button"
              role="tab"
              aria-selected={active}
              onClick={() =>
                void setView({ tab: t === 'overview' ? null : t }, { history: 'push' })
              }
              className={`-mb-px flex items-center gap-1.5 border-b-2 px-2 py-2 text-[13px] sm:px-3 font-medium whitespace-nowrap transition-colors ${
                active ? 'border-accent text-fg' : 'border-transparent text-muted hover:text-fg'
              }`}
            >
              {TAB_LABELS[t]}
              {t === 'failures' && workload.failures > 0 && (
                <Badge tone="bad">{formatCount(workload.failures)}</Badge>
              )}
            </button>
          );
        })}
      </div>

      <div role="tabpanel" aria-label={TAB_LABELS[tab]}>
        {tab === 'overview' && (
          <OverviewTab workload={workload} iterations={iterations} exportName={exportName} />
        )}
        {tab === 'details' && (
          <DetailsTab workload={workload} iterations={iterations} exportName={exportName} />
        )}
        {tab === 'failures' && (
          <FailuresView run={run} workload={workload} sample={iterations.data} />
        )}
        {tab === 'config' && <ConfigView workload={workload} />}
      </div>
    </div>
  );
}

type IterationsResult = ReturnType<typeof useIterationsQuery>;

/** Loading / error / empty states shared by every chart panel. */
function ChartBody({
  iterations,
  empty,
  height = 280,
  children,
}: {
  iterations: IterationsResult;
  empty: boolean;
  height?: number;
  children: () => React.ReactNode;
}) {
  const none = iterations.data?.total === 0;
  if (iterations.isPending) return <ChartSkeleton height={height} />;
  if (iterations.isError)
    return (
      <ErrorState
        compact
        error={iterations.error}
        title="Could not load the iterations"
        onRetry={() => void iterations.refetch()}
      />
    );
  if (empty)
    return (
      <div style={{ minHeight: height }} className="flex items-center justify-center">
        <EmptyState
          compact
          title={none ? 'This workload ran no iterations' : 'No data for this chart'}
        >
          {none
            ? 'Rally recorded no iteration (a context or the setup failed, see the SLA).'
            : null}
        </EmptyState>
      </div>
    );
  return <>{children()}</>;
}

function sampleNote(page: IterationPage | undefined): string | null {
  if (!page || page.total <= page.data.length) return null;
  return `computed from a sample of ${formatCount(page.data.length)} of ${formatCount(page.total)} iterations`;
}

function SampleBadge({ page }: { page: IterationPage | undefined }) {
  const note = sampleNote(page);
  return note ? (
    <Badge tone="warn" title={`${note} (min/max preserving)`}>
      sample
    </Badge>
  ) : null;
}

/** A chart panel's export buttons: the chart as PNG, its data as CSV. */
function ChartExport({
  label,
  name,
  header,
  rows,
}: {
  /** The chart, as the buttons' tooltips and accessible names say it. */
  label: string;
  name: string[];
  header: string[];
  rows: () => (string | number | null)[][];
}) {
  return (
    <ExportButtons
      png={{ filename: exportFileName(name, 'png'), title: `Download the ${label} chart as PNG` }}
      csv={{
        filename: exportFileName(name, 'csv'),
        build: () => toCsv(header, rows()),
        title: `Download the ${label} data as CSV`,
      }}
    />
  );
}

function OverviewTab({
  workload,
  iterations,
  exportName,
}: {
  workload: Workload;
  iterations: IterationsResult;
  exportName: string[];
}) {
  const [view, setView] = useRunViewState();
  const page = iterations.data;
  const data = page?.data;

  const durations = useMemo(() => durationSeries(data ?? []), [data]);
  const profile = useMemo(
    () =>
      loadProfile(
        (data ?? []).map((it) => ({ timestamp: it.timestamp, duration: it.duration })),
        { loadDuration: workload.loadDuration },
      ),
    [data, workload.loadDuration],
  );
  const references = useMemo(() => {
    const d = workload.stats.total.children.find((c) => c.name === 'duration');
    const refs: { label: string; value: number }[] = [];
    if (d?.median != null) refs.push({ label: 'median', value: d.median });
    if (d?.p95 != null) refs.push({ label: '95%ile', value: d.p95 });
    return refs;
  }, [workload.stats.total]);

  const hooks = useMemo(() => hookRuns(workload.hooks), [workload.hooks]);
  // Time zero of the charts: the first iteration (as the load profile), else the workload start.
  const start = useMemo(() => {
    let t = Number.POSITIVE_INFINITY;
    for (const it of data ?? []) if (it.timestamp < t) t = it.timestamp;
    return Number.isFinite(t) ? t : workload.startTime;
  }, [data, workload.startTime]);
  const iterationMarkers = useMemo(
    () =>
      hooks
        .filter((h) => h.triggeredBy?.type === 'iteration')
        .map((h) => ({ x: h.triggeredBy!.value, label: h.hook, failed: h.status !== 'success' })),
    [hooks],
  );
  const timeMarkers = useMemo(
    () =>
      start == null
        ? []
        : hooks
            .filter((h) => h.startedAt != null)
            .map((h) => ({
              x: h.startedAt! - start,
              label: h.hook,
              failed: h.status !== 'success',
            })),
    [hooks, start],
  );

  const concurrency =
    typeof workload.runner.concurrency === 'number' ? workload.runner.concurrency : null;
  const sampled = sampleNote(page);
  const xNote = sampled ? ` · ${sampled}` : '';

  return (
    <div className="space-y-4">
      <SlaPanel sla={workload.sla} />
      <DurationsTable stats={workload.stats} exportName={exportName} />
      <HooksPanel runs={hooks} start={start} />

      <Panel
        title="Duration per iteration"
        subtitle={`Stacked: duration + idle duration, seconds${
          page && page.total > page.data.length
            ? ` · ${formatCount(page.data.length)} of ${formatCount(page.total)} iterations shown (min/max per bucket kept)`
            : ''
        }`}
        actions={
          <>
            <SampleBadge page={page} />
            <ChartExport
              label="duration per iteration"
              name={[...exportName, 'duration-per-iteration']}
              header={['iteration', 'duration', 'idle_duration', 'failed']}
              rows={() => durations.map((d) => [d.iteration, d.duration, d.idle, d.failed])}
            />
          </>
        }
      >
        <ChartBody iterations={iterations} empty={durations.length === 0}>
          {() => (
            <DurationChart
              data={durations}
              showFailed={workload.failures > 0}
              references={references}
              markers={iterationMarkers}
            />
          )}
        </ChartBody>
      </Panel>

      <div className="grid gap-4 xl:grid-cols-2">
        <Panel
          title="Load profile"
          subtitle={`Iterations in flight over time, as in Rally's report${xNote}`}
          actions={
            <>
              <SampleBadge page={page} />
              <ChartExport
                label="load profile"
                name={[...exportName, 'load-profile']}
                header={['t', 'running']}
                rows={() => profile.map((p) => [p.t, p.running])}
              />
            </>
          }
        >
          <ChartBody iterations={iterations} empty={profile.length === 0}>
            {() => (
              <LoadProfileChart data={profile} concurrency={concurrency} markers={timeMarkers} />
            )}
          </ChartBody>
        </Panel>
        <HistogramPanel
          workload={workload}
          iterations={iterations}
          rule={view.bins}
          onRule={(r) => void setView({ bins: r === 'sqrt' ? null : r })}
          metric={null}
          exportName={exportName}
        />
      </div>
    </div>
  );
}

function HistogramPanel({
  workload,
  iterations,
  rule,
  onRule,
  metric,
  metricPicker,
  exportName,
}: {
  workload: Workload;
  iterations: IterationsResult;
  rule: 'sqrt' | 'sturges' | 'rice';
  onRule: (r: 'sqrt' | 'sturges' | 'rice') => void;
  metric: string | null;
  metricPicker?: React.ReactNode;
  exportName: string[];
}) {
  const page = iterations.data;
  const values = useMemo(() => histogramValues(page?.data ?? [], metric), [page, metric]);
  const hist = useMemo(() => histogram(values, rule), [values, rule]);
  const sampled = sampleNote(page);
  const ruleInfo = BINNING_RULES.find((r) => r.id === rule);
  return (
    <Panel
      title={metric ? `Histogram of ${metric}` : 'Histogram of durations'}
      subtitle={`${metric ? 'Iterations where the action ran' : 'Successful iterations'} · ${ruleInfo?.label} rule ${ruleInfo?.formula} = ${binCount(rule, values.length)} bins${
        sampled ? ` · ${sampled}` : ''
      }`}
      actions={
        <>
          {metricPicker}
          <Segmented
            label="Binning rule"
            value={rule}
            onChange={onRule}
            size="xs"
            options={BINNING_RULES.map((r) => ({
              value: r.id,
              label: r.label,
              title: `${r.label}: ${r.formula}`,
            }))}
          />
          <SampleBadge page={page} />
          <ChartExport
            label="histogram"
            name={[...exportName, metric ? `histogram-${metric}` : 'histogram', rule]}
            header={['x0', 'x1', 'count']}
            rows={() => hist.bins.map((b) => [b.x0, b.x1, b.count])}
          />
        </>
      }
    >
      <ChartBody iterations={iterations} empty={hist.bins.length === 0}>
        {() => <HistogramChart bins={hist.bins} />}
      </ChartBody>
      {workload.iterations > 0 && values.length === 0 && !iterations.isPending && (
        <p className="mt-2 text-xs text-muted">
          Every iteration failed: there is no successful duration to plot.
        </p>
      )}
    </Panel>
  );
}

function DetailsTab({
  workload,
  iterations,
  exportName,
}: {
  workload: Workload;
  iterations: IterationsResult;
  exportName: string[];
}) {
  const [view, setView] = useRunViewState();
  const data = iterations.data?.data;
  const names = useMemo(
    () =>
      atomicNames(
        workload.stats.actions.map((a) => a.name),
        data ?? [],
      ),
    [workload.stats.actions, data],
  );
  const series = useMemo(() => atomicSeries(data ?? []), [data]);
  const metric = view.hm && names.includes(view.hm) ? view.hm : (names[0] ?? null);
  const page = iterations.data;

  return (
    <div className="space-y-4">
      <Panel
        title="Atomic action durations per iteration"
        subtitle={`Seconds; an action missing from an iteration counts as 0${sampleNote(page) ? ` · ${sampleNote(page)}` : ''}`}
        actions={
          <>
            <Segmented
              label="Chart mode"
              size="xs"
              value={view.atomics}
              onChange={(m) => void setView({ atomics: m === 'stacked' ? null : m })}
              options={[
                { value: 'stacked', label: 'Stacked' },
                { value: 'lines', label: 'Lines' },
              ]}
            />
            <SampleBadge page={page} />
            <ChartExport
              label="atomic actions"
              name={[...exportName, 'atomic-actions']}
              header={['iteration', ...names]}
              rows={() => series.map((p) => [p.iteration, ...names.map((n) => p.values[n] ?? 0)])}
            />
          </>
        }
      >
        <ChartBody
          iterations={iterations}
          empty={names.length === 0 || series.length === 0}
          height={300}
        >
          {() => <AtomicActionsChart data={series} actions={names} mode={view.atomics} />}
        </ChartBody>
      </Panel>
      {names.length > 0 && (
        <HistogramPanel
          workload={workload}
          iterations={iterations}
          rule={view.bins}
          onRule={(r) => void setView({ bins: r === 'sqrt' ? null : r })}
          metric={metric}
          exportName={exportName}
          metricPicker={
            <select
              aria-label="Atomic action"
              value={metric ?? ''}
              onChange={(e) => void setView({ hm: e.target.value || null })}
              className="h-7 max-w-[220px] rounded-md border border-border bg-surface px-1.5 font-mono text-[11px]"
            >
              {names.map((n) => (
                <option key={n} value={n}>
                  {n}
                </option>
              ))}
            </select>
          }
        />
      )}
    </div>
  );
}
