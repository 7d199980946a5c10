// Overlaid empirical CDFs as step lines, plain SVG at a given size: x = value (unit), y = share
// of values ≤ x. A curve to the left is faster; the gap at 50 % is the change of the median.
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
  px,
} from './parts';
import { textWidth } from './text';
import { LIGHT_THEME, type StaticTheme } from './theme';

export interface StaticEcdfSeries {
  name: string;
  color: string;
  /** [value, cumulative share in (0, 1]], ascending (the API's `ecdf`). */
  points: [number, number][];
}

export interface StaticEcdfProps {
  width: number;
  height: number;
  series: StaticEcdfSeries[];
  label: string;
  unit: string;
  legend?: LegendItem[];
  theme?: StaticTheme;
  fontSize?: number;
  standalone?: boolean;
  /** On the root <svg> (the page sizes it with CSS). */
  className?: string;
}

/** The step path of one ECDF: 0 until the first value, then up at each value, 1 at `end`. */
export function ecdfPath(
  points: [number, number][],
  x: (v: number) => number,
  y: (p: number) => number,
  start: number,
  end: number,
): string {
  if (points.length === 0) return '';
  let d = `M${px(x(start))} ${px(y(0))}`;
  let share = 0;
  for (const [v, p] of points) {
    d += `H${px(x(v))}V${px(y(p))}`;
    share = p;
  }
  if (share < 1) d += `V${px(y(1))}`;
  return `${d}H${px(x(end))}`;
}

export function StaticEcdf({
  width,
  height,
  series,
  label,
  unit,
  legend,
  theme = LIGHT_THEME,
  fontSize = 12,
  standalone,
  className,
}: StaticEcdfProps) {
  const legendH = legend ? legendHeight(legend, width, fontSize) : 0;
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (const s of series)
    for (const [v] of s.points) {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
  const axis = axisTicks(lo, hi, width * 0.85, fontSize);
  const tick = axis.format;
  const yTicks = [0, 0.25, 0.5, 0.75, 1];
  const yLabels = yTicks.map((p) => `${Math.round(p * 100)}%`);
  const left = leftAxisWidth(yLabels, fontSize);
  const plot = {
    x: left,
    y: legendH + 8,
    w: width - left - Math.max(16, textWidth(tick(axis.domain[1]), fontSize) / 2 + 4),
    h: height - legendH - 8 - bottomAxisHeight(fontSize),
  };
  const x = linearScale(axis.domain, [plot.x, plot.x + plot.w]);
  const y = linearScale([0, 1], [plot.y + plot.h, plot.y]);
  return (
    <ChartSvg
      width={width}
      height={height}
      theme={theme}
      label={`ECDF of ${label}`}
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
        ys={yTicks.map(y)}
        theme={theme}
      />
      {/* The baseline widest and underneath: equal distributions still show both colours. */}
      <g className="ecdf-lines" fill="none" strokeLinejoin="round">
        {series.map((s, i) => (
          <path
            // biome-ignore lint/suspicious/noArrayIndexKey: static markup; two series may share a name
            key={`${s.name}:${i}`}
            d={ecdfPath(s.points, x, y, axis.domain[0], axis.domain[1])}
            stroke={s.color}
            strokeWidth={px(Math.max(1.75, 4.5 - 1.25 * i))}
          />
        ))}
      </g>
      <LeftAxis
        x={plot.x}
        y={plot.y}
        height={plot.h}
        ticks={yTicks.map((p, i) => ({ at: y(p), label: yLabels[i]! }))}
        label="Share of values ≤ x"
        theme={theme}
        fontSize={fontSize}
        titleX={fontSize * 0.8}
      />
      <BottomAxis
        x={plot.x}
        y={plot.y + plot.h}
        width={plot.w}
        ticks={axis.ticks.map((v) => ({ at: x(v), label: tick(v) }))}
        label={unit ? `${label} (${unit})` : label}
        theme={theme}
        fontSize={fontSize}
      />
    </ChartSvg>
  );
}
