// Property-based fuzzing of the capture readers (issue 7): real pcap, pcapng and gzip captures
// truncated at every record / block boundary and inside headers, bytes flipped, record, block
// and option lengths set huge, timestamps scrambled. Each case returns a summary that satisfies
// test/fuzz/capture.ts `checkSummary`, or fails with an IngestError, within the harness bounds.
// (ingest/pcap/fuzz.test.ts keeps its seeded xorshift mutations; this adds the structural side.)
import zlib from 'node:zlib';
import fc from 'fast-check';
import { afterAll, describe, expect, test } from 'vitest';
import { checkCapture } from '@/test/fuzz/capture';
import { gzipModel, pcapModel, pcapngModel } from '@/test/fuzz/formats';
import {
  fixture,
  fixtureNames,
  fuzzParams,
  fuzzTimeout,
  reportStats,
  sweepCount,
} from '@/test/fuzz/harness';
import {
  applyAll,
  chunkSizeArb,
  describeMutations,
  type FormatModel,
  mutationsArb,
} from '@/test/fuzz/mutations';
import { pcapFile, pcapRecords, udpFrame } from './testHelpers';

afterAll(reportStats);

const PCAP = [...fixtureNames('pcap/captured', /\.pcap$/), 'pcap/public/zeek_mysql_3306.pcap'];
const PCAPNG = fixtureNames('pcap/captured', /\.pcapng$/);

function cases(files: string[], model: (b: Uint8Array) => FormatModel) {
  const models = new Map<string, FormatModel>();
  const modelOf = (f: string) => {
    let m = models.get(f);
    if (!m) {
      m = model(fixture(f));
      models.set(f, m);
    }
    return m;
  };
  return fc.constantFrom(...files).chain((file) =>
    fc.record({
      file: fc.constant(file),
      mutations: mutationsArb(fixture(file), modelOf(file)),
      chunk: chunkSizeArb,
    }),
  );
}

describe('capture readers under mutation', () => {
  test.each([
    ['pcap', PCAP, pcapModel],
    ['pcapng', PCAPNG, pcapngModel],
  ] as const)(
    '%s: mutated fixtures give a sound summary or an IngestError',
    async (_name, files, model) => {
      await fc.assert(
        fc.asyncProperty(cases([...files], model), async ({ file, mutations, chunk }) => {
          const bytes = applyAll(fixture(file), mutations);
          await checkCapture(
            bytes,
            chunk,
            `capture: ${file} ${describeMutations(mutations)} chunk ${chunk}`,
          );
        }),
        fuzzParams(40, 0.5),
      );
    },
    fuzzTimeout(90_000),
  );

  test(
    'gzip: a damaged .pcapng.gz, and the gzip of a damaged capture',
    async () => {
      const gz = fixture('pcap/captured/mixed.pcapng.gz');
      const plain = fixture('pcap/captured/mixed.pcap');
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(
            mutationsArb(gz, gzipModel(gz)).map((m) => ({ outer: true, m })),
            mutationsArb(plain, pcapModel(plain)).map((m) => ({ outer: false, m })),
          ),
          chunkSizeArb,
          async ({ outer, m }, chunk) => {
            const bytes = outer
              ? applyAll(gz, m)
              : new Uint8Array(zlib.gzipSync(applyAll(plain, m)));
            await checkCapture(
              bytes,
              chunk,
              `capture-gz: ${outer ? 'gz' : 'gzip(pcap)'} ${describeMutations(m)}`,
            );
          },
        ),
        fuzzParams(15, 0.2),
      );
    },
    fuzzTimeout(60_000),
  );
});

describe('capture readers at every boundary', () => {
  // Record / block starts, their length fields and bodies: a cut capture keeps its complete
  // packets and warns; a cut header fails with a PcapContentError naming the byte.
  test.each([
    'pcap/captured/mixed.pcap',
    'pcap/captured/mixed.pcapng',
    'pcap/captured/multi-section.pcapng',
  ])(
    '%s cut at each boundary and inside the first headers',
    async (file) => {
      const bytes = fixture(file);
      const model = file.endsWith('ng') ? pcapngModel(bytes) : pcapModel(bytes);
      const cuts = [...new Set([...model.boundaries, ...Array.from({ length: 200 }, (_, i) => i)])]
        .filter((b) => b < bytes.byteLength)
        .sort((a, b) => a - b);
      const n = sweepCount(cuts.length, 30);
      for (let k = 0; k < n; k++) {
        const at = cuts[Math.floor((k * cuts.length) / n)] as number;
        const out = await checkCapture(
          bytes.subarray(0, at),
          1 << 20,
          `capture-cut: ${file} at ${at}`,
        );
        if (!out.ok) expect(out.error.at ?? out.error.code).toBeTruthy();
      }
    },
    fuzzTimeout(60_000),
  );
});

describe('timestamps', () => {
  // Series are bucketed per second inside the parser: timestamps that run backwards, jump by
  // years or sit at the ends of the 32-bit range must not make it slow or large.
  test(
    'records with scrambled timestamps',
    async () => {
      const real = pcapRecords(fixture('pcap/captured/mixed.pcap'));
      const tiny = udpFrame('10.0.0.1', '172.16.0.2', 40000, 5672, new Uint8Array(4));
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom('descending', 'random', 'extremes', 'sawtooth' as const),
          fc.integer({ min: 0, max: 0xffffffff }),
          fc.constantFrom(1, 7, 3600, 86_400 * 365),
          // The real capture's records, or many tiny packets (1.2 MB at most).
          fc.oneof(fc.constant(0), fc.integer({ min: 1000, max: 20_000 })),
          async (shape, base, step, synthetic) => {
            const source =
              synthetic === 0
                ? real.records
                : Array.from({ length: synthetic }, () => ({ t: 0, data: tiny }));
            const recs = source.map((r, i) => {
              let t: number;
              if (shape === 'descending') t = base - i * step;
              else if (shape === 'random') t = (base * (i + 1) * 2654435761) % 0xffffffff;
              else if (shape === 'extremes') t = i % 2 ? 0 : 0xffffffff;
              else t = base + (i % 50) * step - Math.floor(i / 50) * step;
              return { ...r, t: Math.min(0xffffffff, Math.max(0, t)) };
            });
            const bytes = pcapFile(recs, { linkType: synthetic === 0 ? real.linkType : 1 });
            await checkCapture(
              bytes,
              1 << 20,
              `capture-time: ${shape} base ${base} step ${step} records ${recs.length}`,
            );
          },
        ),
        fuzzParams(12, 0.1),
      );
    },
    fuzzTimeout(60_000),
  );
});

describe('regressions (docs/FUZZING.md)', () => {
  test('40,000 packets whose timestamps run backwards: linear time, exact series', async () => {
    // From the timestamps property (descending, step 7, 19,988 records: killed by the watchdog;
    // 6.5 s alone, 75 s for 50,000: the series were copied for every earlier packet).
    const frame = udpFrame('10.0.0.1', '172.16.0.2', 40000, 5672, new Uint8Array(4));
    const recs = Array.from({ length: 40_000 }, (_, i) => ({
      t: 2_000_000_000 - i * 4,
      data: frame,
    }));
    const out = await checkCapture(pcapFile(recs), 1 << 20, 'regression: descending');
    expect(out.ok).toBe(true);
    expect(out.ms).toBeLessThan(5000);
    if (out.ok) {
      const frames = out.value.series.services.amqp?.frames ?? [];
      expect(frames.length).toBe(39_999 * 4 + 1);
      expect(frames.reduce((a, b) => a + b, 0)).toBe(40_000);
      expect(out.value.series.start).toBe(2_000_000_000 - 39_999 * 4);
    }
    // And the values are where they belong: 3 packets at t = 10, 5, 7.
    const small = pcapFile([10, 5, 7].map((t) => ({ t, data: frame })));
    const r = await checkCapture(small, 1 << 20, 'regression: small descending');
    expect(r.ok && r.value.series).toEqual({
      start: 5,
      step: 1,
      services: {
        amqp: {
          bytes: [46, 0, 46, 0, 0, 46],
          frames: [1, 0, 1, 0, 0, 1],
          messages: [0, 0, 0, 0, 0, 0],
          queries: [0, 0, 0, 0, 0, 0],
        },
      },
    });
  });
});
