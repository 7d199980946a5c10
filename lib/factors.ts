// The experiment factors of a run, one spelling everywhere (DOMAIN.md, "Factors and metrics").
import { z } from 'zod';
import type { Factor, FactorValue } from './apiTypes';

const int = z.coerce.number().int().nonnegative();
const num = z.coerce.number().nonnegative();
const name = z.string().trim().min(1).toLowerCase();
const text = z.string().trim().min(1);

const linkSchema = z.object({
  src: z.string(),
  dst: z.string(),
  delay_ms: z.number().nullable(),
  rate_mbit: z.number().nullable(),
  loss_pct: z.number().nullable(),
});

export const FACTORS = {
  backend: { label: 'Backend', schema: name, fingerprint: true },
  backend_nodes: { label: 'Backend nodes', schema: int, fingerprint: true },
  replication: { label: 'Replication', schema: int, fingerprint: true },
  bus: { label: 'Bus', schema: name, fingerprint: true },
  bus_nodes: { label: 'Bus nodes', schema: int, fingerprint: true },
  sites: { label: 'Sites', schema: int, fingerprint: true },
  rtt_ms: { label: 'RTT (ms)', schema: num, fingerprint: true },
  latency: { label: 'Latency', schema: z.array(linkSchema), fingerprint: true },
  placement: {
    label: 'Placement',
    schema: z.record(z.string(), z.string()),
    fingerprint: true,
  },
  computes: { label: 'Computes', schema: int, fingerprint: true },
  openstack_release: { label: 'OpenStack release', schema: text, fingerprint: false },
  rally_version: { label: 'Rally version', schema: text, fingerprint: false },
  tags: { label: 'Tags', schema: z.array(z.string()), fingerprint: false },
} as const;

export type FactorKey = keyof typeof FACTORS;
export const FACTOR_KEYS = Object.keys(FACTORS) as FactorKey[];
/** Factors that are single scalars: usable as filters, table columns and chart axes. */
export const SCALAR_FACTORS: FactorKey[] = [
  'backend',
  'backend_nodes',
  'replication',
  'bus',
  'bus_nodes',
  'sites',
  'rtt_ms',
  'computes',
  'openstack_release',
  'rally_version',
];

export function isFactorKey(key: string): key is FactorKey {
  return Object.hasOwn(FACTORS, key);
}

/**
 * Parses a factor value given as text (`--set sites=4`, a form field, a CSV cell).
 * Structured factors (latency, placement, tags) take JSON; tags also take `a,b`.
 * The empty string and `unknown` mean unknown (null).
 */
export function parseFactorText(key: FactorKey, raw: string): FactorValue {
  const trimmed = raw.trim();
  if (trimmed === '' || trimmed.toLowerCase() === 'unknown' || trimmed.toLowerCase() === 'null') {
    return null;
  }
  let input: unknown = trimmed;
  if (key === 'latency' || key === 'placement') input = JSON.parse(trimmed);
  if (key === 'tags') input = trimmed.startsWith('[') ? JSON.parse(trimmed) : trimmed.split(',');
  return parseFactorValue(key, input);
}

/** Validates and normalises a factor value; throws a ZodError naming what was expected. */
export function parseFactorValue(key: FactorKey, value: unknown): FactorValue {
  if (value === null || value === undefined) return null;
  return FACTORS[key].schema.parse(value) as FactorValue;
}

/** Every factor key, unknown ones as `{value: null, source: null}`. */
export function completeFactors(
  known: Partial<Record<FactorKey, Factor>>,
): Record<FactorKey, Factor> {
  const out = {} as Record<FactorKey, Factor>;
  for (const key of FACTOR_KEYS) out[key] = known[key] ?? { value: null, source: null };
  return out;
}

/** Canonical JSON (sorted keys) so equal values give equal fingerprints. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** What goes into the fingerprint: every fingerprint factor, unknown as "unknown". */
export function fingerprintInput(factors: Partial<Record<FactorKey, Factor>>): string {
  const parts: Record<string, unknown> = {};
  for (const key of FACTOR_KEYS) {
    if (!FACTORS[key].fingerprint) continue;
    parts[key] = factors[key]?.value ?? 'unknown';
  }
  return canonicalJson(parts);
}

export function formatFactorValue(value: FactorValue): string {
  if (value === null) return 'unknown';
  if (typeof value === 'object') return canonicalJson(value);
  return String(value);
}
