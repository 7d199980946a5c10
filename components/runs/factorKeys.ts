// Factor keys of DOMAIN.md, in the order the pages show them. Labels come from lib/factors.ts.

import { FACTOR_KEYS, FACTORS, isFactorKey, SCALAR_FACTORS } from '@/lib/factors';

/** DOMAIN.md order. */
export const FACTOR_ORDER: readonly string[] = FACTOR_KEYS;

/** Factors with scalar values, offered as filters on the runs list (URL parameter = key). */
export const FILTER_FACTORS = SCALAR_FACTORS;
export type FilterFactor = (typeof FILTER_FACTORS)[number];

/** Factor columns of the runs table. */
export const COLUMN_FACTORS = ['backend', 'sites', 'rtt_ms', 'bus'] as const;

export function factorLabel(key: string): string {
  return isFactorKey(key) ? FACTORS[key].label : key.replace(/_/g, ' ');
}

/** Sort factor keys: known ones in DOMAIN.md order, then the others alphabetically. */
export function sortFactorKeys(keys: string[]): string[] {
  const rank = (k: string) => {
    const i = FACTOR_ORDER.indexOf(k);
    return i < 0 ? FACTOR_ORDER.length : i;
  };
  return [...keys].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

/** The value used in filters and URLs: the scalar as text, "unknown" for null. */
export const UNKNOWN = 'unknown';
