// biome-ignore lint/style/noRestrictedImports: tests read the fixture files from disk
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import type { WorkloadStats } from '../../lib/apiTypes';
import { roundLikePython } from '../../lib/stats/percentile';
import { CouldNotDetermineFormatError, RallyContentError } from '../core/errors';
import { bytesSource } from '../core/source';
import type { Atomic, Iteration, TaskMeta, WorkloadMeta } from '../model';
import { type RallyParseResult, RallyStats, parseRally, toRallyTable } from './index';
import { HTML_ZIPPED_SIZE, tableToStats } from './parseHtmlReport';

const DIR = path.resolve(__dirname, '../../fixtures/rally/rally-3.3');
const read = (f: string) => new Uint8Array(readFileSync(path.join(DIR, f)));
const enc = new TextEncoder();
const dec = new TextDecoder();
const HTML_FILES = readdirSync(DIR).filter((f) => f.endsWith('.html'));
/** Reports next to the same task's `rally task report --json` (the ground truth). */
const WITH_JSON = HTML_FILES.filter((f) =>
  readdirSync(DIR).includes(f.replace(/\.html$/, '.json')),
);

interface Collected {
  result: RallyParseResult;
  iterations: Map<number, Iteration[]>;
  workloads: Map<number, WorkloadMeta>;
  tasks: { task: TaskMeta; positions: number[] }[];
}

async function parse(bytes: Uint8Array, chunkSize = 1 << 20): Promise<Collected> {
  const out: Omit<Collected, 'result'> = { iterations: new Map(), workloads: new Map(), tasks: [] };
  const result = await parseRally(bytesSource(bytes, chunkSize), {
    iterations(position, batch, firstIndex) {
      const list = out.iterations.get(position) ?? [];
      expect(firstIndex).toBe(list.length);
      expect(out.workloads.has(position)).toBe(false);
      list.push(...batch);
      out.iterations.set(position, list);
    },
    workloadEnd(position, meta) {
      expect(out.workloads.has(position)).toBe(false);
      out.workloads.set(position, meta);
    },
    taskEnd(task, positions) {
      out.tasks.push({ task, positions });
    },
  });
  return { ...out, result };
}

function reported(meta: WorkloadMeta | undefined): WorkloadStats {
  if (!meta?.reportedStats) throw new Error('no reportedStats');
  return meta.reportedStats;
}

async function failure(bytes: Uint8Array): Promise<Error> {
  try {
    await parse(bytes, 7000);
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected the parse to fail');
}

/** Top-level atomic actions of a new-format iteration merged by name (Rally's merge). */
function mergedTop(atomics: Atomic[]): Map<string, { duration: number; count: number }> {
  const m = new Map<string, { duration: number; count: number }>();
  for (const a of atomics) {
    const e = m.get(a.name) ?? { duration: 0, count: 0 };
    e.duration += a.duration;
    e.count += 1;
    m.set(a.name, e);
  }
  return m;
}

test('every Rally 3.3 HTML report is detected and parses', async () => {
  expect(HTML_FILES.length).toBeGreaterThanOrEqual(6);
  for (const f of HTML_FILES) {
    const { result, workloads, tasks } = await parse(read(f), 5000);
    expect(result.format, f).toBe('rally-html');
    expect(workloads.size, f).toBeGreaterThan(0);
    expect(tasks, f).toHaveLength(1);
    expect(tasks[0]?.positions, f).toEqual([...workloads.keys()].sort((a, b) => a - b));
    expect(tasks[0]?.task.rallyVersion, f).toBe('3.3.0');
  }
});

describe.each(WITH_JSON)('%s against the same task in JSON', (file) => {
  const jsonFile = file.replace(/\.html$/, '.json');

  test('workloads: config, SLA, counts, durations, in task order', async () => {
    const html = await parse(read(file));
    const json = await parse(read(jsonFile));
    expect(html.workloads.size).toBe(json.workloads.size);
    for (const [pos, j] of json.workloads) {
      const h = html.workloads.get(pos) as WorkloadMeta;
      const where = `${file} workload ${pos}`;
      expect(h.uuid, where).toBe(j.uuid);
      expect(h.scenario, where).toBe(j.scenario);
      expect(h.args, where).toEqual(j.args);
      expect(h.runner, where).toEqual(j.runner);
      expect(h.contexts, where).toEqual(j.contexts);
      expect(h.sla, where).toEqual(j.sla);
      expect(h.slaResults, where).toEqual(j.slaResults);
      expect(h.totalIterationCount, where).toBe(j.totalIterationCount);
      expect(h.failedIterationCount, where).toBe(j.failedIterationCount);
      expect(h.loadDuration, where).toBe(j.loadDuration);
      expect(h.fullDuration, where).toBe(j.fullDuration);
      expect(h.createdAt, where).toBe(j.createdAt);
      expect(h.startTime, where).toBeNull();
      // Hook configs come back (their results are not in the HTML).
      expect(
        h.hooks.map((x) => (x as { config: unknown }).config),
        where,
      ).toEqual(j.hooks.map((x) => (x as { config: unknown }).config));
      expect(h.reportedStats, where).toBeDefined();
    }
  });

  test('iterations: durations, errors and top-level atomic actions equal the JSON', async () => {
    const html = await parse(read(file));
    const json = await parse(read(jsonFile));
    for (const [pos, j] of json.workloads) {
      const where = `${file} workload ${pos}`;
      const hIts = html.iterations.get(pos) ?? [];
      const jIts = json.iterations.get(pos) ?? [];
      expect(hIts.length, where).toBe(j.totalIterationCount);
      expect(hIts.length, where).toBe(jIts.length);
      if (hIts.length > 0) expect(html.workloads.get(pos)?.timestampsKnown, where).toBe(false);
      for (let i = 0; i < jIts.length; i++) {
        const h = hIts[i] as Iteration;
        const jt = jIts[i] as Iteration;
        expect(h.timestamp, where).toBe(0);
        expect(h.error, `${where} #${i + 1}`).toEqual(jt.error);
        if (jt.error) {
          // A failed iteration's split is lost: the HTML keeps duration + idle_duration.
          expect(h.duration + h.idleDuration, `${where} #${i + 1}`).toBe(
            jt.duration + jt.idleDuration,
          );
          expect(h.idleDuration).toBe(0);
        } else {
          expect(h.duration, `${where} #${i + 1}`).toBe(jt.duration);
          expect(h.idleDuration, `${where} #${i + 1}`).toBe(jt.idleDuration);
        }
        // Every atomic action we give is a real top-level action with its merged duration.
        const merged = mergedTop(jt.atomics);
        for (const a of h.atomics) {
          const m = merged.get(a.name);
          expect(m, `${where} #${i + 1} ${a.name}`).toBeDefined();
          expect(m?.count, `${where} #${i + 1} ${a.name}`).toBe(1);
          expect(a.duration, `${where} #${i + 1} ${a.name}`).toBe(m?.duration);
          expect(a.startedAt).toBeNull();
          expect(a.finishedAt).toBeNull();
          expect(a.children).toEqual([]);
        }
      }
    }
  });

  test("stats from the HTML's iterations equal Rally's table in the same HTML", async () => {
    const html = await parse(read(file));
    for (const [pos, meta] of html.workloads) {
      const where = `${file} workload ${pos}`;
      const stats = new RallyStats();
      for (const it of html.iterations.get(pos) ?? []) stats.add(it);
      const ours = toRallyTable(stats.result());
      const theirs: readonly (readonly unknown[])[] = toRallyTable(reported(meta));
      // The total and its duration / idle_duration rows are always exact.
      const totalRows = (rows: readonly (readonly unknown[])[]) =>
        rows.slice(rows.findIndex((r) => r[0] === 'total'));
      expect(totalRows(ours), where).toEqual(totalRows(theirs));
      // The whole table is exact when Rally's table has no nested and no repeated actions and no
      // <no-name-action> (the HTML's charts cannot carry those); else a warning says so.
      const lossy = theirs.some((r) =>
        /^ -+> (?!duration$|idle_duration$)|\(x\d+\)$|^<no-name-action>$/.test(String(r[0])),
      );
      if (!lossy) expect(ours, where).toEqual(theirs);
      else {
        expect(
          html.result.warnings.some((w) => w.message.includes("differ from Rally's table")),
          where,
        ).toBe(true);
      }
      // Our own rounding (Python's) of our full-precision numbers gives Rally's digits.
      const total = stats.result().total;
      if (total.mean !== null)
        expect(roundLikePython(total.mean, 3)).toBe(meta.reportedStats?.total.mean);
    }
  });

  test("reportedStats is Rally's table (as in expected-stats.json)", async () => {
    const expected = JSON.parse(dec.decode(read('expected-stats.json'))) as {
      workloads: { file: string; workload_index: number; table: unknown[][] }[];
    };
    const html = await parse(read(file));
    const mine = expected.workloads.filter((w) => w.file === `rally-3.3/${jsonFile}`);
    expect(mine.length).toBe(html.workloads.size);
    for (const w of mine) {
      const meta = html.workloads.get(w.workload_index) as WorkloadMeta;
      expect(toRallyTable(reported(meta)), `${file} ${w.workload_index}`).toEqual(w.table);
    }
  });
});

test('the exact-table check is not vacuous: workloads whose whole table is rebuilt', async () => {
  let exact = 0;
  for (const f of WITH_JSON) {
    const { iterations, workloads } = await parse(read(f));
    for (const [pos, meta] of workloads) {
      const stats = new RallyStats();
      for (const it of iterations.get(pos) ?? []) stats.add(it);
      if (
        (iterations.get(pos)?.length ?? 0) > 0 &&
        JSON.stringify(toRallyTable(stats.result())) ===
          JSON.stringify(toRallyTable(reported(meta)))
      )
        exact++;
    }
  }
  // timed/random atomic actions (multi-runner), 4 failing workloads incl. a failed atomic action
  // (failures), dummy_output.
  expect(exact).toBeGreaterThanOrEqual(7);
});

describe('compressed series (more than 1000 iterations)', () => {
  test('no iterations are made up; Rally table and a warning', async () => {
    const { result, iterations, workloads } = await parse(read('compressed.html'));
    expect(iterations.size).toBe(0);
    const meta = workloads.get(0) as WorkloadMeta;
    expect(meta.totalIterationCount).toBe(1500);
    expect(meta.totalIterationCount).toBeGreaterThan(HTML_ZIPPED_SIZE);
    expect(meta.failedIterationCount).toBe(0);
    expect(meta.timestampsKnown).toBeUndefined();
    expect(meta.scenario).toBe('Dummy.dummy');
    expect(meta.runner).toEqual({ type: 'constant', times: 1500, concurrency: 4 });
    expect(result.warnings).toHaveLength(1);
    expect(result.warnings[0]?.message).toMatch(
      /no per-iteration data \(1500 iterations zipped by Rally into 1000/,
    );
    // Rally's printed table (`rally task detailed`) of the same task.
    const detailed = dec
      .decode(read('compressed.detailed.txt'))
      .split('\n')
      .filter((l) => /^\| (?!Action)/.test(l))
      .map((l) =>
        l
          .split('|')
          .slice(1, -1)
          .map((c) => c.trimEnd().replace(/^ /, '')),
      )
      .filter((c) => c.length === 9)
      .map((c) => [c[0], ...c.slice(1, 7).map(Number), c[7], Number(c[8])]);
    expect(toRallyTable(reported(meta))).toEqual(detailed);
    expect(meta.reportedStats?.total).toMatchObject({ name: 'total', count: 1500, success: 100 });
    expect(meta.reportedStats?.actions.map((a) => [a.name, a.children.map((c) => c.name)])).toEqual(
      [['foo', ['bar']]],
    );
  });
});

describe('tableToStats', () => {
  test('n/a row of a workload with no iterations', () => {
    expect(
      tableToStats([['total', 'n/a', 'n/a', 'n/a', 'n/a', 'n/a', 'n/a', 'n/a', 0]], 't'),
    ).toEqual({
      actions: [],
      total: {
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
      },
    });
  });
  test('nesting from the prefixes', () => {
    const s = tableToStats(
      [
        ['a', 1, 1, 1, 1, 1, 1, '50.0%', 2],
        [' -> b', 1, 1, 1, 1, 1, 1, '100.0%', 2],
        [' --> c', 1, 1, 1, 1, 1, 1, '100.0%', 2],
        ['total', 1, 1, 1, 1, 1, 1, '50.0%', 2],
      ],
      't',
    );
    expect(s.actions[0]?.children[0]?.children[0]?.name).toBe('c');
    expect(s.actions[0]?.success).toBe(50);
    expect(() => tableToStats([[' -> b', 1, 1, 1, 1, 1, 1, '1%', 1]], 't')).toThrow(
      RallyContentError,
    );
  });
});

describe('damaged and foreign HTML', () => {
  const good = read('hooks.html');
  const text = dec.decode(good);
  const mark = text.indexOf('$scope.scenarios = ');

  test('truncated inside the data: RallyContentError naming where', async () => {
    const e = await failure(good.subarray(0, mark + 5000));
    expect(e).toBeInstanceOf(RallyContentError);
    expect((e as RallyContentError).at).toMatch(/^\$scope\.scenarios \(byte \d+\)$/);
    expect(e.message).toMatch(/truncated/);
  });

  test('truncated before the data: not a Rally report', async () => {
    const e = await failure(good.subarray(0, mark - 10));
    expect(e).toBeInstanceOf(CouldNotDetermineFormatError);
    expect(e.message).toMatch(/HTML document without Rally's `\$scope\.scenarios/);
  });

  test('HTML without $scope.scenarios', async () => {
    const e = await failure(
      enc.encode('<!doctype html>\n<html><head><title>x</title></head><body>hello</body></html>\n'),
    );
    expect(e).toBeInstanceOf(CouldNotDetermineFormatError);
  });

  test('damaged workload: RallyContentError with its path', async () => {
    const bad = text.replace('"iterations_count": 30', '"iterations_count": "thirty"');
    const e = await failure(enc.encode(bad));
    expect(e).toBeInstanceOf(RallyContentError);
    expect((e as RallyContentError).at).toBe('$scope.scenarios[0].iterations_count');
  });

  test('an error index outside the iterations', async () => {
    const t = dec.decode(read('failures.html')).replace('{"iteration": 3, ', '{"iteration": 999, ');
    const e = await failure(enc.encode(t));
    expect(e).toBeInstanceOf(RallyContentError);
    expect((e as RallyContentError).at).toMatch(/\.errors$/);
  });

  test('--html-static: 1 MB of inlined libraries before the data, read in small chunks', async () => {
    const pad = `<script type="text/javascript">${'/* angular, d3, nvd3 */ var x = 1;\n'.repeat(30000)}</script>\n`;
    const big = text.replace('<head>', `<head>\n${pad}`);
    expect(big.indexOf('$scope.scenarios = ')).toBeGreaterThan(1_000_000);
    const a = await parse(enc.encode(big), 3000);
    const b = await parse(good);
    expect(a.result.format).toBe('rally-html');
    expect(a.iterations).toEqual(b.iterations);
    expect(a.workloads).toEqual(b.workloads);
  });
});
