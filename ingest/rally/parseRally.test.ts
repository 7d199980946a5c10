// biome-ignore lint/style/noRestrictedImports: tests read the fixture files from disk
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import {
  CouldNotDetermineFormatError,
  IngestError,
  JsonSyntaxError,
  RallyContentError,
} from '../core/errors';
import { type ByteSource, bytesSource, iterableSource } from '../core/source';
import type { Iteration, ParseWarning, TaskMeta, WorkloadMeta } from '../model';
import { type RallyParseOptions, type RallyParseResult, parseRally } from './index';
import { normalizeCreatedAt, normalizeHooks } from './normalize';

const FIXTURES = path.resolve(__dirname, '../../fixtures/rally');
const read = (rel: string) => new Uint8Array(readFileSync(path.join(FIXTURES, rel)));
const text = (rel: string) => new TextDecoder().decode(read(rel));
const enc = new TextEncoder();
const FUELCCP = 'public/fuelccp_boot_and_delete_kill_rabbitmq_oldformat.json';

const rally33 = readdirSync(path.join(FIXTURES, 'rally-3.3'));
const NEW_FILES = rally33.filter(
  (f) => f.endsWith('.json') && !f.endsWith('.old.json') && f !== 'expected-stats.json',
);
const OLD_FILES = rally33.filter((f) => f.endsWith('.old.json'));

interface Collected {
  result: RallyParseResult;
  iterations: Map<number, Iteration[]>;
  workloads: Map<number, WorkloadMeta>;
  tasks: { task: TaskMeta; positions: number[] }[];
  log: string[];
}

async function parse(
  bytes: Uint8Array,
  chunkSize = 1 << 20,
  opts: RallyParseOptions = {},
): Promise<Collected> {
  const out: Omit<Collected, 'result'> = {
    iterations: new Map(),
    workloads: new Map(),
    tasks: [],
    log: [],
  };
  const result = await parseRally(
    bytesSource(bytes, chunkSize),
    {
      iterations(position, batch, firstIndex) {
        const list = out.iterations.get(position) ?? [];
        expect(firstIndex).toBe(list.length);
        list.push(...batch);
        out.iterations.set(position, list);
        out.log.push(`iterations ${position} ${firstIndex}+${batch.length}`);
      },
      workloadEnd(position, meta) {
        expect(out.workloads.has(position)).toBe(false);
        out.workloads.set(position, meta);
        out.log.push(`workloadEnd ${position}`);
      },
      taskEnd(task, positions) {
        out.tasks.push({ task, positions });
        out.log.push(`taskEnd ${positions.join(',')}`);
      },
    },
    opts,
  );
  return { ...out, result };
}

async function failure(bytes: Uint8Array, chunkSize = 1 << 20): Promise<Error> {
  try {
    await parse(bytes, chunkSize);
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected the parse to fail');
}

describe('old format (rally task results)', () => {
  test('the public fuelccp file', async () => {
    const { result, iterations, workloads, tasks } = await parse(read(FUELCCP));
    expect(result).toEqual({ format: 'rally-old-json', formatVersion: null, warnings: [] });
    const its = iterations.get(0) as Iteration[];
    expect(its).toHaveLength(113);
    expect(its[0]).toEqual({
      timestamp: 1490267341.581134,
      duration: 8.78904390335083,
      idleDuration: 1,
      error: null,
      atomics: [
        {
          name: 'nova.boot_server',
          startedAt: null,
          finishedAt: null,
          duration: 7.19781494140625,
          failed: false,
          children: [],
        },
        {
          name: 'nova.delete_server',
          startedAt: null,
          finishedAt: null,
          duration: 2.591085910797119,
          failed: false,
          children: [],
        },
      ],
      output: { additive: [], complete: [] },
    });
    const meta = workloads.get(0) as WorkloadMeta;
    expect(meta).toMatchObject({
      uuid: null,
      position: 0,
      scenario: 'NovaServers.boot_and_delete_server',
      runner: { type: 'constant_for_duration', duration: 240, concurrency: 4 },
      contexts: { users: { users_per_tenant: 1, tenants: 1 } },
      args: { force_delete: false },
      sla: {},
      slaResults: [],
      startTime: 1490267341.581134,
      loadDuration: 240.11389994621277,
      fullDuration: 254.53140997886658,
      totalIterationCount: null,
      failedIterationCount: null,
      createdAt: null,
    });
    expect(meta.hooks).toHaveLength(1);
    expect(tasks).toEqual([
      {
        task: {
          uuid: null,
          title: null,
          tags: [],
          envName: null,
          rallyVersion: null,
          formatVersion: null,
          createdAt: null,
        },
        positions: [0],
      },
    ]);
  });

  for (const file of OLD_FILES) {
    test(`rally-3.3/${file}`, async () => {
      const rel = `rally-3.3/${file}`;
      const raw = JSON.parse(text(rel).replace(/\bInfinity\b/g, '1e999')) as {
        key: { name: string; kw: { runner: { type: string } } };
        result: unknown[];
        created_at: string;
      }[];
      const { result, iterations, workloads, tasks } = await parse(read(rel));
      expect(result.format).toBe('rally-old-json');
      expect(result.warnings).toEqual([]);
      expect([...workloads.keys()]).toEqual(raw.map((_, i) => i));
      raw.forEach((w, i) => {
        const meta = workloads.get(i) as WorkloadMeta;
        expect(meta.scenario).toBe(w.key.name);
        expect(meta.runner.type).toBe(w.key.kw.runner.type);
        expect(iterations.get(i)?.length ?? 0).toBe(w.result.length);
        // "2026-24-11T15:41:29" (day before month) → "2026-11-24T15:41:29Z"
        const [, y, d, m, time] = /^(\d{4})-(\d{2})-(\d{2})T(.*)$/.exec(
          w.created_at,
        ) as RegExpExecArray;
        expect(meta.createdAt).toBe(`${y}-${m}-${d}T${time}Z`);
      });
      expect(tasks).toHaveLength(1);
      expect(tasks[0]?.positions).toEqual(raw.map((_, i) => i));
    });
  }

  test('detection reads past 64 KiB when the first workload starts with long hooks', async () => {
    const old = JSON.parse(text(FUELCCP));
    old[0].hooks[0].config.args.action = 'x'.repeat(200_000);
    const json = JSON.stringify(old);
    expect(json.indexOf('"result"')).toBeGreaterThan(65_536);
    const bytes = enc.encode(json);
    for (const size of [4096, 1 << 20]) {
      const { result, iterations } = await parse(bytes, size);
      expect(result.format).toBe('rally-old-json');
      expect(iterations.get(0)).toHaveLength(113);
    }
  });

  test('a failed old-format iteration: error list → object, atomics not failed', async () => {
    const { iterations } = await parse(read('rally-3.3/failures.old.json'));
    const failed = (iterations.get(0) as Iteration[]).find((it) => it.error !== null) as Iteration;
    expect(failed.error).toMatchObject({ type: 'KeyError', message: "'Dummy test exception'" });
    expect(failed.error?.traceback).toMatch(/^Traceback \(most recent call last\)/);
    expect(failed.atomics.every((a) => a.failed === false && a.startedAt === null)).toBe(true);
  });
});

describe('new format (rally task report --json)', () => {
  for (const file of NEW_FILES) {
    test(`rally-3.3/${file}`, async () => {
      const rel = `rally-3.3/${file}`;
      const raw = JSON.parse(text(rel).replace(/\bInfinity\b/g, '1e999')) as {
        info: { rally_version: string; format_version: string };
        tasks: {
          uuid: string;
          env_name: string;
          tags: string[];
          subtasks: {
            workloads: {
              uuid: string;
              scenario: Record<string, unknown>;
              runner: Record<string, Record<string, unknown>>;
              data: { error: unknown[] }[];
              total_iteration_count: number;
              failed_iteration_count: number;
              start_time: number | null;
            }[];
          }[];
        }[];
      };
      const { result, iterations, workloads, tasks } = await parse(read(rel));
      expect(result).toEqual({
        format: 'rally-v2-json',
        formatVersion: raw.info.format_version,
        warnings: [],
      });
      const flat = raw.tasks.flatMap((t) => t.subtasks.flatMap((s) => s.workloads));
      expect([...workloads.keys()]).toEqual(flat.map((_, i) => i));
      flat.forEach((w, i) => {
        const meta = workloads.get(i) as WorkloadMeta;
        const [scenario, args] = Object.entries(w.scenario)[0] as [string, unknown];
        const [runnerType, runnerConfig] = Object.entries(w.runner)[0] as [
          string,
          Record<string, unknown>,
        ];
        expect(meta).toMatchObject({
          uuid: w.uuid,
          position: i,
          scenario,
          args,
          runner: { ...runnerConfig, type: runnerType },
          startTime: w.start_time,
          totalIterationCount: w.total_iteration_count,
          failedIterationCount: w.failed_iteration_count,
        });
        const its = iterations.get(i) ?? [];
        expect(its).toHaveLength(w.total_iteration_count);
        expect(its.filter((it) => it.error).length).toBe(w.failed_iteration_count);
      });
      expect(tasks.map((t) => t.task.uuid)).toEqual(raw.tasks.map((t) => t.uuid));
      expect(tasks.map((t) => t.task.tags)).toEqual(raw.tasks.map((t) => t.tags));
      expect(tasks[0]?.task).toMatchObject({
        rallyVersion: raw.info.rally_version,
        formatVersion: raw.info.format_version,
        envName: raw.tasks[0]?.env_name,
      });
      expect(tasks[0]?.task.createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
      expect(tasks.flatMap((t) => t.positions)).toEqual(flat.map((_, i) => i));
    });
  }

  test('nested atomic actions: duration = finished_at - started_at, failed, children', async () => {
    const { iterations } = await parse(read('rally-3.3/no-name-action.json'));
    const first = (iterations.get(0) as Iteration[])[0] as Iteration;
    const boot = first.atomics[0];
    expect(boot?.name).toBe('boot');
    expect(boot?.startedAt).toBe(1795535077.1261637);
    expect(boot?.duration).toBe(1795535077.136339 - 1795535077.1261637);
    expect(boot?.children[0]?.children[0]?.children[0]?.name).toBe('ram_filter');
    const failures = await parse(read('rally-3.3/failures.json'));
    const failedAtomic = (failures.iterations.get(0) as Iteration[])
      .flatMap((it) => it.atomics)
      .find((a) => a.failed);
    expect(failedAtomic?.name).toBe('dummy_fail_test');
  });

  test('a workload with no iterations', async () => {
    const { iterations, workloads } = await parse(read('rally-3.3/failures.json'));
    const empty = [...workloads.values()].find((w) => w.totalIterationCount === 0) as WorkloadMeta;
    expect(iterations.has(empty.position)).toBe(false);
    expect(empty.startTime).toBeNull();
    expect(empty.slaResults.map((r) => r.criterion)).toContain('something_went_wrong');
  });

  test('hooks: errors normalized, Python Infinity accepted', async () => {
    for (const rel of ['rally-3.3/hooks.json', 'rally-3.3/hooks.old.json']) {
      const { workloads } = await parse(read(rel));
      const hooks = workloads.get(0)?.hooks as {
        config: unknown;
        results: { status: string; error?: unknown }[];
      }[];
      const failed = hooks.flatMap((h) => h.results).find((r) => r.status === 'failed');
      expect(failed?.error).toEqual({
        type: 'n/a',
        message: 'Subprocess returned 1',
        traceback: 'stdout: ',
      });
      expect(JSON.stringify(hooks)).not.toMatch(/etype/);
      // `"end": Infinity` in the periodic trigger.
      expect(
        JSON.stringify(hooks[2]?.config, (_k, v) => (v === Number.POSITIVE_INFINITY ? 'INF' : v)),
      ).toMatch(/"end":"INF"/);
    }
  });
});

describe('streaming', () => {
  for (const rel of [FUELCCP, 'rally-3.3/failures.json', 'rally-3.3/hooks.old.json']) {
    test(`identical results for chunk sizes 1, 7, 4096 and 1 MiB: ${rel}`, async () => {
      const bytes = read(rel);
      const reference = await parse(bytes, 1 << 20);
      for (const size of [1, 7, 4096]) {
        const other = await parse(bytes, size);
        expect(other.result).toEqual(reference.result);
        expect(other.iterations).toEqual(reference.iterations);
        expect(other.workloads).toEqual(reference.workloads);
        expect(other.tasks).toEqual(reference.tasks);
        expect(other.log).toEqual(reference.log);
      }
    });
  }

  test('every input path gives the same result: bytes, an async iterable, a web ReadableStream', async () => {
    const bytes = read('rally-3.3/failures.json');
    const reference = await parse(bytes);
    const collect = async (source: ByteSource) => {
      const seen: string[] = [];
      const result = await parseRally(source, {
        iterations: (p, b, first) => void seen.push(`${p}:${first}:${JSON.stringify(b)}`),
        workloadEnd: (p, m) => void seen.push(`${p}:${JSON.stringify(m)}`),
        taskEnd: (t, ps) => void seen.push(`${JSON.stringify(t)}:${ps}`),
      });
      return { result, seen };
    };
    const fromBytes = await collect(bytesSource(bytes, 1000));
    async function* chunks() {
      for (let o = 0; o < bytes.length; o += 333) yield bytes.slice(o, o + 333);
    }
    const fromIterable = await collect(iterableSource(chunks(), bytes.length));
    const stream = new Blob([bytes]).stream() as unknown as AsyncIterable<Uint8Array>;
    const fromStream = await collect(iterableSource(stream));
    expect(fromIterable).toEqual(fromBytes);
    expect(fromStream).toEqual(fromBytes);
    expect(fromBytes.result).toEqual(reference.result);
  });

  test('batches of at most batchSize, in order, before the workload ends', async () => {
    const { log } = await parse(read(FUELCCP), 4096, { batchSize: 10 });
    const batches = log.filter((l) => l.startsWith('iterations'));
    expect(batches).toHaveLength(12);
    expect(batches[0]).toBe('iterations 0 0+10');
    expect(batches.at(-1)).toBe('iterations 0 110+3');
    expect(log.slice(-2)).toEqual(['workloadEnd 0', 'taskEnd 0']);
  });

  test('awaits the sink (backpressure) and reports progress', async () => {
    const bytes = read('rally-3.3/multi-runner.json');
    const events: string[] = [];
    let pending = 0;
    const progress: number[] = [];
    const slow = async (label: string) => {
      expect(pending).toBe(0);
      pending++;
      await new Promise((r) => setTimeout(r, 1));
      pending--;
      events.push(label);
    };
    await parseRally(
      bytesSource(bytes, 8192),
      {
        iterations: (p, b, first) => slow(`it ${p} ${first} ${b.length}`),
        workloadEnd: (p) => slow(`wl ${p}`),
        taskEnd: (_t, ps) => slow(`task ${ps.join(',')}`),
      },
      { batchSize: 16, onProgress: (n) => progress.push(n) },
    );
    expect(events.at(-1)).toBe('task 0,1,2,3,4,5');
    expect(events.indexOf('wl 0')).toBeGreaterThan(events.indexOf('it 0 48 2'));
    expect(progress.at(-1)).toBe(bytes.length);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
  });

  test('an error thrown by the sink stops the parse', async () => {
    const err = new Error('disk full');
    await expect(
      parseRally(bytesSource(read(FUELCCP)), {
        iterations() {
          throw err;
        },
        workloadEnd() {},
        taskEnd() {},
      }),
    ).rejects.toBe(err);
  });
});

describe('bad input', () => {
  test('empty input', async () => {
    for (const bytes of [
      new Uint8Array(0),
      enc.encode('  \n\t'),
      new Uint8Array([0xef, 0xbb, 0xbf]),
    ]) {
      const e = await failure(bytes);
      expect(e).toBeInstanceOf(IngestError);
      expect((e as IngestError).code).toBe('EMPTY');
    }
  });

  test('JSON that is neither format', async () => {
    for (const s of [
      '{"a":1}',
      '[1,2]',
      '[]',
      '{}',
      '"rally"',
      '42',
      '[{"a": 1}]',
      '{"info": {"format_version": "1.2"}}',
      'hello',
    ]) {
      const e = await failure(enc.encode(s));
      expect(e, s).toBeInstanceOf(CouldNotDetermineFormatError);
      expect((e as IngestError).code).toBe('UNRECOGNISED');
    }
  });

  test('binary garbage', async () => {
    let seed = 42;
    const bytes = new Uint8Array(100_000).map(() => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed >> 16;
    });
    for (const b of [
      bytes,
      new Uint8Array([0x1f, 0x8b, 0x08, 0, 0, 0]),
      new Uint8Array([0x5b, 0, 0xff, 0x13]),
    ]) {
      expect(await failure(b)).toBeInstanceOf(CouldNotDetermineFormatError);
    }
  });

  test('truncated files (cut in the middle) → JsonSyntaxError at the end of the input', async () => {
    for (const rel of [FUELCCP, 'rally-3.3/failures.json', 'rally-3.3/failures.old.json']) {
      const bytes = read(rel);
      for (const cut of [Math.floor(bytes.length / 2), bytes.length - 3]) {
        for (const size of [7, 1 << 20]) {
          const e = await failure(bytes.subarray(0, cut), size);
          expect(e, `${rel} cut at ${cut}`).toBeInstanceOf(JsonSyntaxError);
          expect((e as JsonSyntaxError).at).toBe(`byte ${cut}`);
          expect(e.message).toMatch(/unexpected end of input/);
        }
      }
    }
    const half = read(FUELCCP).subarray(0, 30_000);
    expect((await failure(half)).message).toMatch(
      /inside the array at \$\[0\]\.result \(in element \d+/,
    );
  });

  test('one broken iteration (old format): exact path and expectation', async () => {
    const src = text(FUELCCP);
    let n = 0;
    const broken = src.replace(/"duration": [0-9.]+/g, (m) =>
      n++ === 3 ? '"duration": "slow"' : m,
    );
    for (const size of [7, 1 << 20]) {
      const e = await failure(enc.encode(broken), size);
      expect(e).toBeInstanceOf(RallyContentError);
      expect((e as RallyContentError).at).toBe('$[0].result[3].duration');
      expect((e as RallyContentError).code).toBe('RALLY_SHAPE');
      expect(e.message).toMatch(
        /^\$\[0\]\.result\[3\]\.duration: .*expected number, received string/,
      );
    }
  });

  test('one broken iteration (new format): exact path', async () => {
    const doc = JSON.parse(text('rally-3.3/failures.json'));
    const w = doc.tasks[0].subtasks[1].workloads[0];
    w.data[7].duration = 'slow';
    let e = await failure(enc.encode(JSON.stringify(doc, null, 4)));
    expect(e).toBeInstanceOf(RallyContentError);
    expect((e as RallyContentError).at).toBe(
      '$.tasks[0].subtasks[1].workloads[0].data[7].duration',
    );
    w.data[7].duration = 1;
    doc.tasks[0].subtasks[0].workloads[0].data[2].atomic_actions[0].started_at = null;
    e = await failure(enc.encode(JSON.stringify(doc)));
    expect((e as RallyContentError).at).toBe(
      '$.tasks[0].subtasks[0].workloads[0].data[2].atomic_actions[0].started_at',
    );
    expect(e.message).toMatch(/expected number, received null/);
  });

  test('broken workload metadata', async () => {
    const old = JSON.parse(text(FUELCCP));
    old[0].key.kw.runner = { duration: 240 };
    let e = await failure(enc.encode(JSON.stringify(old)));
    expect(e).toBeInstanceOf(RallyContentError);
    expect((e as RallyContentError).at).toBe('$[0].key.kw.runner.type');
    // A second workload without its key (the first one decides the format).
    const fine = JSON.parse(text(FUELCCP))[0];
    const { key: _dropped, ...keyless } = fine;
    e = await failure(enc.encode(JSON.stringify([fine, keyless])));
    expect(e).toBeInstanceOf(RallyContentError);
    expect((e as RallyContentError).at).toBe('$[1].key');
    e = await failure(enc.encode(JSON.stringify([fine, 5])));
    expect((e as RallyContentError).at).toBe('$[1]');
    const doc = JSON.parse(text('rally-3.3/multi-runner.json'));
    doc.tasks[0].subtasks[0].workloads[1].runner = { constant: {}, serial: {} };
    e = await failure(enc.encode(JSON.stringify(doc)));
    expect((e as RallyContentError).at).toBe('$.tasks[0].subtasks[0].workloads[1].runner');
    expect(e.message).toMatch(/exactly one key/);
    const stray = JSON.parse(text('rally-3.3/multi-runner.json'));
    stray.tasks[0].subtasks[1].workloads.push('not a workload');
    e = await failure(enc.encode(JSON.stringify(stray)));
    expect((e as RallyContentError).at).toBe('$.tasks[0].subtasks[1].workloads[1]');
    const noInfo = JSON.parse(text('rally-3.3/multi-runner.json'));
    noInfo.info = 'rally 3.3';
    e = await failure(enc.encode(JSON.stringify(noInfo)));
    expect((e as RallyContentError).at).toBe('$.info');
  });

  test('a JSON syntax error inside an iteration: byte offset and path', async () => {
    const src = text(FUELCCP);
    const at = src.indexOf('"duration": 7.070603847503662');
    const broken = `${src.slice(0, at)}"duration": 7.07.0603847503662${src.slice(at + 30)}`;
    const e = await failure(enc.encode(broken), 4096);
    expect(e).toBeInstanceOf(JsonSyntaxError);
    expect((e as JsonSyntaxError).at).toBe(`byte ${at + 12}`);
    expect(e.message).toMatch(/\$\[0\]\.result\[4\]\.duration/);
  });
});

describe('normalization details', () => {
  test("old created_at is Rally's %Y-%d-%m (day and month swapped)", () => {
    const w: ParseWarning[] = [];
    expect(normalizeCreatedAt('2017-23-03T11:09:01', true, '$[0].created_at', w)).toBe(
      '2017-03-23T11:09:01Z',
    );
    expect(normalizeCreatedAt('2026-24-11T15:41:29', true, '$[0].created_at', w)).toBe(
      '2026-11-24T15:41:29Z',
    );
    expect(w).toEqual([]);
    // Ambiguous days read Rally's way.
    expect(normalizeCreatedAt('2017-05-03T00:00:00', true, '$', w)).toBe('2017-03-05T00:00:00Z');
    // Impossible in Rally's order but valid as year-month-day: read so, with a warning.
    expect(normalizeCreatedAt('2017-03-23T11:09:01', true, '$[1].created_at', w)).toBe(
      '2017-03-23T11:09:01Z',
    );
    expect(w).toHaveLength(1);
    expect(w[0]?.at).toBe('$[1].created_at');
    expect(normalizeCreatedAt('garbage', true, '$', w)).toBeNull();
    expect(normalizeCreatedAt(undefined, true, '$', w)).toBeNull();
    // New format: already year-month-day.
    expect(normalizeCreatedAt('2026-11-24T15:41:29', false, '$', w)).toBe('2026-11-24T15:41:29Z');
    expect(normalizeCreatedAt('2026-11-24T15:41:29+02:00', false, '$', w)).toBe(
      '2026-11-24T15:41:29+02:00',
    );
  });

  test('hook errors: {etype, msg, details} (2017, Rally 3.3) and [type, message, traceback]', () => {
    const hooks = normalizeHooks([
      {
        config: {},
        results: [
          {
            status: 'failed',
            error: { etype: 'n/a', msg: 'Subprocess returned 1', details: 'stdout: ' },
          },
        ],
      },
      {
        config: {},
        results: [{ status: 'failed', error: ['ValueError', 'bad', 'Traceback ...'] }],
      },
      { config: {}, results: [{ status: 'success' }] },
    ]) as { results: { error?: unknown }[] }[];
    expect(hooks.map((h) => h.results[0]?.error)).toEqual([
      { type: 'n/a', message: 'Subprocess returned 1', traceback: 'stdout: ' },
      { type: 'ValueError', message: 'bad', traceback: 'Traceback ...' },
      undefined,
    ]);
  });

  test('old-format hook errors in a file go through the parser', async () => {
    const old = JSON.parse(text(FUELCCP));
    old[0].hooks[0].results[0].error = [
      'Exception',
      'rabbitmq did not die',
      'Traceback (most recent call last): ...',
    ];
    old[0].created_at = '2017-23-03T11:09:01';
    const { workloads } = await parse(enc.encode(JSON.stringify(old)));
    const meta = workloads.get(0) as WorkloadMeta;
    expect((meta.hooks[0] as { results: { error: unknown }[] }).results[0]?.error).toEqual({
      type: 'Exception',
      message: 'rabbitmq did not die',
      traceback: 'Traceback (most recent call last): ...',
    });
    expect(meta.createdAt).toBe('2017-03-23T11:09:01Z');
  });

  test('mismatched iteration counts give warnings, not errors', async () => {
    const doc = JSON.parse(text('rally-3.3/multi-runner.json'));
    doc.tasks[0].subtasks[0].workloads[0].total_iteration_count = 51;
    doc.info.format_version = '1.3';
    const { result } = await parse(enc.encode(JSON.stringify(doc)));
    expect(result.formatVersion).toBe('1.3');
    expect(result.warnings.map((w) => w.at)).toEqual([
      '$.info.format_version',
      '$.tasks[0].subtasks[0].workloads[0].total_iteration_count',
    ]);
  });
});
