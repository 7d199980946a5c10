// The JSON shape of GET /api/explore (docs/api.md), shared by the route and the explore page.

export interface ExploreMetricInfo {
  /** `duration:p50:total`, `metric:vm_creation_total`, `failure_rate`, `load_duration` … */
  id: string;
  label: string;
  unit: string;
}

export interface ExplorePoint {
  runId: string;
  runName: string;
  x: number | string;
  series: string;
  facet: string;
  value: number;
}

export interface ExploreLinePoint {
  x: number | string;
  /** Repetitions at this x. */
  n: number;
  median: number;
  /** 95 % bootstrap interval of the median over repetitions (null with fewer than 3). */
  low: number | null;
  high: number | null;
}

export interface ExploreLine {
  facet: string;
  series: string;
  points: ExploreLinePoint[];
  /** Least-squares slope of value vs x (numeric x only), per unit of x, with a 95 % bootstrap interval. */
  slope: { value: number; low: number | null; high: number | null; unit: string } | null;
}

export interface Exploration {
  metric: ExploreMetricInfo;
  x: { key: string; label: string; numeric: boolean };
  series: { key: string; label: string } | null;
  facet: { key: string; label: string } | null;
  scenario: string | null;
  points: ExplorePoint[];
  lines: ExploreLine[];
  /** Runs left out: no value for the metric, or an unknown x. */
  excluded: { runId: string; runName: string; reason: string }[];
  /** What can be picked (from the store's content). */
  available: { metrics: ExploreMetricInfo[]; scenarios: string[]; factors: { key: string; label: string }[] };
}
