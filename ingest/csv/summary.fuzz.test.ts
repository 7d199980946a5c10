// Property-based fuzzing of the summary-table CSV parser (issue 7): the two published tables of
// fixtures/csv truncated at every field and line boundary, with quotes, line breaks, huge
// numbers, long fields, many columns and factor cells holding deep JSON. Each case gives a
// storable table or a CsvContentError naming the line and column.
import fc from 'fast-check';
import { afterAll, expect, test } from 'vitest';
import { deepJsonClosed, textModel } from '@/test/fuzz/formats';
import {
  assertWellBehaved,
  fixture,
  fixtureNames,
  fuzzParams,
  fuzzTimeout,
  reportStats,
  sweepCount,
} from '@/test/fuzz/harness';
import {
  applyAll,
  ascii,
  describeMutations,
  HUGE_NUMBERS,
  mutationsArb,
} from '@/test/fuzz/mutations';
import { parseSummaryCsv } from './summary';

afterAll(reportStats);

const FILES = fixtureNames('csv', /\.csv$/);

const CSV_INSERTS = [
  { label: 'quote', bytes: ascii('"') },
  { label: 'doubled quote', bytes: ascii('""') },
  { label: 'quoted line break', bytes: ascii('"a\r\nb"') },
  { label: 'unterminated quoted field', bytes: ascii(`"${'x'.repeat(100_000)}`) },
  { label: 'many columns', bytes: ascii(',x'.repeat(20_000)) },
  { label: 'many rows', bytes: ascii('\nr,m,1,s'.repeat(20_000)) },
  {
    label: 'deep latency JSON',
    bytes: ascii(`"${new TextDecoder().decode(deepJsonClosed(50_000)).replace(/"/g, '""')}"`),
  },
  { label: 'latency column', bytes: ascii(',latency') },
  { label: 'tags column', bytes: ascii(',tags') },
  { label: 'placement column', bytes: ascii(',placement') },
  { label: 'placement __proto__', bytes: ascii('"{""__proto__"": ""x""}"') },
  { label: 'CR', bytes: ascii('\r') },
];

const models = new Map(
  FILES.map((f) => [
    f,
    textModel(fixture(f), CSV_INSERTS, [...HUGE_NUMBERS, '1,5', '1e', '.', '+-1']),
  ]),
);

function check(bytes: Uint8Array, label: string) {
  return assertWellBehaved(
    () => {
      const r = parseSummaryCsv(bytes, { fileName: 'table.csv' });
      JSON.stringify(r);
      return r;
    },
    { label, input: bytes },
  );
}

test(
  'summary CSV under mutation',
  async () => {
    const arb = fc.constantFrom(...FILES).chain((file) =>
      fc.record({
        file: fc.constant(file),
        mutations: mutationsArb(fixture(file), models.get(file) as ReturnType<typeof textModel>),
      }),
    );
    await fc.assert(
      fc.asyncProperty(arb, async ({ file, mutations }) => {
        const bytes = applyAll(fixture(file), mutations);
        const out = await check(bytes, `csv: ${file} ${describeMutations(mutations)}`);
        if (!out.ok && out.error.code === 'CSV_SHAPE') expect(out.error.at).toMatch(/^line \d+/);
      }),
      fuzzParams(80),
    );
  },
  fuzzTimeout(60_000),
);

test(
  'summary CSV cut at every field and line boundary',
  async () => {
    for (const file of FILES) {
      const bytes = fixture(file);
      const cuts = (models.get(file)?.boundaries ?? []).filter((b) => b < bytes.byteLength);
      const n = sweepCount(cuts.length, 40);
      for (let k = 0; k < n; k++) {
        const at = cuts[Math.floor((k * cuts.length) / n)] as number;
        await check(bytes.subarray(0, at), `csv-cut: ${file} at ${at}`);
      }
    }
  },
  fuzzTimeout(60_000),
);
