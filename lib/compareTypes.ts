// The JSON shape of GET /api/compare (docs/api.md), shared by the route and the compare page.
import type { Factor, FactorValue } from './apiTypes';
import type { BoxStats } from './stats/distribution';

export interface CompareSide {
  /** The id as given: `run_…` or `fp_…`. */
  id: string;
  kind: 'run' | 'group';
  label: string;
  runs: { id: string; name: string }[];
  /** The factors of the side (a group's runs share the fingerprint factors). */
  factors: Record<string, Factor>;
}

export interface CompareRowSide {
  /** Values pooled over the side's runs. */
  n: number;
  /** Runs of the side with values. */
  runs: number;
  success: number | null;
  min: number | null;
  median: number | null;
  p95: number | null;
  mean: number | null;
  max: number | null;
  box: BoxStats | null;
  /** Empirical CDF, at most 64 points: [value, cumulative share]. */
  ecdf: [number, number][];
}

export interface CompareVerdict {
  /** Change of the median vs the baseline, %. */
  change: number | null;
  ci: { low: number; high: number } | null;
  pValue: number | null;
  verdict: 'better' | 'worse' | 'no significant change' | 'not testable';
  /** What was tested: per-run medians (≥ 3 runs a side) or pooled iterations. */
  basis: string;
  reason: string;
  underpowered: boolean;
}

export interface CompareRow {
  /** Path in Rally's table: `nova.boot_server`, `a > b`, `total`, `total > duration`. */
  name: string;
  depth: number;
  unit: string;
  /** One per side (baseline first), null where the side has no such row. */
  sides: (CompareRowSide | null)[];
  /** One per contender. */
  comparisons: (CompareVerdict | null)[];
}

export interface CompareWorkload {
  key: string;
  scenario: string;
  args: Record<string, unknown>;
  runner: Record<string, unknown>;
  /** Which sides have this workload (baseline first). */
  present: boolean[];
  /** Per side, the run and workload ids it was found in (for the iterations endpoint). */
  workloads: { runId: string; workloadId: string }[][];
  rows: CompareRow[];
}

export interface CompareFactorDiff {
  key: string;
  label: string;
  /** One per side; a group whose runs disagree shows the distinct values. */
  values: (FactorValue | FactorValue[])[];
  differs: boolean;
  inFingerprint: boolean;
}

export interface Comparison {
  baseline: CompareSide;
  contenders: CompareSide[];
  method: { alpha: number; confidence: number; resamples: number; seed: number; description: string };
  factors: CompareFactorDiff[];
  warnings: string[];
  workloads: CompareWorkload[];
  /** Run metrics (summary tables, ombt…), same rows as workloads'. */
  metrics: CompareRow[];
}
