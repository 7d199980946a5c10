// Shapes for the compare page's overlaid distributions: the empirical CDF and box-plot
// statistics. Quartiles use Rally's interpolated percentile (./percentile: sorted,
// k = (n − 1)p, linear between neighbours — NumPy's default), so the box's median and the
// p25/p75 equal the numbers in the tables.

import { percentileSorted, sortedCopy } from './percentile';

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
  const sorted = sortedCopy(finite(values));
  const n = sorted.length;
  const points: EcdfPoint[] = [];
  for (let i = 0; i < n; i++) {
    const x = sorted[i] as number;
    if (i + 1 < n && sorted[i + 1] === x) continue; // keep the last of equal values
    points.push({ x, p: (i + 1) / n });
  }
  const max = opts.maxPoints;
  if (max === undefined || points.length <= max) return points;
  if (!(Number.isInteger(max) && max >= 2)) {
    throw new RangeError(`maxPoints must be an integer ≥ 2, got ${max}`);
  }
  const out: EcdfPoint[] = [];
  const last = points.length - 1;
  for (let k = 0; k < max; k++) out.push(points[Math.round((k * last) / (max - 1))] as EcdfPoint);
  return out;
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
  /** Values outside the whiskers, ascending. */
  outliers: number[];
}

/**
 * Box-plot statistics of the finite values (Tukey's box plot): quartiles with Rally's
 * percentile, whiskers at the most extreme values within [q1 − 1.5·IQR, q3 + 1.5·IQR], the rest
 * as outliers. Null for no finite value.
 */
export function boxStats(values: ArrayLike<number>): BoxStats | null {
  const kept = finite(values);
  const sorted = sortedCopy(kept);
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
  for (const v of kept) sum += v;
  const outliers: number[] = [];
  for (let i = 0; i < lo; i++) outliers.push(sorted[i] as number);
  for (let i = hi + 1; i < n; i++) outliers.push(sorted[i] as number);
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
  };
}

function finite(values: ArrayLike<number>): number[] {
  const out: number[] = [];
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (Number.isFinite(v)) out.push(v);
  }
  return out;
}
