'use client';

import { useQuery } from '@tanstack/react-query';
import type { Run } from '@/lib/apiTypes';
import { useApi } from '../useApi';

export function useRunQuery(runId: string, options: { enabled?: boolean } = {}) {
  const { get } = useApi();
  return useQuery({
    queryKey: ['runs:detail', { runId }],
    queryFn: ({ signal }) => get<Run>(`/runs/${encodeURIComponent(runId)}`, undefined, signal),
    enabled: Boolean(runId) && (options.enabled ?? true),
  });
}
