'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { type ReactNode, useMemo, useState } from 'react';
import { seriesColor } from '@/components/charts/chartTheme';
import { ChartLegend } from '@/components/charts/ChartTooltip';
import { ScalingChart } from '@/components/charts/ScalingChart';
import { useExploreQuery } from '@/components/hooks/queries/useExploreQuery';
import { useExploreState } from '@/components/hooks/useExploreState';
import { Panel } from '@/components/ui/Panel';
import { Segmented } from '@/components/ui/Segmented';
import { ChartSkeleton, TableSkeleton } from '@/components/ui/Skeleton';
import { EmptyState, ErrorState } from '@/components/ui/States';
import { formatCount } from '@/lib/format';
import type { Exploration } from '@/lib/exploreTypes';
import { formatMetric, formatSlope, groupMetrics, perUnit } from './explorePresentation';

export function ExplorePage() {
  const [state, setState] = useExploreState();
  const query = useExploreQuery(state);
  const data = query.data;

  return (
    <div className="space-y-5">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-xl font-semibold tracking-tight">Explore factors</h1>
          <p className="mt-0.5 text-[13px] text-muted">
            How a metric scales with a factor (sites, RTT, backend nodes…): one dot per run, the
            median of the repetitions with its 95 % interval, and the slope per added unit.
          </p>
        </div>
        <Link
          href="/compare"
          prefetch={false}
          className="no-print rounded-md border border-border bg-surface px-3 py-1.5 text-[13px] font-medium text-fg hover:bg-surface-2"
        >
          ← Compare runs
        </Link>
      </div>

      <Pickers data={data} pending={query.isPending} />

      {query.isPending ? (
        <Panel bodyClassName="p-4">
          <ChartSkeleton height={320} />
        </Panel>
      ) : query.isError && !data ? (
        <Panel>
          <ErrorState
            error={query.error}
            title="Could not explore this"
            onRetry={() => void query.refetch()}
          />
          <p className="pb-6 text-center text-[13px]">
            <button
              type="button"
              className="font-medium text-accent hover:underline"
              onClick={() =>
                void setState({ metric: null, x: null, series: null, facet: null, scenario: null })
              }
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
              <ErrorState compact error={query.error} title="Could not update the chart" />
            </Panel>
          )}
          <Charts data={data} />
          <div className="grid gap-5 xl:grid-cols-2">
            <SlopeTable data={data} />
            <Excluded data={data} />
          </div>
          <PointsTable data={data} />
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
  wide = false,
}: {
  label: string;
  value: string;
  onChange: (v: string) => void;
  children: ReactNode;
  testId?: string;
  wide?: boolean;
}) {
  return (
    <label className={`flex min-w-0 flex-col gap-1 ${wide ? 'col-span-2 lg:col-span-1' : ''}`}>
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

function Pickers({ data, pending }: { data: Exploration | undefined; pending: boolean }) {
  const [state, setState] = useExploreState();
  const available = data?.available;
  const factors = available?.factors ?? [];
  const metricValue = state.metric ?? data?.metric.id ?? '';
  const xValue = state.x ?? data?.x.key ?? '';
  return (
    <Panel bodyClassName="p-4">
      <div className="grid grid-cols-2 gap-3 lg:grid-cols-[2fr_1.4fr_1fr_1fr_1fr_auto] lg:items-end">
        <Select
          label="Metric"
          wide
          testId="pick-metric"
          value={metricValue}
          onChange={(v) => void setState({ metric: v })}
        >
          {pending && !available && <option value={metricValue}>Loading…</option>}
          {groupMetrics(available?.metrics ?? []).map(([group, list]) => (
            <optgroup key={group} label={group}>
              {list.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.label} ({m.unit})
                </option>
              ))}
            </optgroup>
          ))}
        </Select>
        <Select
          label="Scenario"
          wide
          testId="pick-scenario"
          value={state.scenario ?? ''}
          onChange={(v) => void setState({ scenario: v || null })}
        >
          <option value="">All scenarios</option>
          {(available?.scenarios ?? []).map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </Select>
        <Select
          label="X axis"
          testId="pick-x"
          value={xValue}
          onChange={(v) => void setState({ x: v })}
        >
          {factors.map((f) => (
            <option key={f.key} value={f.key}>
              {f.label}
            </option>
          ))}
        </Select>
        <Select
          label="Series"
          testId="pick-series"
          value={state.series ?? ''}
          onChange={(v) => void setState({ series: v || null })}
        >
          <option value="">None</option>
          {factors.map((f) => (
            <option key={f.key} value={f.key} disabled={f.key === xValue}>
              {f.label}
            </option>
          ))}
        </Select>
        <Select
          label="Facet"
          testId="pick-facet"
          value={state.facet ?? ''}
          onChange={(v) => void setState({ facet: v || null })}
        >
          <option value="">None</option>
          {factors.map((f) => (
            <option key={f.key} value={f.key} disabled={f.key === xValue}>
              {f.label}
            </option>
          ))}
        </Select>
        <div className="flex flex-col gap-1">
          <span className="text-[11px] font-medium uppercase tracking-wide text-faint">
            Y scale
          </span>
          <Segmented
            label="Y scale"
            value={state.scale}
            onChange={(s) => void setState({ scale: s === 'lin' ? null : s })}
            options={[
              { value: 'lin', label: 'Linear' },
              { value: 'log', label: 'Log' },
            ]}
          />
        </div>
      </div>
    </Panel>
  );
}

/** A round upper bound for a shared axis: 0.0192 → 0.02, 413 → 500, 87 → 100. */
function niceCeil(x: number): number {
  if (!(x > 0)) return 1;
  const mag = 10 ** Math.floor(Math.log10(x));
  for (const m of [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10]) if (m * mag >= x) return m * mag;
  return 10 * mag;
}

function Charts({ data }: { data: Exploration }) {
  const [state] = useExploreState();
  const router = useRouter();
  const seriesNames = useMemo(
    () => [...new Set(data.lines.map((l) => l.series))].sort(),
    [data.lines],
  );
  const colors = useMemo(
    () => new Map(seriesNames.map((s, i) => [s, seriesColor(i)] as const)),
    [seriesNames],
  );
  const facets = useMemo(() => [...new Set(data.lines.map((l) => l.facet))].sort(), [data.lines]);
  const yDomain = useMemo((): [number, number] | undefined => {
    if (facets.length <= 1) return undefined;
    const vs = data.points.map((p) => p.value).filter((v) => state.scale === 'lin' || v > 0);
    if (!vs.length) return undefined;
    const hi = Math.max(...vs);
    const lo = Math.min(...vs);
    return state.scale === 'log' ? [lo * 0.9, hi * 1.1] : [0, niceCeil(hi * 1.04)];
  }, [data.points, facets.length, state.scale]);

  const unit = data.metric.unit;
  const title = `${data.metric.label} vs ${data.x.label.toLowerCase()}`;
  const nonPositive = state.scale === 'log' && data.points.some((p) => p.value <= 0);
  const subtitle = [
    `${formatCount(data.points.length)} run${data.points.length === 1 ? '' : 's'}`,
    data.scenario ? `scenario ${data.scenario}` : null,
    data.series ? `series: ${data.series.label}` : null,
    data.facet ? `one plot per ${data.facet.label.toLowerCase()}` : null,
    nonPositive ? 'values ≤ 0 left out of the log scale' : null,
  ]
    .filter(Boolean)
    .join(' · ');

  const legend = [
    ...seriesNames.map((s) => ({
      name: s ? `${data.series?.label ?? 'Series'}: ${s}` : 'Median of runs',
      color: colors.get(s) ?? seriesColor(0),
    })),
  ];

  const chartFor = (facet: string, height: number) => (
    <ScalingChart
      lines={data.lines.filter((l) => l.facet === facet)}
      points={data.points.filter((p) => p.facet === facet)}
      colors={colors}
      numeric={data.x.numeric}
      xLabel={data.x.label}
      yLabel={data.metric.label}
      unit={unit}
      scale={state.scale}
      yDomain={yDomain}
      height={height}
      format={formatMetric}
      onPointClick={(runId) => router.push(`/runs/${encodeURIComponent(runId)}`)}
    />
  );

  return (
    <Panel title={title} subtitle={subtitle}>
      {data.points.length === 0 ? (
        <EmptyState title="No run has a value here">
          No run has both a value for “{data.metric.label}” and a known {data.x.label.toLowerCase()}
          {data.scenario ? ` in scenario ${data.scenario}` : ''}. Pick another metric or factor, or
          give runs this factor (<code className="font-mono text-[12px]">--set {data.x.key}=…</code>{' '}
          at ingest). The runs left out are listed below with the reason.
        </EmptyState>
      ) : (
        <figure aria-label={`Scaling chart: ${title}`} className="m-0" data-testid="scaling-chart">
          <div className="flex flex-wrap items-start justify-between gap-2">
            <ChartLegend items={legend} />
            <p className="mb-2 flex items-center gap-3 text-[11px] text-faint">
              <span className="inline-flex items-center gap-1">
                <svg viewBox="0 0 10 10" className="h-2.5 w-2.5" aria-hidden="true">
                  <circle
                    cx="5"
                    cy="5"
                    r="3.5"
                    fill="none"
                    stroke="currentColor"
                    strokeWidth="1.4"
                  />
                </svg>
                run
              </span>
              <span className="inline-flex items-center gap-1">
                <span className="inline-block h-0.5 w-3 bg-current" />
                median
              </span>
              <span className="inline-flex items-center gap-1">
                <span className="inline-block h-2.5 w-3 rounded-sm bg-current opacity-25" />
                95 % interval
              </span>
            </p>
          </div>
          {facets.length <= 1 ? (
            chartFor(facets[0] ?? '', 340)
          ) : (
            <div className="grid gap-4 sm:grid-cols-2 xl:grid-cols-3">
              {facets.map((f) => (
                <div key={f} className="min-w-0 rounded-md border border-border p-2">
                  <h3 className="mb-1 px-1 text-[12px] font-medium text-fg">
                    {data.facet?.label}: {f || <span className="italic text-faint">unknown</span>}
                  </h3>
                  {chartFor(f, 240)}
                </div>
              ))}
            </div>
          )}
        </figure>
      )}
    </Panel>
  );
}

function SlopeTable({ data }: { data: Exploration }) {
  const rows = data.lines;
  const per = (u: string) => perUnit(data.x.key, u);
  return (
    <Panel
      title="Slopes"
      subtitle={
        data.x.numeric
          ? `Least-squares slope of the runs' values vs ${data.x.label.toLowerCase()}, with a 95 % bootstrap interval`
          : `${data.x.label} is not numeric: no slope`
      }
      bodyClassName="overflow-x-auto"
    >
      {!data.x.numeric || rows.length === 0 ? (
        <EmptyState
          compact
          title={data.x.numeric ? 'No series' : 'No slope for a categorical axis'}
        >
          {data.x.numeric ? null : 'Pick a numeric factor (sites, RTT, backend nodes…) as x.'}
        </EmptyState>
      ) : (
        <table className="w-full border-collapse text-[12.5px]" data-testid="slopes">
          <thead>
            <tr className="border-b border-border bg-surface-2/60 text-xs text-muted">
              <th scope="col" className="py-2 pr-3 pl-4 text-left font-medium">
                {data.series?.label ?? 'Series'}
              </th>
              {data.facet && (
                <th scope="col" className="px-3 py-2 text-left font-medium">
                  {data.facet.label}
                </th>
              )}
              <th scope="col" className="px-3 py-2 text-right font-medium">
                Runs · x values
              </th>
              <th scope="col" className="py-2 pr-4 pl-3 text-left font-medium">
                Slope [95 % interval]
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((l, i) => {
              const runs = l.points.reduce((n, p) => n + p.n, 0);
              return (
                <tr
                  key={`${l.facet}/${l.series}`}
                  className="border-b border-border last:border-b-0"
                >
                  <td className="py-2 pr-3 pl-4">
                    <span className="inline-flex items-center gap-1.5">
                      <span
                        className="h-2.5 w-2.5 rounded-sm"
                        style={{
                          background: seriesColor(
                            [...new Set(rows.map((r) => r.series))].sort().indexOf(l.series),
                          ),
                        }}
                      />
                      {l.series || <span className="text-muted">all runs</span>}
                    </span>
                  </td>
                  {data.facet && <td className="px-3 py-2">{l.facet || 'unknown'}</td>}
                  <td className="px-3 py-2 text-right tabular-nums text-muted">
                    {runs} · {l.points.length}
                  </td>
                  <td className="py-2 pr-4 pl-3 tabular-nums" data-index={i}>
                    {l.slope ? (
                      <>
                        <span className="font-medium text-fg">
                          {formatSlope(l.slope.value)} {data.metric.unit} {per(l.slope.unit)}
                        </span>{' '}
                        <span className="text-muted">
                          {l.slope.low != null && l.slope.high != null
                            ? `[${formatSlope(l.slope.low)}, ${formatSlope(l.slope.high)}]`
                            : '[no interval: too few runs]'}
                        </span>
                      </>
                    ) : (
                      <span className="text-faint">n/a: needs 2 x values</span>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </Panel>
  );
}

function Excluded({ data }: { data: Exploration }) {
  const [all, setAll] = useState(false);
  const list = all ? data.excluded : data.excluded.slice(0, 8);
  return (
    <Panel
      title={`Runs left out (${data.excluded.length})`}
      subtitle="Runs with no value for this metric or an unknown x; never silently dropped"
      bodyClassName=""
    >
      {data.excluded.length === 0 ? (
        <EmptyState compact title="Every run is in the chart" />
      ) : (
        <>
          <ul className="divide-y divide-border text-[12.5px]" data-testid="excluded">
            {list.map((e) => (
              <li key={e.runId} className="flex items-center justify-between gap-3 px-4 py-1.5">
                <Link
                  href={`/runs/${encodeURIComponent(e.runId)}`}
                  className="min-w-0 truncate text-fg hover:text-accent hover:underline"
                  title={e.runId}
                >
                  {e.runName}
                </Link>
                <span className="shrink-0 text-[12px] text-muted">{e.reason}</span>
              </li>
            ))}
          </ul>
          {data.excluded.length > 8 && (
            <button
              type="button"
              onClick={() => setAll(!all)}
              className="w-full border-t border-border py-2 text-[12px] font-medium text-accent hover:bg-surface-2"
            >
              {all ? 'Show fewer' : `Show all ${data.excluded.length}`}
            </button>
          )}
        </>
      )}
    </Panel>
  );
}

function PointsTable({ data }: { data: Exploration }) {
  if (data.points.length === 0) return null;
  const sorted = [...data.points].sort(
    (a, b) =>
      a.facet.localeCompare(b.facet) ||
      a.series.localeCompare(b.series) ||
      (typeof a.x === 'number' && typeof b.x === 'number'
        ? a.x - b.x
        : String(a.x).localeCompare(String(b.x))) ||
      a.value - b.value,
  );
  return (
    <Panel bodyClassName="">
      <details>
        <summary className="cursor-pointer px-4 py-3 text-[13px] font-semibold text-fg">
          Runs in the chart ({formatCount(data.points.length)})
          <span className="ml-2 text-xs font-normal text-muted">
            the numbers behind the dots; compare any run with others
          </span>
        </summary>
        <div className="overflow-x-auto border-t border-border">
          <table className="w-full min-w-[560px] border-collapse text-[12.5px]">
            <thead>
              <tr className="border-b border-border bg-surface-2/60 text-xs text-muted">
                <th scope="col" className="py-2 pr-3 pl-4 text-left font-medium">
                  Run
                </th>
                {data.series && (
                  <th scope="col" className="px-3 py-2 text-left font-medium">
                    {data.series.label}
                  </th>
                )}
                {data.facet && (
                  <th scope="col" className="px-3 py-2 text-left font-medium">
                    {data.facet.label}
                  </th>
                )}
                <th scope="col" className="px-3 py-2 text-right font-medium">
                  {data.x.label}
                </th>
                <th scope="col" className="px-3 py-2 text-right font-medium">
                  {data.metric.label} ({data.metric.unit})
                </th>
                <th scope="col" className="py-2 pr-4 pl-3 text-right font-medium">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {sorted.map((p) => (
                <tr key={p.runId} className="border-b border-border last:border-b-0">
                  <td className="max-w-[280px] truncate py-1.5 pr-3 pl-4">
                    <Link
                      href={`/runs/${encodeURIComponent(p.runId)}`}
                      className="text-fg hover:text-accent hover:underline"
                    >
                      {p.runName}
                    </Link>
                  </td>
                  {data.series && <td className="px-3 py-1.5">{p.series}</td>}
                  {data.facet && <td className="px-3 py-1.5">{p.facet}</td>}
                  <td className="px-3 py-1.5 text-right tabular-nums">{String(p.x)}</td>
                  <td className="px-3 py-1.5 text-right tabular-nums">{formatMetric(p.value)}</td>
                  <td className="py-1.5 pr-4 pl-3 text-right">
                    <Link
                      href={`/compare?baseline=${encodeURIComponent(p.runId)}`}
                      className="text-[12px] font-medium text-accent hover:underline"
                    >
                      Compare →
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </Panel>
  );
}

export function ExplorePageSkeleton() {
  return (
    <div className="space-y-5" role="status" aria-label="Loading the explorer">
      <Panel bodyClassName="p-4">
        <TableSkeleton rows={1} cols={6} />
      </Panel>
      <Panel bodyClassName="p-4">
        <ChartSkeleton height={320} />
      </Panel>
    </div>
  );
}
