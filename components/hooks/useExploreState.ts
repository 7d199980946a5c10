'use client';

import { parseAsString, parseAsStringLiteral, useQueryStates } from 'nuqs';

export const SCALES = ['lin', 'log'] as const;
export type Scale = (typeof SCALES)[number];

/**
 * The factor explorer, all in the URL (issue 6, "URL state"):
 * `/explore?metric=metric:vm_creation_total&x=backend_nodes&series=backend&facet=sites&scale=log`.
 * Empty means the API's default (metric duration:p50:total, x sites, no series, no facet).
 */
export function useExploreState() {
  return useQueryStates(
    {
      metric: parseAsString,
      x: parseAsString,
      series: parseAsString,
      facet: parseAsString,
      scenario: parseAsString,
      scale: parseAsStringLiteral(SCALES).withDefault('lin'),
    },
    { history: 'replace' },
  );
}
