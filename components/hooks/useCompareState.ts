'use client';

import {
  parseAsArrayOf,
  parseAsInteger,
  parseAsString,
  parseAsStringLiteral,
  useQueryStates,
} from 'nuqs';

export const CHART_KINDS = ['ecdf', 'box'] as const;
export type ChartKind = (typeof CHART_KINDS)[number];

/** `w` value that selects the run-level metrics table instead of a workload. */
export const METRICS_KEY = 'metrics';

/**
 * The compare view, all in the URL (issue 6, "URL state"):
 * `/compare?baseline=run_a&contenders=run_b,fp_c&w=<workload key>&row=total&chart=box&seed=7`.
 * Sides push history entries (Back undoes an added or removed side); the rest replaces.
 */
export function useCompareState() {
  return useQueryStates(
    {
      baseline: parseAsString,
      contenders: parseAsArrayOf(parseAsString).withDefault([]),
      /** Selected workload (its match key) or `metrics`. */
      w: parseAsString,
      /** Selected row of that workload's table (`total`, `nova.boot_server`, `a > b`). */
      row: parseAsString,
      chart: parseAsStringLiteral(CHART_KINDS).withDefault('ecdf'),
      seed: parseAsInteger.withDefault(1),
    },
    { history: 'replace' },
  );
}
