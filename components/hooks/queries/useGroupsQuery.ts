'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { GroupList } from '@/lib/compareTypes';
import { type QueryParams, useApi } from '../useApi';

export type GroupsQueryParams = QueryParams & {
  q?: string | null;
  campaign?: string | null;
  minRuns?: number | null;
  page?: number | null;
  pageSize?: number | null;
};

/** `GET /api/groups` (docs/api.md): the groups of repetitions (fp_…) a comparison can take. */
export function useGroupsQuery(params: GroupsQueryParams, options: { enabled?: boolean } = {}) {
  const { get } = useApi();
  return useQuery({
    queryKey: ['groups', params],
    queryFn: ({ signal }) => get<GroupList>('/groups', params, signal),
    placeholderData: keepPreviousData,
    ...options,
  });
}
