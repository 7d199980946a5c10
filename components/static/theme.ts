// Colours and type of the static charts (components/static). The page passes PAGE_THEME (the
// CSS variables of app/globals.css, so a chart follows light/dark like the Recharts ones); images
// rendered on the server (server/render/png.ts, where no CSS exists) use LIGHT_THEME, the same
// colours as hex values. Keep LIGHT_THEME in step with :root in app/globals.css.

export interface StaticTheme {
  /** Behind everything (the page background). */
  background: string;
  /** Panels and cards. */
  surface: string;
  border: string;
  text: string;
  muted: string;
  faint: string;
  grid: string;
  axis: string;
  accent: string;
  accentFg: string;
  good: string;
  bad: string;
  warn: string;
  /** Okabe & Ito's colour-blind-safe series colours, in components/charts/chartTheme order. */
  series: readonly string[];
  fail: string;
  /** Font family for every text; null: inherit the page's. */
  fontFamily: string | null;
}

export const LIGHT_THEME: StaticTheme = {
  background: '#f6f7f9',
  surface: '#ffffff',
  border: '#e1e5eb',
  text: '#161b22',
  muted: '#586170',
  faint: '#8a93a1',
  grid: '#e6e9ee',
  axis: '#6b7482',
  accent: '#1f5fbf',
  accentFg: '#ffffff',
  good: '#17733a',
  bad: '#b3261e',
  warn: '#98600a',
  series: ['#0072b2', '#e69f00', '#009e73', '#cc79a7', '#56b4e9', '#d55e00', '#8c6d00', '#5d5d5d'],
  fail: '#d55e00',
  // The font shipped in assets/fonts (server/render/png.ts loads it).
  fontFamily: 'DejaVu Sans',
};

export const PAGE_THEME: StaticTheme = {
  background: 'var(--bg)',
  surface: 'var(--surface)',
  border: 'var(--border)',
  text: 'var(--text)',
  muted: 'var(--text-muted)',
  faint: 'var(--text-faint)',
  grid: 'var(--chart-grid)',
  axis: 'var(--chart-axis)',
  accent: 'var(--accent)',
  accentFg: 'var(--accent-fg)',
  good: 'var(--good)',
  bad: 'var(--bad)',
  warn: 'var(--warn)',
  series: [1, 2, 3, 4, 5, 6, 7, 8].map((i) => `var(--chart-${i})`),
  fail: 'var(--chart-fail)',
  fontFamily: null,
};

export function themeSeries(theme: StaticTheme, index: number): string {
  return theme.series[index % theme.series.length] as string;
}
