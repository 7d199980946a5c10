// The new Rally format, `rally task report --json` (EnOS >= 4), format_version 1.0 to 1.2:
// `{info: {rally_version, generated_at, format_version}, tasks: [{uuid, title, tags, env_name,
// subtasks: [{title, workloads: [{uuid, scenario: {Name: args}, runner: {type: cfg}, ...,
// data: [iteration]}]}]}]}`. Reference: Rally 3.3 rally/plugins/task/exporters/json_exporter.py
// (revisions: 1.1 added `contexts_results`, 1.2 `env_uuid`/`env_name`).
//
// `data` is streamed in batches; each workload is validated when its object closes (its
// `total_iteration_count` and friends come after `data`), each task when its object closes.

import { RallyContentError } from '../core/errors';
import { type PathSegment, splitJson } from '../core/jsonStream';
import type { ByteSource } from '../core/source';
import type { Iteration, ParseWarning, TaskMeta, WorkloadMeta } from '../model';
import { check, normalizeCreatedAt, normalizeHooks, reportIteration } from './normalize';
import {
  ReportInfoSchema,
  ReportRootSchema,
  ReportTaskSchema,
  ReportWorkloadSchema,
} from './schema';
import type { RallyParseOptions, RallySink } from './types';

/** format_version values this parser was written against. */
export const KNOWN_FORMAT_VERSIONS = ['1.0', '1.1', '1.2'];

const WORKLOADS = '.tasks[*].subtasks[*].workloads[*]';

export async function parseTaskReportV1(
  source: ByteSource,
  sink: RallySink,
  opts: RallyParseOptions = {},
): Promise<{ formatVersion: string | null; warnings: ParseWarning[] }> {
  const warnings: ParseWarning[] = [];
  const state: { info: Info | null } = { info: null };
  // Workload positions: numbered in file order over all tasks and subtasks.
  const positionOf = new Map<string, number>();
  const positionsByTask = new Map<number, number[]>();
  const delivered = new Map<number, { n: number; failed: number }>();
  // Tasks that closed before `info` was read (not Rally's order, but valid JSON).
  const pendingTasks: { task: TaskMeta; positions: number[] }[] = [];

  const position = (path: readonly PathSegment[]): number => {
    const key = `${path[1]}/${path[3]}/${path[5]}`;
    let p = positionOf.get(key);
    if (p === undefined) {
      p = positionOf.size;
      positionOf.set(key, p);
      const t = path[1] as number;
      const list = positionsByTask.get(t) ?? [];
      list.push(p);
      positionsByTask.set(t, list);
    }
    return p;
  };

  const { root } = await splitJson(
    source,
    {
      async items(path, raw, firstIndex) {
        const p = position(path);
        const batch: Iteration[] = new Array(raw.length);
        const count = delivered.get(p) ?? { n: 0, failed: 0 };
        for (let j = 0; j < raw.length; j++) {
          const it = reportIteration(raw[j], path, firstIndex + j);
          if (it.error) count.failed++;
          batch[j] = it;
        }
        count.n += raw.length;
        delivered.set(p, count);
        await sink.iterations(p, batch, firstIndex);
      },
      async value(path, value) {
        if (path.length === 1) {
          const i = check(ReportInfoSchema, value, path);
          state.info = i;
          if (!KNOWN_FORMAT_VERSIONS.includes(i.format_version)) {
            warnings.push({
              message: `unknown format_version ${JSON.stringify(i.format_version)} (known: ${KNOWN_FORMAT_VERSIONS.join(', ')}); read as 1.2`,
              at: '$.info.format_version',
            });
          }
          for (const t of pendingTasks.splice(0)) {
            await sink.taskEnd(withInfo(t.task, i), t.positions);
          }
          return;
        }
        if (path.length === 6) {
          const p = position(path);
          await sink.workloadEnd(p, workloadMeta(value, path, p, delivered.get(p), warnings));
          return;
        }
        // A task (path ['tasks', t]).
        const t = check(ReportTaskSchema, value, path);
        const at = `$.tasks[${path[1]}]`;
        t.subtasks.forEach((s, si) => {
          s.workloads.forEach((w, wi) => {
            // Workload objects were delivered and left null; anything else is not a workload.
            if (w !== null) {
              const where = `${at}.subtasks[${si}].workloads[${wi}]`;
              throw new RallyContentError(`${where}: expected a workload object`, where);
            }
          });
        });
        const task: TaskMeta = {
          uuid: t.uuid ?? null,
          title: t.title || null,
          tags: t.tags ?? [],
          envName: t.env_name ?? null,
          rallyVersion: null,
          formatVersion: null,
          createdAt: normalizeCreatedAt(t.created_at, false, `${at}.created_at`, warnings),
        };
        const positions = positionsByTask.get(path[1] as number) ?? [];
        if (state.info) await sink.taskEnd(withInfo(task, state.info), positions);
        else pendingTasks.push({ task, positions });
      },
    },
    {
      arrays: [`${WORKLOADS}.data`],
      emit: ['.info', WORKLOADS, '.tasks[*]'],
      batchSize: opts.batchSize,
      onProgress: opts.onProgress,
    },
  );

  const r = check(ReportRootSchema, root, []);
  if (state.info === null) {
    throw new RallyContentError('$.info: expected an object with format_version', '$.info');
  }
  r.tasks.forEach((t, i) => {
    if (t !== null)
      throw new RallyContentError(`$.tasks[${i}]: expected a task object`, `$.tasks[${i}]`);
  });
  return { formatVersion: state.info.format_version, warnings };
}

interface Info {
  rally_version?: string | null;
  format_version: string;
}

function withInfo(task: TaskMeta, info: Info): TaskMeta {
  return { ...task, rallyVersion: info.rally_version ?? null, formatVersion: info.format_version };
}

function workloadMeta(
  value: unknown,
  path: readonly PathSegment[],
  position: number,
  seen: { n: number; failed: number } | undefined,
  warnings: ParseWarning[],
): WorkloadMeta {
  const w = check(ReportWorkloadSchema, value, path);
  const at = `$.tasks[${path[1]}].subtasks[${path[3]}].workloads[${path[5]}]`;
  const [scenario, args] = Object.entries(w.scenario)[0] as [string, Record<string, unknown>];
  const [runnerType, runnerConfig] = Object.entries(w.runner)[0] as [
    string,
    Record<string, unknown>,
  ];
  const n = seen?.n ?? 0;
  const failed = seen?.failed ?? 0;
  const total = w.total_iteration_count ?? null;
  if (total !== null && total !== n) {
    warnings.push({
      message: `total_iteration_count says ${total}, the file holds ${n} iterations`,
      at: `${at}.total_iteration_count`,
    });
  }
  const failedCount = w.failed_iteration_count ?? null;
  if (failedCount !== null && failedCount !== failed) {
    warnings.push({
      message: `failed_iteration_count says ${failedCount}, the file holds ${failed} failed iterations`,
      at: `${at}.failed_iteration_count`,
    });
  }
  return {
    uuid: w.uuid ?? null,
    position,
    scenario,
    args,
    runner: { ...runnerConfig, type: runnerType },
    contexts: w.contexts ?? {},
    sla: w.sla ?? {},
    slaResults: w.sla_results?.sla ?? [],
    hooks: normalizeHooks(w.hooks),
    startTime: w.start_time ?? null,
    loadDuration: w.load_duration ?? null,
    fullDuration: w.full_duration ?? null,
    totalIterationCount: total,
    failedIterationCount: failedCount,
    createdAt: normalizeCreatedAt(w.created_at, false, `${at}.created_at`, warnings),
  };
}
