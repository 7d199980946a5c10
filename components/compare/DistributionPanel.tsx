'use client';

import { BoxPlotChart } from '@/components/charts/BoxPlotChart';
import { seriesColor } from '@/components/charts/chartTheme';
import { EcdfChart } from '@/components/charts/EcdfChart';
import type { ChartKind } from '@/components/hooks/useCompareState';
import { Panel } from '@/components/ui/Panel';
import { Segmented } from '@/components/ui/Segmented';
import { EmptyState } from '@/components/ui/States';
import type { CompareRow, CompareSide } from '@/lib/compareTypes';
import { formatValue } from './compareFormat';

/** Overlaid distributions of one row: ECDF step lines or box plots, one colour per side. */
export function DistributionPanel({
  row,
  sides,
  kind,
  onKind,
}: {
  row: CompareRow | null;
  sides: CompareSide[];
  kind: ChartKind;
  onKind: (k: ChartKind) => void;
}) {
  const present = row
    ? sides
        .map((side, i) => ({ side, i, s: row.sides[i] ?? null }))
        .filter((x) => x.s != null && x.s.n > 0)
    : [];
  const singles = present.length > 0 && present.every((x) => x.s!.n === 1);
  const label = row?.name ?? '';
  return (
    <Panel
      title={row ? `Distribution of ${row.name}` : 'Distribution'}
      subtitle={
        singles
          ? 'One value per side (a summary table): the plot shows the values themselves'
          : kind === 'ecdf'
            ? 'Empirical CDF: share of values ≤ x; a curve to the left is faster'
            : 'Tukey box plots: quartiles, median (bar), mean (◇), whiskers at 1.5 × IQR, outliers (○)'
      }
      actions={
        singles ? undefined : (
          <Segmented
            label="Distribution chart"
            size="xs"
            value={kind}
            onChange={onKind}
            options={[
              { value: 'ecdf', label: 'ECDF', title: 'Empirical cumulative distribution' },
              { value: 'box', label: 'Box plot', title: 'Tukey box plots' },
            ]}
          />
        )
      }
    >
      {!row || present.length === 0 ? (
        <EmptyState compact title="No values to plot">
          Select a row of the table that has values on some side.
        </EmptyState>
      ) : kind === 'box' || singles ? (
        <BoxPlotChart
          label={label}
          unit={row.unit}
          format={(v) => formatValue(v, row.unit)}
          rows={present.map(({ side, i, s }) => ({
            name: side.label,
            color: seriesColor(i),
            box: s!.box ?? {
              n: s!.n,
              min: s!.min ?? 0,
              q1: s!.median ?? 0,
              median: s!.median ?? 0,
              q3: s!.median ?? 0,
              max: s!.max ?? 0,
              mean: s!.mean ?? 0,
              whiskers: { low: s!.min ?? 0, high: s!.max ?? 0 },
              outliers: [],
              outlierCount: 0,
            },
          }))}
        />
      ) : (
        <EcdfChart
          label={label}
          unit={row.unit}
          series={present.map(({ side, i, s }) => ({
            name: side.label,
            color: seriesColor(i),
            points: s!.ecdf,
            n: s!.n,
          }))}
        />
      )}
    </Panel>
  );
}
