// Building blocks of the static charts: scales, ticks, axes, grid and legend, drawn as plain SVG
// at sizes given in px (no DOM measurement, no hooks), so the same markup renders on the page
// and, through server/render, into a PNG or an offline report.
import type { ReactNode } from 'react';
import { tickNumber } from '@/components/charts/chartTheme';
import { niceTicks, spanTickFormatter } from '@/components/charts/spanTicks';
import { textWidth } from './text';
import type { StaticTheme } from './theme';

export { niceTicks, spanTickFormatter, tickNumber };

export type Scale = (v: number) => number;

/**
 * Round ticks over [lo, hi] for an axis `length` px long: as many as fit with their labels (set
 * at `fontSize`) a comfortable distance apart, at most one per 90 px.
 */
export function axisTicks(
  lo: number,
  hi: number,
  length: number,
  fontSize: number,
): { domain: [number, number]; ticks: number[]; format: (v: number) => string } {
  let target = Math.max(2, Math.floor(length / 90));
  for (;;) {
    const t = niceTicks(lo, hi, target);
    const format = spanTickFormatter(t.domain[0], t.domain[1]);
    const widest = Math.max(...t.ticks.map((v) => textWidth(format(v), fontSize)));
    if (target <= 2 || t.ticks.length * (widest + fontSize * 2) <= length) return { ...t, format };
    target -= 1;
  }
}

/** A linear map of [d0, d1] onto [r0, r1] (a zero-width domain maps to the middle). */
export function linearScale(domain: [number, number], range: [number, number]): Scale {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  if (d1 === d0) return () => (r0 + r1) / 2;
  const k = (r1 - r0) / (d1 - d0);
  return (v) => r0 + (v - d0) * k;
}

/** Powers of ten covering [lo, hi] (lo > 0), with 2 and 5 between them over few decades. */
export function logTicks(lo: number, hi: number): { domain: [number, number]; ticks: number[] } {
  const a = Math.floor(Math.log10(lo));
  const b = Math.max(a + 1, Math.ceil(Math.log10(hi)));
  const ticks: number[] = [];
  for (let k = a; k <= b; k++) {
    const p = 10 ** k;
    ticks.push(Number(p.toPrecision(12)));
    if (b - a <= 2 && k < b)
      ticks.push(Number((2 * p).toPrecision(12)), Number((5 * p).toPrecision(12)));
  }
  return { domain: [10 ** a, 10 ** b], ticks };
}

export function logScale(domain: [number, number], range: [number, number]): Scale {
  const inner = linearScale([Math.log10(domain[0]), Math.log10(domain[1])], range);
  return (v) => inner(Math.log10(v));
}

/** Numbers in SVG attributes: 2 decimals are plenty at 1 px, and keep the markup short. */
export function px(v: number): number {
  return Math.round(v * 100) / 100;
}

/** y of a text baseline that centres `size` px glyphs on `y` (no dominant-baseline needed). */
export function middle(y: number, size: number): number {
  return px(y + size * 0.36);
}

export interface Tick {
  /** Position in px along the axis. */
  at: number;
  label: string;
}

export function Grid({
  x,
  y,
  width,
  height,
  xs = [],
  ys = [],
  theme,
}: {
  x: number;
  y: number;
  width: number;
  height: number;
  xs?: number[];
  ys?: number[];
  theme: StaticTheme;
}) {
  return (
    <g stroke={theme.grid} strokeWidth={1} fill="none">
      {ys.map((v) => (
        <line key={`y${v}`} x1={px(x)} x2={px(x + width)} y1={px(v)} y2={px(v)} />
      ))}
      {xs.map((v) => (
        <line key={`x${v}`} x1={px(v)} x2={px(v)} y1={px(y)} y2={px(y + height)} />
      ))}
    </g>
  );
}

/** The x axis under a plot: line, ticks with labels, and the axis title (with its unit). */
export function BottomAxis({
  x,
  y,
  width,
  ticks,
  label,
  theme,
  fontSize,
}: {
  x: number;
  y: number;
  width: number;
  ticks: Tick[];
  label: string;
  theme: StaticTheme;
  fontSize: number;
}) {
  return (
    <g>
      <line
        x1={px(x)}
        x2={px(x + width)}
        y1={px(y)}
        y2={px(y)}
        stroke={theme.axis}
        strokeWidth={1}
      />
      {ticks.map((t) => (
        <g key={`${t.at}:${t.label}`}>
          <line x1={px(t.at)} x2={px(t.at)} y1={px(y)} y2={px(y + 5)} stroke={theme.axis} />
          <text
            x={px(t.at)}
            y={px(y + 7 + fontSize)}
            fontSize={fontSize}
            fill={theme.axis}
            textAnchor="middle"
          >
            {t.label}
          </text>
        </g>
      ))}
      <text
        x={px(x + width / 2)}
        y={px(y + 14 + fontSize * 2.1)}
        fontSize={fontSize}
        fill={theme.muted}
        textAnchor="middle"
      >
        {label}
      </text>
    </g>
  );
}

/** Room the bottom axis takes under the plot. */
export function bottomAxisHeight(fontSize: number): number {
  return 18 + fontSize * 2.3;
}

/** The y axis left of a plot: tick labels right-aligned, and the rotated axis title. */
export function LeftAxis({
  x,
  y,
  height,
  ticks,
  label,
  theme,
  fontSize,
  titleX,
}: {
  x: number;
  y: number;
  height: number;
  ticks: Tick[];
  label: string;
  theme: StaticTheme;
  fontSize: number;
  /** x of the rotated title's centre line. */
  titleX: number;
}) {
  const cy = y + height / 2;
  return (
    <g>
      {ticks.map((t) => (
        <text
          key={`${t.at}:${t.label}`}
          x={px(x - 7)}
          y={middle(t.at, fontSize)}
          fontSize={fontSize}
          fill={theme.axis}
          textAnchor="end"
        >
          {t.label}
        </text>
      ))}
      <text
        x={px(titleX)}
        y={px(cy)}
        fontSize={fontSize}
        fill={theme.muted}
        textAnchor="middle"
        transform={`rotate(-90 ${px(titleX)} ${px(cy)})`}
      >
        {label}
      </text>
    </g>
  );
}

/** Width of the y axis: the longest tick label, a gap, and the rotated title. */
export function leftAxisWidth(labels: string[], fontSize: number): number {
  const widest = Math.max(0, ...labels.map((l) => textWidth(l, fontSize)));
  return Math.ceil(widest + 12 + fontSize * 1.6);
}

export interface LegendItem {
  name: string;
  color: string;
  /** How the item is drawn: a filled square (areas, boxes), a line, a dashed line, a dot. */
  shape?: 'square' | 'line' | 'dashed' | 'dot';
}

const SWATCH = 14;

function legendRows(items: LegendItem[], width: number, fontSize: number) {
  const rows: { item: LegendItem; x: number; row: number }[] = [];
  let x = 0;
  let row = 0;
  for (const item of items) {
    const w = SWATCH + 6 + textWidth(item.name, fontSize) + fontSize * 1.4;
    if (x > 0 && x + w > width) {
      row += 1;
      x = 0;
    }
    rows.push({ item, x, row });
    x += w;
  }
  return { rows, count: items.length ? row + 1 : 0 };
}

export function legendHeight(items: LegendItem[], width: number, fontSize: number): number {
  const { count } = legendRows(items, width, fontSize);
  return count ? count * (fontSize * 1.6) + fontSize * 0.5 : 0;
}

/** A legend that wraps within `width`, one swatch and name per item. */
export function Legend({
  x,
  y,
  width,
  items,
  theme,
  fontSize,
}: {
  x: number;
  y: number;
  width: number;
  items: LegendItem[];
  theme: StaticTheme;
  fontSize: number;
}) {
  const { rows } = legendRows(items, width, fontSize);
  const lineH = fontSize * 1.6;
  return (
    <g aria-label="Legend">
      {rows.map(({ item, x: ix, row }) => {
        const cx = x + ix;
        const cy = y + row * lineH + lineH / 2;
        const shape = item.shape ?? 'square';
        return (
          <g key={`${item.name}:${row}:${ix}`}>
            {shape === 'square' && (
              <rect
                x={px(cx)}
                y={px(cy - SWATCH / 2 + 1)}
                width={SWATCH - 2}
                height={SWATCH - 2}
                rx={2}
                fill={item.color}
              />
            )}
            {shape === 'dot' && (
              <circle cx={px(cx + SWATCH / 2 - 1)} cy={px(cy)} r={4} fill={item.color} />
            )}
            {(shape === 'line' || shape === 'dashed') && (
              <line
                x1={px(cx)}
                x2={px(cx + SWATCH)}
                y1={px(cy)}
                y2={px(cy)}
                stroke={item.color}
                strokeWidth={shape === 'line' ? 2.5 : 2}
                strokeDasharray={shape === 'dashed' ? '4 3' : undefined}
              />
            )}
            <text
              x={px(cx + SWATCH + 6)}
              y={middle(cy, fontSize)}
              fontSize={fontSize}
              fill={theme.muted}
            >
              {item.name}
            </text>
          </g>
        );
      })}
    </g>
  );
}

/** The root of a static chart: its size, font, and the namespace when it stands alone. */
export function ChartSvg({
  width,
  height,
  theme,
  label,
  standalone = false,
  className,
  children,
}: {
  width: number;
  height: number;
  theme: StaticTheme;
  label: string;
  /** A file of its own (PNG rendering) needs the SVG namespace; inline SVG in HTML does not. */
  standalone?: boolean;
  className?: string;
  children: ReactNode;
}) {
  return (
    <svg
      xmlns={standalone ? 'http://www.w3.org/2000/svg' : undefined}
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-label={label}
      className={className}
      fontFamily={theme.fontFamily ?? undefined}
    >
      {children}
    </svg>
  );
}
