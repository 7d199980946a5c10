// The compare page's verdict for one metric of one workload: baseline versus contender
// (issue 5). Rules, also written out for users in docs/statistics.md:
//
//   * change   = median change of the contender relative to the baseline, in %;
//   * interval = 95 % percentile-bootstrap interval of that change (./bootstrap);
//   * p-value  = two-sided Mann-Whitney U test, normal approximation with tie and continuity
//                corrections, as SciPy's mannwhitneyu(method="asymptotic") (./mannWhitney);
//   * 'better' / 'worse' only when p < α (default 0.01) AND the interval excludes 0 AND both
//     point the same way (the interval's side of 0 and the test's direction, i.e. whether
//     contender values tend to be larger: U of the contender > n1·n2/2);
//     better = smaller when lowerIsBetter (durations, the default), larger otherwise;
//   * 'not testable' when a side has fewer than 2 values (e.g. one number from a summary CSV):
//     the change is still reported; or when the baseline median is 0 (no relative change);
//   * 'no significant change' otherwise.
// Non-finite values (NaN, ±Infinity: failed or missing measurements) are dropped first and
// counted in `dropped`.
//
// Groups of repetitions (`compareGroups`): with at least 3 runs on both sides the test runs on
// the per-run medians, so that run-to-run variance counts; otherwise on the pooled iterations.

import {
  bootstrapMedianChangeSorted,
  bootstrapMedians,
  DEFAULT_RESAMPLES,
  DEFAULT_SEED,
  median,
  relativeChange,
} from './bootstrap';
import { mannWhitneyMinPValue, mannWhitneyUSorted, type MannWhitneyResult } from './mannWhitney';
import { isSortedFinite, percentileSorted, sortedView } from './percentile';
import { normalizeSeed } from './random';

export type Verdict = 'better' | 'worse' | 'no significant change' | 'not testable';

export const DEFAULT_ALPHA = 0.01;
export const CONFIDENCE = 0.95;
/** Fewest values a side needs for a test (a single value has no spread). */
export const MIN_VALUES_FOR_TEST = 2;
/** Fewest runs on BOTH sides for testing per-run medians rather than pooled iterations. */
export const MIN_RUNS_FOR_PER_RUN_MEDIANS = 3;

export interface CompareOptions {
  /** Significance level of the Mann-Whitney test (default 0.01). */
  alpha?: number;
  /** Bootstrap seed (default 1). */
  seed?: number;
  /** Bootstrap resamples (default 2,000). */
  resamples?: number;
  /** Whether smaller values are better, as for durations (default true). */
  lowerIsBetter?: boolean;
}

export interface ChangeInterval {
  low: number;
  high: number;
  confidence: number;
  resamples: number;
  seed: number;
}

export interface SampleComparison {
  /** Values used per side (after dropping non-finite ones) and how many were dropped. */
  n: { baseline: number; contender: number };
  dropped: { baseline: number; contender: number };
  baselineMedian: number | null;
  contenderMedian: number | null;
  /** Change of the median in % of the baseline median; null if a side is empty or it is 0. */
  change: number | null;
  /** 95 % percentile-bootstrap interval of `change`, in %; null when not testable. */
  ci: ChangeInterval | null;
  /** Two-sided Mann-Whitney p-value; null when not testable. */
  pValue: number | null;
  /** The test's statistics, x = baseline, y = contender; null when not testable. */
  mannWhitney: MannWhitneyResult | null;
  /**
   * Smallest p-value the test can reach with these sample sizes (no ties). When it is ≥ α no
   * outcome could have been significant: `underpowered` is true and `reason` says so.
   */
  minPValue: number | null;
  underpowered: boolean;
  alpha: number;
  lowerIsBetter: boolean;
  verdict: Verdict;
  /** One sentence explaining the verdict, for a tooltip. */
  reason: string;
  /** How the numbers were computed, for the page's method note. */
  method: string;
}

/** The finite values; the input itself when it is a Float64Array with no NaN or ±Infinity. */
function finiteValues(values: ArrayLike<number>): Float64Array {
  let finite = 0;
  for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i] as number)) finite++;
  if (finite === values.length) {
    return values instanceof Float64Array ? values : Float64Array.from(values);
  }
  const out = new Float64Array(finite);
  let at = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (Number.isFinite(v)) out[at++] = v;
  }
  return out;
}

const fmtP = (p: number): string =>
  p < 1e-4 ? p.toExponential(1) : String(Number(p.toPrecision(2)));
const fmtPct = (x: number): string => `${x > 0 ? '+' : ''}${Number(x.toPrecision(3))} %`;

function methodText(opts: Required<CompareOptions>, basis: string): string {
  return (
    `Two-sided Mann-Whitney U test (normal approximation with tie and continuity corrections, ` +
    `as SciPy's mannwhitneyu(method="asymptotic")) at α = ${opts.alpha} on ${basis}; change of ` +
    `the median with a ${CONFIDENCE * 100} % percentile-bootstrap interval ` +
    `(${countText(opts.resamples)} resamples, seed ${opts.seed}). ` +
    `Better or worse only when p < α and the interval excludes 0 on the same side.`
  );
}

function resolve(opts: CompareOptions | undefined): Required<CompareOptions> {
  const alpha = opts?.alpha ?? DEFAULT_ALPHA;
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`alpha must be in (0, 1), got ${alpha}`);
  return {
    alpha,
    seed: normalizeSeed(opts?.seed ?? DEFAULT_SEED),
    resamples: opts?.resamples ?? DEFAULT_RESAMPLES,
    lowerIsBetter: opts?.lowerIsBetter ?? true,
  };
}

/** A side's finite values, sorted once: the median, the test and the bootstrap read them. */
interface Prepared {
  sorted: Float64Array;
  dropped: number;
  /** The bootstrap's resampled medians, when this is a baseline (drawn on first use). */
  medians?: Float64Array;
}

function prepare(values: ArrayLike<number>): Prepared {
  // Stored samples are sorted and finite: one pass tells, and they are used as they are.
  if (values instanceof Float64Array && isSortedFinite(values))
    return { sorted: values, dropped: 0 };
  const finite = finiteValues(values);
  return { sorted: sortedView(finite), dropped: values.length - finite.length };
}

function compareWithBasis(
  baseline: Prepared,
  contender: Prepared,
  o: Required<CompareOptions>,
  basisText: (nBaseline: number, nContender: number) => string,
): SampleComparison {
  const b = baseline.sorted;
  const c = contender.sorted;
  const basis = basisText(b.length, c.length);
  // b and c are sorted and finite (prepare): read them as they are from here on
  const baselineMedian = percentileSorted(b, 0.5);
  const contenderMedian = percentileSorted(c, 0.5);
  const change =
    baselineMedian !== null && contenderMedian !== null && baselineMedian !== 0
      ? relativeChange(baselineMedian, contenderMedian)
      : null;
  const base = {
    n: { baseline: b.length, contender: c.length },
    dropped: { baseline: baseline.dropped, contender: contender.dropped },
    baselineMedian,
    contenderMedian,
    change,
    alpha: o.alpha,
    lowerIsBetter: o.lowerIsBetter,
    minPValue: mannWhitneyMinPValue(b.length, c.length),
    method: methodText(o, basis),
  };
  const untestable = (reason: string): SampleComparison => ({
    ...base,
    ci: null,
    pValue: null,
    mannWhitney: null,
    underpowered: false,
    verdict: 'not testable',
    reason,
  });

  if (b.length < MIN_VALUES_FOR_TEST || c.length < MIN_VALUES_FOR_TEST) {
    const sides = [
      b.length < MIN_VALUES_FOR_TEST ? `baseline has ${b.length}` : null,
      c.length < MIN_VALUES_FOR_TEST ? `contender has ${c.length}` : null,
    ].filter(Boolean);
    return untestable(
      `Not testable: a test needs at least ${MIN_VALUES_FOR_TEST} values per side ` +
        `(${sides.join(', ')}; a single value, e.g. from a summary CSV, has no spread).`,
    );
  }
  if (baselineMedian === 0) {
    return untestable('Not testable: the baseline median is 0, so a relative change is undefined.');
  }

  const mw = mannWhitneyUSorted(b, c); // both sides non-empty and finite
  if (!Number.isInteger(o.resamples) || o.resamples < 1) {
    throw new RangeError(`resamples must be a positive integer, got ${o.resamples}`);
  }
  baseline.medians ??= bootstrapMedians(b, o.seed, o.resamples, 0);
  const boot = bootstrapMedianChangeSorted(b, c, {
    seed: o.seed,
    resamples: o.resamples,
    confidence: CONFIDENCE,
    baselineMedians: baseline.medians,
  });
  const ci: ChangeInterval | null = boot && {
    low: boot.low,
    high: boot.high,
    confidence: boot.confidence,
    resamples: boot.resamples,
    seed: boot.seed,
  };
  const p = mw.pValue;
  const underpowered = p >= o.alpha && (base.minPValue ?? 1) >= o.alpha;
  const result = { ...base, ci, pValue: p, mannWhitney: mw, underpowered };

  // Direction of the test: u2 is the contender's U; u2 > n1·n2/2 ⇔ contender tends larger.
  const testSays = Math.sign(mw.u2 - mw.u1);
  const ciSays = ci === null ? 0 : ci.low > 0 ? 1 : ci.high < 0 ? -1 : 0;
  const ciText = ci ? `[${fmtPct(ci.low)}, ${fmtPct(ci.high)}]` : 'n/a';

  if (p >= o.alpha) {
    const power = underpowered
      ? ` With ${b.length} and ${c.length} values the smallest p-value this test can give is ` +
        `${fmtP(base.minPValue ?? 1)}, so no difference could be declared at α = ${o.alpha}: ` +
        'add repetitions.'
      : '';
    return {
      ...result,
      verdict: 'no significant change',
      reason: `No significant change: p = ${fmtP(p)} ≥ α = ${o.alpha}.${power}`,
    };
  }
  if (ciSays === 0) {
    return {
      ...result,
      verdict: 'no significant change',
      reason: `No significant change: p = ${fmtP(p)} < α but the ${CONFIDENCE * 100} % interval ${ciText} includes 0.`,
    };
  }
  if (ciSays !== testSays) {
    return {
      ...result,
      verdict: 'no significant change',
      reason:
        `No significant change: p = ${fmtP(p)} < α and the interval ${ciText} excludes 0, but ` +
        'they point in opposite directions (the medians and the rank test disagree).',
    };
  }
  const larger = ciSays > 0;
  const verdict: Verdict = larger === o.lowerIsBetter ? 'worse' : 'better';
  return {
    ...result,
    verdict,
    reason:
      `${verdict === 'better' ? 'Better' : 'Worse'}: the median ${larger ? 'rose' : 'fell'} by ` +
      `${fmtPct(change ?? 0)}, interval ${ciText}, p = ${fmtP(p)} < α = ${o.alpha}.`,
  };
}

/**
 * Compares two samples (e.g. iteration durations of one action in two runs) and gives the
 * compare page's verdict. See the rules at the top of this file.
 */
export function compareSamples(
  baseline: ArrayLike<number>,
  contender: ArrayLike<number>,
  opts?: CompareOptions,
): SampleComparison {
  const o = resolve(opts);
  return compareWithBasis(
    prepare(baseline),
    prepare(contender),
    o,
    (nb, nc) => `${countText(nb)} vs ${countText(nc)} values`,
  );
}

/** 12345 → "12,345" (toLocaleString's output for integers, without its cost). */
function countText(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

export type ComparisonBasis = 'per-run medians' | 'pooled iterations';

export interface GroupComparison extends SampleComparison {
  /** What was tested: one median per run, or all iterations of all runs together. */
  basis: ComparisonBasis;
  /** Runs with at least one finite value, per side. */
  runs: { baseline: number; contender: number };
}

/**
 * Compares two groups of repetitions (each run given as its values, e.g. iteration durations).
 * With at least 3 runs holding values on BOTH sides, each run is reduced to its median and the
 * test and the interval use those per-run medians (so run-to-run variance counts, and the
 * change is that of the median of the run medians); otherwise all iterations of a side are
 * pooled. `basis` says which, and `method` spells it out for the page.
 */
export function compareGroups(
  baselineRuns: ReadonlyArray<ArrayLike<number>>,
  contenderRuns: ReadonlyArray<ArrayLike<number>>,
  opts?: CompareOptions,
): GroupComparison {
  const o = resolve(opts);
  const bRuns = baselineRuns.filter(hasFinite);
  const cRuns = contenderRuns.filter(hasFinite);
  const runs = { baseline: bRuns.length, contender: cRuns.length };
  const perRun =
    bRuns.length >= MIN_RUNS_FOR_PER_RUN_MEDIANS && cRuns.length >= MIN_RUNS_FOR_PER_RUN_MEDIANS;
  const basis: ComparisonBasis = perRun ? 'per-run medians' : 'pooled iterations';
  const side = (all: ReadonlyArray<ArrayLike<number>>, withValues: typeof all): Prepared =>
    prepare(perRun ? withValues.map((r) => median(finiteValues(r)) as number) : pool(all));
  // One baseline against many contenders (the compare page): prepared, and its bootstrap
  // medians drawn, once per baseline, basis and seed.
  const key = `${basis}|${o.seed}|${o.resamples}`;
  let cached = preparedBaselines.get(baselineRuns);
  if (!cached) {
    cached = new Map();
    preparedBaselines.set(baselineRuns, cached);
  }
  let b = cached.get(key);
  if (!b) {
    b = side(baselineRuns, bRuns);
    cached.set(key, b);
  }
  const res = compareWithBasis(b, side(contenderRuns, cRuns), o, (nb, nc) =>
    perRun
      ? `per-run medians (${nb} vs ${nc} runs; each side has at least ` +
        `${MIN_RUNS_FOR_PER_RUN_MEDIANS} repetitions, so run-to-run variance counts)`
      : `pooled iterations (${countText(nb)} vs ${countText(nc)} values from ${runs.baseline} vs ` +
        `${runs.contender} runs; fewer than ${MIN_RUNS_FOR_PER_RUN_MEDIANS} repetitions on a ` +
        'side, so run-to-run variance is not accounted for)',
  );
  return { ...res, basis, runs };
}

/** Baselines already prepared, by the array of runs given (callers never change it after). */
const preparedBaselines = new WeakMap<object, Map<string, Prepared>>();

/** Whether a run holds a finite value (stops at the first: stored samples are all finite). */
function hasFinite(values: ArrayLike<number>): boolean {
  for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i] as number)) return true;
  return false;
}

function pool(rs: ReadonlyArray<ArrayLike<number>>): ArrayLike<number> {
  // One run holding values (the others empty): its values as they are, not a copy.
  const withValues = rs.filter((r) => r.length > 0);
  if (withValues.length === 1) return withValues[0]!;
  const out = new Float64Array(rs.reduce((t, r) => t + r.length, 0));
  let at = 0;
  for (const r of rs) {
    out.set(r, at);
    at += r.length;
  }
  return out;
}
