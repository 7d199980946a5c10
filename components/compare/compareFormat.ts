import { formatNumber, formatSecondsAuto } from '@/lib/format';

// Formatting of the compare page's statistics: changes in %, intervals, p-values.

const MINUS = '\u2212';

/** Three significant digits, never in exponent notation: 1.5528 → "1.55", 28.26 → "28.3". */
function sig3(a: number): string {
  if (a === 0) return '0';
  if (a >= 100) return String(Math.round(a));
  if (a < 0.001) return '<0.001';
  return String(Number(a.toPrecision(3)));
}

/** A signed change in %: "+1.55 %", "+28.3 %", "−7.45 %", "0 %". */
export function formatChange(value: number | null | undefined, unit = ' %'): string {
  if (value == null || !Number.isFinite(value)) return 'n/a';
  const s = sig3(Math.abs(value));
  if (s === '0') return `0${unit}`;
  return `${value < 0 ? MINUS : '+'}${s}${unit}`;
}

/** The 95 % interval of a change: "[−0.08, +0.09] %". */
export function formatInterval(ci: { low: number; high: number } | null | undefined): string {
  if (!ci) return 'n/a';
  return `[${formatChange(ci.low, '')}, ${formatChange(ci.high, '')}] %`;
}

/** A p-value: "0.0042", "0.31", "1", "< 0.0001". */
export function formatP(p: number | null | undefined): string {
  if (p == null || !Number.isFinite(p)) return 'n/a';
  if (p < 1e-4) return '< 0.0001';
  return String(Number(p.toPrecision(2)));
}

/**
 * A value for tables and tooltips: seconds like Rally's table (3 decimals, 3 significant digits
 * below 0.1 s); whole numbers (summary tables: "322") as they were given.
 */
export function formatValue(value: number | null | undefined, unit: string): string {
  if (value == null || !Number.isFinite(value)) return 'n/a';
  if (Number.isInteger(value)) return formatNumber(value, 0);
  if (unit === 's') return formatSecondsAuto(value);
  return formatNumber(value, 3);
}

/** Row name → last segment: `total > duration` → `duration`. */
export function rowLeaf(name: string): string {
  const parts = name.split(' > ');
  return parts[parts.length - 1] ?? name;
}

/** Compact text for a Rally args/runner object: `sleep=0.01, times=50`. */
export function compactArgs(obj: Record<string, unknown>, skip: string[] = []): string {
  return Object.entries(obj)
    .filter(([k]) => !skip.includes(k))
    .map(([k, v]) => `${k}=${typeof v === 'object' ? JSON.stringify(v) : String(v)}`)
    .join(', ');
}

const SHORT_FACTOR: Record<string, (v: string) => string> = {
  backend: (v) => v,
  bus: (v) => v,
  sites: (v) => `${v} site${v === '1' ? '' : 's'}`,
  rtt_ms: (v) => `RTT ${v} ms`,
  backend_nodes: (v) => `${v} DB node${v === '1' ? '' : 's'}`,
  bus_nodes: (v) => `${v} bus node${v === '1' ? '' : 's'}`,
  replication: (v) => `replication ${v}`,
  computes: (v) => `${v} computes`,
};

/**
 * A group's label from what sets it apart (the differing factors): "redis · 4 sites" reads
 * better in a legend than "3 repetitions of redis-4sites-rep1.json". Runs keep their names.
 */
export function sideDisplayLabel(
  side: {
    kind: 'run' | 'group';
    label: string;
    runs: unknown[];
    factors: Record<string, { value: unknown }>;
  },
  differing: string[],
): string {
  if (side.kind !== 'group' || differing.length === 0) return side.label;
  const parts: string[] = [];
  for (const k of differing) {
    const v = side.factors[k]?.value;
    if (v == null || typeof v === 'object') continue;
    const text = String(v);
    parts.push(SHORT_FACTOR[k]?.(text) ?? `${k.replace(/_/g, ' ')} ${text}`);
  }
  return parts.length ? parts.join(' · ') : side.label;
}
