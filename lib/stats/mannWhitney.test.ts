import { describe, expect, test } from 'vitest';
import mw from '../../fixtures/stats/mannwhitney-scipy.json';
import nd from '../../fixtures/stats/normal-scipy.json';
import { mannWhitneyMinPValue, mannWhitneyU } from './mannWhitney';
import { normalCdf, normalSf } from './normal';

// Reference values: fixtures/stats/*.json, written by
//   /usr/bin/python3 scripts/fixtures/stats/scipy-reference.py   (Debian python3-scipy)
// JSON has no Infinity/NaN: the script writes them as strings.
type Num = number | string;
const num = (v: Num): number => (typeof v === 'number' ? v : Number(v));

/** |a − b| ≤ 1e-12·|b|, with exact equality required for 0 and ±Infinity. */
function expectRelClose(actual: number, expected: number, label: string) {
  if (!Number.isFinite(expected) || expected === 0) {
    expect(actual, label).toBe(expected);
    return;
  }
  const rel = Math.abs(actual - expected) / Math.abs(expected);
  expect(rel, `${label}: ${actual} vs SciPy ${expected}`).toBeLessThanOrEqual(1e-12);
}

interface Case {
  name: string;
  x: Num[];
  y: Num[];
  expected: { u1: Num; u2: Num; z: Num; pValue: Num; n1: number; n2: number } | null;
}
const cases = mw.cases as Case[];

describe(`Mann-Whitney U equals SciPy ${mw.scipy} mannwhitneyu(method="asymptotic")`, () => {
  test('the fixture covers the cases the issue asks for', () => {
    expect(cases.length).toBeGreaterThanOrEqual(80);
    const names = cases.map((c) => c.name).join('\n');
    for (const k of ['n=1 vs n=1', 'n=2 vs n=2', 'identical', 'ties', 'durations', 'fuelccp']) {
      expect(names).toContain(k);
    }
  });

  test.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const res = mannWhitneyU(c.x.map(num), c.y.map(num));
    if (c.expected === null) {
      expect(res).toBeNull();
      return;
    }
    expect(res).not.toBeNull();
    if (!res) return;
    const e = c.expected;
    expect(res.n1).toBe(e.n1);
    expect(res.n2).toBe(e.n2);
    // U and z are exact operations in SciPy and here: they must be identical.
    expect(res.u1).toBe(num(e.u1));
    expect(res.u2).toBe(num(e.u2));
    expect(res.z).toBe(num(e.z));
    expectRelClose(res.pValue, num(e.pValue), 'pValue');
  });

  test('identical or all-tied samples: p = 1, as SciPy', () => {
    expect(mannWhitneyU([5], [5])).toMatchObject({ u1: 0.5, z: -Infinity, pValue: 1 });
    expect(mannWhitneyU([5, 5, 5], [5, 5, 5])?.pValue).toBe(1);
    expect(mannWhitneyU([1, 2, 3], [1, 2, 3])?.pValue).toBe(1);
  });

  test('empty samples and NaN give null; infinities are ranked', () => {
    expect(mannWhitneyU([], [])).toBeNull();
    expect(mannWhitneyU([], [1])).toBeNull();
    expect(mannWhitneyU([1, Number.NaN], [2])).toBeNull();
    // SciPy: mannwhitneyu([1, inf], [2, 3]) → U = 2.0, p = 1.0
    expect(mannWhitneyU([1, Number.POSITIVE_INFINITY], [2, 3])).toMatchObject({ u1: 2, pValue: 1 });
  });

  test('inputs are not reordered; typed arrays accepted', () => {
    const x = [3, 1, 2];
    mannWhitneyU(x, new Float64Array([9, 8]));
    expect(x).toEqual([3, 1, 2]);
  });

  test('swapping the samples swaps U and keeps p', () => {
    const a = [1.1, 2.5, 2.5, 3.9, 7];
    const b = [2.5, 4, 4.1, 8, 9, 10];
    const ab = mannWhitneyU(a, b);
    const ba = mannWhitneyU(b, a);
    expect(ab?.u1).toBe(ba?.u2);
    expect(ab?.pValue).toBe(ba?.pValue);
    expect(ab?.probabilityXGreater).toBeCloseTo((ab?.u1 ?? 0) / 30, 15);
  });

  test('smallest reachable p-value (no ties) equals the separated cases of the fixture', () => {
    const sep = (name: string) =>
      num(cases.find((c) => c.name === name)?.expected?.pValue ?? 'NaN');
    expectRelClose(mannWhitneyMinPValue(3, 3) ?? 0, sep('n=3 vs n=3, separated'), '3v3');
    expectRelClose(mannWhitneyMinPValue(5, 5) ?? 0, sep('n=5 vs n=5, separated'), '5v5');
    expectRelClose(mannWhitneyMinPValue(6, 6) ?? 0, sep('n=6 vs n=6, separated'), '6v6');
    expect(mannWhitneyMinPValue(1, 1)).toBe(1);
    expect(mannWhitneyMinPValue(0, 3)).toBeNull();
  });
});

describe(`normal distribution equals SciPy ${nd.scipy} special.ndtr`, () => {
  test('Φ(a) on a grid from −40 to 9, to 1e-12 relative (exact 0 where SciPy underflows)', () => {
    for (const { a, cdf } of nd.points) expectRelClose(normalCdf(a), cdf, `ndtr(${a})`);
  });

  test('survival function is Φ(−z)', () => {
    expect(normalSf(0)).toBe(0.5);
    expect(normalSf(Number.NEGATIVE_INFINITY)).toBe(1);
    expect(normalSf(Number.POSITIVE_INFINITY)).toBe(0);
    expect(normalSf(Number.NaN)).toBeNaN();
  });
});
