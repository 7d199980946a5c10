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
  method: {
    alpha: number;
    confidence: number;
    resamples: number;
    seed: number;
    description: string;
  };
  factors: CompareFactorDiff[];
  warnings: string[];
  workloads: CompareWorkload[];
  /** Run metrics (summary tables, ombt…), same rows as workloads'. */
  metrics: CompareRow[];
  /** Traffic of the sides' captures; null when no side has a capture. */
  traffic: CompareTraffic | null;
  /** VM placement across sites; null when no side tells one. */
  placement: ComparePlacement | null;
}

// ---------------------------------------------------------------------------------------------
// Traffic and VM placement compared (issue 5). Sides are in the order of the comparison
// (baseline first); a side without captures (or without a placement) is `null`, never dropped.

/** The three quantities of a site × site matrix (lib/traffic's MatrixMetric). */
export interface CompareTrafficMatrices {
  /** values[src][dst], rows and columns in the order of `CompareTraffic.sites`. */
  bytes: number[][];
  frames: number[][];
  /** AMQP content messages, MySQL and Redis commands. */
  messages: number[][];
}

export interface CompareTrafficTotals {
  /** On-the-wire bytes and frames of the captures. */
  bytes: number;
  packets: number;
  /** AMQP content messages (Basic.Publish, Deliver, Get-Ok, Return). */
  amqpMessages: number;
  /** MySQL COM_QUERY. */
  mysqlQueries: number;
  /** Redis commands. */
  redisCommands: number;
  /** mysqlQueries + redisCommands. */
  dbQueries: number;
  /** Bytes between two different mapped sites, within one site, with an end outside every site. */
  wanBytes: number;
  localBytes: number;
  unmappedBytes: number;
}

export interface CompareTrafficSide {
  /** Runs of the side whose captures are counted; the numbers are per-run means over them. */
  runs: string[];
  /** Runs of the side with no capture (left out of the means). */
  runsWithout: string[];
  captures: number;
  matrix: CompareTrafficMatrices;
  /** Per service name (ports sharing a name add up), per-run mean. */
  services: { service: string; frames: number; bytes: number; messages: number }[];
  totals: CompareTrafficTotals;
  /**
   * Successful Rally iterations (iterations − failures) per run, mean over the captured runs
   * that have Rally workloads (`iterationRuns`); null when none has.
   */
  successfulIterations: number | null;
  iterationRuns: string[];
  /** Totals of those runs divided by their successful iterations; null without any. */
  perIteration: { amqpMessages: number; dbQueries: number; wanBytes: number } | null;
}

export interface CompareTraffic {
  /** Rows and columns of every matrix: the union of the sides' sites, `(unmapped)` last. */
  sites: string[];
  /** Every service seen on some side, most bytes first. */
  services: string[];
  /** How a side of several runs is summarised. */
  aggregation: 'per-run mean';
  /** One per side (baseline first); null for a side with no capture. */
  sides: (CompareTrafficSide | null)[];
  /** One per contender: contender − baseline; null when either has no capture. */
  differences: (CompareTrafficMatrices | null)[];
}

export interface ComparePlacementSide {
  /** Runs of the side that tell a placement; shares are per-run means over them. */
  runs: string[];
  runsWithout: string[];
  /** `metrics` (a summary table), `captures` (casts to compute.<host>), or both in a group. */
  source: 'metrics' | 'captures' | 'mixed';
  unit: string;
  /** Per site of `ComparePlacement.sites`: share of the instances in %, null for a site this
   *  side does not have. */
  shares: (number | null)[];
  values: (number | null)[];
  /** Share (%) of compute casts to hosts with no known site (captures only). */
  unmappedShare: number;
  unmapped: { host: string; value: number }[];
}

export interface ComparePlacement {
  /** Union of the sides' sites, natural order. */
  sites: string[];
  sides: (ComparePlacementSide | null)[];
  /** Per contender and site: share − baseline share, percentage points; null where either is. */
  differences: ((number | null)[] | null)[];
}

// ---------------------------------------------------------------------------------------------
// GET /api/groups: the groups of repetitions a comparison can take as sides.

export interface RunGroup {
  /** The fingerprint: a side of GET /api/compare. */
  id: string;
  /** As the compare page names a group: "3 repetitions of <first run>". */
  label: string;
  /** The oldest run's name. */
  name: string;
  /** The fingerprint factors (shared by every run of the group); null is unknown. */
  factors: Record<string, FactorValue>;
  /** How many of those factors are known: 0 means runs that state nothing, grouped only because
   *  every factor is unknown on all of them (not necessarily repetitions). */
  knownFactors: number;
  runCount: number;
  /** Oldest first: exactly the runs `GET /api/compare?baseline=fp_…` pools. */
  runIds: string[];
  campaigns: { id: string; name: string }[];
  scenarios: string[];
  /** Newest run's creation time. */
  lastCreatedAt: string;
}

export interface GroupList {
  groups: RunGroup[];
  total: number;
  page: number;
  pageSize: number;
  campaign: { id: string; name: string } | null;
}
