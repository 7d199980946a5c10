'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { Exploration } from '@/lib/exploreTypes';
import { useApi } from '../useApi';

export interface ExploreParams {
  metric?: string | null;
  x?: string | null;
  series?: string | null;
  facet?: string | null;
  scenario?: string | null;
}

/** `GET /api/explore` (docs/api.md): points per run, median lines, slopes, excluded runs. */
export function useExploreQuery(params: ExploreParams, options: { enabled?: boolean } = {}) {
  const { get } = useApi();
  const key = {
    metric: params.metric || null,
    x: params.x || null,
    series: params.series || null,
    facet: params.facet || null,
    scenario: params.scenario || null,
  };
  return useQuery({
    queryKey: ['explore', key],
    queryFn: ({ signal }) => get<Exploration>('/explore', key, signal),
    placeholderData: keepPreviousData,
    enabled: options.enabled ?? true,
  });
}
