// The design coverage grid (/coverage) as static SVG, for the image of a coverage share link:
// one cell per (row value, column value) shaded by its number of runs (repetitions) on the
// page's scale (components/coverage/coverageModel intensity), missing cells dashed in the "bad"
// colour, cells with fewer than 3 repetitions flagged, unknown values muted and last. No hooks,
// no DOM: the server renders it to SVG and PNG (server/render/png.ts).
import {
  intensity,
  isUnknownCell,
  MIN_REPETITIONS,
  orderValues,
  summarize,
  UNKNOWN,
} from '@/components/coverage/coverageModel';
import type { Coverage, CoverageCell } from '@/components/hooks/queries/useCoverageQuery';
import type { ReactNode } from 'react';
import { middle, px } from './parts';
import { fitText, textWidth } from './text';
import type { StaticTheme } from './theme';

/** `a` mixed into `b` by `t` (0..1); hex colours are mixed here (resvg has no color-mix()). */
export function mixColor(a: string, b: string, t: number): string {
  const hex = (c: string) => (/^#[0-9a-f]{6}$/i.test(c) ? c : null);
  const ha = hex(a);
  const hb = hex(b);
  if (!ha || !hb) return `color-mix(in srgb, ${a} ${Math.round(t * 100)}%, ${b})`;
  const ch = (h: string, i: number) => Number.parseInt(h.slice(1 + 2 * i, 3 + 2 * i), 16);
  const out = [0, 1, 2].map((i) =>
    Math.round(ch(ha, i) * t + ch(hb, i) * (1 - t))
      .toString(16)
      .padStart(2, '0'),
  );
  return `#${out.join('')}`;
}

/** The fill of a cell with runs: the page's heatFill (14 % → 100 % of the hue over the surface). */
function heatColor(theme: StaticTheme, t: number): string {
  return mixColor(theme.series[0]!, theme.surface, 0.14 + 0.86 * t);
}

/** How many rows and columns fit: the rest is said in the caption. */
export function coverageFit(
  data: Coverage,
  width: number,
  height: number,
): { rows: string[]; cols: string[]; moreRows: number; moreCols: number } {
  const rows = orderValues(data.rows.values);
  const cols = orderValues(data.cols.values);
  const maxCols = Math.max(1, Math.floor((width - 150) / 64));
  const maxRows = Math.max(1, Math.floor((height - 30) / 30));
  return {
    rows: rows.slice(0, maxRows),
    cols: cols.slice(0, maxCols),
    moreRows: Math.max(0, rows.length - maxRows),
    moreCols: Math.max(0, cols.length - maxCols),
  };
}

export const COVERAGE_LEGEND_HEIGHT = 30;

export function StaticCoverageGrid({
  data,
  width,
  height,
  theme,
  fontSize,
}: {
  data: Coverage;
  width: number;
  /** Grid and legend. */
  height: number;
  theme: StaticTheme;
  fontSize: number;
}) {
  const { maxRuns } = summarize(data);
  const gridH = height - COVERAGE_LEGEND_HEIGHT - 12;
  const fit = coverageFit(data, width, gridH);
  const byKey = new Map(data.cells.map((c) => [`${c.row}\u0000${c.col}`, c]));
  const headH = 28;
  const gap = 4;
  const labelW = Math.min(
    260,
    Math.max(
      textWidth(`${data.rows.label} ↓`, fontSize - 2),
      ...fit.rows.map((r) => textWidth(r, fontSize, true)),
    ) + 20,
  );
  const cellW = Math.min(200, (width - labelW - gap * fit.cols.length) / fit.cols.length);
  const cellH = Math.min(80, (gridH - headH - gap * fit.rows.length) / fit.rows.length);
  const gridW = labelW + fit.cols.length * (cellW + gap);
  const x0 = 0;
  const cx = (j: number) => x0 + labelW + gap + j * (cellW + gap);
  const cy = (i: number) => headH + gap + i * (cellH + gap);
  const big = Math.min(fontSize + 5, Math.max(11, cellH * 0.38));
  const small = Math.max(10, fontSize - 3);

  const cell = (cell: CoverageCell, i: number, j: number) => {
    const n = cell.runs.length;
    const unknown = isUnknownCell(cell);
    const x = cx(j);
    const y = cy(i);
    const label = `${data.rows.label} ${cell.row}, ${data.cols.label} ${cell.col}: ${n} run${n === 1 ? '' : 's'}`;
    if (n === 0) {
      return (
        <g key={`${i}:${j}`} aria-label={label}>
          <rect
            x={px(x + 0.5)}
            y={px(y + 0.5)}
            width={px(cellW - 1)}
            height={px(cellH - 1)}
            rx={6}
            fill={unknown ? theme.background : mixColor(theme.bad, theme.surface, 0.06)}
            stroke={unknown ? theme.border : mixColor(theme.bad, theme.surface, 0.55)}
            strokeDasharray="5 4"
          />
          <text
            x={px(x + cellW / 2)}
            y={middle(y + cellH / 2, small + 1)}
            fontSize={small + 1}
            fontWeight={unknown ? 400 : 700}
            fill={unknown ? theme.faint : theme.bad}
            textAnchor="middle"
          >
            {unknown || cellW < 70 ? '0' : '0 · missing'}
          </text>
        </g>
      );
    }
    const t = intensity(n, maxRuns);
    const strong = t > 0.62 && !unknown;
    const ink = strong ? theme.accentFg : theme.text;
    const few = n < MIN_REPETITIONS && !unknown;
    const twoLines = cellH >= big + small + 10;
    return (
      <g key={`${i}:${j}`} aria-label={label}>
        <rect
          x={px(x)}
          y={px(y)}
          width={px(cellW)}
          height={px(cellH)}
          rx={6}
          fill={unknown ? theme.background : heatColor(theme, t)}
        />
        <text
          x={px(x + cellW / 2)}
          y={twoLines ? px(y + cellH / 2 - 1) : middle(y + cellH / 2, big)}
          fontSize={big}
          fontWeight={700}
          fill={unknown ? theme.muted : ink}
          textAnchor="middle"
        >
          {String(n)}
        </text>
        {twoLines && (
          <text
            x={px(x + cellW / 2)}
            y={px(y + cellH / 2 + small + 3)}
            fontSize={small}
            fill={unknown ? theme.faint : ink}
            opacity={0.85}
            textAnchor="middle"
          >
            {n > 1 ? `runs · ${cell.groups} group${cell.groups === 1 ? '' : 's'}` : 'run'}
          </text>
        )}
        {few && (
          <g>
            <rect
              x={px(x + cellW - 27)}
              y={px(y + 4)}
              width={23}
              height={14}
              rx={3}
              fill={mixColor(theme.warn, theme.surface, 0.16)}
            />
            <text
              x={px(x + cellW - 15.5)}
              y={middle(y + 11, 10)}
              fontSize={10}
              fontWeight={700}
              fill={theme.warn}
              textAnchor="middle"
            >
              {'<3'}
            </text>
          </g>
        )}
      </g>
    );
  };

  const legendY = cy(fit.rows.length) + 10;
  const swatches = [0.15, 0.4, 0.7, 1];
  let lx = 0;
  const legend: { x: number; node: ReactNode }[] = [];
  const add = (w: number, node: (x: number) => ReactNode) => {
    legend.push({ x: lx, node: node(lx) });
    lx += w + 26;
  };
  const ly = legendY + COVERAGE_LEGEND_HEIGHT / 2;
  const lf = fontSize - 2;
  add(22 + textWidth('missing (0 runs)', lf), (x) => (
    <g key="missing">
      <rect
        x={px(x)}
        y={px(ly - 7)}
        width={16}
        height={14}
        rx={3}
        fill={mixColor(theme.bad, theme.surface, 0.06)}
        stroke={mixColor(theme.bad, theme.surface, 0.55)}
        strokeDasharray="3 2"
      />
      <text x={px(x + 22)} y={middle(ly, lf)} fontSize={lf} fill={theme.muted}>
        missing (0 runs)
      </text>
    </g>
  ));
  add(29 + textWidth('fewer than 3 repetitions', lf), (x) => (
    <g key="few">
      <rect
        x={px(x)}
        y={px(ly - 7)}
        width={23}
        height={14}
        rx={3}
        fill={mixColor(theme.warn, theme.surface, 0.16)}
      />
      <text
        x={px(x + 11.5)}
        y={middle(ly, 10)}
        fontSize={10}
        fontWeight={700}
        fill={theme.warn}
        textAnchor="middle"
      >
        {'<3'}
      </text>
      <text x={px(x + 29)} y={middle(ly, lf)} fontSize={lf} fill={theme.muted}>
        fewer than 3 repetitions
      </text>
    </g>
  ));
  const fewer = textWidth('fewer runs', lf);
  add(fewer + 8 + swatches.length * 20 + 4 + textWidth('more runs', lf), (x) => (
    <g key="scale">
      <text x={px(x)} y={middle(ly, lf)} fontSize={lf} fill={theme.muted}>
        fewer runs
      </text>
      {swatches.map((t, k) => (
        <rect
          key={t}
          x={px(x + fewer + 8 + k * 20)}
          y={px(ly - 7)}
          width={18}
          height={14}
          rx={3}
          fill={heatColor(theme, t)}
        />
      ))}
      <text
        x={px(x + fewer + 8 + swatches.length * 20 + 4)}
        y={middle(ly, lf)}
        fontSize={lf}
        fill={theme.muted}
      >
        more runs
      </text>
    </g>
  ));
  if (data.rows.values.includes(UNKNOWN) || data.cols.values.includes(UNKNOWN)) {
    add(22 + textWidth('unknown: factor not recorded', lf), (x) => (
      <g key="unknown">
        <rect
          x={px(x)}
          y={px(ly - 7)}
          width={16}
          height={14}
          rx={3}
          fill={theme.background}
          stroke={theme.border}
        />
        <text x={px(x + 22)} y={middle(ly, lf)} fontSize={lf} fill={theme.muted}>
          unknown: factor not recorded
        </text>
      </g>
    ));
  }

  return (
    <g
      aria-label={`Runs per ${data.rows.label.toLowerCase()} and ${data.cols.label.toLowerCase()}`}
    >
      <text x={px(x0)} y={px(headH - 18)} fontSize={fontSize - 3} fill={theme.faint}>
        {`${data.rows.label} ↓`}
      </text>
      <text x={px(x0)} y={px(headH - 3)} fontSize={fontSize - 3} fill={theme.faint}>
        {`${data.cols.label} →`}
      </text>
      {fit.cols.map((c, j) => (
        <text
          key={`c${c}`}
          x={px(cx(j) + cellW / 2)}
          y={px(headH - 6)}
          fontSize={fontSize - 1}
          fontWeight={c === UNKNOWN ? 400 : 700}
          fontStyle={c === UNKNOWN ? 'italic' : undefined}
          fill={c === UNKNOWN ? theme.faint : theme.text}
          textAnchor="middle"
        >
          {fitText(c, cellW - 6, fontSize - 1, c !== UNKNOWN)}
        </text>
      ))}
      {fit.rows.map((r, i) => (
        <g key={`r${r}`}>
          <text
            x={px(x0)}
            y={middle(cy(i) + cellH / 2, fontSize)}
            fontSize={fontSize}
            fontWeight={r === UNKNOWN ? 400 : 700}
            fontStyle={r === UNKNOWN ? 'italic' : undefined}
            fill={r === UNKNOWN ? theme.faint : theme.text}
          >
            {fitText(r, labelW - 14, fontSize, r !== UNKNOWN)}
          </text>
          {fit.cols.map((c, j) =>
            cell(byKey.get(`${r}\u0000${c}`) ?? { row: r, col: c, runs: [], groups: 0 }, i, j),
          )}
        </g>
      ))}
      {legend.map((l) => l.node)}
      {(fit.moreRows > 0 || fit.moreCols > 0) && (
        <text
          x={px(Math.max(gridW, lx))}
          y={middle(ly, lf)}
          fontSize={lf}
          fill={theme.faint}
          textAnchor="end"
        >
          {[
            fit.moreRows ? `${fit.moreRows} more row${fit.moreRows === 1 ? '' : 's'}` : null,
            fit.moreCols ? `${fit.moreCols} more column${fit.moreCols === 1 ? '' : 's'}` : null,
          ]
            .filter(Boolean)
            .join(', ')}
          {' not shown'}
        </text>
      )}
    </g>
  );
}
