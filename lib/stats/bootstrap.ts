// Percentile-bootstrap confidence interval of the relative change of the median,
//   change = (median(contender) − median(baseline)) / |median(baseline)| × 100  (in %),
// as issue 5 specifies: 95 % interval, 2,000 resamples, a seeded generator so a page is
// reproducible.
//
// Procedure (Efron & Tibshirani 1993, §13.3, the "percentile interval"):
//   for b = 1 … B: draw n_b values from the baseline and n_c values from the contender,
//   uniformly with replacement and independently, and compute the change of their medians;
//   the interval is the (1 − c)/2 and (1 + c)/2 percentiles of the B changes.
// Medians and the interval's percentiles all use Rally's interpolated percentile (./percentile:
// sorted, k = (n − 1)p, linear between neighbours; the median of an even count is the mean of
// the two middle values), which for the interval is also NumPy's default `np.percentile`, as
// used by `scipy.stats.bootstrap(method="percentile")`.
//
// Speed: each sample is sorted once. The median of a resample is then sampled directly from
// its exact distribution (the order statistics of n uniform draws, see `resampledMedian`),
// which is the same in distribution as drawing n values with replacement and taking their
// median, in O(1) per resample instead of O(n): 2,000 resamples of 2 × 10,000 values cost two
// sorts (a few ms) instead of 40 million draws (~0.6 s). Random numbers come from xoshiro128**
// (./random): the baseline's resampled medians from the seed's stream, the contender's from the
// same stream after one `jump()` (2^64 draws ahead, so the two never overlap), each in resample
// order. A seed fixes the result on every engine, and the baseline's B medians depend only on
// the baseline and the seed, so a page comparing one baseline with 20 contenders draws them
// once (`bootstrapMedians`).

import { percentileSorted, sortedView } from './percentile';
import {
  betaSampler,
  chengBB,
  createRng,
  LOG4,
  normalizeSeed,
  ONE_PLUS_LOG5,
  type Rng,
} from './random';

export const DEFAULT_RESAMPLES = 2000;
export const DEFAULT_CONFIDENCE = 0.95;
export const DEFAULT_SEED = 1;

export interface BootstrapOptions {
  /** Number of bootstrap resamples (default 2,000). */
  resamples?: number;
  /** Seed of the xoshiro128** generator (default 1); normalised to an unsigned 32-bit int. */
  seed?: number;
  /** Confidence level of the interval (default 0.95). */
  confidence?: number;
}

export interface MedianChangeInterval {
  /** Observed change of the median, in % of the baseline median. */
  estimate: number;
  /** Lower and upper bound of the percentile interval, in %. */
  low: number;
  high: number;
  confidence: number;
  resamples: number;
  seed: number;
  baselineMedian: number;
  contenderMedian: number;
}

/** Relative change in %; divides by |baseline| so that a positive change means "larger". */
export function relativeChange(baseline: number, contender: number): number {
  const d = contender - baseline;
  if (d === 0) return 0; // also 0 → 0 for a zero baseline inside resamples
  return (d / Math.abs(baseline)) * 100;
}

/** Median with Rally's percentile definition (null for no values). */
export function median(values: ArrayLike<number>): number | null {
  return percentileSorted(sortedView(values), 0.5);
}

/**
 * The median of one bootstrap resample of `sorted` (n values drawn uniformly with replacement),
 * computed like `percentileSorted(sortedResample, 0.5)`, without drawing the n values.
 *
 * Drawing index ⌊n·Uᵢ⌋ for n uniforms Uᵢ is drawing n values with replacement, and ⌊n·u⌋ is
 * monotone, so the resample's order statistic r (0-based) is sorted[⌊n·U₍ᵣ₊₁₎⌋], where
 * U₍ᵣ₊₁₎ ~ Beta(r + 1, n − r) is the (r+1)-th smallest of n uniforms (David & Nagaraja, Order
 * Statistics, §2.2), drawn with Cheng's algorithm BB (./random `betaSampler`). For an even n
 * the next order statistic follows from the Markov property of uniform order statistics: given
 * U₍ᵣ₊₁₎ = a, the other n − r − 1 draws above it are uniform on (a, 1), so
 * U₍ᵣ₊₂₎ = a + (1 − a)(1 − V^(1/(n−r−1))), V uniform. This samples the
 * resample median from exactly the distribution of the literal procedure in O(1) instead of
 * O(n) (bootstrap.test.ts checks it against an enumeration of every resample). Exported for
 * those tests; `sorted` must be ascending and non-empty.
 */
export function resampledMedian(sorted: Float64Array, rng: Rng): number {
  return medianResampler(sorted)(rng);
}

/** `resampledMedian` for one sample, its constants (the Beta sampler's too) computed once. */
function medianResampler(sorted: Float64Array): (rng: Rng) => number {
  const n = sorted.length;
  const k = (n - 1) * 0.5;
  const f = Math.floor(k);
  const c = Math.ceil(k);
  const beta = betaSampler(f + 1, n - f);
  if (f === c) return (rng) => sorted[Math.min(n - 1, Math.floor(n * beta(rng)))] as number;
  const m = n - f - 1; // draws above order statistic f (≥ 1 here since n ≥ 2)
  return (rng) => {
    const u1 = beta(rng);
    const j1 = Math.min(n - 1, Math.floor(n * u1));
    const lo = sorted[j1] as number;
    const v = 1 - rng.nextFloat(); // (0, 1]
    const u2 = u1 + (1 - u1) * -Math.expm1(Math.log(v) / m);
    const j2 = Math.min(n - 1, Math.max(j1, Math.floor(n * u2)));
    const hi = sorted[j2] as number;
    return lo * (c - k) + hi * (k - f);
  };
}

/**
 * The medians of `resamples` bootstrap resamples of `sorted` (ascending, non-empty), drawn from
 * the seed's stream, or from the stream after `jumps` jumps (0: a baseline, 1: a contender).
 */
export function bootstrapMedians(
  sorted: Float64Array,
  seed: number,
  resamples: number,
  jumps: 0 | 1,
): Float64Array {
  const rng = createRng(seed);
  if (jumps) rng.jump();
  const out = new Float64Array(resamples);
  const n = sorted.length;
  const k = (n - 1) * 0.5;
  const f = Math.floor(k);
  const bb = chengBB(f + 1, n - f);
  if (!bb) {
    // n ≤ 2: Beta(1, ·) by inversion
    const draw = medianResampler(sorted);
    for (let b = 0; b < resamples; b++) out[b] = draw(rng);
    return out;
  }
  // `medianResampler` with Cheng's BB (`betaSampler`) inlined, step for step, and the uniforms
  // taken in order from a buffer that rng.nextFloats() refills: the same draws as calling them
  // one by one (nothing else draws from this rng), in one loop that the JIT optimises at once,
  // which matters on a server's first request.
  const { p, q, alpha, beta, gamma, swapped } = bb;
  const log4 = LOG4; // module constants as locals: read once, not per candidate
  const onePlusLog5 = ONE_PLUS_LOG5;
  const odd = f === Math.ceil(k);
  const m = n - f - 1;
  const buffer = new Float64Array(1024);
  let at = buffer.length;
  for (let b = 0; b < resamples; b++) {
    let u: number;
    while (true) {
      if (at === buffer.length) {
        rng.nextFloats(buffer);
        at = 0;
      }
      const u1 = buffer[at++]!;
      if (at === buffer.length) {
        rng.nextFloats(buffer);
        at = 0;
      }
      const u2 = buffer[at++]!;
      if (u1 === 0) continue;
      const v = beta * Math.log(u1 / (1 - u1));
      const w = p * Math.exp(v);
      const z = u1 * u1 * u2;
      const r = gamma * v - log4;
      const s = p + r - w;
      if (s + onePlusLog5 < 5 * z) {
        const t = Math.log(z);
        if (s <= t && r + alpha * Math.log(alpha / (q + w)) < t) continue;
      }
      u = swapped ? q / (q + w) : w / (q + w);
      break;
    }
    const j1 = Math.min(n - 1, Math.floor(n * u));
    const lo = sorted[j1]!;
    if (odd) {
      out[b] = lo;
      continue;
    }
    if (at === buffer.length) {
      rng.nextFloats(buffer);
      at = 0;
    }
    const v = 1 - buffer[at++]!;
    const u2 = u + (1 - u) * -Math.expm1(Math.log(v) / m);
    const j2 = Math.min(n - 1, Math.max(j1, Math.floor(n * u2)));
    out[b] = lo * (f + 1 - k) + sorted[j2]! * (k - f);
  }
  return out;
}

function allFinite(values: ArrayLike<number>): boolean {
  for (let i = 0; i < values.length; i++) if (!Number.isFinite(values[i])) return false;
  return true;
}

/**
 * Percentile-bootstrap interval of the change of the median of `contender` relative to
 * `baseline`, in %. Returns null when a side is empty or holds a non-finite value, or when the
 * baseline median is 0 (a relative change is undefined). A side with one value resamples to
 * itself. Resamples whose baseline median is 0 give ±Infinity (or 0 when both medians are 0),
 * so with such data `low`/`high` can be infinite.
 */
export function bootstrapMedianChange(
  baseline: ArrayLike<number>,
  contender: ArrayLike<number>,
  opts: BootstrapOptions & {
    /** The baseline's `bootstrapMedians(sorted baseline, seed, resamples, 0)`, when known. */
    baselineMedians?: Float64Array;
  } = {},
): MedianChangeInterval | null {
  const resamples = opts.resamples ?? DEFAULT_RESAMPLES;
  const confidence = opts.confidence ?? DEFAULT_CONFIDENCE;
  const seed = normalizeSeed(opts.seed ?? DEFAULT_SEED);
  if (!Number.isInteger(resamples) || resamples < 1) {
    throw new RangeError(`resamples must be a positive integer, got ${resamples}`);
  }
  if (!(confidence > 0 && confidence < 1)) {
    throw new RangeError(`confidence must be in (0, 1), got ${confidence}`);
  }
  if (baseline.length === 0 || contender.length === 0) return null;
  if (!allFinite(baseline) || !allFinite(contender)) return null;

  return bootstrapMedianChangeSorted(sortedView(baseline), sortedView(contender), {
    ...opts,
    resamples,
    confidence,
    seed,
  });
}

/**
 * `bootstrapMedianChange` for sides already ascending, non-empty and finite (checked once by
 * the caller, e.g. lib/stats/verdict), with validated options: the same result without checking
 * and sorting the sides again.
 */
export function bootstrapMedianChangeSorted(
  sb: Float64Array,
  sc: Float64Array,
  opts: {
    resamples: number;
    confidence: number;
    seed: number;
    baselineMedians?: Float64Array;
  },
): MedianChangeInterval | null {
  const { resamples, confidence, seed } = opts;
  const baselineMedian = percentileSorted(sb, 0.5) as number;
  const contenderMedian = percentileSorted(sc, 0.5) as number;
  if (baselineMedian === 0) return null;
  const estimate = relativeChange(baselineMedian, contenderMedian);

  if (opts.baselineMedians && opts.baselineMedians.length !== resamples) {
    throw new RangeError('baselineMedians must hold one median per resample');
  }
  const mb = opts.baselineMedians ?? bootstrapMedians(sb, seed, resamples, 0);
  const mc = bootstrapMedians(sc, seed, resamples, 1);
  const changes = new Float64Array(resamples);
  for (let b = 0; b < resamples; b++) changes[b] = relativeChange(mb[b]!, mc[b]!);
  changes.sort();
  const tail = (1 - confidence) / 2;
  return {
    estimate,
    low: percentileSorted(changes, tail) as number,
    high: percentileSorted(changes, 1 - tail) as number,
    confidence,
    resamples,
    seed,
    baselineMedian,
    contenderMedian,
  };
}
