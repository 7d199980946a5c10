// What the site × site matrices of the run page (SiteMatrixPanel) and of the compare page
// (compare/TrafficComparison) share: the hue of each kind of cell and how values are printed.
import { formatBytes, formatCount, formatNumber } from '@/lib/format';
import { type CellKind, compactCount, type MatrixMetric } from '@/lib/traffic';

export const MATRIX_METRICS: { value: MatrixMetric; label: string }[] = [
  { value: 'bytes', label: 'Bytes' },
  { value: 'messages', label: 'Messages' },
  { value: 'frames', label: 'Frames' },
];

export const MATRIX_HUES: Record<CellKind, { name: string; color: string; description: string }> = {
  wan: {
    name: 'WAN',
    color: 'var(--chart-1)',
    description: 'Between two different sites',
  },
  local: {
    name: 'Local',
    color: 'var(--chart-3)',
    description: 'Within one site (the diagonal)',
  },
  unmapped: {
    name: 'Unmapped',
    color: 'var(--chart-8)',
    description: 'One end has an address in no site',
  },
};

/**
 * A matrix value: bytes in SI units, counts with separators (`compact`: "22.9k", "1.2kB").
 * Means over several runs can be fractional: below 1,000 they keep up to one decimal.
 */
export function formatMatrixValue(metric: MatrixMetric, v: number, compact = false): string {
  if (metric === 'bytes') {
    const text =
      Math.abs(v) < 1000 ? `${formatNumber(v, Math.abs(v) < 10 ? 1 : 0)} B` : formatBytes(v);
    return compact ? text.replace(' ', '') : text;
  }
  if (compact && Math.abs(v) >= 10_000) return compactCount(v);
  return Number.isInteger(v) ? formatCount(v) : formatNumber(v, Math.abs(v) < 100 ? 1 : 0);
}

/** A signed difference: "+6.67 kB", "−1.32 kB", "0". */
export function formatMatrixDelta(metric: MatrixMetric, v: number, compact = false): string {
  if (v === 0) return '0';
  const text = formatMatrixValue(metric, Math.abs(v), compact);
  return `${v < 0 ? '\u2212' : '+'}${text}`;
}
