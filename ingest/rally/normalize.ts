// From Rally's JSON shapes to ingest/model.ts types, shared by both parsers.

import type { z } from 'zod';
import { RallyContentError } from '../core/errors';
import { type PathSegment, formatPath } from '../core/jsonStream';
import type { Atomic, Iteration, IterationError, ParseWarning } from '../model';
import {
  type AtomicAction,
  type Hook,
  LegacyIterationSchema,
  LegacyIterationWithListSchema,
  ReportIterationSchema,
} from './schema';

/**
 * Validates `value` with `schema`; on failure throws RallyContentError naming the JSON path
 * of the first problem (`$[0].result[3].duration`) and what was expected.
 */
export function check<S extends z.ZodType>(
  schema: S,
  value: unknown,
  base: readonly PathSegment[],
  /** Appended to `base` (saves building a path per iteration when all is well). */
  index?: number,
): z.output<S> {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  const path = [
    ...base,
    ...(index === undefined ? [] : [index]),
    ...((issue?.path ?? []).filter((p) => typeof p !== 'symbol') as PathSegment[]),
  ];
  const at = formatPath(path);
  throw new RallyContentError(`${at}: ${issue?.message ?? 'invalid value'}`, at);
}

/** `[]` → null; `[type, message, traceback]` → object. */
export function normalizeIterationError(
  error: readonly string[] | null | undefined,
): IterationError | null {
  if (!error || error.length === 0) return null;
  return { type: error[0] ?? '', message: error[1] ?? '', traceback: error[2] ?? '' };
}

/** New-format atomic actions: duration = finished_at - started_at, as Rally computes it. */
export function normalizeAtomics(list: readonly AtomicAction[]): Atomic[] {
  return list.map((a) => ({
    name: a.name,
    startedAt: a.started_at,
    finishedAt: a.finished_at,
    duration: a.finished_at - a.started_at,
    failed: a.failed === true,
    children: a.children && a.children.length > 0 ? normalizeAtomics(a.children) : [],
  }));
}

/**
 * Old-format `{name: seconds}` atomic actions. No start/end and never `failed`: Rally's own
 * old→new conversion (rally/cli/task_results_loader.py `_update_atomic_actions`) sets no
 * `failed` flag either, so a failed old-format iteration gets Rally's `<no-name-action>` row.
 */
export function normalizeLegacyAtomics(actions: Record<string, number>): Atomic[] {
  const out: Atomic[] = [];
  for (const name in actions) {
    out.push({
      name,
      startedAt: null,
      finishedAt: null,
      duration: actions[name] as number,
      failed: false,
      children: [],
    });
  }
  return out;
}

// Fast path. Validating each of 1,000,000 iterations with zod costs more than parsing them, so
// a hand-written check runs first. It accepts a subset of what the zod schemas accept (when it
// says yes, zod would too, and the fields read below are the ones zod would return); anything
// else goes through zod, which either accepts it or names the exact problem.

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isFiniteNumber(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

function isErrorList(v: unknown): boolean {
  if (v === null || v === undefined) return true;
  if (!Array.isArray(v)) return false;
  for (const x of v) if (typeof x !== 'string') return false;
  return true;
}

function isAtomicList(v: unknown, depth: number): v is AtomicAction[] {
  if (!Array.isArray(v) || depth > 32) return false;
  for (const a of v) {
    if (!isObject(a)) return false;
    if (
      typeof a.name !== 'string' ||
      !isFiniteNumber(a.started_at) ||
      !isFiniteNumber(a.finished_at)
    ) {
      return false;
    }
    if (a.failed !== undefined && typeof a.failed !== 'boolean') return false;
    if (a.children !== undefined && !isAtomicList(a.children, depth + 1)) return false;
  }
  return true;
}

function isDurationRecord(v: unknown): v is Record<string, number> {
  if (!isObject(v)) return false;
  for (const k in v) if (!isFiniteNumber(v[k])) return false;
  return true;
}

function isIterationFields(v: unknown): v is Record<string, unknown> {
  return (
    isObject(v) &&
    isFiniteNumber(v.timestamp) &&
    isFiniteNumber(v.duration) &&
    isFiniteNumber(v.idle_duration) &&
    isErrorList(v.error)
  );
}

interface IterationFields {
  timestamp: number;
  duration: number;
  idle_duration: number;
  error?: string[] | null;
  output?: unknown;
}

function iteration(it: IterationFields, atomics: Atomic[]): Iteration {
  return {
    timestamp: it.timestamp,
    duration: it.duration,
    idleDuration: it.idle_duration,
    error: normalizeIterationError(it.error),
    atomics,
    output: it.output ?? null,
  };
}

/** Fast check: a valid old-format iteration (implies LegacyIteration*Schema accepts it). */
export function isLegacyIteration(raw: unknown): boolean {
  return (
    isIterationFields(raw) &&
    (isDurationRecord(raw.atomic_actions) || isAtomicList(raw.atomic_actions, 0))
  );
}

/** Fast check: a valid new-format iteration (implies ReportIterationSchema accepts it). */
export function isReportIteration(raw: unknown): boolean {
  return isIterationFields(raw) && isAtomicList(raw.atomic_actions, 0);
}

/** One old-format iteration (`$[i].result[j]`), validated and normalized. */
export function legacyIteration(
  raw: unknown,
  path: readonly PathSegment[],
  index: number,
): Iteration {
  if (isLegacyIteration(raw)) {
    const it = raw as unknown as IterationFields & { atomic_actions: unknown };
    const actions = it.atomic_actions;
    return iteration(
      it,
      Array.isArray(actions)
        ? normalizeAtomics(actions as AtomicAction[])
        : normalizeLegacyAtomics(actions as Record<string, number>),
    );
  }
  return legacyIterationStrict(raw, path, index);
}

/** The same through the zod schemas only (the slow path, and the reference in tests). */
export function legacyIterationStrict(
  raw: unknown,
  path: readonly PathSegment[],
  index: number,
): Iteration {
  const list = isObject(raw) && Array.isArray(raw.atomic_actions);
  if (list) {
    const it = check(LegacyIterationWithListSchema, raw, path, index);
    return iteration(it, normalizeAtomics(it.atomic_actions));
  }
  const it = check(LegacyIterationSchema, raw, path, index);
  return iteration(it, normalizeLegacyAtomics(it.atomic_actions));
}

/** One new-format iteration (`$.tasks[t].subtasks[s].workloads[w].data[j]`). */
export function reportIteration(
  raw: unknown,
  path: readonly PathSegment[],
  index: number,
): Iteration {
  if (isReportIteration(raw)) {
    const it = raw as unknown as IterationFields & { atomic_actions: AtomicAction[] };
    return iteration(it, normalizeAtomics(it.atomic_actions));
  }
  return reportIterationStrict(raw, path, index);
}

/** The same through the zod schema only. */
export function reportIterationStrict(
  raw: unknown,
  path: readonly PathSegment[],
  index: number,
): Iteration {
  const it = check(ReportIterationSchema, raw, path, index);
  return iteration(it, normalizeAtomics(it.atomic_actions));
}

/** Hooks as Rally wrote them, with each result's `error` as `{type, message, traceback}`. */
export function normalizeHooks(hooks: readonly Hook[] | undefined): unknown[] {
  if (!hooks) return [];
  return hooks.map((h) => {
    if (!h.results) return h;
    return {
      ...h,
      results: h.results.map((r) => {
        const e = r.error;
        if (e === undefined) return r;
        let error: IterationError | null;
        if (e === null) error = null;
        else if (Array.isArray(e)) error = normalizeIterationError(e);
        else error = { type: e.etype, message: e.msg, traceback: e.details ?? '' };
        return { ...r, error };
      }),
    };
  });
}

const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2}(?:\.\d+)?)(Z|[+-]\d{2}:?\d{2})?$/;

function validDate(y: string, mo: string, d: string): boolean {
  const month = Number(mo);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1) return false;
  const days = new Date(Date.UTC(Number(y), month, 0)).getUTCDate();
  return day <= days;
}

/**
 * Rally stores times in UTC without a zone; we write them as ISO 8601 with `Z`.
 * `swapped`: the old format's `%Y-%d-%mT%H:%M:%S` (rally old_json_results.py writes the day
 * before the month). When the swapped reading is impossible but the plain one is valid (a file
 * written by another tool), the plain reading wins and a warning says so.
 */
export function normalizeCreatedAt(
  value: string | null | undefined,
  swapped: boolean,
  at: string,
  warnings: ParseWarning[],
): string | null {
  if (value === null || value === undefined || value === '') return null;
  const m = DATE_TIME.exec(value);
  if (!m) {
    warnings.push({ message: `unrecognised created_at ${JSON.stringify(value)}`, at });
    return null;
  }
  const [, y, a, b, hh, mm, ss, zone] = m as unknown as [
    string,
    string,
    string,
    string,
    string,
    string,
    string,
    string | undefined,
  ];
  let month = a;
  let day = b;
  if (swapped) {
    if (validDate(y, b, a)) {
      month = b;
      day = a;
    } else if (validDate(y, a, b)) {
      warnings.push({
        message: `created_at ${JSON.stringify(value)} is not in Rally's day-before-month order; read as year-month-day`,
        at,
      });
    } else {
      warnings.push({ message: `invalid created_at ${JSON.stringify(value)}`, at });
      return null;
    }
  } else if (!validDate(y, a, b)) {
    warnings.push({ message: `invalid created_at ${JSON.stringify(value)}`, at });
    return null;
  }
  return `${y}-${month}-${day}T${hh}:${mm}:${ss}${zone ?? 'Z'}`;
}
