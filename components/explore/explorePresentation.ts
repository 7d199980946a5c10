// Labels and groupings for the explorer's pickers and slope table (pure).
import type { ExploreMetricInfo } from '@/lib/exploreTypes';

export function metricGroup(id: string): string {
  if (id.startsWith('duration:') && id.endsWith(':total')) return 'Iteration duration';
  if (id.startsWith('duration:')) return 'Atomic actions';
  if (id.startsWith('metric:')) return 'Run metrics (summary tables)';
  return 'Workload';
}

export function groupMetrics(metrics: ExploreMetricInfo[]): [string, ExploreMetricInfo[]][] {
  const order = [
    'Run metrics (summary tables)',
    'Workload',
    'Iteration duration',
    'Atomic actions',
  ];
  const groups = new Map<string, ExploreMetricInfo[]>();
  for (const m of metrics) {
    const g = metricGroup(m.id);
    groups.set(g, [...(groups.get(g) ?? []), m]);
  }
  return [...groups.entries()].sort((a, b) => order.indexOf(a[0]) - order.indexOf(b[0]));
}

const PER: Record<string, string> = {
  sites: 'per site',
  rtt_ms: 'per ms of RTT',
  backend_nodes: 'per backend node',
  bus_nodes: 'per bus node',
  replication: 'per replica',
  computes: 'per compute node',
  concurrency: 'per concurrent iteration',
  times: 'per iteration asked',
};

/** "per site", "per ms of RTT", or the API's own wording. */
export function perUnit(xKey: string, apiUnit: string): string {
  return PER[xKey] ?? apiUnit;
}

const MINUS = '\u2212';

/** A slope value with sign and 3 significant digits: "+12.3", "−0.0041". */
export function formatSlope(v: number): string {
  if (!Number.isFinite(v)) return 'n/a';
  const a = Math.abs(v);
  const text =
    a === 0
      ? '0'
      : a >= 1000
        ? Math.round(a).toLocaleString('en-US')
        : String(Number(a.toPrecision(3)));
  return `${v < 0 ? MINUS : v > 0 ? '+' : ''}${text}`;
}

/** Plain value for ticks/tooltips: 3 significant digits below 1000. */
export function formatMetric(v: number): string {
  if (!Number.isFinite(v)) return 'n/a';
  const a = Math.abs(v);
  if (a === 0) return '0';
  if (a >= 1000) return Math.round(v).toLocaleString('en-US');
  return String(Number(v.toPrecision(4)));
}
