// Property-based fuzzing of the Rally parsers (issue 7): real Rally 3.3 outputs (new JSON,
// old JSON, HTML) and a public old-format file, truncated at every token boundary, with bytes
// flipped, numbers made huge, nesting made deep, encodings changed. Each case must parse or
// fail with an IngestError, within the time and heap bounds of test/fuzz/harness.ts, and what
// it delivers must be storable (JSON-serialisable, statistics computable).
import fc from 'fast-check';
import { afterAll, describe, expect, test } from 'vitest';
import {
  assertWellBehaved,
  chunkAllowanceBytes,
  chunkAllowanceMs,
  fixture,
  fixtureNames,
  fuzzParams,
  fuzzTimeout,
  reportStats,
  sweepCount,
} from '@/test/fuzz/harness';
import { deepJsonClosed, htmlModel, jsonModel } from '@/test/fuzz/formats';
import {
  applyAll,
  ascii,
  chunkSizeArb,
  describeMutations,
  HUGE_NUMBERS,
  mutationsArb,
} from '@/test/fuzz/mutations';
import type { IngestError } from '../core/errors';
import { bytesSource } from '../core/source';
import { parseRally, type RallySink } from './index';
import { RallyStats } from './stats';

afterAll(reportStats);

const NEW = fixtureNames('rally/rally-3.3', /^(?!expected).*(?<!\.old)\.json$/);
const OLD = [
  ...fixtureNames('rally/rally-3.3', /\.old\.json$/),
  'rally/public/fuelccp_boot_and_delete_kill_rabbitmq_oldformat.json',
];
const HTML = fixtureNames('rally/rally-3.3', /\.html$/);

/** A sink that does what the pipeline does with the values: statistics and JSON storage. */
function storingSink(): RallySink & { iterations_: number } {
  const stats = new Map<number, RallyStats>();
  const sink = {
    iterations_: 0,
    iterations(position: number, batch: Parameters<RallySink['iterations']>[1]) {
      let s = stats.get(position);
      if (!s) {
        s = new RallyStats();
        stats.set(position, s);
      }
      for (const it of batch) s.add(it);
      JSON.stringify(batch);
      sink.iterations_ += batch.length;
    },
    workloadEnd(position: number, meta: Parameters<RallySink['workloadEnd']>[1]) {
      JSON.stringify(meta);
      JSON.stringify(stats.get(position)?.result() ?? null);
    },
    taskEnd(task: Parameters<RallySink['taskEnd']>[0]) {
      JSON.stringify(task);
    },
  };
  return sink;
}

const DEEP_VALUES = [
  new TextDecoder().decode(deepJsonClosed(100_000)),
  new TextDecoder().decode(deepJsonClosed(5000, 'object')),
  new TextDecoder().decode(deepJsonClosed(600)),
];

async function checkRally(bytes: Uint8Array, chunk: number, label: string) {
  return assertWellBehaved(
    async () => {
      const sink = storingSink();
      const r = await parseRally(bytesSource(bytes, chunk), sink);
      JSON.stringify(r);
      return r;
    },
    {
      label,
      input: bytes,
      timeMs:
        2000 + (2000 * bytes.byteLength) / 2 ** 20 + chunkAllowanceMs(bytes.byteLength, chunk),
      heapBytes:
        256 * 2 ** 20 + 64 * bytes.byteLength + chunkAllowanceBytes(bytes.byteLength, chunk),
    },
  );
}

function mutatedCase(files: string[], model: typeof jsonModel) {
  const models = new Map(files.map((f) => [f, { bytes: fixture(f), model: model(fixture(f)) }]));
  return fc.constantFrom(...files).chain((file) => {
    const { bytes, model: m } = models.get(file) as {
      bytes: Uint8Array;
      model: ReturnType<typeof jsonModel>;
    };
    return fc.record({
      file: fc.constant(file),
      mutations: mutationsArb(bytes, { ...m, numbers: [...HUGE_NUMBERS, ...DEEP_VALUES] }),
      chunk: chunkSizeArb,
    });
  });
}

describe('Rally parsers under mutation', () => {
  test.each([
    ['new JSON (rally task report --json)', NEW, jsonModel],
    ['old JSON (rally task results)', OLD, jsonModel],
    ['HTML report', HTML, htmlModel],
  ] as const)(
    '%s: mutated fixtures parse or fail with an IngestError',
    async (_name, files, model) => {
      await fc.assert(
        fc.asyncProperty(mutatedCase([...files], model), async ({ file, mutations, chunk }) => {
          const bytes = applyAll(fixture(file), mutations);
          await checkRally(
            bytes,
            chunk,
            `rally: ${file} ${describeMutations(mutations)} chunk ${chunk}`,
          );
        }),
        fuzzParams(40, 0.5),
      );
    },
    fuzzTimeout(60_000),
  );
});

describe('Rally parsers at every token boundary', () => {
  // Truncation at each boundary (CI: an even sample of them). A cut document is never a
  // result: it fails with a precise error (a byte offset or a JSON path).
  test.each([...NEW.slice(0, 2), ...OLD.slice(0, 2), HTML[0] as string])(
    '%s cut at token boundaries',
    async (file) => {
      const bytes = fixture(file);
      const model = file.endsWith('.html') ? htmlModel(bytes) : jsonModel(bytes);
      const text = new TextDecoder('latin1').decode(bytes);
      const mark = text.indexOf('$scope.scenarios = ');
      const dataEnd = mark < 0 ? bytes.byteLength : text.indexOf('\n', mark);
      const cuts = model.boundaries.filter((b) => b > 0 && b < bytes.byteLength - 1);
      const n = sweepCount(cuts.length, 25);
      for (let k = 0; k < n; k++) {
        const at = cuts[Math.floor((k * cuts.length) / n)] as number;
        const cut = bytes.subarray(0, at);
        // Whitespace-only tails (a cut after the root's closing bracket) may still be whole.
        if (new TextDecoder().decode(bytes.subarray(at)).trim() === '') continue;
        const out = await checkRally(cut, 1 << 20, `rally-cut: ${file} at ${at}`);
        // An HTML page cut after its (one-line) data is still a whole report.
        if (at > dataEnd) continue;
        expect(out.ok, `${file} cut at ${at} parsed as a whole file`).toBe(false);
        if (!out.ok) expect(out.error.at ?? out.error.code, `${file} cut at ${at}`).toBeTruthy();
      }
    },
    fuzzTimeout(60_000),
  );
});

describe('Rally: deep nesting and huge values at every value position', () => {
  test(
    'a value replaced by deep nesting fails with a LIMIT error naming the place',
    async () => {
      const bytes = fixture('rally/rally-3.3/hooks.json');
      const tokens = jsonModel(bytes).numberTokens ?? [];
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...tokens),
          fc.integer({ min: 513, max: 200_000 }),
          fc.constantFrom('array', 'object' as const),
          async ([s, e], depth, kind) => {
            const deep = deepJsonClosed(depth, kind);
            const mutated = applyAll(bytes, [{ kind: 'replace', at: s, len: e - s, bytes: deep }]);
            const out = await checkRally(
              mutated,
              1 << 20,
              `rally-deep: hooks.json@${s} depth ${depth} ${kind}`,
            );
            expect(out.ok).toBe(false);
            if (!out.ok) {
              expect(out.error.code).toBe('LIMIT');
              expect(out.error.at).toMatch(/^byte \d+$/);
            }
          },
        ),
        fuzzParams(8, 0.05),
      );
    },
    fuzzTimeout(60_000),
  );

  test('nesting below the limit still parses (args, iteration output)', async () => {
    const doc = JSON.parse(new TextDecoder().decode(fixture('rally/rally-3.3/failures.json')));
    let deep: unknown = [];
    for (let i = 0; i < 490; i++) deep = [deep];
    const w = doc.tasks[0].subtasks[0].workloads[0];
    const scenario = Object.keys(w.scenario)[0] as string;
    w.scenario[scenario].deep = deep;
    w.data[0].output = { additive: [], complete: [], deep };
    const out = await checkRally(ascii(JSON.stringify(doc)), 1 << 20, 'rally-deep-ok');
    expect(out.ok).toBe(true);
  });
});

describe('regressions found by fuzzing (docs/FUZZING.md)', () => {
  const sink: RallySink = { iterations() {}, workloadEnd() {}, taskEnd() {} };
  const text = (file: string) => new TextDecoder().decode(fixture(file));

  test('100,000 nested [ inside an iteration: a LIMIT error, not 5·10^9 path segments (OOM)', async () => {
    // Minimised: no-name-action.json, `[`×100000 `]`×100000 inserted before an atomic
    // action's started_at value (JSON.parse rejects the batch; the re-scan held every path).
    const t = text('rally/rally-3.3/no-name-action.json');
    const at = t.indexOf('"started_at": ', t.indexOf('"data": [')) + '"started_at": '.length;
    const bytes = ascii(
      `${t.slice(0, at)}${'['.repeat(100_000)}${']'.repeat(100_000)}${t.slice(at)}`,
    );
    const err = await parseRally(bytesSource(bytes, 19), sink).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'LIMIT' });
    const where = Number((err as IngestError).at?.replace('byte ', ''));
    expect(where).toBeGreaterThan(at);
    expect(where).toBeLessThan(at + 512);
    expect((err as Error).message).toMatch(/^JSON nested deeper than 512 levels at \$\.tasks\[0\]/);
  });

  test('deep nesting outside the iterations (the skeleton) and in the old format', async () => {
    const t = text('rally/rally-3.3/failures.old.json');
    const at = t.indexOf('"args": ') + '"args": '.length;
    const bytes = ascii(`${t.slice(0, at)}${'{"a":'.repeat(100_000)}${t.slice(at)}`);
    const err = await parseRally(bytesSource(bytes), sink).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'LIMIT' });
    expect((err as IngestError).at).toMatch(/^byte \d+$/);
    expect((err as Error).message).toMatch(/at \$\[0\]\.key\.kw\.args(\.a)+ \(byte \d+\)$/);
  });

  test('HTML report: a deep value in $scope.scenarios is a LIMIT error naming its path', async () => {
    const t = text('rally/rally-3.3/hooks.html');
    const mark = t.indexOf('$scope.scenarios = ');
    const at = t.indexOf('"load_duration": ', mark) + '"load_duration": '.length;
    const end = t.slice(at).search(/[,}]/) + at;
    const bytes = ascii(`${t.slice(0, at)}${'['.repeat(600)}${']'.repeat(600)}${t.slice(end)}`);
    const err = await parseRally(bytesSource(bytes), sink).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'LIMIT' });
    expect((err as IngestError).at).toMatch(/^\$scope\.scenarios\[0\]\.load_duration(\[0\])+$/);
  });

  test('HTML detection: a run of comments is scanned, not backtracked (was exponential)', async () => {
    const { detectHtmlHead } = await import('./detect');
    const t0 = performance.now();
    expect(detectHtmlHead(ascii(`${'<!---->'.repeat(500)}x`))).toBeNull();
    expect(detectHtmlHead(ascii(`${'<!---->'.repeat(500)}<html>`))).toBe('undecided');
    expect(detectHtmlHead(ascii('<!-- a --> <!-- b -->\n<!DOCTYPE html>$scope.scenarios = '))).toBe(
      'rally-html',
    );
    expect(detectHtmlHead(ascii('<!-- unterminated <html>'))).toBeNull();
    expect(performance.now() - t0).toBeLessThan(2000);
  });
});
