'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { RunList } from '@/lib/apiTypes';
import { type QueryParams, useApi } from '../useApi';

export type RunsQueryParams = QueryParams & {
  q?: string | null;
  page?: number | null;
  pageSize?: number | null;
  sort?: string | null;
};

export function useRunsQuery(params: RunsQueryParams, options: { enabled?: boolean } = {}) {
  const { get } = useApi();
  return useQuery({
    queryKey: ['runs', params],
    queryFn: ({ signal }) => get<RunList>('/runs', params, signal),
    placeholderData: keepPreviousData,
    ...options,
  });
}
