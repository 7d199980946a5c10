// Captures through the ingest pipeline (issue 3): a capture alone is a run; --run attaches one
// to an existing run; numbers equal tshark's (fixtures/pcap/captured/expected.json).
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { main } from '@/server/cli/main';
import { ingestInputs } from '@/server/ingest/pipeline';
import { getRun } from '@/server/store/runs';
import { FUELCCP, ROOT, rowCounts, storeLocation, tempDir, tempStore } from './helpers';

const { db, cliDb } = await tempStore();
const CAPTURED = path.join(ROOT, 'fixtures/pcap/captured');
const expected = JSON.parse(fs.readFileSync(path.join(CAPTURED, 'expected.json'), 'utf8')).files;

test('a capture alone is a run; its totals and AMQP methods equal tshark', async () => {
  const sites = [
    { name: 'a', cidr: '127.0.1.0/24' },
    { name: 'b', cidr: '127.0.2.0/24' },
  ];
  const report = await ingestInputs([path.join(CAPTURED, 'mixed.pcapng')], { db, sites });
  expect(report.errors).toEqual([]);
  expect(report.members).toEqual([
    { path: 'mixed.pcapng', status: 'used', parser: 'pcapng', reason: null },
  ]);
  const run = (await getRun(report.runs[0]!.id))!;
  expect(run.captures).toHaveLength(1);
  const cap = run.captures[0]! as unknown as Record<string, unknown> & {
    amqp: { methods: Record<string, number> };
  };
  const want = expected['mixed.pcapng'];
  expect([cap.packets, cap.bytes]).toEqual([want.packets, want.bytes]);
  expect(cap.id).toMatch(/^cap_/);
  expect(cap.amqp.methods).toEqual(want.amqp.methods);
  const matrix = cap.siteMatrix as { src: string | null; dst: string | null; service: string }[];
  expect(matrix.some((c) => c.src === 'a' || c.dst === 'a')).toBe(true);
});

test('--run attaches a capture to an existing run; a truncated capture warns, a bad one fails cleanly', async () => {
  const runId = (await ingestInputs([FUELCCP], { db })).runs[0]!.id;
  const io = { out: () => {}, err: () => {} };
  expect(
    await main(
      [
        'ingest',
        path.join(CAPTURED, 'mysql.pcap'),
        '--db',
        cliDb,
        '--run',
        runId,
        '--sites',
        'x=127.0.1.0/24',
      ],
      io,
    ),
  ).toBe(0);
  const run = (await getRun(runId))!;
  expect(run.captures.map((c) => c.file)).toEqual(['mysql.pcap']);
  expect(run.workloads).toHaveLength(1);

  const truncated = await ingestInputs([path.join(CAPTURED, 'mixed.truncated.pcap')], { db });
  expect(truncated.errors).toEqual([]);
  expect(truncated.warnings.join('\n')).toMatch(/mixed\.truncated\.pcap/);

  // A corrupt record length stops the read where it is, with a warning that says where.
  const bad = path.join(tempDir(), 'bad.pcap');
  const bytes = fs.readFileSync(path.join(CAPTURED, 'mysql.pcap'));
  bytes.writeUInt32LE(0xffffffff, 8 + 24);
  fs.writeFileSync(bad, bytes);
  const r = await ingestInputs([bad], { db });
  expect(r.errors).toEqual([]);
  expect(r.warnings).toEqual([
    'bad.pcap at byte 24: corrupt packet record: captured length 4294967295 exceeds 262144; stopped after 0 packets',
  ]);
  // Not a capture at all, given alone: an error, nothing stored.
  const before = await rowCounts(db);
  const notCapture = path.join(tempDir(), 'x.pcap');
  fs.writeFileSync(notCapture, new Uint8Array([0xd4, 0xc3, 0xb2]));
  const r2 = await ingestInputs([notCapture], { db });
  expect(r2.errors[0]).toMatchObject({ path: 'x.pcap', code: 'UNRECOGNISED' });
  expect(await rowCounts(db)).toEqual(before);
  expect(
    await main(
      ['ingest', path.join(CAPTURED, 'mysql.pcap'), '--db', cliDb, '--sites', 'nonsense'],
      io,
    ),
  ).toBe(2);
});

test('--ports names the services of other ports', async () => {
  const io = { out: () => {}, err: () => {} };
  const dbFile = storeLocation(tempDir(), 'ports').cliDb;
  expect(
    await main(
      ['ingest', path.join(CAPTURED, 'redis.pcap'), '--db', dbFile, '--ports', '6379=kvstore'],
      io,
    ),
  ).toBe(0);
  const out: string[] = [];
  await main(['export', '--db', dbFile], { out: (t) => out.push(t), err: () => {} });
  const services = JSON.parse(out.join('\n')).runs[0].captures[0].services as { service: string }[];
  expect(services.map((s) => s.service)).toContain('kvstore');
  expect(
    await main(
      ['ingest', path.join(CAPTURED, 'redis.pcap'), '--db', dbFile, '--ports', '99999=x'],
      io,
    ),
  ).toBe(2);
});
