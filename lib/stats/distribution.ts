// Shapes for the compare page's overlaid distributions: the empirical CDF and box-plot
// statistics. Quartiles use Rally's interpolated percentile (./percentile: sorted,
// k = (n − 1)p, linear between neighbours — NumPy's default), so the box's median and the
// p25/p75 equal the numbers in the tables.

import { percentileSorted, sortedView } from './percentile';

export interface EcdfPoint {
  /** A distinct value. */
  x: number;
  /** Fraction of values ≤ x, in (0, 1]. */
  p: number;
}

export interface EcdfOptions {
  /**
   * Most points to return (≥ 2). When there are more distinct values, points are kept at evenly
   * spaced ranks, always including the first and the last, so the curve keeps its shape while
   * staying drawable (the views draw at most about 2,000 points per series).
   */
  maxPoints?: number;
}

/**
 * The empirical distribution function of the finite values: one point per distinct value x
 * with p = (number of values ≤ x) / n, ascending in x. Draw it as a step function ("stepAfter").
 * Empty input (or no finite value) gives [].
 */
export function ecdf(values: ArrayLike<number>, opts: EcdfOptions = {}): EcdfPoint[] {
  return ecdfSorted(sortedView(finite(values)), opts);
}

/** `ecdf` of values already ascending and finite (checked once by the caller). */
export function ecdfSorted(sorted: Float64Array, opts: EcdfOptions = {}): EcdfPoint[] {
  const n = sorted.length;
  // Ranks (0-based) of the last of each run of equal values: one point each.
  const ends = new Int32Array(n);
  let count = 0;
  for (let i = 0; i < n; i++) if (i + 1 === n || sorted[i + 1] !== sorted[i]) ends[count++] = i;
  const point = (i: number): EcdfPoint => ({ x: sorted[i] as number, p: (i + 1) / n });
  const max = opts.maxPoints;
  if (max === undefined || count <= max) {
    return Array.from({ length: count }, (_, k) => point(ends[k] as number));
  }
  if (!(Number.isInteger(max) && max >= 2)) {
    throw new RangeError(`maxPoints must be an integer ≥ 2, got ${max}`);
  }
  const last = count - 1;
  return Array.from({ length: max }, (_, k) => point(ends[Math.round((k * last) / (max - 1))]!));
}

export interface BoxStats {
  n: number;
  min: number;
  q1: number;
  median: number;
  q3: number;
  max: number;
  mean: number;
  /** Tukey whiskers: the most extreme values within 1.5 IQR of the quartiles. */
  whiskers: { low: number; high: number };
  /**
   * Values outside the whiskers, ascending: all of them up to `maxOutliers`, else that many at
   * evenly spaced ranks, always including the most extreme ones (a box plot cannot show
   * thousands of points, and the API answer stays small).
   */
  outliers: number[];
  /** How many values lie outside the whiskers (≥ outliers.length). */
  outlierCount: number;
}

export interface BoxOptions {
  /** Most outliers to return (default 64). */
  maxOutliers?: number;
}

/**
 * Box-plot statistics of the finite values (Tukey's box plot): quartiles with Rally's
 * percentile, whiskers at the most extreme values within [q1 − 1.5·IQR, q3 + 1.5·IQR], the rest
 * as outliers. Null for no finite value.
 */
export function boxStats(values: ArrayLike<number>, opts: BoxOptions = {}): BoxStats | null {
  const kept = finite(values);
  return boxStatsOf(sortedView(kept), kept, opts);
}

/**
 * `boxStats` of values already ascending and finite (checked once by the caller); the mean is
 * summed in ascending order.
 */
export function boxStatsSorted(sorted: Float64Array, opts: BoxOptions = {}): BoxStats | null {
  return boxStatsOf(sorted, sorted, opts);
}

/** `sorted`: the finite values ascending; `kept`: the same values in input order (for the mean). */
function boxStatsOf(
  sorted: Float64Array,
  kept: ArrayLike<number>,
  opts: BoxOptions,
): BoxStats | null {
  const n = sorted.length;
  if (n === 0) return null;
  const q1 = percentileSorted(sorted, 0.25) as number;
  const median = percentileSorted(sorted, 0.5) as number;
  const q3 = percentileSorted(sorted, 0.75) as number;
  const iqr = q3 - q1;
  const lowFence = q1 - 1.5 * iqr;
  const highFence = q3 + 1.5 * iqr;
  let lo = 0;
  while (lo < n - 1 && (sorted[lo] as number) < lowFence) lo++;
  let hi = n - 1;
  while (hi > 0 && (sorted[hi] as number) > highFence) hi--;
  let sum = 0; // in input order, like Rally's "avg" when values come in iteration order
  for (let i = 0; i < kept.length; i++) sum += kept[i] as number;
  // Outlier ranks: [0, lo) and (hi, n).
  const outlierCount = lo + (n - 1 - hi);
  const max = Math.max(2, opts.maxOutliers ?? 64);
  const rankOf = (k: number) => (k < lo ? k : hi + 1 + (k - lo));
  const outliers: number[] = [];
  if (outlierCount <= max) {
    for (let k = 0; k < outlierCount; k++) outliers.push(sorted[rankOf(k)] as number);
  } else {
    const last = outlierCount - 1;
    for (let k = 0; k < max; k++)
      outliers.push(sorted[rankOf(Math.round((k * last) / (max - 1)))] as number);
  }
  return {
    n,
    min: sorted[0] as number,
    q1,
    median,
    q3,
    max: sorted[n - 1] as number,
    mean: sum / n,
    whiskers: { low: sorted[lo] as number, high: sorted[hi] as number },
    outliers,
    outlierCount,
  };
}

/** The finite values; the input itself when it is a Float64Array with none to drop. */
function finite(values: ArrayLike<number>): ArrayLike<number> {
  let count = 0;
  for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i] as number)) count++;
  if (count === values.length && values instanceof Float64Array) return values;
  const out = new Float64Array(count);
  let at = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (Number.isFinite(v)) out[at++] = v;
  }
  return out;
}
