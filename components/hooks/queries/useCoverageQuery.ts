'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useApi } from '../useApi';

/** The JSON shape of `GET /api/coverage` (docs/api.md). */
export interface CoverageAxis {
  key: string;
  label: string;
  /** Factor values as text, `unknown` last. */
  values: string[];
}

export interface CoverageCell {
  row: string;
  col: string;
  /** Run ids in this combination (the repetitions). */
  runs: string[];
  /** Distinct fingerprints among them. */
  groups: number;
}

export interface Coverage {
  rows: CoverageAxis;
  cols: CoverageAxis;
  cells: CoverageCell[];
  campaign: { id: string; name: string } | null;
}

export interface CoverageParams {
  rows?: string | null;
  cols?: string | null;
  campaign?: string | null;
}

/** `GET /api/coverage`: the design grid of two factors, empty cells included. */
export function useCoverageQuery(params: CoverageParams, options: { enabled?: boolean } = {}) {
  const { get } = useApi();
  const key = {
    rows: params.rows || null,
    cols: params.cols || null,
    campaign: params.campaign || null,
  };
  return useQuery({
    queryKey: ['coverage', key],
    queryFn: ({ signal }) => get<Coverage>('/coverage', key, signal),
    placeholderData: keepPreviousData,
    enabled: options.enabled ?? true,
  });
}
