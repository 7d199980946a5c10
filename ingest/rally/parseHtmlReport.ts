// Rally HTML reports (`rally task report --out X.html`, `--html-static`): many published results
// exist only as such pages. Reference: Rally 3.3 rally/task/processing/plot.py (`plot`,
// `_process_workload`), charts.py (the charts and MainStatsTable), utils.py (GraphZipper) and
// the template rally/ui/templates/task/report.html, which writes two lines of JavaScript:
//
//   $scope.source = "<the task config, JSON in a JSON string>";
//   $scope.scenarios = [<one object per workload, json.dumps: one line, may hold Infinity>];
//
// What a workload object holds (and what it does not):
// - `cls`, `met`, `pos` (string: index among the workloads of the same scenario name, in task
//   order), sorted by (cls, met, pos), NOT in task order: `$scope.source` gives the order back.
// - `config`: a one-workload task (v2: `subtasks[0]` with scenario, runner, contexts, hooks, sla;
//   its description names the workload uuid). Older Rally wrote `{Name: [kw]}`.
// - `iterations.iter`: MainStackedAreaChart series `duration`, `idle_duration` and (when some
//   iteration failed) `failed_duration`, as [index (1-based), value]. A failed iteration has
//   duration 0 and idle 0 there, and failed_duration = duration + idle_duration: the split of a
//   failed iteration is lost (we give it duration = that sum, idle 0).
// - `atomic.iter`: per top-level row of the table (display name), the iteration's merged
//   duration, 0 when absent. Rally looks the display name up in the merged actions, so a
//   "name (x2)" series is always 0, and a "name" series also holds the summed duration of
//   iterations where it ran twice. Nested actions, `failed` flags and start/end times are not
//   kept.
// - Every series goes through GraphZipper(total_iteration_count, 1000): up to 1000 iterations it
//   is one point per iteration, exact (json.dumps keeps every bit); above, points are averages
//   over ratio = n / 1000 iterations (1500 iterations → 1000 points). Then we deliver no
//   iterations, only Rally's table (`reportedStats`) and a warning.
// - `errors`: every failed iteration (never zipped): 1-based index, type, message, traceback and
//   a timestamp in the report machine's LOCAL time (`datetime.fromtimestamp`), zone unknown.
// - `load_profile` (100 bins), histograms: derived, iteration start times are not recoverable.
//   So iteration timestamps are unknown: `timestampsKnown: false`, timestamp 0.
// - `table`: Rally's "Total durations" table (rounded), `sla`, `sla_success`, `load_duration`,
//   `full_duration`, `created_at` (UTC, 3.x), `iterations_count`, `hooks` (only hooks with output,
//   as rendered charts; the hook configs are in `config`).
//
// The whole page is read (a report is a few MB: it holds at most 1000 points per series).

import { z } from 'zod';
import type { WorkloadStats, StatsRow } from '../../lib/apiTypes';
import { CouldNotDetermineFormatError, IngestError, RallyContentError } from '../core/errors';
import { deeperThan, formatPath, MAX_JSON_DEPTH, parseJsonText } from '../core/jsonStream';
import type { ByteSource } from '../core/source';
import type {
  Atomic,
  Iteration,
  IterationError,
  ParseWarning,
  TaskMeta,
  WorkloadMeta,
} from '../model';
import { normalizeCreatedAt } from './normalize';
import { RallyStats, type RallyTableRow, toRallyTable } from './stats';
import type { RallyParseOptions, RallySink } from './types';

/** Rally's GraphZipper keeps one point per iteration up to this many iterations. */
export const HTML_ZIPPED_SIZE = 1000;

const SCENARIOS_MARK = '$scope.scenarios = ';
const SOURCE_MARK = '$scope.source = ';
/** A report is small (≤ 1000 points per series); refuse absurd inputs. */
const MAX_HTML_BYTES = 512 * 1024 * 1024;

const Point = z.tuple([z.number(), z.number().nullable()]).rest(z.unknown());
const Series = z.array(z.tuple([z.string(), z.array(Point)]));
const Cell = z.union([z.number(), z.string(), z.null()]);

const ScenarioSchema = z.looseObject({
  cls: z.string(),
  met: z.string(),
  pos: z.union([z.string(), z.number()]),
  runner: z.string().optional(),
  config: z.string().optional(),
  description: z.string().optional(),
  iterations: z.looseObject({ iter: Series }),
  atomic: z.looseObject({ iter: Series }).optional(),
  table: z.looseObject({ rows: z.array(z.array(Cell)) }),
  errors: z
    .array(
      z.looseObject({
        iteration: z.number().int(),
        timestamp: z.string().optional(),
        type: z.string(),
        message: z.string(),
        traceback: z.string().optional(),
      }),
    )
    .default([]),
  hooks: z.array(z.unknown()).optional(),
  load_duration: z.number().nullable().optional(),
  full_duration: z.number().nullable().optional(),
  created_at: z.string().nullable().optional(),
  sla: z
    .array(
      z.looseObject({
        criterion: z.string(),
        success: z.boolean(),
        detail: z.string().default(''),
      }),
    )
    .nullable()
    .optional(),
  sla_success: z.boolean().optional(),
  iterations_count: z.number().int().nonnegative(),
});
type Scenario = z.infer<typeof ScenarioSchema>;

/** The workload config of a v2 one-workload task, or of Rally < 1.0 (`{Name: [kw]}`). */
interface WorkloadConfig {
  uuid: string | null;
  scenario: string;
  args: Record<string, unknown>;
  runner: { type: string } & Record<string, unknown>;
  contexts: Record<string, unknown>;
  sla: Record<string, unknown>;
  hooks: Record<string, unknown>[];
}

const isObj = (x: unknown): x is Record<string, unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x);

export async function parseHtmlReport(
  source: ByteSource,
  sink: RallySink,
  opts: RallyParseOptions = {},
): Promise<{ formatVersion: null; rallyVersion: string | null; warnings: ParseWarning[] }> {
  const text = await readText(source, opts.onProgress);
  const warnings: ParseWarning[] = [];
  const raw = extractScenarios(text);
  limitDepth(raw, '$scope.scenarios');
  if (!Array.isArray(raw))
    throw new RallyContentError(
      '$scope.scenarios: expected a list of workloads',
      '$scope.scenarios',
    );
  const scenarios = raw.map((s, i) => check(s, i));
  const rallyVersion =
    /<meta name="generator" content="Rally version ([^"]+)">/.exec(text.slice(0, 4096))?.[1] ??
    null;
  const src = extractSource(text, warnings);
  const order = taskOrder(scenarios, src, warnings);
  const batchSize = Math.max(1, opts.batchSize ?? 1000);

  let timestampWarned = false;
  const positions: number[] = [];
  for (let position = 0; position < order.length; position++) {
    const idx = order[position] as number;
    const sc = scenarios[idx] as Scenario;
    const at = `$scope.scenarios[${idx}]`;
    const name = `${sc.cls}.${sc.met}`;
    const cfg = workloadConfig(sc, name, at, warnings);
    const reportedStats = tableToStats(sc.table.rows, `${at}.table`);
    const n = sc.iterations_count;
    const complete = isComplete(sc, n);
    let emitted = 0;
    if (complete && n > 0) {
      const its = rebuildIterations(sc, n, at, warnings);
      for (let i = 0; i < its.length; i += batchSize) {
        await sink.iterations(position, its.slice(i, i + batchSize), i);
      }
      emitted = its.length;
      compareWithTable(its, sc.table.rows, name, at, warnings);
      if (!timestampWarned) {
        timestampWarned = true;
        warnings.push({
          message:
            'Rally HTML report: iteration start times are not in the report; iteration timestamps are unknown (0)',
          at,
        });
      }
    } else if (!complete) {
      const points = sc.iterations.iter[0]?.[1].length ?? 0;
      const why =
        n > HTML_ZIPPED_SIZE
          ? `${n} iterations zipped by Rally into ${points} chart points`
          : `${n} iterations but ${points} chart points`;
      warnings.push({
        message: `${name} [${sc.pos}]: the report has no per-iteration data (${why}); only Rally's own table is kept`,
        at: `${at}.iterations`,
      });
    }
    const meta: WorkloadMeta = {
      uuid: cfg.uuid,
      position,
      scenario: cfg.scenario,
      args: cfg.args,
      runner: cfg.runner,
      contexts: cfg.contexts,
      sla: cfg.sla,
      slaResults: (sc.sla ?? []).map((r) => ({
        criterion: r.criterion,
        success: r.success,
        detail: r.detail,
      })),
      hooks: hooksOf(cfg.hooks, sc.hooks ?? []),
      startTime: null,
      loadDuration: sc.load_duration ?? null,
      fullDuration: sc.full_duration ?? null,
      totalIterationCount: n,
      failedIterationCount: sc.errors.length,
      createdAt: normalizeCreatedAt(sc.created_at, false, `${at}.created_at`, warnings),
      reportedStats,
    };
    if (emitted > 0) meta.timestampsKnown = false;
    positions.push(position);
    await sink.workloadEnd(position, meta);
  }

  const task: TaskMeta = {
    uuid: null,
    title: typeof src?.title === 'string' && src.title !== '' ? src.title : null,
    tags: [],
    envName: null,
    rallyVersion,
    formatVersion: null,
    createdAt: null,
  };
  await sink.taskEnd(task, positions);
  return { formatVersion: null, rallyVersion, warnings };
}

async function readText(source: ByteSource, onProgress?: (n: number) => void): Promise<string> {
  const parts: Uint8Array[] = [];
  let total = 0;
  for (let chunk = await source.read(); chunk; chunk = await source.read()) {
    parts.push(chunk);
    total += chunk.byteLength;
    if (total > MAX_HTML_BYTES) {
      throw new RallyContentError(
        `Rally HTML report larger than ${MAX_HTML_BYTES} bytes`,
        `byte ${total}`,
      );
    }
    onProgress?.(total);
  }
  const all = new Uint8Array(total);
  let o = 0;
  for (const p of parts) {
    all.set(p, o);
    o += p.byteLength;
  }
  return new TextDecoder().decode(all);
}

/** The text after `mark` up to the end of its line, without the closing `;`; null when absent. */
function lineAfter(
  text: string,
  mark: string,
): { value: string; offset: number; closed: boolean } | null {
  const i = text.indexOf(mark);
  if (i < 0) return null;
  const start = i + mark.length;
  const nl = text.indexOf('\n', start);
  let value = (nl < 0 ? text.slice(start) : text.slice(start, nl)).trimEnd();
  const closed = value.endsWith(';');
  if (closed) value = value.slice(0, -1);
  return { value, offset: start, closed };
}

function extractScenarios(text: string): unknown {
  const line = lineAfter(text, SCENARIOS_MARK);
  if (!line) {
    throw new CouldNotDetermineFormatError(
      "not a Rally task report: an HTML document without Rally's `$scope.scenarios = […]` data",
    );
  }
  try {
    return parseJsonText(line.value);
  } catch (e) {
    const why = line.closed
      ? `invalid JSON (${(e as Error).message})`
      : 'the line ends before the data does (truncated file?)';
    throw new RallyContentError(
      `$scope.scenarios: cannot read the report's data: ${why}`,
      `$scope.scenarios (byte ${line.offset})`,
    );
  }
}

interface TaskSource {
  title?: unknown;
  subtasks?: unknown;
}

function extractSource(text: string, warnings: ParseWarning[]): TaskSource | null {
  const line = lineAfter(text, SOURCE_MARK);
  if (!line) return null;
  try {
    const s = parseJsonText(line.value);
    const v = typeof s === 'string' ? parseJsonText(s) : s;
    return isObj(v) ? (v as TaskSource) : null;
  } catch {
    warnings.push({
      message:
        '$scope.source (the task config) is not readable JSON: workloads kept in report order',
      at: '$scope.source',
    });
    return null;
  }
}

/**
 * The report's JSON is parsed whole (JSON.parse does not recurse), but what is kept is later
 * walked by recursive code (zod, JSON.stringify): the same nesting limit as the JSON files.
 */
function limitDepth(value: unknown, at: string): void {
  const deep = deeperThan(value, MAX_JSON_DEPTH);
  if (deep === null) return;
  const where = `${at}${formatPath(deep).slice(1)}`;
  throw new IngestError(
    'LIMIT',
    `${where}: JSON nested deeper than ${MAX_JSON_DEPTH} levels`,
    where,
  );
}

function check(value: unknown, i: number): Scenario {
  const r = ScenarioSchema.safeParse(value);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  const rest = (issue?.path ?? [])
    .filter((p) => typeof p !== 'symbol')
    .map((p) => (typeof p === 'number' ? `[${p}]` : `.${p}`));
  const at = `$scope.scenarios[${i}]${rest.join('')}`;
  throw new RallyContentError(`${at}: ${issue?.message ?? 'invalid value'}`, at);
}

/**
 * Task order: Rally sorts the report by (cls, met, pos); `pos` counts the workloads of one
 * scenario name in task order, which `$scope.source` lists. Falls back to report order.
 */
function taskOrder(
  scenarios: Scenario[],
  src: TaskSource | null,
  warnings: ParseWarning[],
): number[] {
  const byKey = new Map<string, number>();
  for (const [i, s] of scenarios.entries()) byKey.set(`${s.cls}.${s.met}#${s.pos}`, i);
  const reportOrder = scenarios.map((_, i) => i);
  if (!src || !Array.isArray(src.subtasks)) return reportOrder;
  const seen = new Map<string, number>();
  const order: number[] = [];
  for (const st of src.subtasks) {
    const wls = isObj(st) && Array.isArray(st.workloads) ? st.workloads : isObj(st) ? [st] : [];
    for (const w of wls) {
      const name = isObj(w) && isObj(w.scenario) ? Object.keys(w.scenario)[0] : undefined;
      if (name === undefined) continue;
      const k = seen.get(name) ?? 0;
      seen.set(name, k + 1);
      const idx = byKey.get(`${name}#${k}`);
      if (idx !== undefined) order.push(idx);
    }
  }
  if (order.length !== scenarios.length || new Set(order).size !== order.length) {
    warnings.push({
      message: '$scope.source does not match the workloads: kept in report order',
      at: '$scope.source',
    });
    return reportOrder;
  }
  return order;
}

function workloadConfig(
  sc: Scenario,
  name: string,
  at: string,
  warnings: ParseWarning[],
): WorkloadConfig {
  const fallback: WorkloadConfig = {
    uuid: null,
    scenario: name,
    args: {},
    runner: { type: sc.runner ?? 'unknown' },
    contexts: {},
    sla: {},
    hooks: [],
  };
  let cfg: unknown;
  try {
    cfg = sc.config === undefined ? undefined : parseJsonText(sc.config);
  } catch {
    cfg = undefined;
  }
  // Its parts are stored (args, contexts, hooks): as deep as the JSON files may be, no deeper.
  limitDepth(cfg, `${at}.config`);
  const dict = (x: unknown) => (isObj(x) ? x : {});
  if (isObj(cfg) && Array.isArray(cfg.subtasks) && isObj(cfg.subtasks[0])) {
    const st = cfg.subtasks[0];
    const scen = dict(st.scenario);
    const scenario = Object.keys(scen)[0] ?? name;
    const runnerEntry = Object.entries(dict(st.runner))[0];
    const uuid =
      typeof cfg.description === 'string'
        ? (/\(uuid=([0-9a-f-]{36})\)/.exec(cfg.description)?.[1] ?? null)
        : null;
    return {
      uuid,
      scenario,
      args: dict(scen[scenario]),
      runner: runnerEntry ? { ...dict(runnerEntry[1]), type: runnerEntry[0] } : fallback.runner,
      contexts: dict(st.contexts ?? st.context),
      sla: dict(st.sla),
      hooks: Array.isArray(st.hooks) ? st.hooks.filter(isObj) : [],
    };
  }
  if (isObj(cfg)) {
    // Rally < 1.0: {"Name": [{args, runner: {type, ...}, context, sla, hooks}]}
    const [scenario, kws] = Object.entries(cfg)[0] ?? [name, undefined];
    const kw = Array.isArray(kws) && isObj(kws[0]) ? kws[0] : null;
    if (kw) {
      const runner = dict(kw.runner);
      return {
        uuid: null,
        scenario,
        args: dict(kw.args),
        runner: {
          ...runner,
          type: typeof runner.type === 'string' ? runner.type : (sc.runner ?? 'unknown'),
        },
        contexts: dict(kw.context ?? kw.contexts),
        sla: dict(kw.sla),
        hooks: Array.isArray(kw.hooks) ? kw.hooks.filter(isObj) : [],
      };
    }
  }
  warnings.push({
    message: `${name}: the workload config is missing or unreadable (arguments unknown)`,
    at: `${at}.config`,
  });
  return fallback;
}

/** Hook configs from the task, with the report's rendered output of the same hook when any. */
function hooksOf(configs: Record<string, unknown>[], rendered: unknown[]): unknown[] {
  const left = rendered.filter(isObj);
  return configs.map((config) => {
    const action = isObj(config.action) ? Object.keys(config.action)[0] : undefined;
    const desc = typeof config.description === 'string' ? config.description : '';
    const k = left.findIndex((h) => h.name === action && (h.desc ?? '') === desc);
    const report = k >= 0 ? left.splice(k, 1)[0] : undefined;
    return report ? { config, report } : { config };
  });
}

/** One point per iteration, numbered 1..n, in every series. */
function isComplete(sc: Scenario, n: number): boolean {
  const all = [...sc.iterations.iter, ...(sc.atomic?.iter ?? [])];
  if (n === 0) return all.every(([, pts]) => pts.length === 0);
  if (!sc.iterations.iter.some(([k]) => k === 'duration')) return false;
  return all.every(([, pts]) => pts.length === n && pts.every((p, i) => p[0] === i + 1));
}

function seriesOf(
  list: [string, z.infer<typeof Point>[]][] | undefined,
  key: string,
): (number | null)[] | null {
  const s = list?.find(([k]) => k === key);
  return s ? s[1].map((p) => p[1]) : null;
}

const MULTI = / \(x(\d+)\)$/;

function rebuildIterations(
  sc: Scenario,
  n: number,
  at: string,
  warnings: ParseWarning[],
): Iteration[] {
  const name = `${sc.cls}.${sc.met} [${sc.pos}]`;
  const duration = seriesOf(sc.iterations.iter, 'duration') ?? [];
  const idle = seriesOf(sc.iterations.iter, 'idle_duration');
  const failedDuration = seriesOf(sc.iterations.iter, 'failed_duration');
  const errors = new Map<number, IterationError>();
  for (const e of sc.errors)
    errors.set(e.iteration, { type: e.type, message: e.message, traceback: e.traceback ?? '' });
  for (const k of errors.keys()) {
    if (k < 1 || k > n)
      throw new RallyContentError(`${at}.errors: iteration ${k} out of 1..${n}`, `${at}.errors`);
  }
  if (errors.size > 0 && !failedDuration) {
    throw new RallyContentError(
      `${at}.iterations.iter: failed iterations but no failed_duration series`,
      `${at}.iterations.iter`,
    );
  }
  if (errors.size > 0) {
    warnings.push({
      message:
        `${name}: the report keeps only duration + idle_duration of a failed iteration; ` +
        'it is given as the duration (idle 0)',
      at: `${at}.iterations.iter`,
    });
  }

  // Atomic actions: only top-level rows whose series is trustworthy (see the header).
  const rows = sc.table.rows;
  const top = rows
    .map((r) => r[0])
    .filter((x): x is string => typeof x === 'string' && !x.startsWith(' ') && x !== 'total');
  const real = (d: string) => d.replace(MULTI, '');
  const usable: { name: string; values: (number | null)[]; failed: boolean }[] = [];
  const lost: string[] = [];
  for (const d of top) {
    if (d === '<no-name-action>') continue; // synthetic: recomputed from the errors
    if (MULTI.test(d) || top.some((o) => o !== d && real(o) === d)) {
      lost.push(d);
      continue;
    }
    const values = seriesOf(sc.atomic?.iter, d);
    const row = rows.find((r) => r[0] === d);
    if (!values || !row) {
      lost.push(d);
      continue;
    }
    const success = typeof row[7] === 'string' ? row[7] : '';
    if (success !== '0.0%' && success !== '100.0%') {
      warnings.push({
        message: `${name}: atomic action ${d} succeeded in ${success} of its runs; which runs failed is not in the report (marked as not failed)`,
        at: `${at}.table`,
      });
    }
    const present = values.filter((v) => v !== null && v !== 0).length;
    if (present !== row[8]) {
      warnings.push({
        message: `${name}: atomic action ${d} ran in ${row[8]} iterations but has ${present} non-zero points; runs of 0 s are not told apart from absence`,
        at: `${at}.atomic.iter`,
      });
    }
    usable.push({ name: d, values, failed: success === '0.0%' });
  }
  const nested = rows.some(
    (r) =>
      typeof r[0] === 'string' &&
      /^ -+> /.test(r[0]) &&
      !/^ -> (duration|idle_duration)$/.test(r[0]),
  );
  if (lost.length > 0 || nested) {
    const what = [
      lost.length > 0
        ? `repeated actions (${lost.join(', ')}: Rally's chart has no usable series for them)`
        : '',
      nested ? 'nested actions' : '',
    ]
      .filter(Boolean)
      .join(' and ');
    warnings.push({
      message: `${name}: the report does not keep per-iteration ${what}; those are missing from the iterations`,
      at: `${at}.atomic.iter`,
    });
  }

  const its: Iteration[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const error = errors.get(i + 1) ?? null;
    const d = error ? (failedDuration?.[i] ?? 0) : (duration[i] ?? 0);
    const atomics: Atomic[] = [];
    for (const a of usable) {
      const v = a.values[i];
      if (v === null || v === undefined || v === 0) continue;
      atomics.push({
        name: a.name,
        startedAt: null,
        finishedAt: null,
        duration: v,
        failed: a.failed,
        children: [],
      });
    }
    its[i] = {
      timestamp: 0,
      duration: d ?? 0,
      idleDuration: error ? 0 : (idle?.[i] ?? 0),
      error,
      atomics,
      output: null,
    };
  }
  return its;
}

/** Rally's printed table (flattened, prefixed children) back into StatsRow trees. */
export function tableToStats(rows: (number | string | null)[][], at: string): WorkloadStats {
  const roots: StatsRow[] = [];
  const stack: StatsRow[] = [];
  const num = (x: unknown): number | null => (typeof x === 'number' ? x : null);
  for (const [k, r] of rows.entries()) {
    const label = r[0];
    if (typeof label !== 'string')
      throw new RallyContentError(`${at}.rows[${k}]: expected an action name`, `${at}.rows[${k}]`);
    const m = /^ (-+)> (.*)$/s.exec(label);
    const depth = m ? (m[1] as string).length : 0;
    const success =
      typeof r[7] === 'string' && /^\d+(\.\d+)?%$/.test(r[7]) ? Number.parseFloat(r[7]) : null;
    const row: StatsRow = {
      name: m ? (m[2] as string) : label,
      count: num(r[8]) ?? 0,
      success,
      min: num(r[1]),
      median: num(r[2]),
      p90: num(r[3]),
      p95: num(r[4]),
      max: num(r[5]),
      mean: num(r[6]),
      children: [],
    };
    if (depth === 0) roots.push(row);
    else {
      const parent = stack[depth - 1];
      if (!parent)
        throw new RallyContentError(
          `${at}.rows[${k}]: child row without a parent`,
          `${at}.rows[${k}]`,
        );
      parent.children.push(row);
    }
    stack.length = depth;
    stack.push(row);
  }
  const total =
    roots.length > 0 && roots[roots.length - 1]?.name === 'total' ? roots.pop() : undefined;
  if (!total) throw new RallyContentError(`${at}: no "total" row`, at);
  return { actions: roots, total };
}

/** Our stats of the rebuilt iterations against Rally's table in the same report. */
function compareWithTable(
  its: Iteration[],
  rows: (number | string | null)[][],
  name: string,
  at: string,
  warnings: ParseWarning[],
): void {
  const stats = new RallyStats();
  for (const it of its) stats.add(it);
  const ours = toRallyTable(stats.result());
  const key = (r: readonly unknown[]) =>
    JSON.stringify(r.map((x) => (typeof x === 'number' ? Number(x) : x)));
  const theirs = new Map(rows.map((r) => [r[0], key(r)]));
  const differ = ours
    .filter((r: RallyTableRow) => theirs.get(r[0]) !== key(r))
    .map((r) => r[0].trim());
  const missing = rows
    .filter((r) => !ours.some((o) => o[0] === r[0]))
    .map((r) => String(r[0]).trim());
  if (differ.length > 0 || missing.length > 0) {
    warnings.push({
      message:
        `${name}: statistics from the report's iterations differ from Rally's table in it ` +
        `(rows ${[...new Set([...differ, ...missing])].join(', ')}); Rally's table is in reportedStats`,
      at: `${at}.table`,
    });
  }
}
