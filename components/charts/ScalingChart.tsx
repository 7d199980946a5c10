'use client';

import { useMemo } from 'react';
import {
  Area,
  CartesianGrid,
  ComposedChart,
  Line,
  ResponsiveContainer,
  Scatter,
  Tooltip,
  type TooltipContentProps,
  XAxis,
  YAxis,
} from 'recharts';
import { AXIS_PROPS, COLORS, tickNumber } from './chartTheme';
import { ChartTooltipBox } from './ChartTooltip';
import { niceTicks, spanTickFormatter } from './spanTicks';

export interface ScalingPoint {
  runId: string;
  runName: string;
  x: number | string;
  series: string;
  value: number;
}

export interface ScalingLine {
  series: string;
  points: {
    x: number | string;
    n: number;
    median: number;
    low: number | null;
    high: number | null;
  }[];
}

interface Row {
  x: number | string;
  [key: string]: unknown;
}

/**
 * A scaling curve: x = a factor (sites, RTT, backend nodes…), y = a metric. Dots are runs
 * (repetitions), the line their median per x, the band its 95 % interval. Colours by series.
 */
export function ScalingChart({
  lines,
  points,
  colors,
  numeric,
  xLabel,
  yLabel,
  unit,
  scale,
  yDomain,
  onPointClick,
  height = 300,
  format = tickNumber,
}: {
  lines: ScalingLine[];
  points: ScalingPoint[];
  colors: Map<string, string>;
  numeric: boolean;
  xLabel: string;
  yLabel: string;
  unit: string;
  scale: 'lin' | 'log';
  yDomain?: [number, number];
  onPointClick?: (runId: string) => void;
  height?: number;
  format?: (v: number) => string;
}) {
  const log = scale === 'log';
  const seriesNames = useMemo(() => lines.map((l) => l.series), [lines]);
  const data = useMemo(() => {
    const rows = new Map<string, Row>();
    lines.forEach((l, i) => {
      for (const p of l.points) {
        const k = String(p.x);
        const row = rows.get(k) ?? { x: p.x };
        if (!(log && p.median <= 0)) row[`m${i}`] = p.median;
        row[`n${i}`] = p.n;
        if (p.low != null && p.high != null && !(log && p.low <= 0)) row[`b${i}`] = [p.low, p.high];
        rows.set(k, row);
      }
    });
    const out = [...rows.values()];
    if (numeric) out.sort((a, b) => Number(a.x) - Number(b.x));
    return out;
  }, [lines, numeric, log]);
  const shown = useMemo(() => points.filter((p) => !(log && p.value <= 0)), [points, log]);
  // Linear: round ticks from 0 (or the shared facet domain); log: Recharts' decades.
  const yAxis = useMemo(() => {
    if (log) return null;
    const vs = shown.map((p) => p.value);
    for (const l of lines) for (const p of l.points) if (p.high != null) vs.push(p.high);
    const hi = yDomain ? yDomain[1] : vs.length ? Math.max(...vs) : 1;
    return niceTicks(Math.min(0, ...vs), hi);
  }, [shown, lines, yDomain, log]);
  const yTick = useMemo(() => {
    if (yAxis) return spanTickFormatter(yAxis.domain[0], yAxis.domain[1]);
    const vs = shown.map((p) => p.value);
    return vs.length ? spanTickFormatter(Math.min(...vs), Math.max(...vs)) : tickNumber;
  }, [shown, yAxis]);

  return (
    <ResponsiveContainer width="100%" height={height}>
      <ComposedChart data={data} margin={{ top: 10, right: 18, bottom: 24, left: 6 }}>
        <CartesianGrid stroke={COLORS.grid} />
        <XAxis
          dataKey="x"
          type={numeric ? 'number' : 'category'}
          domain={numeric ? ['dataMin', 'dataMax'] : undefined}
          allowDuplicatedCategory={false}
          padding={numeric ? { left: 16, right: 16 } : undefined}
          allowDecimals={false}
          tickFormatter={numeric ? (v: number) => tickNumber(v) : undefined}
          {...AXIS_PROPS}
          label={{ value: xLabel, position: 'insideBottom', offset: -14 }}
        />
        <YAxis
          type="number"
          scale={log ? 'log' : 'linear'}
          domain={yAxis ? yAxis.domain : (yDomain ?? ['auto', 'auto'])}
          ticks={yAxis ? yAxis.ticks : undefined}
          allowDataOverflow={log}
          tickFormatter={yTick}
          width={64}
          {...AXIS_PROPS}
          label={{
            value: `${yLabel} (${unit})`,
            angle: -90,
            position: 'insideLeft',
            offset: 4,
            style: { textAnchor: 'middle' },
          }}
        />
        <Tooltip
          shared={false}
          cursor={false}
          content={(p: TooltipContentProps) => {
            if (!p.active || !p.payload?.length) return null;
            const item = p.payload[0];
            const d = item?.payload as (ScalingPoint & Row) | Row | undefined;
            if (!d) return null;
            if ('runId' in d && typeof d.runId === 'string') {
              const pt = d as ScalingPoint;
              return (
                <ChartTooltipBox
                  title={pt.runName}
                  rows={[
                    {
                      color: colors.get(pt.series) ?? COLORS.axis,
                      name: pt.series || 'value',
                      value: `${format(pt.value)} ${unit}`,
                    },
                  ]}
                  footer={`${xLabel}: ${pt.x} · click to open the run`}
                />
              );
            }
            const row = d as Row;
            return (
              <ChartTooltipBox
                title={`${xLabel}: ${row.x}`}
                rows={seriesNames.flatMap((s, i) => {
                  const m = row[`m${i}`];
                  if (typeof m !== 'number') return [];
                  const b = row[`b${i}`] as [number, number] | undefined;
                  return [
                    {
                      color: colors.get(s) ?? COLORS.axis,
                      name: `${s || 'median'} (n = ${row[`n${i}`]})`,
                      value: `${format(m)}${b ? ` [${format(b[0])}, ${format(b[1])}]` : ''} ${unit}`,
                    },
                  ];
                })}
                footer="median of the runs [95 % interval]"
              />
            );
          }}
        />
        {lines.map((l, i) => (
          <Area
            key={`band-${l.series}`}
            dataKey={`b${i}`}
            stroke="none"
            fill={colors.get(l.series)}
            fillOpacity={0.14}
            connectNulls
            isAnimationActive={false}
            activeDot={false}
            legendType="none"
            tooltipType="none"
          />
        ))}
        {lines.map((l, i) => (
          <Line
            key={`line-${l.series}`}
            dataKey={`m${i}`}
            name={l.series || 'median'}
            stroke={colors.get(l.series)}
            strokeWidth={2}
            dot={{ r: 3, strokeWidth: 0, fill: colors.get(l.series) }}
            activeDot={{ r: 4.5 }}
            connectNulls
            isAnimationActive={false}
          />
        ))}
        {seriesNames.map((s) => (
          <Scatter
            key={`pts-${s}`}
            name={`${s} runs`}
            data={shown.filter((p) => p.series === s)}
            dataKey="value"
            fill="var(--surface)"
            stroke={colors.get(s)}
            strokeWidth={1.5}
            shape="circle"
            cursor={onPointClick ? 'pointer' : undefined}
            onClick={(e: unknown) => {
              const pl = (e as { payload?: ScalingPoint } | undefined)?.payload;
              if (pl?.runId && onPointClick) onPointClick(pl.runId);
            }}
            isAnimationActive={false}
          />
        ))}
      </ComposedChart>
    </ResponsiveContainer>
  );
}
