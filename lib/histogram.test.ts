import { describe, expect, test } from 'vitest';
import { binCount, histogram, isBinningRule } from './histogram';

describe('binCount', () => {
  test('hand-computed counts', () => {
    // n = 100: √100 = 10; log2(100) + 1 = 7.64 → 8; 2·∛100 = 9.28 → 10
    expect(binCount('sqrt', 100)).toBe(10);
    expect(binCount('sturges', 100)).toBe(8);
    expect(binCount('rice', 100)).toBe(10);
    // n = 113 (the fuel-ccp fixture): √113 = 10.63 → 11; 6.82 + 1 → 8; 2·4.83 = 9.67 → 10
    expect(binCount('sqrt', 113)).toBe(11);
    expect(binCount('sturges', 113)).toBe(8);
    expect(binCount('rice', 113)).toBe(10);
    // n = 1: one bin, except Rice: ⌈2⌉ = 2
    expect(binCount('sqrt', 1)).toBe(1);
    expect(binCount('sturges', 1)).toBe(1);
    expect(binCount('rice', 1)).toBe(2);
    // exact powers: log2(8) = 3 → 4 bins; ∛8 = 2 → 4 bins
    expect(binCount('sturges', 8)).toBe(4);
    expect(binCount('rice', 8)).toBe(4);
  });
  test('same floating-point results as Rally (Python) on awkward n', () => {
    // Python: int(math.ceil(2 * 64 ** (1.0/3))) == 8 (64 ** (1/3) = 3.9999999999999996)
    expect(binCount('rice', 64)).toBe(8);
    expect(binCount('rice', 1000)).toBe(20);
    expect(binCount('sqrt', 2000)).toBe(45);
    expect(binCount('sturges', 2000)).toBe(12);
    expect(binCount('rice', 2000)).toBe(26);
  });
  test('no values, no bins', () => {
    expect(binCount('sqrt', 0)).toBe(0);
  });
});

describe('histogram', () => {
  const values = [1.0, 1.2, 1.9, 2.0, 2.5, 3.0, 3.1, 3.9, 4.0, 2.2];

  test('square root: 4 bins of 0.75 between 1 and 4 (same as Rally)', () => {
    const h = histogram(values, 'sqrt');
    expect(h.n).toBe(10);
    expect(h.min).toBe(1);
    expect(h.max).toBe(4);
    expect(h.bins.map((b) => b.x1)).toEqual([1.75, 2.5, 3.25, 4]);
    // 1.0 1.2 | 1.9 2.0 2.2 2.5 (2.5 is on the edge: inclusive) | 3.0 3.1 | 3.9 4.0
    expect(h.bins.map((b) => b.count)).toEqual([2, 4, 2, 2]);
    expect(h.bins[0]?.x0).toBe(1);
    expect(h.bins[1]?.x0).toBe(1.75);
  });

  test('Sturges and Rice: 5 bins of 0.6 (same as Rally)', () => {
    for (const rule of ['sturges', 'rice'] as const) {
      const h = histogram(values, rule);
      expect(h.bins.map((b) => Number(b.x1.toFixed(6)))).toEqual([1.6, 2.2, 2.8, 3.4, 4]);
      expect(h.bins.map((b) => b.count)).toEqual([2, 3, 1, 2, 2]);
    }
  });

  test('every value is counted once', () => {
    const many = Array.from({ length: 1000 }, (_, i) => Math.sin(i) * 3 + 5);
    for (const rule of ['sqrt', 'sturges', 'rice'] as const) {
      const h = histogram(many, rule);
      expect(h.bins.reduce((a, b) => a + b.count, 0)).toBe(1000);
      expect(h.bins.length).toBe(binCount(rule, 1000));
    }
  });

  test('all values equal: everything in the first bin', () => {
    const h = histogram([2, 2, 2, 2], 'sqrt');
    expect(h.bins.map((b) => b.count)).toEqual([4, 0]);
  });

  test('empty input and non-finite values', () => {
    expect(histogram([], 'rice').bins).toEqual([]);
    expect(histogram([Number.NaN, 1], 'sqrt').n).toBe(1);
  });

  test('isBinningRule', () => {
    expect(isBinningRule('rice')).toBe(true);
    expect(isBinningRule('scott')).toBe(false);
  });
});
