'use client';

import { parseAsString, useQueryStates } from 'nuqs';

export const DEFAULT_ROWS = 'backend';
export const DEFAULT_COLS = 'sites';

/**
 * The design coverage grid, all in the URL:
 * `/coverage?rows=backend&cols=backend_nodes&campaign=e2e`. Empty means backend × sites over all runs.
 */
export function useCoverageState() {
  return useQueryStates(
    {
      rows: parseAsString.withDefault(DEFAULT_ROWS),
      cols: parseAsString.withDefault(DEFAULT_COLS),
      campaign: parseAsString,
    },
    { history: 'replace' },
  );
}
