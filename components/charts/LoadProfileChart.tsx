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
import type { LoadProfilePoint } from '@/lib/loadProfile';
import type { ChartMarker } from './DurationChart';
import { formatNumber } from '@/lib/format';
import { AXIS_PROPS, CHART_MARGIN, COLORS, tickNumber } from './chartTheme';
import { ChartLegend, ChartTooltipBox } from './ChartTooltip';

/** 3.27 → 4, 17 → 20, 130 → 150: a round top for the y axis. */
function niceCeil(v: number): number {
  if (v <= 0) return 1;
  if (v <= 10) return Math.ceil(v);
  const p = 10 ** Math.floor(Math.log10(v));
  for (const m of [1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10]) if (m * p >= v) return m * p;
  return Math.ceil(v);
}

/** Iterations in flight over time (Rally's "Load Profile"). */
export function LoadProfileChart({
  data,
  concurrency,
  markers = [],
  height = 280,
}: {
  data: LoadProfilePoint[];
  /** Vertical marks in seconds since the start (hooks). */
  markers?: ChartMarker[];
  /** The runner's configured concurrency, drawn for reference when known. */
  concurrency?: number | null;
  height?: number;
}) {
  return (
    <figure aria-label="Load profile" className="m-0">
      <ChartLegend
        items={[
          { name: 'Iterations in flight (mean per step)', color: COLORS.load },
          ...(concurrency
            ? [
                {
                  name: `Configured concurrency ${concurrency}`,
                  color: COLORS.reference,
                  dashed: true,
                },
              ]
            : []),
        ]}
      />
      <ResponsiveContainer width="100%" height={height}>
        <AreaChart
          data={data}
          margin={markers.length ? { ...CHART_MARGIN, top: 20 } : CHART_MARGIN}
        >
          <CartesianGrid stroke={COLORS.grid} vertical={false} />
          <XAxis
            dataKey="t"
            type="number"
            domain={[0, 'dataMax']}
            tickFormatter={tickNumber}
            {...AXIS_PROPS}
            label={{ value: 'Time since start (s)', position: 'insideBottom', offset: -12 }}
          />
          <YAxis
            {...AXIS_PROPS}
            width={52}
            tickFormatter={tickNumber}
            domain={[0, (max: number) => niceCeil(Math.max(max, concurrency ?? 0))]}
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
            cursor={{ stroke: 'var(--border-strong)' }}
            content={(p: TooltipContentProps) => {
              if (!p.active || !p.payload?.length) return null;
              const d = p.payload[0]?.payload as LoadProfilePoint | undefined;
              if (!d) return null;
              return (
                <ChartTooltipBox
                  title={`t = ${tickNumber(d.t)} s`}
                  rows={[
                    { color: COLORS.load, name: 'In flight', value: formatNumber(d.running, 2) },
                  ]}
                />
              );
            }}
          />
          {concurrency ? (
            <Area
              type="linear"
              dataKey={() => concurrency}
              name="Concurrency"
              stroke={COLORS.reference}
              strokeDasharray="4 4"
              fill="none"
              isAnimationActive={false}
              activeDot={false}
            />
          ) : null}
          <Area
            type="linear"
            dataKey="running"
            name="Iterations in flight"
            stroke={COLORS.load}
            fill={COLORS.load}
            fillOpacity={0.35}
            strokeWidth={1.5}
            isAnimationActive={false}
          />
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
