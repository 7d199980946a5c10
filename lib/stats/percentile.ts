// Rally's percentile and display rounding, reproduced operation for operation so that our
// numbers equal Rally's "Total durations" table on the same data. Isomorphic: used by the
// ingest (ingest/rally/stats.ts) and by the compare views.
//
// Reference: rally/task/processing/utils.py `percentile` (Rally 3.3):
//   k = (len(points) - 1) * percent; f = floor(k); c = ceil(k)
//   if f == c: return points[int(k)]
//   return points[f] * (c - k) + points[c] * (k - f)
// The interpolation is written exactly like Rally's (two products, then a sum) rather than
// `a + (b - a) * t`: both are "linear interpolation" but they can differ in the last bit.

/**
 * Percentile of values already sorted in ascending order (Rally's `ignore_sorting=True`).
 * `p` is a fraction in [0, 1] (0.9 for the 90th percentile). Returns null for no values.
 */
export function percentileSorted(sorted: ArrayLike<number>, p: number): number | null {
  const n = sorted.length;
  if (n === 0) return null;
  const k = (n - 1) * p;
  const f = Math.floor(k);
  const c = Math.ceil(k);
  if (f === c) return sorted[f] as number;
  return (sorted[f] as number) * (c - k) + (sorted[c] as number) * (k - f);
}

/** Ascending numeric sort into a new Float64Array (the input is left untouched). */
export function sortedCopy(values: ArrayLike<number>): Float64Array {
  const out = Float64Array.from(values);
  sortFloat64(out);
  return out;
}

/**
 * The values ascending: the input itself when it is a Float64Array already in order (samples
 * are stored sorted), else a sorted copy. For readers only: never write to the result.
 */
export function sortedView(values: ArrayLike<number>): Float64Array {
  if (values instanceof Float64Array && isAscending(values)) return values;
  return sortedCopy(values);
}

/**
 * Whether every value is finite and the values ascend (one pass: the two checks a reader of
 * stored samples needs, made at once).
 */
export function isSortedFinite(a: Float64Array): boolean {
  const n = a.length;
  if (n === 0) return true;
  let prev = a[0]!;
  if (!Number.isFinite(prev)) return false;
  for (let i = 1; i < n; i++) {
    const v = a[i]!;
    // v ≥ prev fails for NaN; ±Infinity fails the finite check
    if (!(v >= prev) || !Number.isFinite(v)) return false;
    prev = v;
  }
  return true;
}

function isAscending(a: Float64Array): boolean {
  for (let i = 1; i < a.length; i++) if (!(a[i - 1]! <= a[i]!)) return false;
  return true;
}

/**
 * Sorts doubles ascending, in place (Float64Array's own sort is numeric; NaN last). Measured
 * against an LSD radix sort on the IEEE-754 bits: only ~1.5x slower at 1,000,000 values, so the
 * built-in one stays.
 */
export function sortFloat64(a: Float64Array): Float64Array {
  // Samples are stored sorted (ingest sorts them once): a linear check spares the sort, which
  // costs far more than the check even on sorted input.
  return isAscending(a) ? a : a.sort();
}

/**
 * Percentile of unsorted values (sorts a copy). For several percentiles of the same values,
 * sort once with `sortedCopy` and call `percentileSorted`.
 */
export function percentile(values: ArrayLike<number>, p: number): number | null {
  return percentileSorted(sortedCopy(values), p);
}

/**
 * Python's `round(x, ndigits)` for floats: the exact binary value rounded to `ndigits`
 * decimals, ties to even. `Number(x.toFixed(n))` agrees except on exact ties, where toFixed
 * rounds away from zero. Rally rounds its table cells with `round(value, 3)` and prints the
 * success rate with `"%.1f%%"` (same rule), so display code that must show Rally's digits
 * uses this.
 */
export function roundLikePython(x: number, ndigits: number): number {
  if (!Number.isFinite(x) || Math.abs(x) >= 1e21) return x;
  // toFixed(100) is the exact decimal expansion of any double >= 2^-47 (at most 99 fraction
  // digits); smaller values cannot be ties at the precisions used here.
  const exact = Math.abs(x).toFixed(100);
  const dot = exact.indexOf('.');
  const tail = exact.slice(dot + 1 + ndigits);
  if (tail[0] === '5' && /^50*$/.test(tail)) {
    // An exact tie: keep the even neighbour. `digits` is |x| * 10^ndigits truncated.
    const digits = exact.slice(0, dot) + exact.slice(dot + 1, dot + 1 + ndigits);
    let scaled = BigInt(digits);
    if (scaled % 2n === 1n) scaled += 1n;
    const s = scaled.toString().padStart(ndigits + 1, '0');
    const text = ndigits > 0 ? `${s.slice(0, -ndigits)}.${s.slice(-ndigits)}` : s;
    const result = Number(text);
    return x < 0 ? -result : result;
  }
  return Number(x.toFixed(ndigits));
}
