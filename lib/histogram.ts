// Histograms of iteration durations with the three binning rules of Rally's HTML report
// (rally/task/processing/charts.py, HistogramChart._init_views): the bin count comes from the
// number of values n, bins split [min, max] evenly, and a value goes to the first bin whose
// upper edge is >= the value.

export type BinningRule = 'sqrt' | 'sturges' | 'rice';

export const BINNING_RULES: { id: BinningRule; label: string; formula: string }[] = [
  { id: 'sqrt', label: 'Square root', formula: '⌈√n⌉' },
  { id: 'sturges', label: 'Sturges', formula: '⌈log₂ n + 1⌉' },
  { id: 'rice', label: 'Rice', formula: '⌈2·∛n⌉' },
];

export function isBinningRule(value: unknown): value is BinningRule {
  return value === 'sqrt' || value === 'sturges' || value === 'rice';
}

/**
 * Number of bins for n values. Computed with the same floating-point operations as Rally
 * (`math.log(n, 2)` is `log(n) / log(2)`, `n ** (1/3)`), so the counts match its report.
 */
export function binCount(rule: BinningRule, n: number): number {
  if (!Number.isFinite(n) || n < 1) return 0;
  switch (rule) {
    case 'sqrt':
      return Math.ceil(Math.sqrt(n));
    case 'sturges':
      return Math.ceil(Math.log(n) / Math.log(2) + 1);
    case 'rice':
      return Math.ceil(2 * n ** (1 / 3));
  }
}

export interface HistogramBin {
  /** Lower edge (exclusive, except for the first bin). */
  x0: number;
  /** Upper edge (inclusive). */
  x1: number;
  count: number;
}

export interface Histogram {
  rule: BinningRule;
  n: number;
  min: number | null;
  max: number | null;
  bins: HistogramBin[];
}

export function histogram(values: readonly number[], rule: BinningRule): Histogram {
  const finite = values.filter((v) => Number.isFinite(v));
  const n = finite.length;
  if (n === 0) return { rule, n: 0, min: null, max: null, bins: [] };
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const v of finite) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const k = binCount(rule, n);
  const width = (max - min) / k;
  // Upper edges exactly as Rally builds them: min + width * j, j = 1..k.
  const edges = Array.from({ length: k }, (_, j) => min + width * (j + 1));
  const bins: HistogramBin[] = edges.map((x1, j) => ({
    x0: j === 0 ? min : (edges[j - 1] as number),
    x1,
    count: 0,
  }));
  for (const v of finite) {
    // Binary search for the first edge >= v. Rounding can leave max a hair above the last
    // edge; Rally would drop that value, we keep it in the last bin.
    let lo = 0;
    let hi = k - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (v <= (edges[mid] as number)) hi = mid;
      else lo = mid + 1;
    }
    (bins[lo] as HistogramBin).count += 1;
  }
  return { rule, n, min, max, bins };
}
