'use client';

import { keepPreviousData, useQueries, useQuery } from '@tanstack/react-query';
import type { IterationPage } from '@/lib/apiTypes';
import type { Comparison } from '@/lib/compareTypes';
import { useApi } from '../useApi';

/** `GET /api/compare` (docs/api.md): needs a baseline and at least one contender. */
export function useCompareQuery(
  { baseline, contenders, seed }: { baseline: string | null; contenders: string[]; seed: number },
  options: { enabled?: boolean } = {},
) {
  const { get } = useApi();
  return useQuery({
    queryKey: ['compare', { baseline, contenders, seed }],
    queryFn: ({ signal }) =>
      get<Comparison>(
        '/compare',
        { baseline, contenders: contenders.join(','), seed: seed === 1 ? null : seed },
        signal,
      ),
    enabled: Boolean(baseline) && contenders.length > 0 && (options.enabled ?? true),
    placeholderData: keepPreviousData,
    // The numbers of stored runs do not change; a new ingest only adds runs to a group.
    staleTime: 5 * 60_000,
  });
}

/** Iterations of several (run, workload) pairs, at most `points` each (CONTRACT.md). */
export function useIterationsQueries(
  pairs: { runId: string; workloadId: string | null }[],
  points: number,
) {
  const { get } = useApi();
  return useQueries({
    queries: pairs.map(({ runId, workloadId }) => ({
      queryKey: ['runs:iterations', { runId, workloadId, points }],
      queryFn: ({ signal }: { signal: AbortSignal }) =>
        get<IterationPage>(
          `/runs/${encodeURIComponent(runId)}/workloads/${encodeURIComponent(workloadId ?? '')}/iterations`,
          { points },
          signal,
        ),
      enabled: Boolean(workloadId),
      staleTime: Number.POSITIVE_INFINITY,
    })),
  });
}
