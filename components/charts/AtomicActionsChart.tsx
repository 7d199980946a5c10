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
import { formatSecondsAuto } from '@/lib/format';
import { AXIS_PROPS, CHART_MARGIN, COLORS, seriesColor, tickNumber } from './chartTheme';
import { ChartLegend, ChartTooltipBox } from './ChartTooltip';

export interface AtomicPoint {
  iteration: number;
  /** Seconds per action name (0 when the action did not run, as Rally charts it). */
  values: Record<string, number>;
}

/** Atomic action durations per iteration, stacked areas or one line per action. */
export function AtomicActionsChart({
  data,
  actions,
  mode,
  height = 300,
}: {
  data: AtomicPoint[];
  actions: string[];
  mode: 'stacked' | 'lines';
  height?: number;
}) {
  const legend = actions.map((name, i) => ({ name, color: seriesColor(i) }));
  const xAxis = (
    <XAxis
      dataKey="iteration"
      type="number"
      domain={['dataMin', 'dataMax']}
      allowDecimals={false}
      {...AXIS_PROPS}
      label={{ value: 'Iteration', position: 'insideBottom', offset: -12 }}
    />
  );
  const yAxis = (
    <YAxis
      {...AXIS_PROPS}
      width={52}
      tickFormatter={tickNumber}
      label={{
        value: 'Seconds (s)',
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
        const d = p.payload[0]?.payload as AtomicPoint | undefined;
        if (!d) return null;
        return (
          <ChartTooltipBox
            title={`Iteration ${d.iteration}`}
            rows={actions.map((name, i) => ({
              color: seriesColor(i),
              name,
              value: `${formatSecondsAuto(d.values[name] ?? 0)} s`,
            }))}
          />
        );
      }}
    />
  );
  return (
    <figure aria-label="Atomic action durations per iteration" className="m-0">
      <ChartLegend items={legend} />
      <ResponsiveContainer width="100%" height={height}>
        {mode === 'stacked' ? (
          <AreaChart data={data} margin={CHART_MARGIN}>
            <CartesianGrid stroke={COLORS.grid} vertical={false} />
            {xAxis}
            {yAxis}
            {tooltip}
            {actions.map((name, i) => (
              <Area
                key={name}
                type="linear"
                dataKey={(d: AtomicPoint) => d.values[name] ?? 0}
                name={name}
                stackId="a"
                stroke={seriesColor(i)}
                fill={seriesColor(i)}
                fillOpacity={0.5}
                strokeWidth={1}
                isAnimationActive={false}
              />
            ))}
          </AreaChart>
        ) : (
          <LineChart data={data} margin={CHART_MARGIN}>
            <CartesianGrid stroke={COLORS.grid} vertical={false} />
            {xAxis}
            {yAxis}
            {tooltip}
            {actions.map((name, i) => (
              <Line
                key={name}
                type="linear"
                dataKey={(d: AtomicPoint) => d.values[name] ?? 0}
                name={name}
                stroke={seriesColor(i)}
                strokeWidth={1.5}
                dot={data.length <= 60 ? { r: 2 } : false}
                isAnimationActive={false}
              />
            ))}
          </LineChart>
        )}
      </ResponsiveContainer>
    </figure>
  );
}
