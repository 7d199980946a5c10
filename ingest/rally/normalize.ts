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
export function check<S extends z.ZodType>(schema: S, value: unknown, base: readonly PathSegment[]): z.output<S> {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  const path = [...base, ...((issue?.path ?? []).filter((p) => typeof p !== 'symbol') as PathSegment[])];
  const at = formatPath(path);
  throw new RallyContentError(`${at}: ${issue?.message ?? 'invalid value'}`, at);
}

/** `[]` → null; `[type, message, traceback]` → object. */
export function normalizeIterationError(error: readonly string[] | null | undefined): IterationError | null {
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

/** One old-format iteration (`$[i].result[j]`), validated and normalized. */
export function legacyIteration(raw: unknown, path: readonly PathSegment[]): Iteration {
  const list =
    typeof raw === 'object' && raw !== null && Array.isArray((raw as { atomic_actions?: unknown }).atomic_actions);
  if (list) {
    const it = check(LegacyIterationWithListSchema, raw, path);
    return {
      timestamp: it.timestamp,
      duration: it.duration,
      idleDuration: it.idle_duration,
      error: normalizeIterationError(it.error),
      atomics: normalizeAtomics(it.atomic_actions),
      output: it.output ?? null,
    };
  }
  const it = check(LegacyIterationSchema, raw, path);
  return {
    timestamp: it.timestamp,
    duration: it.duration,
    idleDuration: it.idle_duration,
    error: normalizeIterationError(it.error),
    atomics: normalizeLegacyAtomics(it.atomic_actions),
    output: it.output ?? null,
  };
}

/** One new-format iteration (`$.tasks[t].subtasks[s].workloads[w].data[j]`). */
export function reportIteration(raw: unknown, path: readonly PathSegment[]): Iteration {
  const it = check(ReportIterationSchema, raw, path);
  return {
    timestamp: it.timestamp,
    duration: it.duration,
    idleDuration: it.idle_duration,
    error: normalizeIterationError(it.error),
    atomics: normalizeAtomics(it.atomic_actions),
    output: it.output ?? null,
  };
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

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2}(?:\.\d+)?)(Z|[+-]\d{2}:?\d{2})?$/;

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
  const [, y, a, b, hh, mm, ss, zone] = m as unknown as [string, string, string, string, string, string, string, string | undefined];
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
