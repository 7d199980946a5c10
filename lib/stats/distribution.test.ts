import { describe, expect, test } from 'vitest';
import { boxStats, ecdf } from './distribution';

describe('ecdf', () => {
  test('one point per distinct value, p = fraction ≤ x', () => {
    expect(ecdf([3, 1, 2, 2])).toEqual([
      { x: 1, p: 0.25 },
      { x: 2, p: 0.75 },
      { x: 3, p: 1 },
    ]);
    expect(ecdf([])).toEqual([]);
    expect(ecdf([Number.NaN, 4])).toEqual([{ x: 4, p: 1 }]);
  });

  test('maxPoints keeps evenly spaced points including both ends', () => {
    const values = Array.from({ length: 10_000 }, (_, i) => i);
    const pts = ecdf(values, { maxPoints: 2000 });
    expect(pts).toHaveLength(2000);
    expect(pts[0]).toEqual({ x: 0, p: 1e-4 });
    expect(pts.at(-1)).toEqual({ x: 9999, p: 1 });
    for (let i = 1; i < pts.length; i++) {
      expect((pts[i] as { x: number }).x).toBeGreaterThan((pts[i - 1] as { x: number }).x);
    }
    expect(ecdf([1, 2, 3], { maxPoints: 2000 })).toHaveLength(3);
    expect(() => ecdf([1, 2, 3], { maxPoints: 1 })).toThrow(RangeError);
  });
});

describe('boxStats', () => {
  test('quartiles like numpy.percentile (Rally interpolation), Tukey whiskers, outliers', () => {
    // numpy.percentile([1,2,2,3,4,5,6,7,8,40,-30], [25,50,75]) → 2.0, 4.0, 6.5;
    // fences −4.75 and 13.25.
    const b = boxStats([1, 2, 2, 3, 4, 5, 6, 7, 8, 40, -30]);
    expect(b).toEqual({
      n: 11,
      min: -30,
      q1: 2,
      median: 4,
      q3: 6.5,
      max: 40,
      mean: 48 / 11,
      whiskers: { low: 1, high: 8 },
      outliers: [-30, 40],
      outlierCount: 2,
    });
  });

  test('many outliers: evenly spaced ranks with both extremes, and the true count', () => {
    // 1,000 values in [0, 1) and 300 far above: all 300 lie beyond the upper fence.
    const values = [
      ...Array.from({ length: 1000 }, (_, i) => i / 1000),
      ...Array.from({ length: 300 }, (_, i) => 100 + i),
    ];
    const b = boxStats(values, { maxOutliers: 10 })!;
    expect(b.outlierCount).toBe(300);
    expect(b.outliers).toHaveLength(10);
    expect(b.outliers[0]).toBe(100);
    expect(b.outliers[9]).toBe(399);
    expect([...b.outliers].sort((x, y) => x - y)).toEqual(b.outliers);
    // Outliers on both sides keep both extremes.
    const two = boxStats([-500, -400, ...values], { maxOutliers: 4 })!;
    expect(two.outlierCount).toBe(302);
    expect(two.outliers[0]).toBe(-500);
    expect(two.outliers[3]).toBe(399);
    // The default keeps 64.
    expect(boxStats(values)!.outliers).toHaveLength(64);
  });

  test('a sorted Float64Array is read in place, never reordered or written', () => {
    const sorted = Float64Array.from([1, 2, 3, 4, 100]);
    const copy = Float64Array.from(sorted);
    expect(boxStats(sorted)?.outliers).toEqual([100]);
    expect(sorted).toEqual(copy);
    const unsorted = Float64Array.from([100, 4, 3, 2, 1]);
    expect(boxStats(unsorted)?.median).toBe(3);
    expect([...unsorted]).toEqual([100, 4, 3, 2, 1]);
  });

  test('small and degenerate inputs', () => {
    expect(boxStats([])).toBeNull();
    expect(boxStats([Number.NaN])).toBeNull();
    expect(boxStats([7])).toMatchObject({ min: 7, q1: 7, median: 7, q3: 7, max: 7, outliers: [] });
    expect(boxStats([5, 5, 5, 9])).toMatchObject({
      q1: 5,
      median: 5,
      q3: 6,
      whiskers: { low: 5, high: 5 },
      outliers: [9],
    });
    // Rally's median of an even count: [1.1, 2.2] → 1.6500000000000001.
    expect(boxStats([2.2, 1.1])?.median).toBe(1.1 * 0.5 + 2.2 * 0.5);
  });
});
