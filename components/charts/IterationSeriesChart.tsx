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
import { formatSecondsAuto } from '@/lib/format';
import { AXIS_PROPS, CHART_MARGIN, COLORS } from './chartTheme';
import { ChartLegend, ChartTooltipBox } from './ChartTooltip';
import { niceTicks, spanTickFormatter } from './spanTicks';

export interface IterationSeries {
  /** Unique key (a side and a run). */
  key: string;
  name: string;
  color: string;
  dashed?: boolean;
  /** 1-based iteration number → value (seconds); failed iterations may be null. */
  points: { iteration: number; value: number | null }[];
}

/**
 * Per-iteration values of several runs aligned on the iteration index (STYLE.md: comparison
 * series share an x-axis). Runs of one side share its colour; later runs of a group are dashed.
 */
export function IterationSeriesChart({
  series,
  label,
  legend,
  height = 280,
}: {
  series: IterationSeries[];
  label: string;
  /** Legend entries when they differ from the series (e.g. one per side for groups). */
  legend?: { name: string; color: string; dashed?: boolean }[];
  height?: number;
}) {
  const data = useMemo(() => {
    const rows = new Map<number, Record<string, number | null>>();
    for (const s of series) {
      for (const p of s.points) {
        const row = rows.get(p.iteration) ?? { iteration: p.iteration };
        row[s.key] = p.value;
        rows.set(p.iteration, row);
      }
    }
    return [...rows.values()].sort((a, b) => (a.iteration as number) - (b.iteration as number));
  }, [series]);
  const many = data.length > 300;
  const yTick = useMemo(() => {
    let lo = Number.POSITIVE_INFINITY;
    let hi = Number.NEGATIVE_INFINITY;
    for (const s of series)
      for (const p of s.points)
        if (p.value != null) {
          lo = Math.min(lo, p.value);
          hi = Math.max(hi, p.value);
        }
    return niceTicks(Math.min(0, lo), hi);
  }, [series]);
  const yFormat = spanTickFormatter(yTick.domain[0], yTick.domain[1]);
  return (
    <figure aria-label={`${label} per iteration`} className="m-0">
      <ChartLegend
        items={legend ?? series.map((s) => ({ name: s.name, color: s.color, dashed: s.dashed }))}
      />
      <ResponsiveContainer width="100%" height={height}>
        <LineChart data={data} margin={CHART_MARGIN}>
          <CartesianGrid stroke={COLORS.grid} vertical={false} />
          <XAxis
            dataKey="iteration"
            type="number"
            domain={['dataMin', 'dataMax']}
            allowDecimals={false}
            {...AXIS_PROPS}
            label={{ value: 'Iteration', position: 'insideBottom', offset: -12 }}
          />
          <YAxis
            {...AXIS_PROPS}
            width={64}
            domain={yTick.domain}
            ticks={yTick.ticks}
            tickFormatter={yFormat}
            label={{
              value: `${label} (s)`,
              angle: -90,
              position: 'insideLeft',
              offset: 4,
              style: { textAnchor: 'middle' },
            }}
          />
          <Tooltip
            cursor={{ stroke: 'var(--border-strong)' }}
            content={(p: TooltipContentProps) => {
              if (!p.active || !p.payload?.length) return null;
              const row = p.payload[0]?.payload as Record<string, number | null> | undefined;
              if (!row) return null;
              return (
                <ChartTooltipBox
                  title={`Iteration ${row.iteration}`}
                  rows={series
                    .filter((s) => row[s.key] !== undefined)
                    .map((s) => ({
                      color: s.color,
                      name: s.name,
                      value: row[s.key] == null ? 'failed' : `${formatSecondsAuto(row[s.key])} s`,
                    }))}
                />
              );
            }}
          />
          {series.map((s) => (
            <Line
              key={s.key}
              dataKey={s.key}
              name={s.name}
              type="linear"
              stroke={s.color}
              strokeWidth={many ? 1 : 1.5}
              strokeDasharray={s.dashed ? '4 3' : undefined}
              strokeOpacity={s.dashed ? 0.75 : 0.95}
              dot={many ? false : { r: 1.8, strokeWidth: 0, fill: s.color }}
              activeDot={{ r: 3 }}
              connectNulls
              isAnimationActive={false}
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
}
