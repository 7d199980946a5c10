// A line chart as plain SVG at a given size: lines (optionally filled down to 0), interval bands,
// dots, horizontal reference lines; a numeric x (iterations, sites, ms) or categories (backends);
// a linear or logarithmic y. The run image (duration per iteration) and the scaling chart
// (a metric against a factor) are both made of it.
import {
  axisTicks,
  BottomAxis,
  bottomAxisHeight,
  ChartSvg,
  Grid,
  LeftAxis,
  Legend,
  type LegendItem,
  legendHeight,
  leftAxisWidth,
  linearScale,
  logScale,
  logTicks,
  niceTicks,
  px,
  type Scale,
  spanTickFormatter,
  tickNumber,
} from './parts';
import { fitText, textWidth } from './text';
import { LIGHT_THEME, type StaticTheme } from './theme';

/** x is a number, or the index of a category when the chart has `categories`. */
export interface XY {
  x: number;
  y: number;
}

export interface StaticLine {
  name: string;
  color: string;
  points: XY[];
  /** A 95 % interval around the line: drawn as a translucent band. */
  band?: { x: number; low: number; high: number }[];
  /** Fill between the line and 0. */
  area?: boolean;
  /** A dot at each point. */
  dots?: boolean;
  strokeWidth?: number;
}

export interface StaticDots {
  color: string;
  points: XY[];
  radius?: number;
  opacity?: number;
}

export interface StaticReference {
  label: string;
  value: number;
  color: string;
}

export interface StaticLineChartProps {
  width: number;
  height: number;
  lines: StaticLine[];
  dots?: StaticDots[];
  references?: StaticReference[];
  /** Category names: x values are their indexes. Absent: a numeric x. */
  categories?: string[];
  /** Numeric x range; defaults to the data's, rounded out to ticks. */
  xDomain?: [number, number];
  /** Whole numbers only on the x axis (iterations, sites). */
  xIntegers?: boolean;
  /** y range (e.g. shared by facets); defaults to the data's, from 0 on a linear axis. */
  yDomain?: [number, number];
  yLog?: boolean;
  xLabel: string;
  yLabel: string;
  legend?: LegendItem[];
  /** Drawn at the top left of the plot (a facet's name). */
  caption?: string;
  theme?: StaticTheme;
  fontSize?: number;
  standalone?: boolean;
  ariaLabel?: string;
}

/** The y values a chart shows (lines, bands, dots, references). */
export function yExtent(
  lines: StaticLine[],
  dots: StaticDots[] = [],
  references: StaticReference[] = [],
): [number, number] {
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  const see = (v: number) => {
    if (!Number.isFinite(v)) return;
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  };
  for (const l of lines) {
    for (const p of l.points) see(p.y);
    for (const b of l.band ?? []) {
      see(b.low);
      see(b.high);
    }
  }
  for (const d of dots) for (const p of d.points) see(p.y);
  for (const r of references) see(r.value);
  return Number.isFinite(lo) ? [lo, hi] : [0, 1];
}

function linePath(points: XY[], x: Scale, y: Scale): string {
  return points.map((p, i) => `${i ? 'L' : 'M'}${px(x(p.x))} ${px(y(p.y))}`).join('');
}

export function StaticLineChart({
  width,
  height,
  lines,
  dots = [],
  references = [],
  categories,
  xDomain,
  xIntegers = false,
  yDomain,
  yLog = false,
  xLabel,
  yLabel,
  legend,
  caption,
  theme = LIGHT_THEME,
  fontSize = 12,
  standalone,
  ariaLabel,
}: StaticLineChartProps) {
  const legendH = legend ? legendHeight(legend, width, fontSize) : 0;

  // y: round ticks from 0 (linear) or decades (log, positive values only).
  const [ylo, yhi] = yDomain ?? yExtent(lines, dots, references);
  const positive = (v: number) => !yLog || v > 0;
  const yAxis = yLog
    ? logTicks(Math.max(ylo, Number.MIN_VALUE), Math.max(yhi, ylo * 10, Number.MIN_VALUE))
    : niceTicks(Math.min(0, ylo), yhi, Math.max(3, Math.round(height / 70)));
  const yTick = yLog ? tickNumber : spanTickFormatter(yAxis.domain[0], yAxis.domain[1]);
  const yLabels = yAxis.ticks.map(yTick);

  // x: categories evenly spaced with half a step at both ends, or round ticks.
  let xAxis: { domain: [number, number]; ticks: number[] };
  if (categories) {
    xAxis = {
      domain: [-0.5, Math.max(0, categories.length - 1) + 0.5],
      ticks: categories.map((_, i) => i),
    };
  } else {
    let xlo = Number.POSITIVE_INFINITY;
    let xhi = Number.NEGATIVE_INFINITY;
    for (const l of lines)
      for (const p of l.points) {
        xlo = Math.min(xlo, p.x);
        xhi = Math.max(xhi, p.x);
      }
    for (const d of dots)
      for (const p of d.points) {
        xlo = Math.min(xlo, p.x);
        xhi = Math.max(xhi, p.x);
      }
    if (!Number.isFinite(xlo)) [xlo, xhi] = [0, 1];
    const room = width * 0.85;
    if (xDomain) {
      const t = axisTicks(xDomain[0], xDomain[1], room, fontSize);
      xAxis = {
        domain: xDomain,
        ticks: t.ticks.filter((v) => v >= xDomain[0] - 1e-9 && v <= xDomain[1] + 1e-9),
      };
    } else {
      // A little room either side so the end points' dots are not cut.
      const pad = xhi > xlo ? (xhi - xlo) * 0.04 : 0.5;
      const t = axisTicks(xlo, xhi, room, fontSize);
      xAxis = {
        domain: [xlo - pad, xhi + pad],
        ticks: t.ticks.filter((v) => v >= xlo - pad && v <= xhi + pad),
      };
    }
    if (xIntegers) xAxis.ticks = xAxis.ticks.filter((v) => Number.isInteger(v));
  }
  const xTick = categories
    ? (i: number) => categories[i] ?? ''
    : spanTickFormatter(xAxis.domain[0], xAxis.domain[1]);

  const left = leftAxisWidth(yLabels, fontSize);
  const lastLabel = categories ? '' : xTick(xAxis.ticks[xAxis.ticks.length - 1] ?? 0);
  const plot = {
    x: left,
    y: legendH + (caption ? fontSize * 1.8 : 8),
    w: width - left - Math.max(16, textWidth(lastLabel, fontSize) / 2 + 4),
    h: 0,
  };
  plot.h = height - plot.y - bottomAxisHeight(fontSize);
  const x = linearScale(xAxis.domain, [plot.x, plot.x + plot.w]);
  const y = yLog
    ? logScale(yAxis.domain, [plot.y + plot.h, plot.y])
    : linearScale(yAxis.domain, [plot.y + plot.h, plot.y]);
  const y0 = yLog ? plot.y + plot.h : y(Math.max(yAxis.domain[0], 0));
  const step = categories ? plot.w / Math.max(1, categories.length) : 0;

  return (
    <ChartSvg
      width={width}
      height={height}
      theme={theme}
      label={ariaLabel ?? `${yLabel} against ${xLabel}`}
      standalone={standalone}
    >
      {legend && (
        <Legend x={0} y={0} width={width} items={legend} theme={theme} fontSize={fontSize} />
      )}
      {caption && (
        <text
          x={px(plot.x)}
          y={px(legendH + fontSize * 1.1)}
          fontSize={fontSize}
          fontWeight={600}
          fill={theme.text}
        >
          {fitText(caption, plot.w, fontSize, true)}
        </text>
      )}
      <Grid
        x={plot.x}
        y={plot.y}
        width={plot.w}
        height={plot.h}
        ys={yAxis.ticks.map(y)}
        theme={theme}
      />
      {lines.map((l, i) =>
        l.band && l.band.length > 1 ? (
          <path
            // biome-ignore lint/suspicious/noArrayIndexKey: static markup; two series may share a name
            key={`band:${l.name}:${i}`}
            d={`${l.band
              .filter((b) => positive(b.low))
              .map((b, k) => `${k ? 'L' : 'M'}${px(x(b.x))} ${px(y(b.high))}`)
              .join('')}${[...l.band]
              .filter((b) => positive(b.low))
              .reverse()
              .map((b) => `L${px(x(b.x))} ${px(y(b.low))}`)
              .join('')}Z`}
            fill={l.color}
            fillOpacity={0.14}
          />
        ) : null,
      )}
      {lines.map((l, i) => {
        const pts = l.points.filter((p) => positive(p.y));
        if (!l.area || pts.length < 2) return null;
        const first = pts[0]!;
        const last = pts[pts.length - 1]!;
        return (
          <path
            // biome-ignore lint/suspicious/noArrayIndexKey: static markup; two series may share a name
            key={`area:${l.name}:${i}`}
            d={`${linePath(pts, x, y)}L${px(x(last.x))} ${px(y0)}L${px(x(first.x))} ${px(y0)}Z`}
            fill={l.color}
            fillOpacity={0.22}
          />
        );
      })}
      {dots.map((d, i) =>
        d.points
          .filter((p) => positive(p.y))
          .map((p, k) => (
            <circle
              // biome-ignore lint/suspicious/noArrayIndexKey: dots may repeat a value
              key={`dot:${i}:${k}`}
              cx={px(x(p.x))}
              cy={px(y(p.y))}
              r={d.radius ?? 3.5}
              fill={d.color}
              fillOpacity={d.opacity ?? 0.55}
            />
          )),
      )}
      {lines.map((l, i) => {
        const pts = l.points.filter((p) => positive(p.y));
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: static markup; two series may share a name
          <g key={`line:${l.name}:${i}`}>
            {pts.length > 1 && (
              <path
                d={linePath(pts, x, y)}
                fill="none"
                stroke={l.color}
                strokeWidth={l.strokeWidth ?? 2.5}
                strokeLinejoin="round"
                strokeLinecap="round"
              />
            )}
            {(l.dots || pts.length === 1) &&
              pts.map((p) => (
                <circle
                  key={`${p.x}`}
                  cx={px(x(p.x))}
                  cy={px(y(p.y))}
                  r={4.5}
                  fill={l.color}
                  stroke={theme.surface}
                  strokeWidth={1.5}
                />
              ))}
          </g>
        );
      })}
      {references
        .filter((r) => positive(r.value))
        .map((r) => (
          <g key={`ref:${r.label}`}>
            <line
              x1={px(plot.x)}
              x2={px(plot.x + plot.w)}
              y1={px(y(r.value))}
              y2={px(y(r.value))}
              stroke={r.color}
              strokeWidth={1.5}
              strokeDasharray="6 4"
            />
            <text
              x={px(plot.x + plot.w - 4)}
              y={px(y(r.value) - 5)}
              fontSize={px(fontSize * 0.9)}
              fill={r.color}
              textAnchor="end"
              // A halo in the background colour keeps the label readable over the data.
              stroke={theme.surface}
              strokeWidth={4}
              strokeLinejoin="round"
              paintOrder="stroke"
            >
              {r.label}
            </text>
          </g>
        ))}
      <LeftAxis
        x={plot.x}
        y={plot.y}
        height={plot.h}
        ticks={yAxis.ticks.map((v, i) => ({ at: y(v), label: yLabels[i]! }))}
        label={yLabel}
        theme={theme}
        fontSize={fontSize}
        titleX={fontSize * 0.8}
      />
      <BottomAxis
        x={plot.x}
        y={plot.y + plot.h}
        width={plot.w}
        ticks={xAxis.ticks.map((v) => ({
          at: x(v),
          label: categories ? fitText(xTick(v), Math.max(24, step - 6), fontSize) : xTick(v),
        }))}
        label={xLabel}
        theme={theme}
        fontSize={fontSize}
      />
    </ChartSvg>
  );
}
