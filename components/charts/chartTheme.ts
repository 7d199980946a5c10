// Colours and axis styling shared by the charts. Colours are CSS variables (app/globals.css), so
// the charts follow the light/dark theme with no re-render.

export const SERIES_COLORS = [
  'var(--chart-1)',
  'var(--chart-2)',
  'var(--chart-3)',
  'var(--chart-4)',
  'var(--chart-5)',
  'var(--chart-6)',
  'var(--chart-7)',
  'var(--chart-8)',
] as const;

export function seriesColor(index: number): string {
  return SERIES_COLORS[index % SERIES_COLORS.length] as string;
}

export const COLORS = {
  duration: 'var(--chart-1)',
  idle: 'var(--chart-5)',
  failed: 'var(--chart-fail)',
  load: 'var(--chart-3)',
  histogram: 'var(--chart-1)',
  grid: 'var(--chart-grid)',
  axis: 'var(--chart-axis)',
  reference: 'var(--text-faint)',
  marker: 'var(--chart-4)',
} as const;

export const AXIS_PROPS = {
  stroke: 'var(--chart-grid)',
  tick: { fill: 'var(--chart-axis)', fontSize: 11 },
  tickLine: { stroke: 'var(--chart-grid)' },
} as const;

export const CHART_MARGIN = { top: 8, right: 16, bottom: 22, left: 8 } as const;

/** Short tick labels: 0.25, 1.5, 12, 1.2k. */
export function tickNumber(v: number): string {
  if (!Number.isFinite(v)) return '';
  const a = Math.abs(v);
  if (a >= 10_000) return `${Number((v / 1000).toFixed(1))}k`;
  if (a >= 100) return String(Math.round(v));
  if (a >= 10) return String(Number(v.toFixed(1)));
  if (a >= 0.1 || a === 0) return String(Number(v.toFixed(2)));
  return String(Number(v.toPrecision(2)));
}
