'use client';

import { useQuery } from '@tanstack/react-query';
import { ApiError, useApi } from '../useApi';

export type JobState = 'queued' | 'running' | 'done' | 'failed';

export interface JobMember {
  path: string;
  status: 'used' | 'skipped' | 'failed';
  parser: string | null;
  reason: string | null;
}

/** `GET /api/jobs/:id` (CONTRACT.md): one upload being ingested. */
export interface Job {
  id: string;
  state: JobState;
  /** 0..1 */
  progress: number;
  /** What the worker does now, e.g. "reading report.json". */
  stage: string;
  runs: string[];
  members: JobMember[];
  warnings: string[];
  error: { code: string; message: string; member: string | null } | null;
  /** ISO 8601; not in CONTRACT.md's required fields, so optional here. */
  createdAt?: string;
  updatedAt?: string;
}

export function isJobActive(state: JobState | undefined): boolean {
  return state === 'queued' || state === 'running';
}

/**
 * Follows an ingest job: polls every `interval` ms while it is queued or running, then stops
 * (a finished job never changes again).
 */
export function useJobQuery(
  jobId: string | null,
  { interval = 500, enabled = true }: { interval?: number; enabled?: boolean } = {},
) {
  const { get } = useApi();
  return useQuery({
    queryKey: ['jobs:detail', { jobId }],
    queryFn: ({ signal }) =>
      get<Job>(`/jobs/${encodeURIComponent(jobId ?? '')}`, undefined, signal),
    enabled: Boolean(jobId) && enabled,
    refetchInterval: (query) => {
      // An unknown job (404) will not appear later; a network blip while polling may pass.
      const err = query.state.error;
      if (err instanceof ApiError && err.status >= 400 && err.status < 500) return false;
      const data = query.state.data;
      return !data || isJobActive(data.state) ? interval : false;
    },
    refetchIntervalInBackground: true,
    staleTime: (query) => (isJobActive(query.state.data?.state) ? 0 : Number.POSITIVE_INFINITY),
  });
}
