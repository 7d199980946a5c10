// The streaming interface of the Rally parsers (see index.ts).

import type { Iteration, ParseWarning, RallyFormat, TaskMeta, WorkloadMeta } from '../model';

export interface RallySink {
  /** Consecutive iterations of the workload at `position` (0-based over the whole file), starting at index firstIndex. */
  iterations(position: number, batch: Iteration[], firstIndex: number): void | Promise<void>;
  /** The workload's JSON object closed; all its iterations were delivered before. */
  workloadEnd(position: number, meta: WorkloadMeta): void | Promise<void>;
  /** A task closed (new format: each task; old format: one synthetic task at the end, uuid null) with the positions of its workloads. */
  taskEnd(task: TaskMeta, positions: number[]): void | Promise<void>;
}

export interface RallyParseOptions {
  /** Iterations per `sink.iterations` call at most (default 1000). */
  batchSize?: number;
  /** Called after each chunk with the number of bytes read so far. */
  onProgress?: (bytesRead: number) => void;
}

export interface RallyParseResult {
  format: RallyFormat;
  /** `info.format_version` of the new format (1.0-1.2); null for the old format. */
  formatVersion: string | null;
  warnings: ParseWarning[];
}
