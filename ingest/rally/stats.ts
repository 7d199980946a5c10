// Rally's "Total durations" table, computed exactly as Rally 3.3 does (MainStatsTable in
// rally/task/processing/charts.py, merge_atomic_actions in rally/task/atomic.py, percentile in
// rally/task/processing/utils.py), one iteration at a time:
//
// - Per iteration, atomic actions are merged by name (merge_atomic_actions): durations of the
//   same name are summed, a name seen N > 1 times becomes the row "name (xN)" (so "a" and
//   "a (x2)" are different rows when iterations differ), `failed` is set if any occurrence
//   failed, and children are merged the same way into the parent's children, two levels deep
//   (depth_of_processing = 2: three levels of rows in all).
// - If the iteration failed and the last merged action (last by first insertion) is not
//   marked failed, a synthetic `<no-name-action>` row gets duration 0, failed.
// - The `total` row takes duration + idle_duration, with children `duration` and
//   `idle_duration`; all three are failed when the iteration has an error. An atomic action
//   literally named "total" is overwritten by it, as in Rally. `total` is always the last row.
// - Each row: min, max, mean over every value (failed iterations included), median/90%/95%
//   by Rally's percentile, success = share of non-failed values, count = iterations in which
//   the row appeared. "n/a" (a row with no values: only `total` of a workload without
//   iterations) is null.
// Values are kept at full precision (Rally rounds to 3 decimals for display only; use
// roundLikePython from lib/stats/percentile.ts to show Rally's digits).
//
// Old-format atomic actions have no start/end. Rally reads them through its old→new converter
// (rally/cli/task_results_loader.py `_update_atomic_actions`), which chains them from the
// iteration's timestamp (started_at = previous finished_at, finished_at = started_at +
// duration) and then takes finished_at - started_at. We replay that arithmetic so that even
// the last bits match Rally (the difference is around 1e-7 s).
//
// Memory: the values of each row are kept in a growable Float64Array (Rally keeps every point
// too: percentiles are exact at any iteration count); 1,000,000 iterations with 5 rows take
// about 40 MB.

import { percentileSorted, roundLikePython, sortFloat64 } from '../../lib/stats/percentile';
import type { StatsRow, WorkloadStats } from '../../lib/apiTypes';
import type { Atomic, Iteration } from '../model';

/** Rally's name for the failure of code outside any atomic action. */
export const NO_NAME_ACTION = '<no-name-action>';

/** merge_atomic_actions' depth_of_processing. */
const DEPTH_OF_PROCESSING = 2;

class RowAccumulator {
  count = 0;
  successes = 0;
  sum = 0;
  min = Number.POSITIVE_INFINITY;
  max = Number.NEGATIVE_INFINITY;
  values = new Float64Array(16);
  readonly children = new Map<string, RowAccumulator>();

  constructor(readonly name: string) {}

  add(value: number, failed: boolean): void {
    const n = this.count;
    if (n === this.values.length) {
      const next = new Float64Array(n * 2);
      next.set(this.values);
      this.values = next;
    }
    this.values[n] = value;
    this.count = n + 1;
    if (!failed) this.successes++;
    // MeanComputation: total += value, in iteration order.
    this.sum += value;
    if (value < this.min) this.min = value;
    if (value > this.max) this.max = value;
  }

  row(): StatsRow {
    const n = this.count;
    const children = [...this.children.values()].map((c) => c.row());
    if (n === 0) {
      return {
        name: this.name,
        count: 0,
        success: null,
        min: null,
        median: null,
        p90: null,
        p95: null,
        max: null,
        mean: null,
        children,
      };
    }
    // Sorting in place is harmless: later values are appended and the order of values never
    // matters for the results (the running sum was kept separately).
    const sorted = sortFloat64(this.values.subarray(0, n));
    return {
      name: this.name,
      count: n,
      success: (this.successes / n) * 100,
      min: this.min,
      median: percentileSorted(sorted, 0.5),
      p90: percentileSorted(sorted, 0.9),
      p95: percentileSorted(sorted, 0.95),
      max: this.max,
      mean: this.sum / n,
      children,
    };
  }
}

interface Merged {
  duration: number;
  count: number;
  failed: boolean;
  /** Created only when the action has children (most have none). */
  children: Map<string, Merged> | null;
}

/** rally/task/atomic.py merge_atomic_actions. */
function mergeAtomics(
  atomics: readonly Atomic[],
  root: Map<string, Merged>,
  depth: number,
  timestamp: number,
): void {
  let chain = timestamp;
  for (const a of atomics) {
    let m = root.get(a.name);
    if (m === undefined) {
      m = { duration: 0, count: 0, failed: false, children: null };
      root.set(a.name, m);
    }
    let duration: number;
    if (a.startedAt !== null && a.finishedAt !== null) {
      duration = a.finishedAt - a.startedAt;
    } else {
      // Old format: replay Rally's conversion (see the header).
      const finished = chain + a.duration;
      duration = finished - chain;
      chain = finished;
    }
    m.duration += duration;
    m.count += 1;
    if (a.failed) m.failed = true;
    if (a.children.length > 0 && depth < DEPTH_OF_PROCESSING) {
      if (m.children === null) m.children = new Map();
      mergeAtomics(a.children, m.children, depth + 1, timestamp);
    }
  }
}

export class RallyStats {
  private readonly rows = new Map<string, RowAccumulator>();
  private readonly total = new RowAccumulator('total');
  private readonly totalDuration: RowAccumulator;
  private readonly totalIdle: RowAccumulator;
  private iterations = 0;

  constructor() {
    // Created on the first iteration in Rally; an empty workload's total has no children.
    this.totalDuration = new RowAccumulator('duration');
    this.totalIdle = new RowAccumulator('idle_duration');
  }

  /** Adds one iteration (in file order: the mean is a running sum, like Rally's). */
  add(it: Iteration): void {
    this.iterations++;
    const merged = new Map<string, Merged>();
    mergeAtomics(it.atomics, merged, 0, it.timestamp);
    const failed = it.error !== null;
    if (merged.size > 0 && failed) {
      let last: Merged | undefined;
      for (const m of merged.values()) last = m;
      if (!last?.failed) {
        // Setting an existing key keeps its place, like Python's dict.
        merged.set(NO_NAME_ACTION, { duration: 0, count: 1, failed: true, children: null });
      }
    }
    // data["total"] = ... replaces an atomic action named "total".
    merged.delete('total');
    addMerged(merged, this.rows);

    if (this.iterations === 1) {
      this.total.children.set('duration', this.totalDuration);
      this.total.children.set('idle_duration', this.totalIdle);
    }
    this.total.add(it.duration + it.idleDuration, failed);
    this.totalDuration.add(it.duration, failed);
    this.totalIdle.add(it.idleDuration, failed);
  }

  /** Number of iterations added. */
  get size(): number {
    return this.iterations;
  }

  /**
   * Every row's values (for comparisons), named by their path in the table: `nova.boot_server`,
   * `a > b` for a child row, `total`, `total > duration`. Call after result(): the values are
   * sorted, not in iteration order.
   */
  samples(): { name: string; values: Float64Array }[] {
    const out: { name: string; values: Float64Array }[] = [];
    const walk = (row: RowAccumulator, prefix: string) => {
      const name = prefix ? `${prefix} > ${row.name}` : row.name;
      out.push({ name, values: row.values.subarray(0, row.count) });
      for (const c of row.children.values()) walk(c, name);
    };
    for (const row of this.rows.values()) walk(row, '');
    walk(this.total, '');
    return out;
  }

  result(): WorkloadStats {
    return {
      actions: [...this.rows.values()].map((r) => r.row()),
      total: this.total.row(),
    };
  }
}

function child(map: Map<string, RowAccumulator>, name: string): RowAccumulator {
  let row = map.get(name);
  if (!row) {
    row = new RowAccumulator(name);
    map.set(name, row);
  }
  return row;
}

/** MainStatsTable._add_data. */
function addMerged(merged: Map<string, Merged>, rows: Map<string, RowAccumulator>): void {
  for (const [name, m] of merged) {
    const display = m.count > 1 ? `${name} (x${m.count})` : name;
    const row = child(rows, display);
    row.add(m.duration, m.failed);
    if (m.children !== null && m.children.size > 0) addMerged(m.children, row.children);
  }
}

/** A row of Rally's printed table: name, min, median, 90%ile, 95%ile, max, avg, success, count. */
export type RallyTableRow = [
  string,
  number | 'n/a',
  number | 'n/a',
  number | 'n/a',
  number | 'n/a',
  number | 'n/a',
  number | 'n/a',
  string,
  number,
];

/**
 * The table exactly as Rally prints it (`rally task detailed`, the HTML report): depth-first,
 * children prefixed `" -> "`, `" --> "`; numbers `round(x, 3)`, success `"%.1f%%"`, "n/a".
 */
export function toRallyTable(stats: WorkloadStats): RallyTableRow[] {
  const rows: RallyTableRow[] = [];
  const cell = (x: number | null): number | 'n/a' => (x === null ? 'n/a' : roundLikePython(x, 3));
  const visit = (r: StatsRow, depth: number): void => {
    rows.push([
      depth > 0 ? ` ${'-'.repeat(depth)}> ${r.name}` : r.name,
      cell(r.min),
      cell(r.median),
      cell(r.p90),
      cell(r.p95),
      cell(r.max),
      cell(r.mean),
      r.success === null ? 'n/a' : `${roundLikePython(r.success, 1).toFixed(1)}%`,
      r.count,
    ]);
    for (const c of r.children) visit(c, depth + 1);
  };
  for (const r of stats.actions) visit(r, 0);
  visit(stats.total, 0);
  return rows;
}
