'use client';

import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import type { IterationPage } from '@/lib/apiTypes';
import { useApi } from '../useApi';

/** Series for charts: at most about `points` iterations, min/max preserving (CONTRACT.md). */
export function useIterationsQuery(
  { runId, workloadId, points }: { runId: string; workloadId: string | null; points: number },
  options: { enabled?: boolean } = {},
) {
  const { get } = useApi();
  return useQuery({
    queryKey: ['runs:iterations', { runId, workloadId, points }],
    queryFn: ({ signal }) =>
      get<IterationPage>(
        `/runs/${encodeURIComponent(runId)}/workloads/${encodeURIComponent(workloadId ?? '')}/iterations`,
        { points },
        signal,
      ),
    enabled: Boolean(runId && workloadId) && (options.enabled ?? true),
    staleTime: Number.POSITIVE_INFINITY, // iterations of a stored run never change
  });
}

/** Every iteration, page after page of `limit` (the failures table scans them). */
export function useIterationPagesQuery(
  { runId, workloadId, limit }: { runId: string; workloadId: string | null; limit: number },
  options: { enabled?: boolean } = {},
) {
  const { get } = useApi();
  return useInfiniteQuery({
    queryKey: ['runs:iterations', { runId, workloadId, limit, pages: true }],
    queryFn: ({ pageParam, signal }) =>
      get<IterationPage>(
        `/runs/${encodeURIComponent(runId)}/workloads/${encodeURIComponent(workloadId ?? '')}/iterations`,
        { from: pageParam, limit },
        signal,
      ),
    initialPageParam: 0,
    getNextPageParam: (last, pages) => {
      const seen = pages.length * limit;
      return seen < last.total ? seen : undefined;
    },
    enabled: Boolean(runId && workloadId) && (options.enabled ?? true),
    staleTime: Number.POSITIVE_INFINITY,
  });
}
