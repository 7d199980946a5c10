// Horizontal Tukey box plots as plain SVG at a given size: one row per side, its name (and n) on
// the left, the value axis with its unit below. A side with a single value is a dot.
import type { BoxStats } from '@/lib/stats/distribution';
import { BoxGlyph } from './BoxGlyph';
import {
  axisTicks,
  BottomAxis,
  bottomAxisHeight,
  ChartSvg,
  Grid,
  Legend,
  type LegendItem,
  legendHeight,
  linearScale,
  middle,
  px,
} from './parts';
import { fitText, textWidth } from './text';
import { LIGHT_THEME, type StaticTheme } from './theme';

export interface StaticBoxRow {
  name: string;
  color: string;
  box: BoxStats;
}

export interface StaticBoxPlotProps {
  width: number;
  height: number;
  rows: StaticBoxRow[];
  /** What the values are (`total`, `nova.boot_server`) and their unit, for the axis title. */
  label: string;
  unit: string;
  /** Legend items above the plot; none when omitted. */
  legend?: LegendItem[];
  theme?: StaticTheme;
  fontSize?: number;
  /** Values in labels (a single value, the accessible names); ticks have their own. */
  format?: (v: number) => string;
  standalone?: boolean;
  /** On the root <svg> (the page sizes it with CSS). */
  className?: string;
}

/** The value range a set of boxes spans, padded a little, from 0 when close to it. */
export function boxDomain(rows: { box: BoxStats }[]): [number, number] {
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (const r of rows) {
    lo = Math.min(lo, r.box.min, r.box.whiskers.low, ...r.box.outliers);
    hi = Math.max(hi, r.box.max, r.box.whiskers.high, ...r.box.outliers);
  }
  if (!Number.isFinite(lo)) return [0, 1];
  const pad = hi > lo ? (hi - lo) * 0.04 : Math.abs(hi || 1) * 0.05;
  return [lo >= 0 ? Math.max(0, lo - pad) : lo - pad, hi + pad];
}

export function StaticBoxPlot({
  width,
  height,
  rows,
  label,
  unit,
  legend,
  theme = LIGHT_THEME,
  fontSize = 12,
  format,
  standalone,
  className,
}: StaticBoxPlotProps) {
  const legendH = legend ? legendHeight(legend, width, fontSize) : 0;
  const axisTitle = unit ? `${label} (${unit})` : label;
  const [lo, hi] = boxDomain(rows);
  const axis = axisTicks(lo, hi, width * 0.7, fontSize);
  const tick = axis.format;
  const value = format ?? tick;
  const nameSize = fontSize;
  const labelW = Math.min(
    width * 0.3,
    Math.max(60, ...rows.map((r) => textWidth(r.name, nameSize, true))) + 16,
  );
  const plot = {
    x: labelW,
    y: legendH + 6,
    w: width - labelW - Math.max(16, textWidth(tick(axis.domain[1]), fontSize) / 2 + 4),
    h: height - legendH - 6 - bottomAxisHeight(fontSize),
  };
  const x = linearScale(axis.domain, [plot.x, plot.x + plot.w]);
  const band = plot.h / Math.max(1, rows.length);
  const boxH = Math.min(band * 0.5, fontSize * 3);
  return (
    <ChartSvg
      width={width}
      height={height}
      theme={theme}
      label={`Box plots of ${label}`}
      standalone={standalone}
      className={className}
    >
      {legend && (
        <Legend x={0} y={0} width={width} items={legend} theme={theme} fontSize={fontSize} />
      )}
      <Grid
        x={plot.x}
        y={plot.y}
        width={plot.w}
        height={plot.h}
        xs={axis.ticks.map(x)}
        theme={theme}
      />
      <g className="boxplot-boxes">
        {rows.map((r, i) => {
          const mid = plot.y + band * (i + 0.5);
          const showN = band >= nameSize * 2.6;
          return (
            // biome-ignore lint/suspicious/noArrayIndexKey: static markup; two sides may share a name
            <g key={`${r.name}:${i}`}>
              <text
                x={px(plot.x - 10)}
                y={showN ? px(mid - 2) : middle(mid, nameSize)}
                fontSize={nameSize}
                fontWeight={600}
                fill={theme.text}
                textAnchor="end"
              >
                {fitText(r.name, labelW - 14, nameSize, true)}
              </text>
              {showN && (
                <text
                  x={px(plot.x - 10)}
                  y={px(mid + nameSize + 1)}
                  fontSize={px(nameSize * 0.85)}
                  fill={theme.faint}
                  textAnchor="end"
                >
                  {`n = ${r.box.n}`}
                </text>
              )}
              <BoxGlyph
                box={r.box}
                x={x}
                mid={mid}
                height={boxH}
                color={r.color}
                surface={theme.surface}
                label={`${r.name}: median ${value(r.box.median)} ${unit}`.trim()}
              />
              {r.box.n === 1 && (
                <text
                  x={px(x(r.box.median) + boxH / 3 + 8)}
                  y={middle(mid, fontSize)}
                  fontSize={fontSize}
                  fill={theme.muted}
                >
                  {`${value(r.box.median)} ${unit}`.trim()}
                </text>
              )}
            </g>
          );
        })}
      </g>
      <BottomAxis
        x={plot.x}
        y={plot.y + plot.h}
        width={plot.w}
        ticks={axis.ticks.map((v) => ({ at: x(v), label: tick(v) }))}
        label={axisTitle}
        theme={theme}
        fontSize={fontSize}
      />
    </ChartSvg>
  );
}
