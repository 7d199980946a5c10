// The old Rally format, `rally task results` (EnOS <= 3.x): a JSON list of workloads
// `{key: {name, pos, kw: {args, runner, context, sla, hooks}}, result: [iteration], sla,
// hooks, load_duration, full_duration, created_at?}`. Reference: Rally 3.3
// rally/plugins/task/exporters/old_json_results.py (writer) and
// rally/cli/task_results_loader.py `_update_old_results` (Rally's own old→new conversion).
//
// `result` is streamed in batches; the rest of each workload is validated when its object
// closes. Positions are the workloads' indexes in the top-level list.

import { RallyContentError } from '../core/errors';
import { splitJson } from '../core/jsonStream';
import type { ByteSource } from '../core/source';
import type { Iteration, ParseWarning, TaskMeta, WorkloadMeta } from '../model';
import { check, legacyIteration, normalizeCreatedAt, normalizeHooks } from './normalize';
import { LegacyWorkloadSchema } from './schema';
import type { RallyParseOptions, RallySink } from './types';

export async function parseLegacyResults(
  source: ByteSource,
  sink: RallySink,
  opts: RallyParseOptions = {},
): Promise<{ formatVersion: null; warnings: ParseWarning[] }> {
  const warnings: ParseWarning[] = [];
  const positions: number[] = [];
  const startTimes = new Map<number, number>();

  const { root } = await splitJson(
    source,
    {
      async items(path, raw, firstIndex) {
        const position = path[0] as number;
        const batch: Iteration[] = new Array(raw.length);
        let start = startTimes.get(position) ?? Number.POSITIVE_INFINITY;
        for (let j = 0; j < raw.length; j++) {
          const it = legacyIteration(raw[j], path, firstIndex + j);
          if (it.timestamp < start) start = it.timestamp;
          batch[j] = it;
        }
        startTimes.set(position, start);
        await sink.iterations(position, batch, firstIndex);
      },
      async value(path, value) {
        const position = path[0] as number;
        const w = check(LegacyWorkloadSchema, value, path);
        const kw = w.key.kw;
        const meta: WorkloadMeta = {
          uuid: null,
          position,
          scenario: w.key.name,
          args: kw.args ?? {},
          runner: kw.runner,
          contexts: kw.context ?? {},
          sla: kw.sla ?? {},
          slaResults: w.sla,
          hooks: normalizeHooks(w.hooks),
          // Rally's conversion uses the earliest iteration timestamp as the start time.
          startTime: startTimes.get(position) ?? null,
          loadDuration: w.load_duration,
          fullDuration: w.full_duration,
          totalIterationCount: null,
          failedIterationCount: null,
          createdAt: normalizeCreatedAt(w.created_at, true, `$[${position}].created_at`, warnings),
        };
        positions.push(position);
        await sink.workloadEnd(position, meta);
      },
    },
    {
      arrays: ['[*].result'],
      emit: ['[*]'],
      batchSize: opts.batchSize,
      onProgress: opts.onProgress,
    },
  );

  if (!Array.isArray(root)) throw new RallyContentError('$: expected a list of workloads', '$');
  const emitted = new Set(positions);
  root.forEach((el, i) => {
    // Emitted workloads are null in the skeleton; anything else was not an object.
    if (el !== null || !emitted.has(i))
      throw new RallyContentError(`$[${i}]: expected a workload object`, `$[${i}]`);
  });

  const task: TaskMeta = {
    uuid: null,
    title: null,
    tags: [],
    envName: null,
    rallyVersion: null,
    formatVersion: null,
    createdAt: null,
  };
  await sink.taskEnd(task, positions);
  return { formatVersion: null, warnings };
}
