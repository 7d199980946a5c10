// The JSON shapes of the HTTP API (../shared/CONTRACT.md). Shared by the route handlers, the
// CLI's export and the pages. Times are epoch seconds unless the key ends in `At` (ISO 8601).

export type FactorValue = string | number | boolean | Record<string, unknown> | unknown[] | null;

export interface Factor {
  value: FactorValue;
  /** Where the value came from, e.g. `reservation.yml:topology`; null when unknown. */
  source: string | null;
}

/** A row of Rally's "Total durations" table. Values are null where Rally prints "n/a". */
export interface StatsRow {
  name: string;
  count: number;
  /** Percent of iterations where the action succeeded (0..100), null when count is 0. */
  success: number | null;
  min: number | null;
  median: number | null;
  p90: number | null;
  p95: number | null;
  max: number | null;
  mean: number | null;
  children: StatsRow[];
}

export interface WorkloadStats {
  actions: StatsRow[];
  /** Children: `duration` and `idle_duration`. */
  total: StatsRow;
}

export interface SlaResult {
  criterion: string;
  success: boolean;
  detail: string;
}

export interface Workload {
  id: string;
  /** Rally task this workload came from. */
  task: { uuid: string | null; title: string | null };
  position: number;
  scenario: string;
  args: Record<string, unknown>;
  runner: { type: string } & Record<string, unknown>;
  contexts: Record<string, unknown>;
  slaConfig: Record<string, unknown>;
  sla: SlaResult[];
  hooks: unknown[];
  loadDuration: number | null;
  fullDuration: number | null;
  startTime: number | null;
  iterations: number;
  failures: number;
  stats: WorkloadStats;
  /** False when the iterations come from a Rally HTML report, which keeps no timestamps. */
  timestampsKnown: boolean;
}

export interface Metric {
  name: string;
  value: number;
  unit: string;
}

export interface Source {
  path: string;
  sha256: string;
  parser: string;
}

export interface Capture {
  id: string;
  file: string;
  packets: number;
  bytes: number;
  firstTime: number | null;
  lastTime: number | null;
  undecoded: number;
  [key: string]: unknown;
}

export interface Run {
  id: string;
  name: string;
  campaign: { id: string; name: string } | null;
  fingerprint: string;
  createdAt: string;
  sources: Source[];
  factors: Record<string, Factor>;
  metrics: Metric[];
  workloads: Workload[];
  captures: Capture[];
  /** What the experiment files measured or described besides Rally: sites (reservation),
   *  services and hosts (inventory), rtt (fping, per site pair), addressSites (descriptor). */
  measurements: Record<string, unknown>;
  /** How the run's VMs spread over sites, when it tells (metrics `vms@<site>`, or captures). */
  vmPlacement: {
    source: 'metrics' | 'captures';
    unit: string;
    sites: { site: string; value: number; share: number }[];
    unmapped: { host: string; value: number }[];
  } | null;
}

export interface RunSummary {
  id: string;
  name: string;
  campaign: { id: string; name: string } | null;
  fingerprint: string;
  createdAt: string;
  factors: Record<string, Factor>;
  scenarios: string[];
  workloads: number;
  iterations: number;
  failures: number;
  /** Sum of the workloads' full durations, seconds; null when none has one. */
  duration: number | null;
  /** Start of the first workload, epoch seconds. */
  startTime: number | null;
  captures: number;
}

export interface RunList {
  runs: RunSummary[];
  total: number;
  page: number;
  pageSize: number;
}

export interface AtomicOut {
  name: string;
  startedAt: number | null;
  finishedAt: number | null;
  /** Seconds; always present (the old Rally format only has this). */
  duration: number;
  failed: boolean;
  children: AtomicOut[];
}

export interface IterationOut {
  i: number;
  timestamp: number;
  duration: number;
  idleDuration: number;
  error: { type: string; message: string; traceback: string } | null;
  atomics: AtomicOut[];
}

export interface IterationPage {
  total: number;
  data: IterationOut[];
}

export interface ApiErrorBody {
  error: { code: string; message: string; status: number };
}
