'use client';

import { parseAsArrayOf, parseAsInteger, parseAsString, useQueryStates } from 'nuqs';
import { FILTER_FACTORS } from '@/components/runs/factorKeys';

export const DEFAULT_SORT = '-created';
export const PAGE_SIZE = 25;

const factorParsers = Object.fromEntries(FILTER_FACTORS.map((k) => [k, parseAsString])) as Record<
  (typeof FILTER_FACTORS)[number],
  typeof parseAsString
>;

/**
 * The runs list view, all in the URL (`/?q=…&sort=-created&backend=redis&page=2&sel=run_a,run_b`)
 * so that a reload or a pasted link reproduces it.
 */
export function useRunsListState() {
  return useQueryStates(
    {
      q: parseAsString.withDefault(''),
      page: parseAsInteger.withDefault(1),
      sort: parseAsString.withDefault(DEFAULT_SORT),
      scenario: parseAsString,
      sel: parseAsArrayOf(parseAsString).withDefault([]),
      ...factorParsers,
    },
    { history: 'replace' },
  );
}
