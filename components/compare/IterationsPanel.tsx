'use client';

import { useMemo } from 'react';
import { seriesColor } from '@/components/charts/chartTheme';
import {
  type IterationSeries,
  IterationSeriesChart,
} from '@/components/charts/IterationSeriesChart';
import { useIterationsQueries } from '@/components/hooks/queries/useCompareQuery';
import { Badge } from '@/components/ui/Badge';
import { Panel } from '@/components/ui/Panel';
import { ChartSkeleton } from '@/components/ui/Skeleton';
import { EmptyState, ErrorState } from '@/components/ui/States';
import { formatCount } from '@/lib/format';
import type { CompareSide, CompareWorkload } from '@/lib/compareTypes';
import { rowHasIterations, rowValue } from './iterationValues';

/** Iterations asked per run (the API returns a min/max preserving sample above this). */
const POINTS = 2000;
/** Runs drawn per side: a group of 30 repetitions would be unreadable as 30 lines. */
const MAX_RUNS_PER_SIDE = 4;

/** Per-iteration values of the selected row, each side's runs aligned on the iteration index. */
export function IterationsPanel({
  workload,
  rowName,
  sides,
}: {
  workload: CompareWorkload;
  rowName: string | null;
  sides: CompareSide[];
}) {
  const wanted = useMemo(
    () =>
      sides.flatMap((side, k) =>
        workload.present[k]
          ? side.runs.slice(0, MAX_RUNS_PER_SIDE).map((r, j) => ({ k, j, side, run: r }))
          : [],
      ),
    [sides, workload.present],
  );
  const hidden = sides.reduce(
    (n, s, k) => n + (workload.present[k] ? Math.max(0, s.runs.length - MAX_RUNS_PER_SIDE) : 0),
    0,
  );
  // The comparison says which workload of each run matched: no run details to fetch.
  const pairs = wanted.map((w) => ({
    runId: w.run.id,
    workloadId: workload.workloads[w.k]?.find((x) => x.runId === w.run.id)?.workloadId ?? null,
  }));
  const iterQueries = useIterationsQueries(pairs, POINTS);

  const pending = iterQueries.some((q, i) => pairs[i]?.workloadId && q.isPending);
  const error = iterQueries.find((q) => q.isError)?.error;
  const sampled = iterQueries.some((q) => q.data && q.data.total > q.data.data.length);

  const dataKey = iterQueries.map((q) => q.dataUpdatedAt).join(',');
  // biome-ignore lint/correctness/useExhaustiveDependencies: dataKey stands for the query results
  const series = useMemo<IterationSeries[]>(() => {
    if (!rowName || !rowHasIterations(rowName)) return [];
    const out: IterationSeries[] = [];
    wanted.forEach((w, i) => {
      const page = iterQueries[i]?.data;
      if (!page) return;
      const points = page.data
        .map((it) => ({ iteration: it.i + 1, value: rowValue(it, rowName) }))
        .filter((p) => p.value !== null);
      if (points.length === 0) return;
      const multi = w.side.kind === 'group' && w.side.runs.length > 1;
      out.push({
        key: `s${w.k}r${w.j}`,
        name: multi ? `${w.side.label} · ${w.run.name}` : w.side.label,
        color: seriesColor(w.k),
        dashed: w.j > 0,
        points,
      });
    });
    return out;
  }, [wanted, rowName, dataKey]);

  // One legend entry per side; the runs of a group share its colour (first solid, others dashed).
  const legend = sides
    .map((s, k) => ({ s, k }))
    .filter(({ s, k }) => series.some((x) => x.key.startsWith(`s${k}r`)) && s)
    .map(({ s, k }) => ({
      name:
        s.kind === 'group'
          ? `${s.label} (${Math.min(s.runs.length, MAX_RUNS_PER_SIDE)} runs)`
          : s.label,
      color: seriesColor(k),
    }));
  return (
    <Panel
      title={rowName ? `${rowName} per iteration` : 'Per iteration'}
      subtitle={`Each side's run${sides.some((s) => s.runs.length > 1) ? 's' : ''} aligned on the iteration index (Rally's order)${
        sides.some((s) => s.runs.length > 1)
          ? '; runs of a group share its colour, the later ones dashed'
          : ''
      }${
        sampled
          ? ` · at most ${formatCount(POINTS)} iterations per run, min/max per bucket kept`
          : ''
      }${hidden ? ` · ${hidden} more run(s) of the groups not drawn` : ''}`}
      actions={sampled ? <Badge tone="warn">sample</Badge> : undefined}
    >
      {!rowName || !rowHasIterations(rowName) ? (
        <EmptyState compact title="One value per run">
          The load duration is a single number per run: it has no per-iteration series.
        </EmptyState>
      ) : error ? (
        <ErrorState compact error={error} title="Could not load the iterations" />
      ) : pending ? (
        <ChartSkeleton height={280} />
      ) : series.length === 0 ? (
        <EmptyState compact title="No iteration carries this row">
          The iterations of these runs do not record “{rowName}”.
        </EmptyState>
      ) : (
        <IterationSeriesChart series={series} label={rowName} legend={legend} />
      )}
    </Panel>
  );
}
