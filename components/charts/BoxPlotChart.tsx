'use client';

import {
  CartesianGrid,
  ComposedChart,
  ResponsiveContainer,
  Scatter,
  Tooltip,
  type TooltipContentProps,
  XAxis,
  YAxis,
  usePlotArea,
  useXAxisScale,
  useYAxisScale,
} from 'recharts';
import { BoxGlyph } from '@/components/static/BoxGlyph';
import type { BoxStats } from '@/lib/stats/distribution';
import { AXIS_PROPS, COLORS, tickNumber } from './chartTheme';
import { ChartLegend, ChartTooltipBox } from './ChartTooltip';
import { niceTicks, spanTickFormatter } from './spanTicks';

/** Tukey box statistics. */
export type BoxPlotStats = BoxStats;

export interface BoxPlotRow {
  name: string;
  color: string;
  box: BoxPlotStats;
}

interface Datum extends BoxPlotRow {
  median: number;
}

/**
 * Draws the boxes with the chart's own scales (Recharts ≥ 3.8 hooks); each box is the glyph the
 * static charts draw too (components/static/BoxGlyph.tsx), so the page and the share image agree.
 */
function Boxes({ rows, format }: { rows: Datum[]; format: (v: number) => string }) {
  const x = useXAxisScale();
  const y = useYAxisScale();
  const area = usePlotArea();
  if (!x || !y || !area) return null;
  // The category axis is a point scale here (padded by half a step at both ends).
  const step = area.height / Math.max(1, rows.length);
  const h = Math.min(30, step * 0.55);
  return (
    <g className="boxplot-boxes">
      {rows.map((r) => {
        const mid = y(r.name, { position: 'middle' });
        if (mid == null) return null;
        return (
          <BoxGlyph
            key={r.name}
            box={r.box}
            x={(v) => x(v) ?? 0}
            mid={mid}
            height={h}
            color={r.color}
            surface="var(--surface)"
            label={`${r.name}: median ${format(r.box.median)}`}
          />
        );
      })}
    </g>
  );
}

/**
 * Horizontal Tukey box plots, one per side: box = quartiles, thick bar = median, diamond = mean,
 * whiskers to the most extreme values within 1.5 × IQR, open circles = values beyond. A side
 * with a single value (a summary CSV) is a dot.
 */
export function BoxPlotChart({
  rows,
  unit,
  label,
  format = tickNumber,
}: {
  rows: BoxPlotRow[];
  unit: string;
  label: string;
  format?: (v: number) => string;
}) {
  const data: Datum[] = rows.map((r) => ({ ...r, median: r.box.median }));
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (const r of rows) {
    lo = Math.min(lo, r.box.min, r.box.whiskers.low);
    hi = Math.max(hi, r.box.max, r.box.whiskers.high);
  }
  const pad = hi > lo ? (hi - lo) * 0.04 : Math.abs(hi || 1) * 0.05;
  const { domain, ticks } = niceTicks(Math.max(0, lo - pad), hi + pad);
  const height = Math.max(150, 60 + rows.length * 52);
  const plotHeight = height - 4 - 22 - 30;
  const halfStep = plotHeight / Math.max(1, rows.length) / 2;
  const labelWidth = Math.min(210, Math.max(...rows.map((r) => r.name.length)) * 6.6 + 14);
  return (
    <figure aria-label={`Box plots of ${label}`} className="m-0">
      <ChartLegend
        items={[...rows.map((r) => ({ name: `${r.name} (n = ${r.box.n})`, color: r.color }))]}
      />
      {/* Drawn at a likely width at once, then at the measured one: no empty first frame. */}
      <ResponsiveContainer width="100%" height={height} initialDimension={{ width: 600, height }}>
        <ComposedChart
          layout="vertical"
          data={data}
          margin={{ top: 4, right: 20, bottom: 22, left: 4 }}
        >
          <CartesianGrid stroke={COLORS.grid} horizontal={false} />
          <XAxis
            type="number"
            dataKey="median"
            domain={domain}
            ticks={ticks}
            tickFormatter={spanTickFormatter(domain[0], domain[1])}
            {...AXIS_PROPS}
            label={{ value: `${label} (${unit})`, position: 'insideBottom', offset: -12 }}
          />
          <YAxis
            type="category"
            dataKey="name"
            width={labelWidth}
            padding={{ top: halfStep, bottom: halfStep }}
            {...AXIS_PROPS}
            tickFormatter={(v: string) => (v.length > 28 ? `${v.slice(0, 27)}…` : v)}
          />
          <Tooltip
            cursor={false}
            content={(p: TooltipContentProps) => {
              if (!p.active || !p.payload?.length) return null;
              const d = p.payload[0]?.payload as Datum | undefined;
              if (!d) return null;
              const b = d.box;
              const f = (v: number) => `${format(v)} ${unit}`;
              return (
                <ChartTooltipBox
                  title={d.name}
                  rows={[
                    { color: d.color, name: 'n', value: String(b.n) },
                    { color: d.color, name: 'min', value: f(b.min) },
                    { color: d.color, name: 'q1', value: f(b.q1) },
                    { color: d.color, name: 'median', value: f(b.median) },
                    { color: d.color, name: 'mean', value: f(b.mean) },
                    { color: d.color, name: 'q3', value: f(b.q3) },
                    { color: d.color, name: 'max', value: f(b.max) },
                  ]}
                  footer={
                    b.outlierCount ? `${b.outlierCount} outlier(s) beyond 1.5 × IQR` : undefined
                  }
                />
              );
            }}
          />
          {/* Invisible medians: they give the tooltip something to hover. */}
          <Scatter dataKey="median" fill="transparent" isAnimationActive={false} />
          <Boxes rows={data} format={format} />
        </ComposedChart>
      </ResponsiveContainer>
    </figure>
  );
}
