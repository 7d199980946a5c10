// Zod schemas of the Rally result files, checked at the boundary (STYLE.md §4). After a value
// passed its schema the parsers trust its type.
//
// Sources (Rally 3.3):
// - old format: rally/cli/task_results_loader.py OLD_TASK_RESULT_SCHEMA (what `rally task
//   import` accepts) and rally/plugins/task/exporters/old_json_results.py (what Rally writes);
// - new format: rally/plugins/task/exporters/json_exporter.py, revisions 1.0 to 1.2.
// Iterations are validated one by one while streaming, the rest (the "skeleton") when its JSON
// object closes; big arrays (`result`, `data`) are empty in the skeleton.

import { z } from 'zod';

const Dict = z.record(z.string(), z.unknown());

/** `[]` for a successful iteration, `[type, message, traceback]` for a failed one. */
export const IterationErrorSchema = z.array(z.string()).nullable().optional();

/** A new-format atomic action; `children` nest (rally/task/atomic.py ActionTimer). */
export const AtomicActionSchema = z.object({
  name: z.string(),
  started_at: z.number(),
  finished_at: z.number(),
  get children() {
    return z.array(AtomicActionSchema).optional();
  },
  failed: z.boolean().optional(),
});
export type AtomicAction = z.infer<typeof AtomicActionSchema>;

const iterationFields = {
  timestamp: z.number(),
  duration: z.number(),
  idle_duration: z.number(),
  error: IterationErrorSchema,
  output: z.unknown().optional(),
};

/** Old format (`rally task results`): atomic actions are `{name: seconds}` in run order. */
export const LegacyIterationSchema = z.object({
  ...iterationFields,
  atomic_actions: z.record(z.string(), z.number()),
});
export type LegacyIteration = z.infer<typeof LegacyIterationSchema>;

/**
 * Old format written by the Rally versions (0.10-0.12) whose `task results` already carried
 * the nested list of atomic actions.
 */
export const LegacyIterationWithListSchema = z.object({
  ...iterationFields,
  atomic_actions: z.array(AtomicActionSchema),
});

/** New format (`rally task report --json`). */
export const ReportIterationSchema = z.object({
  ...iterationFields,
  atomic_actions: z.array(AtomicActionSchema),
});
export type ReportIteration = z.infer<typeof ReportIterationSchema>;

export const SlaResultSchema = z.object({
  criterion: z.string(),
  success: z.boolean(),
  detail: z.string().default(''),
});

/** Hook errors: `{etype, msg, details}` in 2017 files, `[type, message, traceback]` later. */
export const HookErrorSchema = z.union([
  z.looseObject({ etype: z.string(), msg: z.string(), details: z.string().optional() }),
  z.array(z.string()),
]);

const HookResultSchema = z.looseObject({ error: HookErrorSchema.nullable().optional() });

export const HookSchema = z.looseObject({
  config: Dict.optional(),
  results: z.array(HookResultSchema).optional(),
  summary: z.unknown().optional(),
});
export type Hook = z.infer<typeof HookSchema>;

/** An old-format workload without its iterations (`result` is empty in the skeleton). */
export const LegacyWorkloadSchema = z.object({
  key: z.object({
    name: z.string(),
    pos: z.number().int().optional(),
    description: z.string().nullable().optional(),
    kw: z.object({
      args: Dict.nullable().optional(),
      runner: z.looseObject({ type: z.string() }),
      context: Dict.nullable().optional(),
      sla: Dict.nullable().optional(),
      hooks: z.array(z.unknown()).nullable().optional(),
    }),
  }),
  result: z.array(z.unknown()),
  sla: z.array(SlaResultSchema),
  hooks: z.array(HookSchema).optional(),
  load_duration: z.number(),
  full_duration: z.number(),
  created_at: z.string().optional(),
});
export type LegacyWorkload = z.infer<typeof LegacyWorkloadSchema>;

/** `{"Name": {...}}`: exactly one entry (the scenario and its args, the runner and its config). */
const SingleEntry = z.record(z.string(), Dict).refine((v) => Object.keys(v).length === 1, {
  message: 'expected an object with exactly one key',
});

export const ReportInfoSchema = z.object({
  rally_version: z.string().nullable().optional(),
  generated_at: z.string().nullable().optional(),
  format_version: z.string(),
});

/** A new-format workload without its iterations (`data` is empty in the skeleton). */
export const ReportWorkloadSchema = z.object({
  uuid: z.string().nullable().optional(),
  description: z.string().nullable().optional(),
  runner: SingleEntry,
  hooks: z.array(HookSchema).optional(),
  scenario: SingleEntry,
  min_duration: z.number().nullable().optional(),
  max_duration: z.number().nullable().optional(),
  start_time: z.number().nullable().optional(),
  load_duration: z.number().nullable().optional(),
  full_duration: z.number().nullable().optional(),
  statistics: z.unknown().optional(),
  data: z.array(z.unknown()),
  failed_iteration_count: z.number().int().nullable().optional(),
  total_iteration_count: z.number().int().nullable().optional(),
  created_at: z.string().nullable().optional(),
  updated_at: z.string().nullable().optional(),
  contexts: Dict.nullable().optional(),
  contexts_results: z.array(z.unknown()).optional(),
  position: z.number().int().optional(),
  pass_sla: z.boolean().optional(),
  sla_results: z
    .object({ sla: z.array(SlaResultSchema).optional() })
    .nullable()
    .optional(),
  sla: Dict.nullable().optional(),
});
export type ReportWorkload = z.infer<typeof ReportWorkloadSchema>;

/** A new-format task; its workloads were delivered before (they are `null` here). */
export const ReportTaskSchema = z.object({
  uuid: z.string().nullable().optional(),
  title: z.string().nullable().optional(),
  description: z.string().nullable().optional(),
  status: z.string().nullable().optional(),
  tags: z.array(z.string()).nullable().optional(),
  env_uuid: z.string().nullable().optional(),
  env_name: z.string().nullable().optional(),
  created_at: z.string().nullable().optional(),
  updated_at: z.string().nullable().optional(),
  pass_sla: z.boolean().nullable().optional(),
  subtasks: z.array(z.looseObject({ workloads: z.array(z.unknown()) })),
});
export type ReportTask = z.infer<typeof ReportTaskSchema>;

/** The new format's root once tasks were delivered: `{info, tasks: [null, ...]}`. */
export const ReportRootSchema = z.object({
  info: z.unknown(),
  tasks: z.array(z.unknown()),
});
