'use client';

import { parseAsString, parseAsStringLiteral, useQueryStates } from 'nuqs';

export const RUN_TABS = ['overview', 'details', 'failures', 'config'] as const;
export type RunTab = (typeof RUN_TABS)[number];

/**
 * The run page view, in the URL: `/runs/run_…?w=wl_…&tab=details&bins=rice&atomics=lines&hm=…`.
 * `w` (workload) and `tab` push history entries so Back returns to the previous view; chart
 * options replace the current one.
 */
export function useRunViewState() {
  return useQueryStates(
    {
      w: parseAsString,
      /** Run-level section: Rally workloads, the traffic of the run's captures, or the
       *  topology (sites, services, links, VM placement). */
      section: parseAsStringLiteral(['workloads', 'traffic', 'topology'] as const).withDefault(
        'workloads',
      ),
      tab: parseAsStringLiteral(RUN_TABS).withDefault('overview'),
      bins: parseAsStringLiteral(['sqrt', 'sturges', 'rice'] as const).withDefault('sqrt'),
      atomics: parseAsStringLiteral(['stacked', 'lines'] as const).withDefault('stacked'),
      /** Histogram metric: empty = iteration duration, else an atomic action name. */
      hm: parseAsString,
    },
    { history: 'replace' },
  );
}
