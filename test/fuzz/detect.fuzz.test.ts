// Property-based fuzzing of member detection (issue 7, server/ingest/detect.ts and the
// detectors it calls: captures, Rally JSON/HTML, EnOS files, CSV): detection reads the first
// 64 KiB of every member of an upload, so it must never throw and never be slow, whatever the
// bytes. Inputs: the head of every kind of fixture, mutated, and generated heads built from the
// tokens the detectors look for.
import fc from 'fast-check';
import { afterAll, expect, test } from 'vitest';
import { detectMember } from '@/server/ingest/detect';
import type { Member } from '@/server/ingest/members';
import { jsonModel, textModel, yamlModel } from './formats';
import { assertWellBehaved, fixture, fuzzParams, fuzzTimeout, reportStats } from './harness';
import { applyAll, ascii, describeMutations, type FormatModel, mutationsArb } from './mutations';

afterAll(reportStats);

const HEAD = 64 * 1024;

function member(path: string, bytes: Uint8Array): Member {
  return {
    path,
    size: bytes.byteLength,
    head: bytes.subarray(0, HEAD),
    open: () => {
      throw new Error('detection must not open the member');
    },
    sha256: async () => '',
  };
}

const SEEDS: [string, string, (b: Uint8Array) => FormatModel][] = [
  ['rally/rally-3.3/failures.json', 'x/report.json', jsonModel],
  ['rally/rally-3.3/failures.old.json', 'x/report.json', jsonModel],
  [
    'rally/rally-3.3/hooks.html',
    'x/report.html',
    (b) => textModel(b, [{ label: 'comment run', bytes: ascii('<!---->'.repeat(40)) }]),
  ],
  ['pcap/captured/mixed.pcap', 'x/cap.pcap', () => ({ boundaries: [0, 4, 24, 40] })],
  ['pcap/captured/mixed.pcapng', 'x/cap.pcapng', () => ({ boundaries: [0, 4, 8, 12] })],
  ['enos/enos-3.x/reservation.yaml', 'x/reservation.yaml', yamlModel],
  ['enos/enos-4.x/edgeperf.yaml', 'x/edgeperf.yaml', yamlModel],
  ['enos/enos-3.x/multinode', 'x/multinode', (b) => textModel(b, [])],
  ['enos/enos-3.x/paravance-1.rennes.grid5000.fr.out', 'x/h.out', (b) => textModel(b, [])],
  ['csv/seed-table2.csv', 'x/t.csv', (b) => textModel(b, [])],
];

const seeds = SEEDS.map(([file, name, model]) => {
  const bytes = fixture(file).subarray(0, HEAD);
  return { file, name, bytes, model: model(bytes) };
});

async function check(path: string, bytes: Uint8Array, label: string) {
  const out = await assertWellBehaved(() => detectMember(member(path, bytes)), {
    label,
    input: bytes,
    timeMs: 1000,
  });
  if (out.ok) {
    const d = out.value;
    expect(d.parser !== null || (typeof d.reason === 'string' && d.reason !== '')).toBe(true);
  }
  // Detection reports, it does not throw: an IngestError here is a failure too.
  expect(out.ok, `${label}: detection threw`).toBe(true);
}

test(
  'detection of mutated heads never throws and stays fast',
  async () => {
    const arb = fc.integer({ min: 0, max: seeds.length - 1 }).chain((i) => {
      const s = seeds[i] as (typeof seeds)[number];
      return fc.record({
        i: fc.constant(i),
        mutations: mutationsArb(s.bytes, s.model),
        name: fc.constantFrom(s.name, 'x/unknown', 'x/a.json', 'x/inventory', 'x/h.fpingout'),
      });
    });
    await fc.assert(
      fc.asyncProperty(arb, async ({ i, mutations, name }) => {
        const s = seeds[i] as (typeof seeds)[number];
        const bytes = applyAll(s.bytes, mutations).subarray(0, HEAD);
        await check(name, bytes, `detect: ${s.file} as ${name} ${describeMutations(mutations)}`);
      }),
      fuzzParams(100),
    );
  },
  fuzzTimeout(60_000),
);

test(
  'detection of heads made of the detectors’ own tokens',
  async () => {
    const token = fc.constantFrom(
      '<!--',
      '-->',
      '<!---->',
      ' ',
      '\n',
      '<html>',
      '<head',
      '<!DOCTYPE html>',
      '$scope.scenarios = ',
      '[',
      '{',
      '"key":',
      '"result":',
      '"tasks":',
      '"info":',
      ']',
      '}',
      ',',
      'topology:',
      'provider:',
      '[grp:children]',
      'h : 1 2 -',
      'run,metric,value,unit',
      '"msgs_ok":',
      '"latency":',
      '\uFEFF',
      'x',
    );
    await fc.assert(
      fc.asyncProperty(
        // Tokens, some repeated many times in a row (runs are what backtracking regexes choke on).
        fc.array(
          fc.oneof(
            token,
            fc.tuple(token, fc.integer({ min: 2, max: 80 })).map(([t, n]) => t.repeat(n)),
          ),
          { minLength: 1, maxLength: 60 },
        ),
        fc.constantFrom(
          'x/a.json',
          'x/a.html',
          'x/reservation.yaml',
          'x/multinode',
          'x/a.csv',
          'x/a.out',
          'x/a',
        ),
        async (tokens, name) => {
          const bytes = ascii(tokens.join(''));
          await check(
            name,
            bytes,
            `detect-tokens: ${name} ${JSON.stringify(tokens.join('').slice(0, 120))}`,
          );
        },
      ),
      fuzzParams(100),
    );
  },
  fuzzTimeout(60_000),
);

test('regression: 64 KiB of blank lines are detected in linear time (docs/FUZZING.md)', async () => {
  // Minimised from the long run: edgeperf.yaml with its newline at 502 repeated 13,463 times,
  // named like an fping output: the inventory patterns (`^\\s*` with the m flag) were quadratic.
  const bytes = applyAll(fixture('enos/enos-4.x/edgeperf.yaml'), [
    { kind: 'duplicate', at: 502, len: 1, times: 64_000 },
  ]).subarray(0, HEAD);
  for (const name of ['x/h.fpingout', 'x/multinode', 'x/a.yaml', 'x/a']) {
    await check(name, bytes, `detect-regression: ${name}`);
  }
});
