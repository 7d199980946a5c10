// Normalized types every parser produces. Pure data: no database, no Node APIs.
// Times are epoch seconds, durations seconds (CONTRACT.md). Unknown values are null.

import type { WorkloadStats } from '../lib/apiTypes';

export interface IterationError {
  type: string;
  message: string;
  traceback: string;
}

/** One atomic action of an iteration. The old Rally format has durations only (no start/end). */
export interface Atomic {
  name: string;
  startedAt: number | null;
  finishedAt: number | null;
  /** finishedAt - startedAt, or the old format's value. */
  duration: number;
  failed: boolean;
  children: Atomic[];
}

export interface Iteration {
  timestamp: number;
  duration: number;
  idleDuration: number;
  error: IterationError | null;
  atomics: Atomic[];
  /** Rally's `output` ({additive, complete}) when present, else null. */
  output: unknown;
}

export interface SlaResult {
  criterion: string;
  success: boolean;
  detail: string;
}

export type RallyFormat = 'rally-old-json' | 'rally-v2-json' | 'rally-html';

/** Everything about a Rally workload except its iterations (which stream). */
export interface WorkloadMeta {
  uuid: string | null;
  /** Order of the workload in its file (0-based, over all tasks/subtasks). */
  position: number;
  scenario: string;
  args: Record<string, unknown>;
  runner: { type: string } & Record<string, unknown>;
  contexts: Record<string, unknown>;
  /** SLA configuration as given in the task. */
  sla: Record<string, unknown>;
  slaResults: SlaResult[];
  /** Hook configurations and results as Rally wrote them (normalized error shape). */
  hooks: unknown[];
  startTime: number | null;
  loadDuration: number | null;
  fullDuration: number | null;
  /** As Rally reported it (new format), else null. */
  totalIterationCount: number | null;
  failedIterationCount: number | null;
  createdAt: string | null;
  /**
   * false: the iterations' `timestamp` is not known (Rally HTML reports keep no start times)
   * and holds 0, a placeholder; do not plot or sum it. Absent or true: real epoch seconds.
   */
  timestampsKnown?: boolean;
  /**
   * Rally's own "Total durations" table as the input reported it (HTML report: `table`),
   * numbers as Rally printed them (rounded to 3 decimals, success to 0.1 %), "n/a" → null.
   * The only statistics of a workload whose iterations the input does not hold.
   */
  reportedStats?: WorkloadStats;
}

export interface TaskMeta {
  uuid: string | null;
  title: string | null;
  tags: string[];
  envName: string | null;
  rallyVersion: string | null;
  formatVersion: string | null;
  createdAt: string | null;
}

/** A recoverable problem: the parse goes on. `at` is a JSON path or a byte offset. */
export interface ParseWarning {
  message: string;
  at?: string;
}
