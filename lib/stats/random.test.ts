import { describe, expect, test } from 'vitest';
import {
  betaSampler,
  createRng,
  createRngFromState,
  normalizeSeed,
  sampleBeta,
  sampleGamma,
} from './random';

// Vectors from the reference C code: scripts/fixtures/stats/xoshiro128starstar-vectors.c
describe('xoshiro128** (random.ts)', () => {
  test('core generator equals the reference C implementation', () => {
    const rng = createRngFromState([1, 2, 3, 4]);
    const first = Array.from({ length: 8 }, () => rng.nextUint32());
    expect(first).toEqual([
      11520, 0, 5927040, 70819200, 2031721883, 1637235492, 1287239034, 3734860849,
    ]);
    const again = createRngFromState([1, 2, 3, 4]);
    let r = 0;
    for (let i = 0; i < 1_000_000; i++) r = again.nextUint32();
    expect(r).toBe(3457443141);
  });

  test('jump() equals the reference C implementation (2^64 steps ahead)', () => {
    const rng = createRngFromState([1, 2, 3, 4]);
    rng.jump();
    expect(Array.from({ length: 5 }, () => rng.nextUint32())).toEqual([
      1194304935, 745561276, 25819468, 3320478005, 3046317961,
    ]);
    rng.jump();
    expect(Array.from({ length: 3 }, () => rng.nextUint32())).toEqual([
      3416635870, 2848629889, 1424411027,
    ]);
  });

  test('SplitMix32 seeding equals the reference C implementation', () => {
    const vectors: Array<[number, number[]]> = [
      [0, [3809008728, 1133695204, 53579671, 2891528803, 139681546, 2203266335]],
      [42, [2837322924, 544945897, 479756282, 3500138142, 339756180, 113173290]],
      [4294967295, [835879718, 1921286648, 2356205009, 1885780724, 980451116, 1053911718]],
    ];
    for (const [seed, expected] of vectors) {
      const rng = createRng(seed);
      expect(Array.from({ length: 6 }, () => rng.nextUint32())).toEqual(expected);
    }
  });

  test('same seed, same stream; seeds normalised to uint32', () => {
    const a = createRng(7);
    const b = createRng(7);
    for (let i = 0; i < 100; i++) expect(a.nextFloat()).toBe(b.nextFloat());
    expect(normalizeSeed(-1)).toBe(4294967295);
    expect(normalizeSeed(3.9)).toBe(3);
    expect(createRng(-1).seed).toBe(4294967295);
    expect(() => createRng(Number.NaN)).toThrow(RangeError);
    expect(() => createRngFromState([0, 0, 0, 0])).toThrow(RangeError);
  });

  test('nextFloat in [0, 1), nextInt uniform in range, nextNormal standard', () => {
    const rng = createRng(123);
    const counts = new Array(7).fill(0);
    let sum = 0;
    let sumSq = 0;
    let outside = 0;
    const N = 70_000;
    for (let i = 0; i < N; i++) {
      const f = rng.nextFloat();
      if (!(f >= 0 && f < 1)) outside++;
      counts[rng.nextInt(7)]++;
      const z = rng.nextNormal();
      sum += z;
      sumSq += z * z;
    }
    expect(outside).toBe(0);
    // Each bucket expects 10,000 (sd ≈ 93): 6 sd tolerance.
    for (const c of counts) expect(Math.abs(c - 10_000)).toBeLessThan(560);
    expect(Math.abs(sum / N)).toBeLessThan(0.025);
    expect(Math.abs(sumSq / N - 1)).toBeLessThan(0.035);
    expect(rng.nextInt(1)).toBe(0);
    expect(() => rng.nextInt(0)).toThrow(RangeError);
    expect(() => rng.nextInt(2.5)).toThrow(RangeError);
  });
});

describe('nextInts: nextInt in bulk', () => {
  test.each([1, 7, 500, 1_048_576, 1_048_577, 3_000_000_019, 2 ** 32])(
    'n = %d: same stream',
    (n) => {
      const a = createRng(99);
      const b = createRng(99);
      const bulk = new Uint32Array(5000);
      a.nextInts(n, bulk);
      for (let k = 0; k < bulk.length; k++) expect(bulk[k]).toBe(b.nextInt(n));
      expect(a.nextUint32()).toBe(b.nextUint32()); // and the generators end in the same state
      expect(() => a.nextInts(0, bulk)).toThrow(RangeError);
    },
  );
});

describe('betaSampler (Cheng BB; inversion when a shape is 1)', () => {
  // Mean a/(a+b) and variance ab/((a+b)²(a+b+1)); 200,000 draws, 6 standard errors.
  test.each([
    [1, 1],
    [1, 2],
    [3, 1],
    [1.5, 1.5],
    [2.5, 7],
    [20, 3],
    [50, 51],
    [5000, 5001],
  ])('Beta(%d, %d): moments and KS distance to the gamma-ratio construction', (a, b) => {
    const rng = createRng(31);
    const draw = betaSampler(a, b);
    const N = 200_000;
    const xs = new Float64Array(N);
    let sum = 0;
    let sumSq = 0;
    let outside = 0;
    for (let i = 0; i < N; i++) {
      const x = draw(rng);
      if (!(x >= 0 && x <= 1)) outside++;
      xs[i] = x;
      sum += x;
      sumSq += x * x;
    }
    expect(outside).toBe(0);
    const mean = a / (a + b);
    const variance = (a * b) / ((a + b) ** 2 * (a + b + 1));
    const m = sum / N;
    const v = sumSq / N - m * m;
    expect(Math.abs(m - mean)).toBeLessThan(6 * Math.sqrt(variance / N));
    // the sample variance's standard error is about variance·sqrt(2/N) for these shapes
    expect(Math.abs(v - variance)).toBeLessThan(6 * variance * Math.sqrt(3 / N));
    // Kolmogorov-Smirnov against X/(X+Y), X ~ Gamma(a), Y ~ Gamma(b) (Marsaglia-Tsang)
    const M = 20_000;
    const ys = new Float64Array(M);
    const other = createRng(32);
    for (let i = 0; i < M; i++) ys[i] = ratioOfGammas(other, a, b);
    const sample = xs.subarray(0, M).slice().sort();
    ys.sort();
    let i = 0;
    let j = 0;
    let d = 0;
    while (i < M && j < M) {
      const x = Math.min(sample[i] as number, ys[j] as number);
      while (i < M && sample[i] === x) i++;
      while (j < M && ys[j] === x) j++;
      d = Math.max(d, Math.abs(i - j) / M);
    }
    expect(d).toBeLessThan(1.95 * Math.sqrt(2 / M)); // α = 0.001
  });

  test('sampleBeta is one draw of betaSampler; shapes below 1 are refused', () => {
    expect(sampleBeta(createRng(4), 3, 9)).toBe(betaSampler(3, 9)(createRng(4)));
    expect(() => betaSampler(0.5, 2)).toThrow(RangeError);
    expect(() => betaSampler(2, Number.NaN)).toThrow(RangeError);
  });
});

/** The previous construction, Beta = X/(X+Y) with Gamma deviates, as an independent check. */
function ratioOfGammas(rng: ReturnType<typeof createRng>, a: number, b: number): number {
  const x = sampleGamma(rng, a);
  const y = sampleGamma(rng, b);
  return x / (x + y);
}
