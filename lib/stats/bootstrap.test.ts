import { describe, expect, test } from 'vitest';
import scipyBoot from '../../fixtures/stats/bootstrap-scipy.json';
import {
  bootstrapMedianChange,
  bootstrapMedians,
  median,
  relativeChange,
  resampledMedian,
} from './bootstrap';
import { percentileSorted, sortedCopy } from './percentile';
import { createRng, type Rng } from './random';

const lognormal = (rng: Rng, n: number, mu: number, sigma: number): number[] =>
  Array.from({ length: n }, () => Math.exp(mu + sigma * rng.nextNormal()));

/** The textbook procedure: draw n values with replacement, sort, take the median. */
function literalResampleMedian(sorted: Float64Array, rng: Rng): number {
  const n = sorted.length;
  const r = new Float64Array(n);
  for (let i = 0; i < n; i++) r[i] = sorted[rng.nextInt(n)] as number;
  r.sort();
  return percentileSorted(r, 0.5) as number;
}

/** Exact distribution of the resample median: enumerate all n^n equally likely resamples. */
function exactResampleMedianPmf(values: number[]): Map<number, number> {
  const sorted = sortedCopy(values);
  const n = sorted.length;
  const total = n ** n;
  const pmf = new Map<number, number>();
  const idx = new Array<number>(n).fill(0);
  const r = new Float64Array(n);
  for (let t = 0; t < total; t++) {
    for (let i = 0; i < n; i++) r[i] = sorted[idx[i] as number] as number;
    r.sort();
    const m = percentileSorted(r, 0.5) as number;
    pmf.set(m, (pmf.get(m) ?? 0) + 1 / total);
    for (let i = 0; i < n; i++) {
      idx[i] = (idx[i] as number) + 1;
      if ((idx[i] as number) < n) break;
      idx[i] = 0;
    }
  }
  return pmf;
}

describe('resampled median: O(1) order-statistic sampling equals the literal resampling', () => {
  // Chi-square goodness of fit of 200,000 sampled medians against the exact distribution.
  test.each([
    ['n = 4 (even), distinct', [3, 1, 4, 1.5]],
    ['n = 5 (odd), distinct', [9.1, 9.4, 10.2, 11.7, 12]],
    ['n = 6 (even), with ties', [2, 2, 3, 5, 5, 8]],
    ['n = 2', [10, 20]],
  ])('%s', (_name, values) => {
    const pmf = exactResampleMedianPmf(values);
    const sorted = sortedCopy(values);
    const rng = createRng(2024);
    const N = 200_000;
    const observed = new Map<number, number>();
    let impossible = 0;
    for (let i = 0; i < N; i++) {
      const m = resampledMedian(sorted, rng);
      if (!pmf.has(m)) impossible++;
      observed.set(m, (observed.get(m) ?? 0) + 1);
    }
    expect(impossible).toBe(0);
    let chi2 = 0;
    let df = -1;
    let restObs = 0;
    let restExp = 0;
    for (const [m, p] of pmf) {
      const e = p * N;
      const o = observed.get(m) ?? 0;
      if (e < 20) {
        restObs += o;
        restExp += e;
        continue;
      }
      chi2 += (o - e) ** 2 / e;
      df++;
    }
    if (restExp > 0) {
      chi2 += (restObs - restExp) ** 2 / restExp;
      df++;
    }
    // Far upper tail of chi-square(df): df + 6·sqrt(2·df) (p < 1e-6 for these df).
    expect(chi2).toBeLessThan(df + 6 * Math.sqrt(2 * Math.max(df, 1)));
  });

  test('same distribution as literal resampling for n = 101 and n = 1,000 with ties (KS)', () => {
    const data = createRng(7);
    for (const values of [
      lognormal(data, 101, 2, 0.3),
      lognormal(data, 1000, 2, 0.3).map((v) => Math.round(v * 10) / 10),
    ]) {
      const sorted = sortedCopy(values);
      const N = 5000;
      const fast = new Float64Array(N);
      const slow = new Float64Array(N);
      const r1 = createRng(11);
      const r2 = createRng(12);
      for (let i = 0; i < N; i++) {
        fast[i] = resampledMedian(sorted, r1);
        slow[i] = literalResampleMedian(sorted, r2);
      }
      fast.sort();
      slow.sort();
      // Two-sample Kolmogorov-Smirnov distance; critical value at α = 0.001 is 1.95·sqrt(2/N).
      let i = 0;
      let j = 0;
      let d = 0;
      while (i < N && j < N) {
        const x = Math.min(fast[i] as number, slow[j] as number);
        while (i < N && fast[i] === x) i++;
        while (j < N && slow[j] === x) j++;
        d = Math.max(d, Math.abs(i - j) / N);
      }
      expect(d).toBeLessThan(1.95 * Math.sqrt(2 / N));
    }
  });
});

describe('bootstrapMedianChange', () => {
  const rng = createRng(5);
  const a = lognormal(rng, 200, 2, 0.3);
  const b = lognormal(rng, 150, 2.05, 0.3);

  test('deterministic for a seed; another seed moves the bounds slightly', () => {
    const r1 = bootstrapMedianChange(a, b, { seed: 42 });
    const r2 = bootstrapMedianChange(a, b, { seed: 42 });
    const r3 = bootstrapMedianChange(a, b, { seed: 43 });
    expect(r1).toEqual(r2);
    expect(r1).toMatchObject({ resamples: 2000, seed: 42, confidence: 0.95 });
    expect(r3?.low).not.toBe(r1?.low);
    expect(Math.abs((r3?.low ?? 0) - (r1?.low ?? 0))).toBeLessThan(1.5);
    expect(r1?.estimate).toBe(relativeChange(median(a) ?? 0, median(b) ?? 0));
    expect(r1?.low).toBeLessThan(r1?.estimate ?? 0);
    expect(r1?.high).toBeGreaterThan(r1?.estimate ?? 0);
  });

  test('pinned output for seed 1 (changes only if the algorithm or the generator changes)', () => {
    const r = bootstrapMedianChange([10, 11, 12, 13, 14, 15], [12, 13, 14, 15, 16, 17, 18]);
    expect(r).toMatchObject({ estimate: 20, resamples: 2000, seed: 1 });
    expect(r?.low).toBe(-3.7037037037037033);
    expect(r?.high).toBe(52.38095238095239);
  });

  test('percentile interval of the bootstrap distribution (checked by hand on its parts)', () => {
    // With a constant baseline the change is a monotone map of the contender's median, so the
    // interval's bounds are the matching percentiles of the contender's resampled medians.
    const base = [10, 10, 10];
    const cont = [9, 10, 11, 12, 13];
    const res = bootstrapMedianChange(base, cont, { seed: 9, resamples: 500 });
    // The contender's medians come from the seed's stream after one jump().
    const r = createRng(9);
    r.jump();
    const meds = new Float64Array(500);
    for (let i = 0; i < 500; i++) {
      meds[i] = ((resampledMedian(sortedCopy(cont), r) - 10) / 10) * 100;
    }
    meds.sort();
    expect(res?.low).toBe(percentileSorted(meds, 0.025));
    expect(res?.high).toBe(percentileSorted(meds, 0.975));
  });

  test('edge cases: empty, zero baseline median, single values, constant samples', () => {
    expect(bootstrapMedianChange([], [1, 2])).toBeNull();
    expect(bootstrapMedianChange([1, 2], [])).toBeNull();
    expect(bootstrapMedianChange([0, 0, 1], [1, 2, 3])).toBeNull();
    expect(bootstrapMedianChange([1, Number.NaN], [1, 2])).toBeNull();
    expect(bootstrapMedianChange([4], [5])).toMatchObject({ estimate: 25, low: 25, high: 25 });
    expect(bootstrapMedianChange([3, 3, 3], [3, 3])).toMatchObject({
      estimate: 0,
      low: 0,
      high: 0,
    });
    expect(() => bootstrapMedianChange([1], [1], { resamples: 0 })).toThrow(RangeError);
    expect(() => bootstrapMedianChange([1], [1], { confidence: 1 })).toThrow(RangeError);
    // Negative baseline: the change is relative to its magnitude (positive = contender larger).
    expect(bootstrapMedianChange([-10, -10], [-5, -5])?.estimate).toBe(50);
  });

  test('coverage: 400 simulated experiments with a known median shift, near 95 %', () => {
    // Lognormal durations (median e^2 ≈ 7.4 s, σ = 0.3), contender median e^0.05 higher: the
    // true change is (e^0.05 − 1)·100 ≈ 5.13 %. Odd and even sample sizes.
    const truth = (Math.exp(0.05) - 1) * 100;
    const sim = createRng(20261124);
    const E = 400;
    let covered = 0;
    for (let e = 0; e < E; e++) {
      const base = lognormal(sim, 41, 2, 0.3);
      const cont = lognormal(sim, 60, 2.05, 0.3);
      const ci = bootstrapMedianChange(base, cont, { seed: e });
      if (ci && ci.low <= truth && truth <= ci.high) covered++;
    }
    const rate = covered / E;
    // 400 experiments: standard error ≈ 1.1 points around the nominal 95 %.
    expect(rate).toBeGreaterThanOrEqual(0.9);
    expect(rate).toBeLessThanOrEqual(0.99);
  });

  test('fast: 2 × 10,000 values, 2,000 resamples', () => {
    const r = createRng(1);
    const big1 = lognormal(r, 10_000, 2, 0.3);
    const big2 = lognormal(r, 10_000, 2.01, 0.3);
    bootstrapMedianChange(big1, big2); // warm-up
    const t0 = performance.now();
    const res = bootstrapMedianChange(big1, big2);
    const ms = performance.now() - t0;
    expect(res).not.toBeNull();
    expect(ms).toBeLessThan(250); // ~5 ms here; literal resampling takes ~600 ms
  });
});

// fixtures/stats/bootstrap-scipy.json: scipy.stats.bootstrap(method="percentile", 50,000
// resamples), written by /usr/bin/python3 scripts/fixtures/stats/scipy-reference.py. The random
// streams differ, so bounds agree within Monte-Carlo error (~0.02 standard errors of the
// change at 50,000 resamples); the point estimate (NumPy's median) must be identical.
describe(`bootstrap interval agrees with SciPy ${scipyBoot.scipy} stats.bootstrap`, () => {
  test.each(scipyBoot.cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const r = bootstrapMedianChange(c.baseline, c.contender, { resamples: 50_000, seed: 1 });
    expect(r?.estimate).toBe(c.estimate);
    expect(Math.abs((r?.low ?? Number.NaN) - c.low)).toBeLessThanOrEqual(0.15 * c.standardError);
    expect(Math.abs((r?.high ?? Number.NaN) - c.high)).toBeLessThanOrEqual(0.15 * c.standardError);
  });
});

describe('bootstrapMedians: the baseline drawn once for many contenders', () => {
  test.each([1, 2, 3, 4, 5, 101, 1000, 10_000])(
    'n = %d: the bulk loop draws exactly what resampledMedian draws one by one',
    (n) => {
      const data = createRng(n);
      const sorted = sortedCopy(
        Array.from({ length: n }, () => Math.round(data.nextNormal() * 50)),
      );
      for (const jumps of [0, 1] as const) {
        const rng = createRng(17);
        if (jumps) rng.jump();
        const one = Float64Array.from({ length: 3000 }, () => resampledMedian(sorted, rng));
        expect(bootstrapMedians(sorted, 17, 3000, jumps)).toEqual(one);
      }
    },
  );

  test('passing the baseline medians gives the same interval as drawing them', () => {
    const rng = createRng(3);
    const base = sortedCopy(Array.from({ length: 200 }, () => 5 + rng.nextNormal()));
    const cont = Array.from({ length: 150 }, () => 5.3 + rng.nextNormal());
    const medians = bootstrapMedians(base, 4, 2000, 0);
    expect(bootstrapMedianChange(base, cont, { seed: 4, baselineMedians: medians })).toEqual(
      bootstrapMedianChange(base, cont, { seed: 4 }),
    );
    // Baseline and contender streams differ: the same data on both sides still varies.
    expect(bootstrapMedians(base, 4, 50, 1)).not.toEqual(bootstrapMedians(base, 4, 50, 0));
    expect(() =>
      bootstrapMedianChange(base, cont, { seed: 4, baselineMedians: medians.subarray(1) }),
    ).toThrow(RangeError);
  });
});
