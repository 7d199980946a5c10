// Pure helpers of the coverage grid: the summary line, links and cell styling.
import type { Coverage, CoverageCell } from '@/components/hooks/queries/useCoverageQuery';

export const UNKNOWN = 'unknown';
/** Repetitions per cell a verdict needs (docs/statistics.md: tests on per-run medians). */
export const MIN_REPETITIONS = 3;

/** Diagonal hatching of a missing cell. */
export const HATCH =
  'repeating-linear-gradient(135deg, transparent 0 5px, color-mix(in oklab, var(--bad) 18%, transparent) 5px 6px)';

export interface CoverageSummary {
  /** Combinations of known values (the design); cells with an unknown value are left out. */
  combinations: number;
  withRuns: number;
  missing: number;
  /** Known combinations with 1 or 2 runs. */
  few: number;
  totalRuns: number;
  /** Runs with an unknown row or column value. */
  unknownRuns: number;
  /** The most runs in a cell of known values: the top of the colour scale. */
  maxRuns: number;
}

export function isUnknownCell(cell: CoverageCell): boolean {
  return cell.row === UNKNOWN || cell.col === UNKNOWN;
}

export function summarize(data: Coverage): CoverageSummary {
  const s: CoverageSummary = {
    combinations: 0,
    withRuns: 0,
    missing: 0,
    few: 0,
    totalRuns: 0,
    unknownRuns: 0,
    maxRuns: 0,
  };
  for (const cell of data.cells) {
    const n = cell.runs.length;
    s.totalRuns += n;
    if (isUnknownCell(cell)) {
      s.unknownRuns += n;
      continue;
    }
    s.maxRuns = Math.max(s.maxRuns, n);
    s.combinations += 1;
    if (n === 0) s.missing += 1;
    else {
      s.withRuns += 1;
      if (n < MIN_REPETITIONS) s.few += 1;
    }
  }
  return s;
}

/** Known values first, `unknown` last (the API orders them so; kept whatever it sends). */
export function orderValues(values: string[]): string[] {
  return [...values.filter((v) => v !== UNKNOWN), ...values.filter((v) => v === UNKNOWN)];
}

/** The runs list filtered to a cell: `/?backend=redis&backend_nodes=1` (`unknown` included). */
export function runsHref(rowKey: string, row: string, colKey: string, col: string): string {
  const params = new URLSearchParams();
  params.set(rowKey, row);
  if (colKey !== rowKey) params.set(colKey, col);
  return `/?${params.toString()}`;
}

/** Compare the runs of a cell: the first as baseline, the others as contenders. */
export function compareHref(runs: string[]): string {
  const [first, ...rest] = runs.map(encodeURIComponent);
  return `/compare?baseline=${first}&contenders=${rest.join(',')}`;
}

/** Position of a count on the colour scale (0..1): the square root keeps small counts visible. */
export function intensity(n: number, max: number): number {
  if (n <= 0 || max <= 0) return 0;
  return max === 1 ? 0.45 : 0.15 + 0.65 * Math.sqrt(n / max);
}
