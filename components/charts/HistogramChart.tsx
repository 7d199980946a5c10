'use client';

import {
  Bar,
  BarChart,
  CartesianGrid,
  ResponsiveContainer,
  Tooltip,
  type TooltipContentProps,
  XAxis,
  YAxis,
} from 'recharts';
import type { HistogramBin } from '@/lib/histogram';
import { formatCount, formatSecondsAuto } from '@/lib/format';
import { AXIS_PROPS, CHART_MARGIN, COLORS, tickNumber } from './chartTheme';
import { ChartLegend, ChartTooltipBox } from './ChartTooltip';

interface BarDatum extends HistogramBin {
  mid: number;
}

/** Histogram of durations: x = seconds (bins), y = iterations. */
export function HistogramChart({
  bins,
  seriesName = 'Iterations',
  height = 280,
}: {
  bins: HistogramBin[];
  seriesName?: string;
  height?: number;
}) {
  const data: BarDatum[] = bins.map((b) => ({ ...b, mid: (b.x0 + b.x1) / 2 }));
  return (
    <figure aria-label="Histogram of durations" className="m-0" data-bins={bins.length}>
      <ChartLegend items={[{ name: seriesName, color: COLORS.histogram }]} />
      <ResponsiveContainer width="100%" height={height}>
        <BarChart data={data} margin={CHART_MARGIN} barCategoryGap={1}>
          <CartesianGrid stroke={COLORS.grid} vertical={false} />
          <XAxis
            dataKey="mid"
            {...AXIS_PROPS}
            tickFormatter={(v: number) => tickNumber(v)}
            interval="preserveStartEnd"
            minTickGap={12}
            label={{ value: 'Duration (s)', position: 'insideBottom', offset: -12 }}
          />
          <YAxis
            {...AXIS_PROPS}
            width={52}
            allowDecimals={false}
            label={{
              value: 'Iterations',
              angle: -90,
              position: 'insideLeft',
              offset: 12,
              style: { textAnchor: 'middle' },
            }}
          />
          <Tooltip
            cursor={{ fill: 'var(--surface-3)', opacity: 0.6 }}
            content={(p: TooltipContentProps) => {
              if (!p.active || !p.payload?.length) return null;
              const d = p.payload[0]?.payload as BarDatum | undefined;
              if (!d) return null;
              return (
                <ChartTooltipBox
                  title={`${formatSecondsAuto(d.x0)} – ${formatSecondsAuto(d.x1)} s`}
                  rows={[
                    { color: COLORS.histogram, name: seriesName, value: formatCount(d.count) },
                  ]}
                />
              );
            }}
          />
          <Bar
            dataKey="count"
            name={seriesName}
            fill={COLORS.histogram}
            fillOpacity={0.8}
            isAnimationActive={false}
            radius={[2, 2, 0, 0]}
          />
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}
