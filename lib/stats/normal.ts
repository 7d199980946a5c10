// The standard normal distribution function, accurate to a few units in the last place over
// the whole double range, so that p-values computed here equal SciPy's (`scipy.stats.norm.sf`,
// i.e. `scipy.special.ndtr(-z)`) to far better than 1e-12 relative, including deep tails
// (p around 1e-300). Checked against SciPy in normal.test.ts (fixtures/stats/normal-scipy.json).
//
// Method (textbook, Abramowitz & Stegun 7.1.5 and 7.1.14; Numerical Recipes §6.2 / §5.2):
//   * |x| < 0.5: erf by its Maclaurin series (alternating, terms shrink fast: no cancellation
//     worth speaking of for |x| < 0.5);
//   * 0.5 ≤ x < 1: erfc = 1 − erf with erf from the all-positive series
//     erf(x) = 2/√π · e^(−x²) · Σ (2x²)^n x / (1·3·…·(2n+1)) — the subtraction costs at most
//     log10(1/erfc(1)) ≈ 0.8 digit;
//   * x ≥ 1: erfc(x) = e^(−x²)/√π · 1/(x + ½/(x + 1/(x + 3⁄2/(x + …)))), the Laplace
//     continued fraction, evaluated with the modified Lentz algorithm (185 terms at x = 1,
//     fewer than 60 from x = 2 on).
// Like SciPy (Cephes `erfc`), erfc underflows to exactly 0 once x² exceeds ln(DBL_MAX) ≈ 709.78,
// so Φ(a) = 0 for a < −37.68 (p-values that small are reported as 0 by both).
// Like SciPy's ndtr, Φ(a) is evaluated through x = a/√2 and e^(−x·x), so both round the same
// intermediate x·x.

const SQRT1_2 = Math.SQRT1_2;
const TWO_OVER_SQRT_PI = 1.1283791670955126; // 2/√π
const ONE_OVER_SQRT_PI = 0.5641895835477563; // 1/√π
const EPS = 2.220446049250313e-16;
const MAXLOG = 709.782712893384; // ln(DBL_MAX)

/** erf(x) for |x| < 0.5 by the Maclaurin series Σ (−1)^n x^(2n+1) / (n! (2n+1)). */
function erfSeriesSmall(x: number): number {
  const x2 = x * x;
  let term = x; // (−1)^n x^(2n+1) / n!
  let sum = x;
  for (let n = 1; n < 60; n++) {
    term *= -x2 / n;
    const add = term / (2 * n + 1);
    sum += add;
    if (Math.abs(add) <= EPS * 0.25 * Math.abs(sum)) break;
  }
  return TWO_OVER_SQRT_PI * sum;
}

/** erf(x) for x > 0 by the all-positive series 2/√π e^(−x²) Σ (2x²)^n x / (2n+1)!!. */
function erfSeriesPositive(x: number): number {
  const x2 = x * x;
  let term = x;
  let sum = x;
  for (let n = 1; n < 500; n++) {
    term *= (2 * x2) / (2 * n + 1);
    sum += term;
    if (term <= EPS * 0.25 * sum) break;
  }
  return TWO_OVER_SQRT_PI * Math.exp(-x2) * sum;
}

/** e^(x²)·erfc(x)·√π for x ≥ 1: 1/(x + ½/(x + 1/(x + …))) by modified Lentz. */
function erfcContinuedFraction(x: number): number {
  const tiny = 1e-300;
  let f = x;
  let c = x;
  let d = 0;
  for (let n = 1; n < 1000; n++) {
    const a = n / 2;
    d = x + a * d;
    if (d === 0) d = tiny;
    c = x + a / c;
    if (c === 0) c = tiny;
    d = 1 / d;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) <= EPS) break;
  }
  return 1 / f;
}

/** The complementary error function erfc(x) = 1 − erf(x). */
export function erfc(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  if (x < 0) return 2 - erfc(-x);
  if (x < 0.5) return 1 - erfSeriesSmall(x);
  if (x < 1) return 1 - erfSeriesPositive(x);
  const x2 = x * x;
  if (x2 > MAXLOG) return 0;
  return Math.exp(-x2) * ONE_OVER_SQRT_PI * erfcContinuedFraction(x);
}

/** The error function erf(x). */
export function erf(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  if (x < 0) return -erf(-x);
  if (x < 0.5) return erfSeriesSmall(x);
  return 1 - erfc(x);
}

/** Standard normal cumulative distribution Φ(a) = P(Z ≤ a) (SciPy: `special.ndtr(a)`). */
export function normalCdf(a: number): number {
  if (Number.isNaN(a)) return Number.NaN;
  const x = a * SQRT1_2;
  const z = Math.abs(x);
  if (z < 0.5) return 0.5 + 0.5 * erfSeriesSmall(x);
  const y = 0.5 * erfc(z);
  return x > 0 ? 1 - y : y;
}

/** Standard normal survival function P(Z > z) = Φ(−z) (SciPy: `stats.norm.sf(z)`). */
export function normalSf(z: number): number {
  return normalCdf(-z);
}
