// Two-sided Mann-Whitney U test with the normal approximation, tie correction and continuity
// correction, computed operation for operation like SciPy:
//
//   scipy.stats.mannwhitneyu(x, y, alternative="two-sided", method="asymptotic",
//                            use_continuity=True)
//
// SciPy 1.10 (scipy/stats/_mannwhitneyu.py), which this file follows:
//   ranks = rankdata(concatenate(x, y))                       # average ranks for ties
//   U1 = sum(ranks[:n1]) − n1(n1+1)/2 ;  U2 = n1·n2 − U1 ;  U = max(U1, U2)
//   tie_term = Σ (t³ − t) over groups of tied values
//   s = sqrt(n1·n2/12 · ((n + 1) − tie_term/(n(n − 1))))        # n = n1 + n2
//   z = (U − n1·n2/2 − 0.5) / s ;  p = clip(2 · norm.sf(z), 0, 1)
// Every step above is exact or correctly rounded in IEEE double arithmetic (ranks are
// half-integers, their sums are exact below 2^53), so `u1`, `u2` and `z` equal SciPy's bit for
// bit; `pValue` differs from SciPy only by the error of the normal tail (< 5e-15 relative, see
// normal.ts). Checked in mannWhitney.test.ts against fixtures/stats/mannwhitney-scipy.json.
//
// Edge cases, as SciPy behaves:
//   * every value tied (e.g. identical constant samples, or [5] vs [5]): s = 0, z = −∞, p = 1;
//   * n1 = n2 = 1: z = 0 or −∞, p = 1 (the test can never reject with so few values);
//   * an empty sample: SciPy raises ValueError → we return null;
//   * a NaN anywhere: SciPy returns U = p = nan → we return null. ±Infinity is ranked normally.

import { normalSf } from './normal';
import { sortedView } from './percentile';

export interface MannWhitneyResult {
  /** U statistic of the first sample `x`, as SciPy reports it (`res.statistic`). */
  u1: number;
  /** U statistic of `y`: n1·n2 − u1. */
  u2: number;
  /** Standardised statistic (max(u1, u2) − n1·n2/2 − 0.5) / σ; −Infinity when all values tie. */
  z: number;
  /** Two-sided p-value (SciPy's `res.pvalue`). */
  pValue: number;
  n1: number;
  n2: number;
  /** Σ (t³ − t) over groups of t tied values (0 without ties). */
  tieTerm: number;
  /**
   * u1 / (n1·n2): the probability that a value of x exceeds a value of y, ties counting half
   * (the "common-language effect size"; 0.5 means no tendency either way).
   */
  probabilityXGreater: number;
}

function hasNaN(values: ArrayLike<number>): boolean {
  for (let i = 0; i < values.length; i++) if (Number.isNaN(values[i])) return true;
  return false;
}

/** z and p from U = max(U1, U2) exactly as SciPy's `_get_mwu_z` + `norm.sf`, two-sided. */
function zAndP(u: number, n1: number, n2: number, tieTerm: number): { z: number; p: number } {
  const mu = (n1 * n2) / 2;
  const n = n1 + n2;
  const s = Math.sqrt(((n1 * n2) / 12) * (n + 1 - tieTerm / (n * (n - 1))));
  let numerator = u - mu;
  numerator -= 0.5; // continuity correction (SciPy always subtracts: U is the larger statistic)
  const z = numerator / s; // s = 0 (all tied) gives −Infinity, as NumPy does
  const p = Math.min(1, Math.max(0, 2 * normalSf(z)));
  return { z, p };
}

/**
 * Two-sided Mann-Whitney U test of `x` against `y` (normal approximation with tie and
 * continuity corrections), equal to SciPy's `mannwhitneyu(x, y, alternative="two-sided",
 * method="asymptotic")`. Returns null when a sample is empty or holds a NaN.
 */
export function mannWhitneyU(x: ArrayLike<number>, y: ArrayLike<number>): MannWhitneyResult | null {
  const n1 = x.length;
  const n2 = y.length;
  if (n1 === 0 || n2 === 0 || hasNaN(x) || hasNaN(y)) return null;
  return mannWhitneyUSorted(sortedView(x), sortedView(y));
}

/**
 * `mannWhitneyU` for samples already ascending, non-empty and free of NaN (the compare page's
 * sides, checked once by the caller): the same result without checking them again.
 */
export function mannWhitneyUSorted(xs: Float64Array, ys: Float64Array): MannWhitneyResult {
  const n1 = xs.length;
  const n2 = ys.length;
  // Rank by merging the two sorted samples: each run of equal values (tx from x, ty from y)
  // occupies ranks start+1 … start+t and gets their average, start + (t + 1)/2.
  let i = 0;
  let j = 0;
  let start = 0; // number of values ranked so far
  let r1 = 0; // rank sum of x
  let tieTerm = 0;
  while (i < n1 || j < n2) {
    const xv = i < n1 ? (xs[i] as number) : Number.NaN;
    const yv = j < n2 ? (ys[j] as number) : Number.NaN;
    // The smallest value not yet ranked (NaN marks an exhausted sample).
    const v = j >= n2 || (i < n1 && xv <= yv) ? xv : yv;
    let tx = 0;
    while (i < n1 && xs[i] === v) {
      i++;
      tx++;
    }
    let ty = 0;
    while (j < n2 && ys[j] === v) {
      j++;
      ty++;
    }
    const t = tx + ty;
    r1 += tx * (start + (t + 1) / 2);
    if (t > 1) tieTerm += t * t * t - t;
    start += t;
  }

  const u1 = r1 - (n1 * (n1 + 1)) / 2;
  const u2 = n1 * n2 - u1;
  const { z, p } = zAndP(Math.max(u1, u2), n1, n2, tieTerm);
  return { u1, u2, z, pValue: p, n1, n2, tieTerm, probabilityXGreater: u1 / (n1 * n2) };
}

/**
 * The smallest two-sided p-value this test can give for sample sizes n1 and n2 when there are
 * no ties (complete separation, U = n1·n2). When it is not below α, no data of that size can be
 * declared significant: e.g. 3 vs 3 → 0.081, 5 vs 5 → 0.012, 6 vs 6 → 0.0051. Heavy ties
 * (many equal values inside each sample) can give slightly smaller p-values than this bound.
 * Returns null when a size is 0.
 */
export function mannWhitneyMinPValue(n1: number, n2: number): number | null {
  if (!(n1 >= 1 && n2 >= 1)) return null;
  return zAndP(n1 * n2, n1, n2, 0).p;
}
