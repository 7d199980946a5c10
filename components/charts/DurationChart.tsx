'use client';

import {
  Area,
  AreaChart,
  CartesianGrid,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  type TooltipContentProps,
  XAxis,
  YAxis,
} from 'recharts';
import { formatSecondsAuto } from '@/lib/format';
import { AXIS_PROPS, CHART_MARGIN, COLORS, tickNumber } from './chartTheme';
import { ChartLegend, ChartTooltipBox } from './ChartTooltip';

/** A vertical mark at an iteration, e.g. a hook that fired there. */
export interface ChartMarker {
  x: number;
  label: string;
  failed?: boolean;
}

export interface DurationPoint {
  /** 1-based iteration number, as Rally shows it. */
  iteration: number;
  /** Duration of a successful iteration, 0 for a failed one (Rally's MainStackedAreaChart). */
  duration: number;
  idle: number;
  /** Duration + idle of a failed iteration, 0 otherwise. */
  failed: number;
}

/** Duration per iteration, stacked: duration + idle (+ failed), x = iteration, y = seconds. */
export function DurationChart({
  data,
  showFailed,
  references = [],
  markers = [],
  height = 280,
}: {
  data: DurationPoint[];
  showFailed: boolean;
  references?: { label: string; value: number }[];
  markers?: ChartMarker[];
  height?: number;
}) {
  const legend = [
    { name: 'Duration', color: COLORS.duration },
    { name: 'Idle duration', color: COLORS.idle },
    ...(showFailed ? [{ name: 'Failed iteration', color: COLORS.failed }] : []),
    ...(markers.length ? [{ name: 'Hook', color: COLORS.marker, dashed: true }] : []),
    ...references.map((r) => ({
      name: `${r.label} ${formatSecondsAuto(r.value)} s`,
      color: COLORS.reference,
      dashed: true,
    })),
  ];
  return (
    <figure aria-label="Duration per iteration" className="m-0">
      <ChartLegend items={legend} />
      <ResponsiveContainer width="100%" height={height}>
        <AreaChart
          data={data}
          margin={markers.length ? { ...CHART_MARGIN, top: 20 } : CHART_MARGIN}
        >
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
          <Tooltip
            cursor={{ stroke: 'var(--border-strong)' }}
            content={(p: TooltipContentProps) => {
              if (!p.active || !p.payload?.length) return null;
              const d = p.payload[0]?.payload as DurationPoint | undefined;
              if (!d) return null;
              const rows = d.failed
                ? [
                    {
                      color: COLORS.failed,
                      name: 'Failed (duration + idle)',
                      value: `${formatSecondsAuto(d.failed)} s`,
                    },
                  ]
                : [
                    {
                      color: COLORS.duration,
                      name: 'Duration',
                      value: `${formatSecondsAuto(d.duration)} s`,
                    },
                    { color: COLORS.idle, name: 'Idle', value: `${formatSecondsAuto(d.idle)} s` },
                  ];
              return <ChartTooltipBox title={`Iteration ${d.iteration}`} rows={rows} />;
            }}
          />
          <Area
            type="linear"
            dataKey="duration"
            name="Duration"
            stackId="t"
            stroke={COLORS.duration}
            fill={COLORS.duration}
            fillOpacity={0.55}
            strokeWidth={1.25}
            isAnimationActive={false}
          />
          <Area
            type="linear"
            dataKey="idle"
            name="Idle duration"
            stackId="t"
            stroke={COLORS.idle}
            fill={COLORS.idle}
            fillOpacity={0.45}
            strokeWidth={1}
            isAnimationActive={false}
          />
          {showFailed && (
            <Area
              type="linear"
              dataKey="failed"
              name="Failed iteration"
              stackId="t"
              stroke={COLORS.failed}
              fill={COLORS.failed}
              fillOpacity={0.6}
              strokeWidth={1}
              isAnimationActive={false}
            />
          )}
          {references.map((r) => (
            <ReferenceLine
              key={r.label}
              y={r.value}
              stroke={COLORS.reference}
              strokeDasharray="4 4"
              ifOverflow="extendDomain"
            />
          ))}
          {markers.map((m, i) => (
            <ReferenceLine
              // biome-ignore lint/suspicious/noArrayIndexKey: markers may share x and label
              key={i}
              x={m.x}
              stroke={m.failed ? COLORS.failed : COLORS.marker}
              strokeWidth={1.5}
              strokeDasharray="2 3"
              ifOverflow="discard"
              label={
                markers.length <= 3
                  ? {
                      value: m.label,
                      position: 'top',
                      fill: 'var(--chart-4)',
                      fontSize: 10,
                    }
                  : undefined
              }
            />
          ))}
        </AreaChart>
      </ResponsiveContainer>
    </figure>
  );
}
