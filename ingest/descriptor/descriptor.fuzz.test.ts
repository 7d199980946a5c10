// Property-based fuzzing of the edgeperf.yaml descriptor parser (issue 7): the fixture
// descriptor, as YAML and as JSON, with YAML bombs (deep nesting, alias expansion), huge and odd
// numbers, bad encodings and truncations at every token. Each case gives a storable descriptor
// or an IngestError naming the key path or line.
import fc from 'fast-check';
import { afterAll, expect, test } from 'vitest';
import { jsonModel, yamlModel } from '@/test/fuzz/formats';
import {
  assertWellBehaved,
  fixture,
  fuzzParams,
  fuzzTimeout,
  reportStats,
  sweepCount,
} from '@/test/fuzz/harness';
import {
  applyAll,
  ascii,
  describeMutations,
  type FormatModel,
  mutationsArb,
} from '@/test/fuzz/mutations';
import { parseDescriptor } from './parseDescriptor';

afterAll(reportStats);

const yaml = fixture('enos/enos-4.x/edgeperf.yaml');
const json = ascii(
  JSON.stringify({
    version: 1,
    name: 'json descriptor',
    factors: {
      backend: 'redis',
      sites: 4,
      latency: [{ src: 'a', dst: 'b', delay_ms: 5 }],
      placement: { mariadb: 'a' },
    },
    sites: [{ name: 'a', cidr: ['10.0.0.0/8', 'fd00::/64'] }],
  }),
);
const SEEDS: [string, Uint8Array, FormatModel][] = [
  ['edgeperf.yaml', yaml, yamlModel(yaml)],
  [
    'edgeperf.json',
    json,
    {
      ...jsonModel(json),
      inserts: [...(jsonModel(json).inserts ?? []), ...(yamlModel(yaml).inserts ?? [])],
    },
  ],
];

function check(bytes: Uint8Array, name: string, label: string) {
  return assertWellBehaved(
    () => {
      const r = parseDescriptor(bytes, { fileName: name });
      JSON.stringify(r);
      return r;
    },
    { label, input: bytes },
  );
}

test(
  'descriptor under mutation',
  async () => {
    const arb = fc.integer({ min: 0, max: SEEDS.length - 1 }).chain((i) => {
      const [name, bytes, model] = SEEDS[i] as (typeof SEEDS)[number];
      return fc.record({ name: fc.constant(name), mutations: mutationsArb(bytes, model) });
    });
    await fc.assert(
      fc.asyncProperty(arb, async ({ name, mutations }) => {
        const seed = SEEDS.find(([n]) => n === name) as (typeof SEEDS)[number];
        const bytes = applyAll(seed[1], mutations);
        const out = await check(bytes, name, `descriptor: ${name} ${describeMutations(mutations)}`);
        if (!out.ok) expect(out.error.at ?? out.error.message).toBeTruthy();
      }),
      fuzzParams(80),
    );
  },
  fuzzTimeout(60_000),
);

test(
  'descriptor cut at every token boundary',
  async () => {
    for (const [name, bytes, model] of SEEDS) {
      const cuts = model.boundaries.filter((b) => b < bytes.byteLength);
      const n = sweepCount(cuts.length, 40);
      for (let k = 0; k < n; k++) {
        const at = cuts[Math.floor((k * cuts.length) / n)] as number;
        await check(bytes.subarray(0, at), name, `descriptor-cut: ${name} at ${at}`);
      }
    }
  },
  fuzzTimeout(60_000),
);

test('regression: compact `- ` runs inside a JSON descriptor (yaml’s parser ran out of stack)', async () => {
  // The long run's counterexample (docs/FUZZING.md): edgeperf.json with `x:\n` and 5,000 `- `
  // inserted inside a JSON string (where the indentation pre-check does not look), the first
  // 14 bytes repeated, a number put in: yaml's parser recursed until the stack ran out.
  const [, bytes] = SEEDS[1] as (typeof SEEDS)[number];
  const mutated = applyAll(bytes, [
    {
      kind: 'insert',
      at: 75,
      bytes: ascii(`x:\n${'- '.repeat(5000)}1\n`),
      label: 'compact - x 5000',
    },
    { kind: 'duplicate', at: 0, len: 14, times: 3 },
    { kind: 'replace', at: 11, len: 1, bytes: ascii('999999999') },
  ]);
  const out = await check(mutated, 'edgeperf.json', 'descriptor-regression');
  expect(out.ok).toBe(false);
  if (!out.ok) {
    expect(out.error.code).toBe('LIMIT');
    expect(out.error.at).toMatch(/^line \d+/);
    // Whether yaml's parser runs out of stack first or builds the tree (then too deep)
    // depends on the stack left to it: either way a LIMIT error with the line.
    expect(out.error.message).toMatch(
      /nested deeper than 100 levels|too deeply nested for the YAML reader/,
    );
  }
});
