'use client';

import {
  Area,
  AreaChart,
  CartesianGrid,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  type TooltipContentProps,
  XAxis,
  YAxis,
} from 'recharts';
import type { SeriesPoint } from '@/lib/traffic';
import { AXIS_PROPS, CHART_MARGIN, COLORS, tickNumber } from './chartTheme';
import { ChartLegend, ChartTooltipBox } from './ChartTooltip';

interface ChartPoint extends SeriesPoint {
  /** The closing point that gives the last bucket its width; its tooltip shows the bucket. */
  end?: boolean;
}

/**
 * Per-service rates over time from bucketed counts (bytes, messages… per second), drawn as
 * steps: a bucket [t, t + bin) holds one value. Stacked areas or one line per service.
 */
export function ServiceSeriesChart({
  points,
  services,
  colors,
  binSeconds,
  mode,
  unit,
  formatValue,
  yLabel,
  ariaLabel,
  height = 260,
}: {
  points: SeriesPoint[];
  services: string[];
  colors: Map<string, string>;
  binSeconds: number;
  mode: 'stacked' | 'lines';
  /** Tick values are divided by unit.factor. */
  unit: { factor: number };
  /** A raw value as the tooltip prints it (e.g. "12.3 kB/s"). */
  formatValue: (v: number) => string;
  yLabel: string;
  ariaLabel: string;
  height?: number;
}) {
  const last = points[points.length - 1];
  const data: ChartPoint[] = last
    ? [...points, { t: last.t + binSeconds, values: last.values, end: true }]
    : [];
  const color = (s: string) => colors.get(s) ?? 'var(--chart-8)';
  const legend = services.map((name) => ({ name, color: color(name) }));
  const xAxis = (
    <XAxis
      dataKey="t"
      type="number"
      domain={[0, 'dataMax']}
      tickFormatter={tickNumber}
      allowDecimals={false}
      {...AXIS_PROPS}
      label={{ value: 'Seconds from capture start', position: 'insideBottom', offset: -12 }}
    />
  );
  const yAxis = (
    <YAxis
      {...AXIS_PROPS}
      width={56}
      tickFormatter={(v: number) => tickNumber(v / unit.factor)}
      label={{
        value: yLabel,
        angle: -90,
        position: 'insideLeft',
        offset: 12,
        style: { textAnchor: 'middle' },
      }}
    />
  );
  const tooltip = (
    <Tooltip
      cursor={{ stroke: 'var(--border-strong)' }}
      content={(p: TooltipContentProps) => {
        if (!p.active || !p.payload?.length) return null;
        let d = p.payload[0]?.payload as ChartPoint | undefined;
        if (!d) return null;
        if (d.end) d = points[points.length - 1] ?? d;
        const total = services.reduce((a, s) => a + (d!.values[s] ?? 0), 0);
        const span =
          binSeconds === 1
            ? `${tickNumber(d.t)} s`
            : `${tickNumber(d.t)}–${tickNumber(d.t + binSeconds)} s`;
        return (
          <ChartTooltipBox
            title={`t = ${span}`}
            rows={services.map((name) => ({
              color: color(name),
              name,
              value: formatValue(d!.values[name] ?? 0),
            }))}
            footer={
              services.length > 1
                ? `total ${formatValue(total)}${binSeconds > 1 ? ` · mean over ${binSeconds} s` : ''}`
                : binSeconds > 1
                  ? `mean over ${binSeconds} s`
                  : undefined
            }
          />
        );
      }}
    />
  );
  return (
    <figure aria-label={ariaLabel} className="m-0">
      <ChartLegend items={legend} />
      <ResponsiveContainer width="100%" height={height}>
        {mode === 'stacked' ? (
          <AreaChart data={data} margin={CHART_MARGIN}>
            <CartesianGrid stroke={COLORS.grid} vertical={false} />
            {xAxis}
            {yAxis}
            {tooltip}
            {services.map((name) => (
              <Area
                key={name}
                type="stepAfter"
                dataKey={(d: ChartPoint) => d.values[name] ?? 0}
                name={name}
                stackId="a"
                stroke="none"
                fill={color(name)}
                fillOpacity={0.7}
                isAnimationActive={false}
                activeDot={false}
              />
            ))}
          </AreaChart>
        ) : (
          <LineChart data={data} margin={CHART_MARGIN}>
            <CartesianGrid stroke={COLORS.grid} vertical={false} />
            {xAxis}
            {yAxis}
            {tooltip}
            {services.map((name) => (
              <Line
                key={name}
                type="stepAfter"
                dataKey={(d: ChartPoint) => d.values[name] ?? 0}
                name={name}
                stroke={color(name)}
                strokeWidth={1.5}
                dot={false}
                activeDot={false}
                isAnimationActive={false}
              />
            ))}
          </LineChart>
        )}
      </ResponsiveContainer>
    </figure>
  );
}
