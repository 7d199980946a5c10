import { describe, expect, test } from 'vitest';
import {
  isSortedFinite,
  percentile,
  percentileSorted,
  roundLikePython,
  sortFloat64,
  sortedCopy,
} from './percentile';

// Expected values computed with Rally 3.3's own function:
//   from rally.task.processing.utils import percentile
describe('percentile (Rally utils.percentile)', () => {
  const points = [0.3, 5.1, 2.2, 9.9, 1.05, 7.7, 3.3];

  test('matches Rally bit for bit, including interpolation rounding', () => {
    expect(percentile(points, 0)).toBe(0.3);
    expect(percentile(points, 0.5)).toBe(3.3);
    expect(percentile(points, 0.9)).toBe(8.580000000000002);
    expect(percentile(points, 0.95)).toBe(9.239999999999998);
    expect(percentile(points, 1)).toBe(9.9);
    expect(percentile([1.1, 2.2], 0.9)).toBe(2.0900000000000003);
  });

  test('one value, no value', () => {
    expect(percentile([4], 0.95)).toBe(4);
    expect(percentile([], 0.5)).toBeNull();
    expect(percentileSorted(new Float64Array(0), 0.5)).toBeNull();
  });

  test('does not reorder its input; sortedCopy sorts numerically', () => {
    const input = [10, 9, 100, 1];
    percentile(input, 0.5);
    expect(input).toEqual([10, 9, 100, 1]);
    expect(Array.from(sortedCopy(input))).toEqual([1, 9, 10, 100]);
    expect(percentileSorted(sortedCopy(input), 0.5)).toBe(9.5);
  });
});

// Expected values from CPython's round() and "%.1f".
describe('roundLikePython', () => {
  test('ties go to even, on the exact binary value', () => {
    expect(roundLikePython(0.0625, 3)).toBe(0.062);
    expect(roundLikePython(-0.0625, 3)).toBe(-0.062);
    expect(roundLikePython(0.1875, 3)).toBe(0.188);
    expect(roundLikePython(2.5, 0)).toBe(2);
    expect(roundLikePython(0.25, 1)).toBe(0.2);
    expect(roundLikePython(0.0625, 1)).toBe(0.1);
  });

  test('non-ties round to nearest like toFixed', () => {
    expect(roundLikePython(2.675, 3)).toBe(2.675);
    expect(roundLikePython(2.675, 1)).toBe(2.7);
    expect(roundLikePython(0.0005, 3)).toBe(0.001);
    expect(roundLikePython(1.0005, 3)).toBe(1);
    expect(roundLikePython(4.2975, 3)).toBe(4.298);
    expect(roundLikePython(5.78049, 3)).toBe(5.78);
    expect(roundLikePython(0.35, 1)).toBe(0.3);
    expect(roundLikePython((2 / 3) * 100, 1)).toBe(66.7);
  });

  test('non-finite values pass through', () => {
    expect(roundLikePython(Number.NaN, 3)).toBeNaN();
    expect(roundLikePython(Number.POSITIVE_INFINITY, 3)).toBe(Number.POSITIVE_INFINITY);
  });
});

describe('sortFloat64', () => {
  test('numeric order, in place, on a subarray', () => {
    const base = new Float64Array(10_000).map((_, i) => (i * 7919) % 10_000);
    const view = base.subarray(1000, 9000);
    expect(sortFloat64(view)).toBe(view);
    for (let i = 1; i < view.length; i++) expect(view[i - 1]! <= view[i]!).toBe(true);
    expect(base[0]).toBe(0);
    expect(Array.from(sortFloat64(new Float64Array([10, -1, 9, 0.5, 100])))).toEqual([
      -1, 0.5, 9, 10, 100,
    ]);
  });
});

test('isSortedFinite: ascending and finite, in one pass', () => {
  expect(isSortedFinite(new Float64Array(0))).toBe(true);
  expect(isSortedFinite(Float64Array.from([1, 1, 2, 3.5]))).toBe(true);
  expect(isSortedFinite(Float64Array.from([-0, 0, 0]))).toBe(true);
  expect(isSortedFinite(Float64Array.from([2, 1]))).toBe(false);
  expect(isSortedFinite(Float64Array.from([1, Number.NaN]))).toBe(false);
  expect(isSortedFinite(Float64Array.from([Number.NaN]))).toBe(false);
  expect(isSortedFinite(Float64Array.from([1, Number.POSITIVE_INFINITY]))).toBe(false);
  expect(isSortedFinite(Float64Array.from([Number.NEGATIVE_INFINITY, 1]))).toBe(false);
});
