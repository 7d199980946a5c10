import { describe, expect, test } from 'vitest';
import { createRng, type Rng } from './random';
import { compareGroups, compareSamples } from './verdict';

const lognormal = (rng: Rng, n: number, mu: number, sigma = 0.2): number[] =>
  Array.from({ length: n }, () => Math.exp(mu + sigma * rng.nextNormal()));
const grid = (n: number, from: number, to: number): number[] =>
  Array.from({ length: n }, (_, i) => from + ((to - from) * i) / (n - 1));

describe('compareSamples: verdict rules', () => {
  const rng = createRng(3);
  const base = lognormal(rng, 100, 2);

  test('a clear slowdown is "worse" (lower is better), "better" when higher is better', () => {
    const slower = lognormal(rng, 100, 2 + Math.log(1.2));
    const r = compareSamples(base, slower);
    expect(r.verdict).toBe('worse');
    expect(r.pValue).toBeLessThan(0.01);
    expect(r.ci?.low).toBeGreaterThan(0);
    expect(r.change).toBeGreaterThan(10);
    expect(r.reason).toMatch(/^Worse: the median rose by \+/);
    expect(compareSamples(base, slower, { lowerIsBetter: false }).verdict).toBe('better');
  });

  test('a clear speed-up is "better"', () => {
    const r = compareSamples(base, lognormal(rng, 80, 2 + Math.log(0.8)));
    expect(r.verdict).toBe('better');
    expect(r.ci?.high).toBeLessThan(0);
  });

  test('same distribution: "no significant change"', () => {
    const r = compareSamples(base, lognormal(rng, 120, 2));
    expect(r.verdict).toBe('no significant change');
    expect(r.pValue).toBeGreaterThanOrEqual(0.01);
    expect(r.reason).toMatch(/p = .* ≥ α = 0.01/);
    expect(r.underpowered).toBe(false);
  });

  test('p < α but the interval includes 0: "no significant change"', () => {
    // Same median; the contender's upper 48 % is shifted up by 1 (the rank test sees it, the
    // median barely does, and its resamples sometimes jump into the shifted part).
    const b = grid(1000, 0, 1);
    const c = b.map((v, i) => (i >= 520 ? v + 1 : v));
    const r = compareSamples(b, c);
    expect(r.pValue).toBeLessThan(1e-10);
    expect(r.ci?.low).toBeLessThan(0);
    expect(r.ci?.high).toBeGreaterThan(0);
    expect(r.verdict).toBe('no significant change');
    expect(r.reason).toMatch(/includes 0/);
  });

  test('test and interval disagree in direction: "no significant change"', () => {
    // Contender median lower (60 % of values just under the baseline median) but contender
    // values tend to be larger overall (40 % are huge).
    const b = grid(1000, 0, 1);
    const c = [...grid(600, 0.4, 0.45), ...grid(400, 10, 11)];
    const r = compareSamples(b, c);
    expect(r.pValue).toBeLessThan(1e-10);
    expect(r.mannWhitney?.u2).toBeGreaterThan(r.mannWhitney?.u1 ?? 0);
    expect(r.ci?.high).toBeLessThan(0);
    expect(r.verdict).toBe('no significant change');
    expect(r.reason).toMatch(/opposite directions/);
  });

  test('single values (summary CSV): the change, but "not testable"', () => {
    // The seed's Table 2: time to create 500 VMs, Redis 1 node 322 s vs MySQL 298 s.
    const r = compareSamples([322], [298]);
    expect(r.verdict).toBe('not testable');
    expect(r.change).toBeCloseTo(((298 - 322) / 322) * 100, 12);
    expect(r.ci).toBeNull();
    expect(r.pValue).toBeNull();
    expect(r.reason).toMatch(/at least 2 values per side \(baseline has 1, contender has 1/);
    expect(compareSamples(base, [8]).verdict).toBe('not testable');
  });

  test('empty side, zero baseline median, non-finite values', () => {
    const empty = compareSamples([], [1, 2, 3]);
    expect(empty).toMatchObject({ verdict: 'not testable', change: null, baselineMedian: null });
    const zero = compareSamples([0, 0, 0, 1], [1, 2, 3]);
    expect(zero).toMatchObject({ verdict: 'not testable', change: null });
    expect(zero.reason).toMatch(/baseline median is 0/);
    const withNaN = compareSamples([1, 2, Number.NaN, 3], [1, 2, 3, Number.POSITIVE_INFINITY]);
    expect(withNaN.n).toEqual({ baseline: 3, contender: 3 });
    expect(withNaN.dropped).toEqual({ baseline: 1, contender: 1 });
    expect(withNaN.pValue).toBe(1);
  });

  test('identical samples: p = 1, change 0, "no significant change"', () => {
    const r = compareSamples([5, 5, 5], [5, 5, 5]);
    expect(r).toMatchObject({ pValue: 1, change: 0, verdict: 'no significant change' });
    expect(r.ci).toMatchObject({ low: 0, high: 0 });
  });

  test('too few values to ever reach α: flagged as underpowered', () => {
    const r = compareSamples([1, 2, 3], [4, 5, 6]);
    expect(r.pValue).toBeCloseTo(0.0808555983700522, 14); // SciPy, see the fixture
    expect(r.verdict).toBe('no significant change');
    expect(r.underpowered).toBe(true);
    expect(r.minPValue).toBeCloseTo(0.0808555983700522, 14);
    expect(r.reason).toMatch(/smallest p-value this test can give is 0.081.*add repetitions/);
  });

  test('alpha and seed are honoured; results are reproducible', () => {
    const c = lognormal(createRng(8), 30, 2.08);
    const b = lognormal(createRng(9), 30, 2);
    expect(compareSamples(b, c, { seed: 5 })).toEqual(compareSamples(b, c, { seed: 5 }));
    const r = compareSamples(b, c, { alpha: 0.05, seed: 5, resamples: 500 });
    expect(r.alpha).toBe(0.05);
    expect(r.ci).toMatchObject({ seed: 5, resamples: 500, confidence: 0.95 });
    expect(r.method).toMatch(/α = 0.05 on 30 vs 30 values.*500 resamples, seed 5/);
    expect(() => compareSamples(b, c, { alpha: 0 })).toThrow(RangeError);
  });
});

describe('compareGroups: per-run medians or pooled iterations', () => {
  const rng = createRng(17);
  const runs = (k: number, n: number, mu: number): number[][] =>
    Array.from({ length: k }, () => {
      const runEffect = 0.05 * rng.nextNormal(); // run-to-run variance
      return lognormal(rng, n, mu + runEffect, 0.15);
    });

  test('≥ 3 runs on both sides: tested on per-run medians', () => {
    const r = compareGroups(runs(8, 50, 2), runs(8, 50, 2 + Math.log(1.3)));
    expect(r.basis).toBe('per-run medians');
    expect(r.runs).toEqual({ baseline: 8, contender: 8 });
    expect(r.n).toEqual({ baseline: 8, contender: 8 });
    expect(r.method).toMatch(/per-run medians \(8 vs 8 runs/);
    expect(r.verdict).toBe('worse');
  });

  test('3 vs 3 runs: per-run medians, and the test cannot reach α = 0.01 (flagged)', () => {
    const r = compareGroups(runs(3, 50, 2), runs(3, 50, 2 + Math.log(1.3)));
    expect(r.basis).toBe('per-run medians');
    expect(r.underpowered).toBe(true);
    expect(r.verdict).toBe('no significant change');
  });

  test('fewer than 3 runs on a side: pooled iterations', () => {
    const r = compareGroups(runs(2, 60, 2), runs(5, 40, 2 + Math.log(1.3)));
    expect(r.basis).toBe('pooled iterations');
    expect(r.runs).toEqual({ baseline: 2, contender: 5 });
    expect(r.n).toEqual({ baseline: 120, contender: 200 });
    expect(r.method).toMatch(/pooled iterations \(120 vs 200 values from 2 vs 5 runs/);
    expect(r.verdict).toBe('worse');
  });

  test('runs without values do not count as repetitions', () => {
    const r = compareGroups([[1, 2], [], [3, 4], [5]], [[2], [3], [4], []]);
    expect(r.runs).toEqual({ baseline: 3, contender: 3 });
    expect(r.basis).toBe('per-run medians');
    expect(compareGroups([[1], [], []], [[2], [3], [4]]).basis).toBe('pooled iterations');
  });

  test("the seed's Table 2 (summary CSV, one value per configuration): changes, not testable", () => {
    const redis1 = [[322]];
    const rows = { 'redis 4 nodes': 327, 'redis 4 nodes + replication': 413, mysql: 298 };
    const changes = Object.fromEntries(
      Object.entries(rows).map(([k, v]) => {
        const r = compareGroups(redis1, [[v]]);
        expect(r.verdict).toBe('not testable');
        expect(r.basis).toBe('pooled iterations');
        return [k, Number(r.change?.toFixed(2))];
      }),
    );
    expect(changes).toEqual({
      'redis 4 nodes': 1.55,
      'redis 4 nodes + replication': 28.26,
      mysql: -7.45,
    });
  });
});

describe('compareGroups: one baseline against many contenders', () => {
  test('a baseline reused across calls gives exactly what a fresh copy gives', () => {
    const rng = createRng(11);
    const runsOf = (k: number, shift: number) =>
      Array.from({ length: k }, () =>
        Float64Array.from({ length: 40 }, () => 10 + shift + rng.nextNormal()),
      );
    const baseline = runsOf(2, 0);
    const contenders = [runsOf(2, 0.1), runsOf(2, 1), runsOf(4, 0.5)];
    for (const seed of [1, 7]) {
      for (const c of contenders) {
        const reused = compareGroups(baseline, c, { seed });
        const fresh = compareGroups(
          baseline.map((r) => Float64Array.from(r)),
          c,
          { seed },
        );
        expect(reused).toEqual(fresh);
      }
    }
    // Three runs a side switch the basis to per-run medians: a cached pooled baseline is not reused.
    const three = runsOf(3, 0);
    const pooled = compareGroups(three, runsOf(2, 0.2));
    const perRun = compareGroups(three, runsOf(3, 0.2));
    expect(pooled.basis).toBe('pooled iterations');
    expect(perRun.basis).toBe('per-run medians');
    expect(perRun.n.baseline).toBe(3);
  });
});
