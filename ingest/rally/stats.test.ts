// biome-ignore lint/style/noRestrictedImports: tests read the fixture files from disk
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import type { StatsRow, WorkloadStats } from '../../lib/apiTypes';
import { roundLikePython } from '../../lib/stats/percentile';
import { bytesSource } from '../core/source';
import type { Atomic, Iteration } from '../model';
import { parseRally } from './index';
import { NO_NAME_ACTION, RallyStats, toRallyTable } from './stats';

const FIXTURES = path.resolve(__dirname, '../../fixtures/rally');
const read = (rel: string) => new Uint8Array(readFileSync(path.join(FIXTURES, rel)));

/** Stats of every workload of a file, by position. */
async function statsOfFile(rel: string, chunkSize = 1 << 20): Promise<Map<number, WorkloadStats>> {
  const acc = new Map<number, RallyStats>();
  const get = (p: number) => {
    let s = acc.get(p);
    if (!s) {
      s = new RallyStats();
      acc.set(p, s);
    }
    return s;
  };
  await parseRally(bytesSource(read(rel), chunkSize), {
    iterations(p, batch) {
      const s = get(p);
      for (const it of batch) s.add(it);
    },
    workloadEnd(p) {
      get(p);
    },
    taskEnd() {},
  });
  return new Map([...acc].map(([p, s]) => [p, s.result()]));
}

// ---- expected-stats.json: Rally's own numbers (scripts/fixtures/rally-expected.py) ----

type Cell = number | 'n/a';
interface ExpectedRow {
  name: string;
  count: number;
  success: string;
  success_pct: number | 'n/a';
  min: Cell;
  median: Cell;
  p90: Cell;
  p95: Cell;
  max: Cell;
  mean: Cell;
  unrounded?: Record<'min' | 'median' | 'p90' | 'p95' | 'max' | 'mean', Cell | null>;
  children: ExpectedRow[];
}
interface ExpectedTable {
  rows: ExpectedRow[];
  total: ExpectedRow;
  table: (string | number)[][];
}
interface ExpectedWorkload extends ExpectedTable {
  file: string;
  format: 'new' | 'old';
  old_format_file?: string | null;
  workload_index: number | null;
  workload_position: number;
  scenario: string;
  iterations: number;
  failed_iterations?: number;
  old_format?: ExpectedTable & { same_as_new_format: boolean };
}

const expected = JSON.parse(new TextDecoder().decode(read('rally-3.3/expected-stats.json'))) as {
  workloads: ExpectedWorkload[];
};

const KEYS = ['min', 'median', 'p90', 'p95', 'max', 'mean'] as const;

/** Compares our row with Rally's: rounded as Rally displays, full precision, count, success. */
function expectRow(ours: StatsRow, theirs: ExpectedRow, where: string): void {
  const at = `${where} > ${theirs.name}`;
  expect(ours.name, at).toBe(theirs.name);
  expect(ours.count, `${at} count`).toBe(theirs.count);
  const pct = theirs.success_pct === 'n/a' ? null : theirs.success_pct;
  expect(ours.success === null ? null : roundLikePython(ours.success, 1), `${at} success`).toBe(
    pct,
  );
  for (const k of KEYS) {
    const rounded = theirs[k] === 'n/a' ? null : theirs[k];
    const value = ours[k];
    expect(value === null ? null : roundLikePython(value, 3), `${at} ${k}`).toBe(rounded);
    // Same bits as Rally's unrounded numbers.
    if (theirs.unrounded) {
      const exact = theirs.unrounded[k];
      expect(value, `${at} ${k} (unrounded)`).toBe(exact === 'n/a' ? null : exact);
    }
  }
  expect(
    ours.children.map((c) => c.name),
    `${at} children`,
  ).toEqual(theirs.children.map((c) => c.name));
  ours.children.forEach((c, i) => {
    expectRow(c, theirs.children[i] as ExpectedRow, at);
  });
}

function expectTable(ours: WorkloadStats, theirs: ExpectedTable, where: string): void {
  expect(
    ours.actions.map((r) => r.name),
    `${where} rows`,
  ).toEqual(theirs.rows.map((r) => r.name));
  ours.actions.forEach((r, i) => {
    expectRow(r, theirs.rows[i] as ExpectedRow, where);
  });
  expectRow(ours.total, theirs.total, where);
  // The whole table as Rally prints it (names with " -> ", "%.1f%%", n/a).
  expect(toRallyTable(ours), `${where} table`).toEqual(theirs.table);
}

describe("Rally's own numbers (fixtures/rally/rally-3.3/expected-stats.json)", () => {
  test('the fixture lists every kind of workload', () => {
    expect(expected.workloads.length).toBeGreaterThanOrEqual(16);
    expect(expected.workloads.some((w) => w.iterations === 0)).toBe(true);
    expect(expected.workloads.some((w) => w.format === 'old' && !w.old_format)).toBe(true);
  });

  for (const w of expected.workloads) {
    const position = w.workload_index ?? w.workload_position;
    const label = `${w.file} #${position} ${w.scenario} (${w.iterations} iterations)`;
    test(label, async () => {
      const stats = await statsOfFile(w.file);
      const ours = stats.get(position);
      expect(ours, label).toBeDefined();
      expectTable(ours as WorkloadStats, w, w.file);
      expect(ours?.total.count).toBe(w.iterations);
    });
    if (w.old_format && w.old_format_file) {
      const oldFile = w.old_format_file;
      const oldTable = w.old_format;
      test(`${oldFile} #${position} ${w.scenario} (old format)`, async () => {
        const stats = await statsOfFile(oldFile);
        expectTable(stats.get(position) as WorkloadStats, oldTable, oldFile);
      });
    }
  }
});

describe('the public fuelccp file (old format)', () => {
  test("gives Rally's numbers", async () => {
    const stats = (
      await statsOfFile('public/fuelccp_boot_and_delete_kill_rabbitmq_oldformat.json')
    ).get(0);
    const table = toRallyTable(stats as WorkloadStats);
    expect(table[0]).toEqual([
      'nova.boot_server',
      4.298,
      5.841,
      7.247,
      7.577,
      9.241,
      5.78,
      '100.0%',
      113,
    ]);
    expect(table.find((r) => r[0] === 'total')?.[6]).toBe(8.423);
    expect(stats?.total.count).toBe(113);
  });

  test('same numbers for every chunk size', async () => {
    const rel = 'public/fuelccp_boot_and_delete_kill_rabbitmq_oldformat.json';
    const reference = await statsOfFile(rel);
    for (const size of [1, 7, 4096]) expect(await statsOfFile(rel, size)).toEqual(reference);
  });
});

// ---- the rules, one by one, on small made-up iterations ----

function atomic(
  name: string,
  start: number,
  end: number,
  opts: { failed?: boolean; children?: Atomic[] } = {},
): Atomic {
  return {
    name,
    startedAt: start,
    finishedAt: end,
    duration: end - start,
    failed: opts.failed ?? false,
    children: opts.children ?? [],
  };
}

function iteration(
  atomics: Atomic[],
  opts: { duration?: number; idle?: number; failed?: boolean } = {},
): Iteration {
  return {
    timestamp: 1000,
    duration: opts.duration ?? 1,
    idleDuration: opts.idle ?? 0,
    error: opts.failed ? { type: 'E', message: 'boom', traceback: '' } : null,
    atomics,
    output: null,
  };
}

function rowNames(rows: StatsRow[], depth = 0): string[] {
  return rows.flatMap((r) => [
    `${'>'.repeat(depth)}${r.name}:${r.count}`,
    ...rowNames(r.children, depth + 1),
  ]);
}

describe('RallyStats rules (charts.py MainStatsTable)', () => {
  test('repeated names merge per iteration as "name (xN)", a separate row from "name"', () => {
    const s = new RallyStats();
    s.add(iteration([atomic('a', 0, 1), atomic('b', 1, 2), atomic('a', 2, 4)]));
    s.add(iteration([atomic('a', 0, 3)]));
    const r = s.result();
    expect(rowNames(r.actions)).toEqual(['a (x2):1', 'b:1', 'a:1']);
    expect(r.actions[0]?.max).toBe(3); // 1 + 2, summed
  });

  test('children merge across repeats, at most three levels', () => {
    const s = new RallyStats();
    const deep = atomic('l3', 0, 1, { children: [atomic('l4', 0, 1)] });
    s.add(
      iteration([
        atomic('p', 0, 2, { children: [atomic('c', 0, 1, { children: [deep] })] }),
        atomic('p', 2, 4, { children: [atomic('c', 2, 3)] }),
      ]),
    );
    expect(rowNames(s.result().actions)).toEqual(['p (x2):1', '>c (x2):1', '>>l3:1']);
  });

  test('<no-name-action>: failed iteration whose last merged action is not failed', () => {
    const s = new RallyStats();
    // A, B, A(failed): the last key is B (first insertion order) → added.
    s.add(
      iteration([atomic('A', 0, 1), atomic('B', 1, 2), atomic('A', 2, 3, { failed: true })], {
        failed: true,
      }),
    );
    // Last action failed → not added.
    s.add(iteration([atomic('A', 0, 1), atomic('B', 1, 2, { failed: true })], { failed: true }));
    // No atomic actions → not added.
    s.add(iteration([], { failed: true }));
    // Success → not added.
    s.add(iteration([atomic('A', 0, 1)]));
    const r = s.result();
    const noName = r.actions.find((a) => a.name === NO_NAME_ACTION);
    expect(noName).toMatchObject({ count: 1, success: 0, min: 0, max: 0 });
    expect(r.actions.find((a) => a.name === 'A (x2)')?.success).toBe(0); // failed if any repeat failed
    expect(r.actions.find((a) => a.name === 'B')?.success).toBe(50);
    expect(r.total).toMatchObject({ count: 4, success: 25 });
  });

  test('total is duration + idle_duration; failed iterations count in min/max/mean', () => {
    const s = new RallyStats();
    s.add(iteration([], { duration: 2, idle: 0.5 }));
    s.add(iteration([], { duration: 10, idle: 1, failed: true }));
    const { total } = s.result();
    expect(total).toMatchObject({
      name: 'total',
      count: 2,
      success: 50,
      min: 2.5,
      max: 11,
      mean: 6.75,
    });
    expect(total.children.map((c) => [c.name, c.min, c.max])).toEqual([
      ['duration', 2, 10],
      ['idle_duration', 0.5, 1],
    ]);
  });

  test('an atomic action longer than its failed iteration is kept as is', () => {
    const s = new RallyStats();
    s.add(iteration([atomic('slow', 0, 5, { failed: true })], { duration: 1, failed: true }));
    expect(s.result().actions[0]).toMatchObject({ name: 'slow', max: 5, success: 0 });
  });

  test('an atomic action named "total" is replaced by the total row, as in Rally', () => {
    const s = new RallyStats();
    s.add(iteration([atomic('total', 0, 7), atomic('x', 0, 1)]));
    const r = s.result();
    expect(r.actions.map((a) => a.name)).toEqual(['x']);
    expect(r.total.max).toBe(1);
  });

  test('no iterations: only total, with n/a everywhere', () => {
    const r = new RallyStats().result();
    expect(r.actions).toEqual([]);
    expect(r.total).toEqual({
      name: 'total',
      count: 0,
      success: null,
      min: null,
      median: null,
      p90: null,
      p95: null,
      max: null,
      mean: null,
      children: [],
    });
    expect(toRallyTable(r)).toEqual([
      ['total', 'n/a', 'n/a', 'n/a', 'n/a', 'n/a', 'n/a', 'n/a', 0],
    ]);
  });

  test('old-format atomics (no start/end) are chained from the timestamp like Rally does', () => {
    const s = new RallyStats();
    const it = iteration([]);
    it.timestamp = 1490267341.581134;
    it.atomics = [
      {
        name: 'a',
        startedAt: null,
        finishedAt: null,
        duration: 7.19781494140625,
        failed: false,
        children: [],
      },
      {
        name: 'b',
        startedAt: null,
        finishedAt: null,
        duration: 2.591085910797119,
        failed: false,
        children: [],
      },
    ];
    s.add(it);
    const start = it.timestamp;
    const mid = start + 7.19781494140625;
    expect(s.result().actions.map((a) => a.min)).toEqual([
      mid - start,
      mid + 2.591085910797119 - mid,
    ]);
  });

  test('1,000,000 iterations: exact percentiles, small memory', () => {
    const s = new RallyStats();
    const n = 1_000_000;
    const atomics = [atomic('a', 0, 0)];
    const before = process.memoryUsage().heapUsed;
    for (let i = 0; i < n; i++) {
      const a = atomics[0] as Atomic;
      a.finishedAt = (i * 7919) % n; // a permutation of 0..n-1
      s.add({ timestamp: 0, duration: i, idleDuration: 0, error: null, atomics, output: null });
    }
    const r = s.result();
    const row = r.actions[0] as StatsRow;
    expect(row.count).toBe(n);
    expect(row.min).toBe(0);
    expect(row.max).toBe(n - 1);
    expect(row.median).toBe((n - 1) * 0.5);
    expect(row.p90).toBeCloseTo((n - 1) * 0.9, 6);
    expect(r.total.mean).toBe((n - 1) / 2);
    // 4 rows x 1M doubles = 32 MB of values (plus growth slack); no per-iteration objects kept.
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(200 * 1024 * 1024);
  });
});
