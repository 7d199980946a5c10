// Property-based fuzzing of the archive reader (issue 7): the EnOS result archives that
// scripts/fixtures/enos/make-archives.sh builds from the real fixtures (tar.gz with a nested
// <host>-rally.tar.gz, zip, plain tar), truncated at every header and member boundary, with
// header fields rewritten (huge sizes, link types, `../` and absolute names; the tar checksum
// fixed so the header is read), zip size and offset fields set huge, and generated bombs. The
// security cases themselves (zip-slip, links, bombs) are in expand.test.ts: this adds the
// mutation side. Every case must end with members or an IngestError, within the bounds of
// test/fuzz/harness.ts, with nothing written outside the temp root, the temp folder gone after
// an error, and each member readable at its stated size.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { readAll } from '@/ingest/core/source';
import { gzipModel, tarModel, tarSetField, TAR_HUGE_SIZES, zipModel } from '@/test/fuzz/formats';
import {
  assertWellBehaved,
  fixture,
  FUZZ_MODE,
  fuzzParams,
  fuzzTimeout,
  REPO,
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
import { expandInput, type ExpandOptions } from './expand';
import { makeTar, makeTarGz, makeZip } from './testArchives';

let base: string;
let root: string;
let inDir: string;
const archives = new Map<string, Uint8Array>();

beforeAll(() => {
  base = fs.mkdtempSync(path.join(os.tmpdir(), 'edgeperf-archive-fuzz-'));
  root = path.join(base, 'data', 'tmp');
  inDir = path.join(base, 'in');
  fs.mkdirSync(inDir);
  const out = path.join(base, 'archives');
  execFileSync('bash', [path.join(REPO, 'scripts/fixtures/enos/make-archives.sh'), out], {
    stdio: 'ignore',
  });
  for (const name of fs.readdirSync(out)) {
    archives.set(name, new Uint8Array(fs.readFileSync(path.join(out, name))));
  }
});

afterAll(() => {
  reportStats();
  fs.rmSync(base, { recursive: true, force: true });
});

/** Every file under `base` outside the inputs, the built archives and the temp root. */
function strayFiles(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, e.name);
      if (full === inDir || full === root || full === path.join(base, 'archives')) continue;
      if (e.isDirectory()) walk(full);
      else out.push(path.relative(base, full));
    }
  };
  walk(base);
  return out;
}

function rootIsEmpty(): boolean {
  return !fs.existsSync(root) || fs.readdirSync(root).length === 0;
}

/** Fast limits for fuzzing (the defaults allow 4 GiB); the ratio limit stays the default. */
const LIMITS: ExpandOptions['limits'] = { maxTotalBytes: 64 << 20, maxMembers: 5000 };

let seq = 0;

async function checkArchive(
  bytes: Uint8Array,
  name: string,
  label: string,
  opts: Partial<ExpandOptions> = {},
  /** Extra time: extraction costs ~2 ms per member (a file created and written on disk). */
  members = 0,
) {
  const file = path.join(inDir, `${++seq}-${name}`);
  fs.writeFileSync(file, bytes);
  try {
    const out = await assertWellBehaved(
      async () => {
        const x = await expandInput(file, { root, limits: LIMITS, ...opts });
        try {
          for (const m of x.members) {
            if (x.tempDir && m.path.includes('!')) {
              // Extracted members live in the temp folder (checked through their content).
              const content = await readAll(m.open());
              if (content.byteLength !== m.size)
                throw new Error(`${m.path}: ${content.byteLength} bytes read, size says ${m.size}`);
            }
          }
          if (x.tempDir && !path.resolve(x.tempDir).startsWith(path.resolve(root) + path.sep))
            throw new Error(`temp folder ${x.tempDir} outside the root`);
          return { members: x.members.length, refused: x.refused.length };
        } finally {
          await x.cleanup();
        }
      },
      // Disk writes and zlib: allow for the extracted bytes, not only the input.
      { label, input: bytes, timeMs: 5000 + (2000 * bytes.byteLength) / 2 ** 20 + 10 * members },
    );
    const stray = strayFiles();
    if (stray.length > 0)
      throw new Error(`${label}: files written outside the root: ${stray.join(', ')}`);
    if (!rootIsEmpty()) throw new Error(`${label}: the temp root is not empty after the case`);
    return out;
  } finally {
    fs.rmSync(file, { force: true });
  }
}

/** Tar-specific mutations: a header field rewritten with the checksum fixed. */
type TarEdit = {
  header: number;
  field: 'size' | 'name' | 'type' | 'linkname' | 'prefix';
  value: Uint8Array;
  label: string;
};

const TAR_NAMES = [
  '../../evil',
  '/abs/evil',
  'a/../../evil',
  'C:\\evil',
  'a\u0000b',
  'x'.repeat(99),
  '',
  '.',
  'dir/',
];
const TAR_TYPES = ['0', '1', '2', '3', '4', '5', '6', '7', 'x', 'g', 'L', 'K', 'Z', '\u0000'];

function tarEditArb(tar: Uint8Array): fc.Arbitrary<TarEdit> {
  const { headers } = tarModel(tar);
  const header = fc.constantFrom(...headers);
  return fc.oneof(
    fc
      .record({
        header,
        field: fc.constant('size' as const),
        v: fc.constantFrom(...TAR_HUGE_SIZES),
      })
      .map(
        (r): TarEdit => ({
          header: r.header,
          field: r.field,
          value: r.v.bytes,
          label: `size=${r.v.label}`,
        }),
      ),
    fc
      .record({ header, field: fc.constant('name' as const), v: fc.constantFrom(...TAR_NAMES) })
      .map(
        (r): TarEdit => ({
          header: r.header,
          field: r.field,
          value: ascii(r.v),
          label: `name=${JSON.stringify(r.v.slice(0, 20))}`,
        }),
      ),
    fc
      .record({ header, field: fc.constant('type' as const), v: fc.constantFrom(...TAR_TYPES) })
      .map(
        (r): TarEdit => ({
          header: r.header,
          field: r.field,
          value: ascii(r.v),
          label: `type=${JSON.stringify(r.v)}`,
        }),
      ),
    fc
      .record({
        header,
        field: fc.constant('linkname' as const),
        v: fc.constantFrom('/etc/passwd', '../x', 'enos_backup/reservation.yaml'),
      })
      .map(
        (r): TarEdit => ({
          header: r.header,
          field: r.field,
          value: ascii(r.v),
          label: `linkname=${r.v}`,
        }),
      ),
    fc
      .record({
        header,
        field: fc.constant('prefix' as const),
        v: fc.constantFrom('..', '/tmp', 'a'.repeat(155)),
      })
      .map(
        (r): TarEdit => ({
          header: r.header,
          field: r.field,
          value: ascii(r.v),
          label: `prefix=${r.v.slice(0, 10)}`,
        }),
      ),
  );
}

const gunzip = (b: Uint8Array) => new Uint8Array(zlib.gunzipSync(b));
const gzip = (b: Uint8Array) => new Uint8Array(zlib.gzipSync(b));

describe('archives under mutation', () => {
  test(
    'tar.gz: the compressed bytes, the tar under the gzip, and header fields',
    async () => {
      const names = ['enos-3.x-backup.tar.gz', 'enos-4.x-backup.tar.gz'];
      const tars = new Map(names.map((n) => [n, gunzip(archives.get(n) as Uint8Array)]));
      const models = new Map<string, { gz: FormatModel; tar: FormatModel }>(
        names.map((n) => [
          n,
          {
            gz: gzipModel(archives.get(n) as Uint8Array),
            tar: tarModel(tars.get(n) as Uint8Array),
          },
        ]),
      );
      const arb = fc.constantFrom(...names).chain((name) => {
        const m = models.get(name) as { gz: FormatModel; tar: FormatModel };
        const tar = tars.get(name) as Uint8Array;
        return fc.record({
          name: fc.constant(name),
          layer: fc.constantFrom('gz', 'tar', 'header' as const),
          gz: mutationsArb(archives.get(name) as Uint8Array, m.gz),
          tar: mutationsArb(tar, m.tar),
          edit: tarEditArb(tar),
          skip: fc.boolean(),
        });
      });
      await fc.assert(
        fc.asyncProperty(arb, async ({ name, layer, gz, tar, edit, skip }) => {
          let bytes: Uint8Array;
          let what: string;
          if (layer === 'gz') {
            bytes = applyAll(archives.get(name) as Uint8Array, gz);
            what = describeMutations(gz);
          } else if (layer === 'tar') {
            bytes = gzip(applyAll(tars.get(name) as Uint8Array, tar));
            what = `gzip(${describeMutations(tar)})`;
          } else {
            bytes = gzip(
              tarSetField(tars.get(name) as Uint8Array, edit.header, edit.field, edit.value),
            );
            what = `header@${edit.header} ${edit.label}`;
          }
          await checkArchive(
            bytes,
            name,
            `archive: ${name} ${what}`,
            skip ? { unsafePaths: 'skip' } : {},
          );
        }),
        fuzzParams(30, 0.2),
      );
    },
    fuzzTimeout(120_000),
  );

  test(
    'zip: local headers, central directory and end record',
    async () => {
      const zip = archives.get('enos-4.x-backup.zip');
      if (!zip) return; // make-archives.sh writes it only where `zip` is installed
      const model = zipModel(zip);
      await fc.assert(
        fc.asyncProperty(mutationsArb(zip, model), async (ms) => {
          await checkArchive(
            applyAll(zip, ms),
            'backup.zip',
            `archive-zip: ${describeMutations(ms)}`,
          );
        }),
        fuzzParams(30, 0.2),
      );
    },
    fuzzTimeout(120_000),
  );

  test(
    'nested: a damaged <host>-rally.tar.gz inside a good backup',
    async () => {
      const rally = fixture('rally/rally-3.3/failures.old.json');
      const inner = await makeTarGz([
        { name: 'root/rally_home/', type: 'directory' },
        { name: 'root/rally_home/report.json', data: rally },
      ]);
      const innerTar = gunzip(inner);
      const arb = fc.record({
        gz: mutationsArb(inner, gzipModel(inner)),
        tar: mutationsArb(innerTar, tarModel(innerTar)),
        layer: fc.boolean(),
      });
      await fc.assert(
        fc.asyncProperty(arb, async ({ gz, tar, layer }) => {
          const damaged = layer ? applyAll(inner, gz) : gzip(applyAll(innerTar, tar));
          const outer = await makeTarGz([
            {
              name: 'enos_backup/reservation.yaml',
              data: fixture('enos/enos-3.x/reservation.yaml'),
            },
            { name: 'enos_backup/host-rally.tar.gz', data: damaged },
          ]);
          await checkArchive(
            outer,
            'backup.tar.gz',
            `archive-nested: ${layer ? describeMutations(gz) : `gzip(${describeMutations(tar)})`}`,
          );
        }),
        fuzzParams(20, 0.1),
      );
    },
    fuzzTimeout(120_000),
  );
});

describe('archives at every boundary', () => {
  test(
    'campaign.tar and the zip cut at each header and member boundary',
    async () => {
      for (const name of ['campaign.tar', 'enos-4.x-backup.zip']) {
        const bytes = archives.get(name);
        if (!bytes) continue;
        const model = name.endsWith('.tar') ? tarModel(bytes) : zipModel(bytes);
        const cuts = model.boundaries.filter((b) => b > 0 && b < bytes.byteLength);
        const n = sweepCount(cuts.length, 12);
        for (let k = 0; k < n; k++) {
          const at = cuts[Math.floor((k * cuts.length) / n)] as number;
          await checkArchive(bytes.subarray(0, at), name, `archive-cut: ${name} at ${at}`);
        }
      }
    },
    fuzzTimeout(120_000),
  );
});

describe('generated hostile archives', () => {
  test(
    'bombs: ratio, size, member count, nesting depth, overlapping zip entries',
    async () => {
      const MAX_MEMBERS = FUZZ_MODE === 'long' ? 3000 : 500;
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(
            'gzip-zeros',
            'tar.gz-zeros',
            'zip-zeros',
            'many-members',
            'deep-nesting',
            'zip-overlap' as const,
          ),
          fc.integer({ min: 1, max: FUZZ_MODE === 'long' ? 8 : 3 }),
          async (kind, k) => {
            let bytes: Uint8Array;
            let name: string;
            if (kind === 'gzip-zeros') {
              bytes = gzip(new Uint8Array(k << 20));
              name = 'zeros.gz';
            } else if (kind === 'tar.gz-zeros') {
              bytes = await makeTarGz([{ name: 'zeros.bin', data: new Uint8Array(k << 20) }]);
              name = 'zeros.tar.gz';
            } else if (kind === 'zip-zeros') {
              bytes = makeZip([
                { name: 'zeros.bin', data: new Uint8Array(k << 20), deflate: true },
              ]);
              name = 'zeros.zip';
            } else if (kind === 'many-members') {
              const count = k * (FUZZ_MODE === 'long' ? 1000 : 300);
              bytes = await makeTar(
                Array.from({ length: count }, (_, i) => ({ name: `m/${i}`, data: 'x' })),
              );
              name = 'many.tar';
            } else if (kind === 'deep-nesting') {
              bytes = await makeTarGz([{ name: 'r.json', data: '{}' }]);
              for (let i = 0; i < k; i++)
                bytes = await makeTarGz([{ name: `l${i}.tar.gz`, data: bytes }]);
              name = 'deep.tar.gz';
            } else {
              bytes = overlappingZip(k * 500);
              name = 'overlap.zip';
            }
            const out = await checkArchive(
              bytes,
              name,
              `archive-bomb: ${kind} ${k}`,
              { limits: { ...LIMITS, maxMembers: MAX_MEMBERS, maxTotalBytes: 16 << 20 } },
              kind === 'many-members' ? MAX_MEMBERS : 0,
            );
            if (!out.ok) expect(['LIMIT', 'ARCHIVE']).toContain(out.error.code);
          },
        ),
        fuzzParams(12, 0.05),
      );
    },
    fuzzTimeout(120_000),
  );

  test(
    'member names from hostile segments (tar and zip, fail and skip modes)',
    async () => {
      const segment = fc.constantFrom(
        '..',
        '.',
        '',
        'a',
        'b',
        '/',
        '\\',
        'C:',
        '\u0000',
        'é',
        '..\\..',
        'x'.repeat(120),
      );
      const nameArb = fc.array(segment, { minLength: 1, maxLength: 6 }).map((s) => s.join('/'));
      await fc.assert(
        fc.asyncProperty(
          fc.array(nameArb, { minLength: 1, maxLength: 5 }),
          fc.constantFrom('tar', 'zip' as const),
          fc.constantFrom('fail', 'skip' as const),
          async (names, kind, mode) => {
            let bytes: Uint8Array;
            try {
              bytes =
                kind === 'tar'
                  ? await makeTar(names.map((n) => ({ name: n, data: 'x' })))
                  : makeZip(names.map((n) => ({ name: n, data: 'x' })));
            } catch {
              return; // tar-stream refuses to write some names: nothing to read
            }
            const out = await checkArchive(
              bytes,
              `names.${kind}`,
              `archive-names: ${kind} ${mode} ${JSON.stringify(names)}`,
              {
                unsafePaths: mode,
              },
            );
            if (!out.ok) expect(out.error.code).toBe('ARCHIVE');
          },
        ),
        fuzzParams(25, 0.1),
      );
    },
    fuzzTimeout(120_000),
  );
});

/**
 * The "better zip bomb" shape: `n` central directory entries that all point at one local
 * header (each claims the same deflated 1 MiB of zeros).
 */
function overlappingZip(n: number): Uint8Array {
  const one = makeZip([{ name: 'zeros.bin', data: new Uint8Array(1 << 20), deflate: true }]);
  const v = new DataView(one.buffer, one.byteOffset, one.byteLength);
  const eocd = one.byteLength - 22;
  const cdOffset = v.getUint32(eocd + 16, true);
  const central = one.slice(cdOffset, eocd);
  const parts: Uint8Array[] = [one.subarray(0, cdOffset)];
  for (let i = 0; i < n; i++) {
    const c = central.slice();
    const name = ascii(String(i).padStart(9, '0')).subarray(0, 9);
    c.set(name, 46);
    parts.push(c);
  }
  const end = one.slice(eocd);
  const ev = new DataView(end.buffer);
  ev.setUint16(8, Math.min(n, 0xffff), true);
  ev.setUint16(10, Math.min(n, 0xffff), true);
  ev.setUint32(12, central.byteLength * n, true);
  parts.push(end);
  const out = new Uint8Array(parts.reduce((s, p) => s + p.byteLength, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.byteLength;
  }
  return out;
}
