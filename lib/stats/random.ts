// A small seeded pseudo-random generator, so that every bootstrap interval on a page can be
// reproduced from its seed (issue 5: "a seeded generator, so the page is reproducible").
//
// Generator: xoshiro128** 1.1 (Blackman & Vigna, https://prng.di.unimi.it/xoshiro128starstar.c):
// 128 bits of state, period 2^128 − 1, 32-bit outputs, passes BigCrush; chosen over mulberry32
// (32-bit state, period 2^32) because a page may draw tens of millions of numbers. The four
// state words are filled from the 32-bit seed with SplitMix32 (the 32-bit variant of
// SplitMix64 used by the authors to seed their generators), so seeds 0, 1, 2… give unrelated
// streams and the state is never all zero. Test vectors in random.test.ts come from the
// authors' C code.
//
// Pure and isomorphic: no Math.random, no Node APIs.

export interface Rng {
  /** The seed this generator was created with (as an unsigned 32-bit integer). */
  readonly seed: number;
  /** Next raw output, an integer in [0, 2^32). */
  nextUint32(): number;
  /** A double in [0, 1) with 53 random bits (two outputs). */
  nextFloat(): number;
  /**
   * Fills `out` with `out.length` draws of `nextFloat()`: the same numbers, in the same order,
   * without a call per draw.
   */
  nextFloats(out: Float64Array): void;
  /** An integer in [0, n), uniform without bias (rejection sampling); n in [1, 2^32]. */
  nextInt(n: number): number;
  /**
   * Fills `out` with `out.length` draws of `nextInt(n)`: the same numbers, in the same order, as
   * calling it that many times, without a call per draw (bootstraps draw millions).
   */
  nextInts(n: number, out: Uint32Array): void;
  /** A standard normal deviate (Marsaglia's polar method), for simulations and tests. */
  nextNormal(): number;
  /**
   * Advances the state by 2^64 outputs (the authors' `jump()`): calling it on copies of one
   * generator gives non-overlapping streams, e.g. one per side of a bootstrap.
   */
  jump(): void;
}

const TWO_32 = 4294967296;

/** SplitMix32 step (Vigna's 32-bit SplitMix constants); returns [newState, output]. */
function splitMix32(state: number): [number, number] {
  const s = (state + 0x9e3779b9) | 0;
  let z = s;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  z ^= z >>> 16;
  return [s, z >>> 0];
}

/** Normalises a seed to an unsigned 32-bit integer (non-integers are truncated). */
export function normalizeSeed(seed: number): number {
  if (!Number.isFinite(seed)) throw new RangeError(`seed must be a finite number, got ${seed}`);
  return Math.trunc(seed) >>> 0;
}

/**
 * Creates an xoshiro128** generator from a 32-bit seed. The same seed always yields the same
 * sequence, on every JavaScript engine (only 32-bit integer arithmetic is used).
 */
export function createRng(seed: number): Rng {
  const s32 = normalizeSeed(seed);
  let sm = s32;
  const st = new Uint32Array(4);
  for (let i = 0; i < 4; i++) {
    const [next, out] = splitMix32(sm);
    sm = next;
    st[i] = out;
  }
  return createRngFromState(st, s32);
}

/**
 * Creates a generator from an explicit 128-bit state (four 32-bit words, not all zero). Used
 * to check the implementation against the reference C code; most callers want `createRng`.
 */
export function createRngFromState(state: ArrayLike<number>, seed = 0): Rng {
  if (state.length !== 4) throw new RangeError('xoshiro128** needs four 32-bit state words');
  let s0 = (state[0] as number) >>> 0;
  let s1 = (state[1] as number) >>> 0;
  let s2 = (state[2] as number) >>> 0;
  let s3 = (state[3] as number) >>> 0;
  if ((s0 | s1 | s2 | s3) === 0) throw new RangeError('xoshiro128** state must not be all zero');

  // xoshiro128** 1.1: result = rotl(s1 * 5, 7) * 9; then the xorshift/rotate state update.
  const nextUint32 = (): number => {
    const m = Math.imul(s1, 5);
    const result = Math.imul((m << 7) | (m >>> 25), 9) >>> 0;
    const t = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = (s3 << 11) | (s3 >>> 21);
    return result;
  };

  const nextFloat = (): number => {
    // 21 high bits of one output and 32 of the next: k / 2^53 with k uniform in [0, 2^53).
    const hi = nextUint32() >>> 11;
    const lo = nextUint32();
    return (hi * TWO_32 + lo) / 9007199254740992;
  };

  const nextFloats = (out: Float64Array): void => {
    for (let k = 0; k < out.length; k++) {
      // two nextUint32(), inlined: 21 high bits of the first, 32 of the second
      let m = Math.imul(s1, 5);
      const hi = Math.imul((m << 7) | (m >>> 25), 9) >>> 11;
      let t = s1 << 9;
      s2 ^= s0;
      s3 ^= s1;
      s1 ^= s2;
      s0 ^= s3;
      s2 ^= t;
      s3 = (s3 << 11) | (s3 >>> 21);
      m = Math.imul(s1, 5);
      const lo = Math.imul((m << 7) | (m >>> 25), 9) >>> 0;
      t = s1 << 9;
      s2 ^= s0;
      s3 ^= s1;
      s1 ^= s2;
      s0 ^= s3;
      s2 ^= t;
      s3 = (s3 << 11) | (s3 >>> 21);
      out[k] = (hi * TWO_32 + lo) / 9007199254740992;
    }
  };

  const nextInt = (n: number): number => {
    if (!(n >= 1 && n <= TWO_32) || !Number.isInteger(n)) {
      throw new RangeError(`nextInt: n must be an integer in [1, 2^32], got ${n}`);
    }
    // Reject the top partial block of [0, 2^32) so every residue is equally likely.
    const limit = TWO_32 - (TWO_32 % n);
    let u = nextUint32();
    while (u >= limit) u = nextUint32();
    return u % n;
  };

  const nextInts = (n: number, out: Uint32Array): void => {
    if (!(n >= 1 && n <= TWO_32) || !Number.isInteger(n)) {
      throw new RangeError(`nextInts: n must be an integer in [1, 2^32], got ${n}`);
    }
    const limit = TWO_32 - (TWO_32 % n);
    // u − n·⌊u/n⌋ equals u % n and avoids a floating-point fmod: for n ≤ 2^20 the quotient
    // u/n (u < 2^32) lies at least 1/n from the next integer, more than half its spacing, so
    // ⌊u/n⌋ is exact. Larger n take the modulo.
    const small = n <= 1048576;
    for (let k = 0; k < out.length; k++) {
      let u: number;
      do {
        // nextUint32(), inlined
        const m = Math.imul(s1, 5);
        u = Math.imul((m << 7) | (m >>> 25), 9) >>> 0;
        const t = s1 << 9;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = (s3 << 11) | (s3 >>> 21);
      } while (u >= limit);
      out[k] = small ? u - n * Math.floor(u / n) : u % n;
    }
  };

  let spare: number | null = null;
  const nextNormal = (): number => {
    if (spare !== null) {
      const v = spare;
      spare = null;
      return v;
    }
    let u: number;
    let v: number;
    let q: number;
    do {
      u = 2 * nextFloat() - 1;
      v = 2 * nextFloat() - 1;
      q = u * u + v * v;
    } while (q >= 1 || q === 0);
    const f = Math.sqrt((-2 * Math.log(q)) / q);
    spare = v * f;
    return u * f;
  };

  const JUMP = [0x8764000b, 0xf542d2d3, 0x6fa035c3, 0x77f2db5b];
  const jump = (): void => {
    let j0 = 0;
    let j1 = 0;
    let j2 = 0;
    let j3 = 0;
    for (const word of JUMP) {
      for (let b = 0; b < 32; b++) {
        if ((word >>> b) & 1) {
          j0 ^= s0;
          j1 ^= s1;
          j2 ^= s2;
          j3 ^= s3;
        }
        nextUint32();
      }
    }
    s0 = j0 >>> 0;
    s1 = j1 >>> 0;
    s2 = j2 >>> 0;
    s3 = j3 >>> 0;
    spare = null;
  };

  return {
    seed: seed >>> 0,
    nextUint32,
    nextFloat,
    nextFloats,
    nextInt,
    nextInts,
    nextNormal,
    jump,
  };
}

/**
 * A Gamma(shape, 1) deviate, shape ≥ 1 (Marsaglia & Tsang, "A simple method for generating
 * gamma variables", ACM TOMS 26(3), 2000). For simulations; the bootstrap's order statistics
 * come from `betaSampler`.
 */
export function sampleGamma(rng: Rng, shape: number): number {
  if (!(shape >= 1)) throw new RangeError(`sampleGamma: shape must be ≥ 1, got ${shape}`);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  while (true) {
    let x: number;
    let v: number;
    do {
      x = rng.nextNormal();
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = rng.nextFloat();
    const x2 = x * x;
    if (u < 1 - 0.0331 * x2 * x2) return d * v;
    if (Math.log(u) < 0.5 * x2 + d * (1 - v + Math.log(v))) return d * v;
  }
}

/** Cheng's BB constants log 4 and 1 + log 5 (R's rbeta.c: 1.3862944 and 2.609438). */
export const LOG4 = Math.log(4);
export const ONE_PLUS_LOG5 = 1 + Math.log(5);

/**
 * A sampler of Beta(a, b) deviates for a, b ≥ 1, its constants computed once (the bootstrap
 * draws thousands from the same shapes).
 *
 * min(a, b) > 1: Cheng's algorithm BB (R. C. H. Cheng, "Generating beta variates with
 * nonintegral shape parameters", Communications of the ACM 21(4), 1978, pp. 317–322), an exact
 * rejection method: a candidate w/(q + w) from two uniforms, accepted by two quick tests or,
 * for about 1 candidate in 10, a logarithm; about 1.13 candidates per deviate for large shapes.
 * It is the algorithm of R's `rbeta` for these shapes (src/nmath/rbeta.c), and needs about half
 * the random numbers and logarithms of the ratio of two Gamma deviates used before
 * (X/(X + Y), X ~ Gamma(a), Y ~ Gamma(b), Marsaglia & Tsang): ~2× faster once optimised.
 * min(a, b) = 1: by inversion of the CDF, Beta(1, b) = 1 − V^(1/b) and Beta(a, 1) = V^(1/a)
 * with V uniform on (0, 1].
 */
export function betaSampler(a: number, b: number): (rng: Rng) => number {
  const bb = chengBB(a, b);
  if (bb) {
    const { p, q, alpha, beta, gamma, swapped } = bb;
    return (rng) => {
      while (true) {
        const u1 = rng.nextFloat();
        const u2 = rng.nextFloat();
        if (u1 === 0) continue; // log(0): a measure-zero candidate, drawn again
        const v = beta * Math.log(u1 / (1 - u1));
        const w = p * Math.exp(v);
        const z = u1 * u1 * u2;
        const r = gamma * v - LOG4;
        const s = p + r - w;
        if (s + ONE_PLUS_LOG5 < 5 * z) {
          const t = Math.log(z);
          if (s <= t && r + alpha * Math.log(alpha / (q + w)) < t) continue; // rejected
        }
        return swapped ? q / (q + w) : w / (q + w);
      }
    };
  }
  // a shape is 1 (chengBB checked both)
  if (a === 1 && b === 1) return (rng) => rng.nextFloat();
  if (a === 1) return (rng) => -Math.expm1(Math.log(1 - rng.nextFloat()) / b);
  return (rng) => Math.exp(Math.log(1 - rng.nextFloat()) / a);
}

/**
 * The constants of Cheng's BB for Beta(a, b) (p = min(a, b), q = max(a, b)), or null when a
 * shape is 1 (inversion). Exported for loops that inline BB's steps (bootstrap.ts), which must
 * follow `betaSampler` step for step.
 */
export function chengBB(
  a: number,
  b: number,
): { p: number; q: number; alpha: number; beta: number; gamma: number; swapped: boolean } | null {
  if (!(a >= 1 && b >= 1 && Number.isFinite(a) && Number.isFinite(b))) {
    throw new RangeError(`sampleBeta: a and b must be finite and ≥ 1, got ${a}, ${b}`);
  }
  if (a === 1 || b === 1) return null;
  const p = Math.min(a, b);
  const q = Math.max(a, b);
  const alpha = p + q;
  const beta = Math.sqrt((alpha - 2) / (2 * p * q - alpha));
  return { p, q, alpha, beta, gamma: p + 1 / beta, swapped: p !== a };
}

/** One Beta(a, b) deviate, a, b ≥ 1 (`betaSampler`; make the sampler once for many draws). */
export function sampleBeta(rng: Rng, a: number, b: number): number {
  return betaSampler(a, b)(rng);
}
