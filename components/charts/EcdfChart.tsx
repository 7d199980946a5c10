'use client';

import { useMemo } from 'react';
import {
  CartesianGrid,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  type TooltipContentProps,
  XAxis,
  YAxis,
} from 'recharts';
import { AXIS_PROPS, CHART_MARGIN, COLORS } from './chartTheme';
import { ChartLegend, ChartTooltipBox } from './ChartTooltip';
import { niceTicks, spanTickFormatter } from './spanTicks';

export interface EcdfSeries {
  name: string;
  color: string;
  /** [value, cumulative share in (0, 1]], ascending (the API's `ecdf`). */
  points: [number, number][];
  /** Number of values behind the curve (for the legend). */
  n: number;
}

/** Share of the series' values ≤ x (0 before the first point). */
function shareAt(points: [number, number][], x: number): number {
  let p = 0;
  for (const [v, s] of points) {
    if (v <= x) p = s;
    else break;
  }
  return p;
}

/**
 * Overlaid empirical CDFs as step lines: x = value (unit), y = share of values ≤ x. A curve to
 * the left is faster; the horizontal gap at 0.5 is the change of the median.
 */
export function EcdfChart({
  series,
  unit,
  label,
  height = 280,
}: {
  series: EcdfSeries[];
  unit: string;
  label: string;
  height?: number;
}) {
  const data = useMemo(() => {
    // One row per distinct x over all series; each series has its share at its own points and
    // a 0 at the first x, so stepAfter with connectNulls draws the exact step function.
    const rows = new Map<number, Record<string, number>>();
    let min = Number.POSITIVE_INFINITY;
    for (const s of series) for (const [v] of s.points) if (v < min) min = v;
    series.forEach((s, i) => {
      const first = s.points[0];
      if (!first) return;
      const start = rows.get(min) ?? { x: min };
      if (start[`s${i}`] === undefined) start[`s${i}`] = first[0] === min ? first[1] : 0;
      rows.set(min, start);
      for (const [v, p] of s.points) {
        const row = rows.get(v) ?? { x: v };
        row[`s${i}`] = p;
        rows.set(v, row);
      }
    });
    const out = [...rows.values()].sort((a, b) => (a.x as number) - (b.x as number));
    // Extend every curve to the right edge at 1 so they end together.
    const last = out[out.length - 1];
    if (last) {
      series.forEach((s, i) => {
        if (s.points.length) last[`s${i}`] = 1;
      });
    }
    return out;
  }, [series]);
  const { xTick, xAxis } = useMemo(() => {
    const xs = data.map((d) => d.x as number);
    const axis = niceTicks(Math.min(...xs), Math.max(...xs));
    return { xTick: spanTickFormatter(axis.domain[0], axis.domain[1]), xAxis: axis };
  }, [data]);

  return (
    <figure aria-label={`ECDF of ${label}`} className="m-0">
      <ChartLegend
        items={series.map((s) => ({ name: `${s.name} (n = ${s.n})`, color: s.color }))}
      />
      {/* Drawn at a likely width at once, then at the measured one: no empty first frame. */}
      <ResponsiveContainer width="100%" height={height} initialDimension={{ width: 600, height }}>
        <LineChart data={data} margin={{ ...CHART_MARGIN, right: 20 }}>
          <CartesianGrid stroke={COLORS.grid} />
          <XAxis
            dataKey="x"
            type="number"
            domain={xAxis.domain}
            ticks={xAxis.ticks}
            allowDataOverflow
            tickFormatter={xTick}
            {...AXIS_PROPS}
            label={{ value: `${label} (${unit})`, position: 'insideBottom', offset: -12 }}
          />
          <YAxis
            type="number"
            domain={[0, 1]}
            ticks={[0, 0.25, 0.5, 0.75, 1]}
            tickFormatter={(v: number) => `${Math.round(v * 100)}%`}
            width={48}
            {...AXIS_PROPS}
            label={{
              value: 'Share of values ≤ x',
              angle: -90,
              position: 'insideLeft',
              offset: 8,
              style: { textAnchor: 'middle' },
            }}
          />
          <Tooltip
            cursor={{ stroke: 'var(--border-strong)' }}
            content={(p: TooltipContentProps) => {
              if (!p.active || !p.payload?.length) return null;
              const x = (p.payload[0]?.payload as { x: number } | undefined)?.x;
              if (x == null) return null;
              return (
                <ChartTooltipBox
                  title={`≤ ${xTick(x)} ${unit}`}
                  rows={series.map((s) => ({
                    color: s.color,
                    name: s.name,
                    value: `${(shareAt(s.points, x) * 100).toFixed(1)} %`,
                  }))}
                />
              );
            }}
          />
          {series.map((s, i) => (
            <Line
              key={s.name}
              dataKey={`s${i}`}
              name={s.name}
              type="stepAfter"
              stroke={s.color}
              strokeWidth={1.75}
              dot={false}
              connectNulls
              isAnimationActive={false}
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
}
