'use client';

import { type ReactNode, useEffect, useRef, useState } from 'react';

/** Width of an element, following resizes (ResizeObserver); `fallback` before the first layout. */
function useWidth<T extends HTMLElement>(fallback: number) {
  const ref = useRef<T>(null);
  const [width, setWidth] = useState(fallback);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    setWidth(el.clientWidth);
    const ro = new ResizeObserver((entries) => {
      const w = entries[0]?.contentRect.width;
      if (w) setWidth(Math.floor(w));
    });
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  return [ref, width] as const;
}

/** Cut a label to about `px` pixels of 11 px text (SVG text does not ellipsize). */
function clip(label: string, px: number): string {
  const chars = Math.max(3, Math.floor(px / 6.4));
  return label.length <= chars ? label : `${label.slice(0, chars - 1)}…`;
}

/** The fill of a cell: `hue` mixed into the surface by t (0..1); empty cells stay neutral. */
export function heatFill(hue: string, t: number): string {
  if (t <= 0) return 'var(--surface-2)';
  const pct = Math.round(14 + 86 * t);
  return `color-mix(in oklab, ${hue} ${pct}%, var(--surface))`;
}

/** Text over a filled cell: dark on light cells, the accent foreground on saturated ones. */
function heatText(t: number): string {
  return t > 0.62 ? 'var(--accent-fg)' : 'var(--text)';
}

const CELL_H = 34;
const GAP = 2;
const HEADER_H = 26;
const TOTALS_GAP = 8;

export interface HeatMapProps {
  rows: string[];
  cols: string[];
  /** values[row][col] */
  values: number[][];
  /** Colour of a cell's hue (CSS). */
  hue: (row: number, col: number) => string;
  /** Position of a value on the colour scale, 0..1 (a diverging map passes |position| and
   *  picks the hue by sign). A zero cell is drawn empty. */
  scale: (value: number) => number;
  /** A cell's label; `compact` when cells are narrow. */
  formatCell: (value: number, compact: boolean) => string;
  /** Cells drawn with a dashed outline (e.g. the diagonal). */
  outline?: (row: number, col: number) => string | null;
  rowTotals?: number[];
  colTotals?: number[];
  total?: number;
  totalsLabel?: { row: string; col: string };
  /** Axis captions: rows (left) and columns (top). */
  rowAxis?: string;
  colAxis?: string;
  tooltip: (row: number, col: number) => ReactNode;
  /** Screen-reader text of one cell. */
  cellLabel: (row: number, col: number) => string;
  ariaLabel: string;
}

/**
 * A labelled matrix heat map in SVG (rows × columns, a label in every cell), sized to its
 * container; narrower than its minimum cell width it scrolls horizontally.
 */
export function HeatMap({
  rows,
  cols,
  values,
  hue,
  scale,
  formatCell,
  outline,
  rowTotals,
  colTotals,
  total,
  totalsLabel = { row: 'Total', col: 'Total' },
  rowAxis,
  colAxis,
  tooltip,
  cellLabel,
  ariaLabel,
}: HeatMapProps) {
  const [ref, width] = useWidth<HTMLDivElement>(720);
  const [hover, setHover] = useState<{ r: number; c: number } | null>(null);
  const totals = rowTotals != null && colTotals != null;
  const longest = Math.max(
    ...rows.map((r) => r.length),
    totals ? totalsLabel.col.length : 0,
    rowAxis ? 4 : 0,
  );
  const labelW = Math.min(150, Math.max(56, Math.round(longest * 6.6 + 14)));
  const nCols = cols.length + (totals ? 1 : 0);
  const avail = width - labelW - (totals ? TOTALS_GAP : 0);
  const cellW = Math.max(46, Math.min(104, Math.floor(avail / Math.max(1, nCols))));
  const compact = cellW < 62;
  const top = HEADER_H + (colAxis ? 18 : 0);
  const gridW = cols.length * cellW;
  const svgW = labelW + gridW + (totals ? TOTALS_GAP + cellW : 0);
  const gridH = rows.length * CELL_H;
  const svgH = top + gridH + (totals ? TOTALS_GAP + CELL_H : 0) + 2;
  const x = (c: number) => labelW + c * cellW;
  const y = (r: number) => top + r * CELL_H;
  const totalX = labelW + gridW + TOTALS_GAP;
  const totalY = top + gridH + TOTALS_GAP;

  const cell = (
    key: string,
    cx: number,
    cy: number,
    v: number,
    fill: string,
    text: string,
    opts: { r?: number; c?: number; dashed?: string | null; bold?: boolean } = {},
  ) => {
    const interactive = opts.r != null && opts.c != null;
    const active = interactive && hover?.r === opts.r && hover?.c === opts.c;
    return (
      <g key={key} data-cell={interactive ? `${opts.r},${opts.c}` : undefined}>
        <rect
          x={cx + GAP / 2}
          y={cy + GAP / 2}
          width={cellW - GAP}
          height={CELL_H - GAP}
          rx={3}
          style={{ fill }}
          stroke={active ? 'var(--text)' : (opts.dashed ?? 'none')}
          strokeWidth={active ? 1.5 : 1.25}
          strokeDasharray={active || !opts.dashed ? undefined : '4 3'}
        />
        <text
          x={cx + cellW / 2}
          y={cy + CELL_H / 2}
          dy="0.35em"
          textAnchor="middle"
          style={{
            fill: text,
            fontSize: 11,
            fontWeight: opts.bold ? 600 : 500,
            fontVariantNumeric: 'tabular-nums',
          }}
        >
          {v !== 0 ? formatCell(v, compact) : '·'}
        </text>
      </g>
    );
  };

  const hovered = hover ? tooltip(hover.r, hover.c) : null;
  const tipLeft = hover ? Math.min(Math.max(x(hover.c) + cellW / 2 - 110, 0), svgW - 220) : 0;
  const tipTop = hover ? y(hover.r) + CELL_H + 4 : 0;

  return (
    <div ref={ref} className="relative min-w-0 overflow-x-auto">
      <div className="relative" style={{ width: svgW }}>
        <svg
          width={svgW}
          height={svgH}
          role="img"
          aria-label={ariaLabel}
          className="block select-none"
          onMouseMove={(e) => {
            const box = e.currentTarget.getBoundingClientRect();
            const c = Math.floor((e.clientX - box.left - labelW) / cellW);
            const r = Math.floor((e.clientY - box.top - top) / CELL_H);
            const inside = r >= 0 && c >= 0 && r < rows.length && c < cols.length;
            if (!inside) {
              if (hover) setHover(null);
            } else if (hover?.r !== r || hover?.c !== c) setHover({ r, c });
          }}
          onMouseLeave={() => setHover(null)}
        >
          {colAxis && (
            <text
              x={labelW + gridW / 2}
              y={11}
              textAnchor="middle"
              style={{ fill: 'var(--text-muted)', fontSize: 11, fontWeight: 500 }}
            >
              {colAxis}
            </text>
          )}
          {rowAxis && (
            <text
              x={labelW - 8}
              y={top - 8}
              textAnchor="end"
              style={{ fill: 'var(--text-muted)', fontSize: 11, fontWeight: 500 }}
            >
              {rowAxis}
            </text>
          )}
          {cols.map((c, j) => (
            <text
              key={`col-${c}`}
              x={x(j) + cellW / 2}
              y={top - 8}
              textAnchor="middle"
              style={{
                fill: hover?.c === j ? 'var(--text)' : 'var(--chart-axis)',
                fontSize: 11,
                fontWeight: hover?.c === j ? 600 : 400,
              }}
            >
              <title>{c}</title>
              {clip(c, cellW - 4)}
            </text>
          ))}
          {totals && (
            <text
              x={totalX + cellW / 2}
              y={top - 8}
              textAnchor="middle"
              style={{ fill: 'var(--text-muted)', fontSize: 11, fontWeight: 600 }}
            >
              {clip(totalsLabel.row, cellW - 4)}
            </text>
          )}
          {rows.map((r, i) => (
            <text
              key={`row-${r}`}
              x={labelW - 8}
              y={y(i) + CELL_H / 2}
              dy="0.35em"
              textAnchor="end"
              style={{
                fill: hover?.r === i ? 'var(--text)' : 'var(--chart-axis)',
                fontSize: 11,
                fontWeight: hover?.r === i ? 600 : 400,
              }}
            >
              <title>{r}</title>
              {clip(r, labelW - 12)}
            </text>
          ))}
          {totals && (
            <text
              x={labelW - 8}
              y={totalY + CELL_H / 2}
              dy="0.35em"
              textAnchor="end"
              style={{ fill: 'var(--text-muted)', fontSize: 11, fontWeight: 600 }}
            >
              {totalsLabel.col}
            </text>
          )}
          {rows.map((r, i) =>
            cols.map((c, j) => {
              const v = values[i]?.[j] ?? 0;
              const t = scale(v);
              return cell(
                `${r}\u0000${c}`,
                x(j),
                y(i),
                v,
                heatFill(hue(i, j), t),
                v !== 0 ? heatText(t) : 'var(--text-faint)',
                { r: i, c: j, dashed: outline?.(i, j) ?? null },
              );
            }),
          )}
          {totals &&
            rows.map((r, i) =>
              cell(`rt-${r}`, totalX, y(i), rowTotals[i] ?? 0, 'var(--surface-2)', 'var(--text)'),
            )}
          {totals &&
            cols.map((c, j) =>
              cell(`ct-${c}`, x(j), totalY, colTotals[j] ?? 0, 'var(--surface-2)', 'var(--text)'),
            )}
          {totals &&
            total != null &&
            cell('grand-total', totalX, totalY, total, 'var(--surface-3)', 'var(--text)', {
              bold: true,
            })}
        </svg>
        <table className="sr-only">
          <caption>{ariaLabel}</caption>
          <thead>
            <tr>
              <th scope="col">{rowAxis ?? ''}</th>
              {cols.map((c) => (
                <th key={c} scope="col">
                  {c}
                </th>
              ))}
              {totals && <th scope="col">{totalsLabel.row}</th>}
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <tr key={r}>
                <th scope="row">{r}</th>
                {cols.map((c, j) => (
                  <td key={c}>{cellLabel(i, j)}</td>
                ))}
                {totals && <td>{formatCell(rowTotals[i] ?? 0, false)}</td>}
              </tr>
            ))}
            {totals && (
              <tr>
                <th scope="row">{totalsLabel.col}</th>
                {cols.map((c, j) => (
                  <td key={c}>{formatCell(colTotals[j] ?? 0, false)}</td>
                ))}
                {total != null && <td>{formatCell(total, false)}</td>}
              </tr>
            )}
          </tbody>
        </table>
        {hovered && (
          <div className="absolute z-10" style={{ left: Math.max(0, tipLeft), top: tipTop }}>
            {hovered}
          </div>
        )}
      </div>
    </div>
  );
}

/**
 * The colour scale of a HeatMap: a gradient per hue (one row each) from 0 to `max`, with a
 * few tick labels, and the scale's name.
 */
export function HeatMapLegend({
  hues,
  ticks,
  note,
}: {
  hues: { name: string; color: string; description?: string }[];
  /** Positions (0..1) and labels along the gradient. */
  ticks: { t: number; label: string }[];
  note?: string;
}) {
  const steps = [0.02, 0.25, 0.5, 0.75, 1];
  return (
    <div className="flex flex-wrap items-start gap-x-6 gap-y-2 text-[11px] text-muted">
      <div className="min-w-[200px] flex-1 sm:max-w-[320px]" role="group" aria-label="Colour scale">
        <div className="space-y-1">
          {hues.map((h) => (
            <div key={h.name} className="flex items-center gap-2">
              <span className="w-[92px] shrink-0 truncate" title={h.description}>
                {h.name}
              </span>
              <span
                className="h-2.5 flex-1 rounded-sm"
                style={{
                  background: `linear-gradient(to right, ${steps
                    .map((t) => `${heatFill(h.color, t)} ${Math.round(t * 100)}%`)
                    .join(', ')})`,
                }}
              />
            </div>
          ))}
        </div>
        <div className="relative mt-1 ml-[100px] h-4">
          {ticks.map((tk) => (
            <span
              key={tk.t}
              className="absolute top-0 font-mono text-[10px] whitespace-nowrap text-faint tabular-nums"
              style={{
                left: `${tk.t * 100}%`,
                transform:
                  tk.t <= 0 ? 'none' : tk.t >= 1 ? 'translateX(-100%)' : 'translateX(-50%)',
              }}
            >
              {tk.label}
            </span>
          ))}
        </div>
      </div>
      {note && <p className="max-w-sm pt-0.5 leading-4">{note}</p>}
    </div>
  );
}

/**
 * The legend of a diverging HeatMap (differences): one gradient from `negative.color` at
 * −max through the empty surface at 0 to `positive.color` at +max, with the values (and their
 * unit) at both ends and the middle.
 */
export function DivergingLegend({
  negative,
  positive,
  min,
  max,
  note,
}: {
  negative: { name: string; color: string };
  positive: { name: string; color: string };
  /** Labels of the ends (−max, +max), with units. */
  min: string;
  max: string;
  note?: string;
}) {
  // Positions along the bar of |t| = 1, 0.75, 0.5, 0.25, ~0 on either side of the middle.
  const steps: [number, number][] = [
    [1, 0],
    [0.75, 12.5],
    [0.5, 25],
    [0.25, 37.5],
    [0.02, 48],
  ];
  const stops = [
    ...steps.map(([t, at]) => `${heatFill(negative.color, t)} ${at}%`),
    'var(--surface-2) 50%',
    ...[...steps].reverse().map(([t, at]) => `${heatFill(positive.color, t)} ${100 - at}%`),
  ];
  return (
    <div className="flex flex-wrap items-start gap-x-6 gap-y-2 text-[11px] text-muted">
      <div
        className="min-w-[220px] flex-1 sm:max-w-[360px]"
        role="group"
        aria-label={`Colour scale: ${negative.name} to ${positive.name}`}
      >
        <div className="flex justify-between gap-2">
          <span>{negative.name}</span>
          <span>{positive.name}</span>
        </div>
        <div
          className="mt-1 h-2.5 rounded-sm"
          style={{ background: `linear-gradient(to right, ${stops.join(', ')})` }}
        />
        <div className="mt-1 flex justify-between font-mono text-[10px] whitespace-nowrap text-faint tabular-nums">
          <span>{min}</span>
          <span>0</span>
          <span>{max}</span>
        </div>
      </div>
      {note && <p className="max-w-sm pt-0.5 leading-4">{note}</p>}
    </div>
  );
}
