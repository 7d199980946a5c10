'use client';

import { lazy, Suspense } from 'react';
import { seriesColor } from '@/components/charts/chartTheme';
import type { ChartKind } from '@/components/hooks/useCompareState';
import { useHydrated } from '@/components/hooks/useHydrated';
import {
  CompareDistribution,
  presentSides,
  sideBox,
  singleValues,
} from '@/components/static/CompareDistribution';
import { PAGE_THEME } from '@/components/static/theme';
import { Panel } from '@/components/ui/Panel';
import { Segmented } from '@/components/ui/Segmented';
import { EmptyState } from '@/components/ui/States';
import type { CompareRow, CompareSide } from '@/lib/compareTypes';
import { formatValue } from './compareFormat';

// Recharts is not needed for the first paint (below): its code loads after hydration.
const BoxPlotChart = lazy(() =>
  import('@/components/charts/BoxPlotChart').then((m) => ({ default: m.BoxPlotChart })),
);
const EcdfChart = lazy(() =>
  import('@/components/charts/EcdfChart').then((m) => ({ default: m.EcdfChart })),
);

/**
 * Overlaid distributions of one row: ECDF step lines or box plots, one colour per side. The
 * sides and fallbacks are those of the share image and the offline report
 * (components/static/CompareDistribution.tsx), which draw the same chart as static SVG. The
 * server's HTML carries that static chart (Recharts draws nothing before it measures its box in
 * the browser), so the chart shows as soon as the page arrives; the interactive one replaces it
 * once React has hydrated the page and Recharts' code has loaded (issue 5: the first chart
 * within 1 s).
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
  const hydrated = useHydrated();
  const present = row ? presentSides(row, sides) : [];
  const singles = singleValues(present);
  const box = kind === 'box' || singles;
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
      ) : (
        <Suspense fallback={<StaticChart row={row} sides={sides} box={box} />}>
          {!hydrated ? (
            <StaticChart row={row} sides={sides} box={box} />
          ) : box ? (
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
        </Suspense>
      )}
    </Panel>
  );
}

/** The chart as the offline report draws it, in the page's colours, scaled to the panel. */
function StaticChart({ row, sides, box }: { row: CompareRow; sides: CompareSide[]; box: boolean }) {
  return (
    <div data-first-chart="static">
      <CompareDistribution
        row={row}
        sides={sides}
        kind={box ? 'box' : 'ecdf'}
        width={640}
        height={box ? Math.max(200, 110 + presentSides(row, sides).length * 52) : 340}
        theme={PAGE_THEME}
        fontSize={12}
        className="h-auto w-full"
      />
    </div>
  );
}
