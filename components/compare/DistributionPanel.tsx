'use client';

import { BoxPlotChart } from '@/components/charts/BoxPlotChart';
import { seriesColor } from '@/components/charts/chartTheme';
import { EcdfChart } from '@/components/charts/EcdfChart';
import type { ChartKind } from '@/components/hooks/useCompareState';
import { presentSides, sideBox, singleValues } from '@/components/static/CompareDistribution';
import { Panel } from '@/components/ui/Panel';
import { Segmented } from '@/components/ui/Segmented';
import { EmptyState } from '@/components/ui/States';
import type { CompareRow, CompareSide } from '@/lib/compareTypes';
import { formatValue } from './compareFormat';

/**
 * Overlaid distributions of one row: ECDF step lines or box plots, one colour per side. The
 * sides and fallbacks are those of the share image and the offline report
 * (components/static/CompareDistribution.tsx), which draw the same chart as static SVG.
 */
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
  const present = row ? presentSides(row, sides) : [];
  const singles = singleValues(present);
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
          rows={present.map(({ side, index, stats }) => ({
            name: side.label,
            color: seriesColor(index),
            box: sideBox(stats),
          }))}
        />
      ) : (
        <EcdfChart
          label={label}
          unit={row.unit}
          series={present.map(({ side, index, stats }) => ({
            name: side.label,
            color: seriesColor(index),
            points: stats.ecdf,
            n: stats.n,
          }))}
        />
      )}
    </Panel>
  );
}
