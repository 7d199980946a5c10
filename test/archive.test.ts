// Archives and EnOS layouts through the one ingest pipeline (issue 4): runs, factors with their
// provenance, measured RTT, idempotency, CSV runs, hostile archives.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { ingestInputs } from '@/server/ingest/pipeline';
import { makeTarGz } from '@/server/archive/testArchives';
import { getRun } from '@/server/store/runs';
import { RALLY33, ROOT, rowCounts, tempDir, tempStore } from './helpers';

const { db, dir: storeDir } = await tempStore();
const archives = tempDir('edgeperf-archives-');

beforeAll(async () => {
  execFileSync('bash', [path.join(ROOT, 'scripts/fixtures/enos/make-archives.sh'), archives], {
    stdio: 'ignore',
  });
});

describe('EnOS result archives', () => {
  test('EnOS 3.x backup: nested <host>-rally.tar.gz, reservation, inventory, fping', async () => {
    const file = path.join(archives, 'enos-3.x-backup.tar.gz');
    const report = await ingestInputs([file], { db });
    expect(report.errors).toEqual([]);
    expect(report.runs).toHaveLength(1);
    const rally = report.members.find((m) => m.parser === 'rally-old-json')!;
    expect(rally.path).toMatch(
      /^enos-3\.x-backup\.tar\.gz!enos_backup\/paravance-1\.rennes\.grid5000\.fr-rally\.tar\.gz!root\/rally_home\/report-.*\.json$/,
    );
    expect(rally.status).toBe('used');
    expect(report.members.filter((m) => m.status === 'skipped').every((m) => m.reason)).toBe(true);
    const run = (await getRun(report.runs[0]!.id))!;
    expect(run.workloads.length).toBeGreaterThan(0);
    expect(run.factors.sites).toEqual({
      value: 4,
      source: 'enos-3.x-backup.tar.gz!enos_backup/reservation.yaml:topology',
    });
    expect(run.factors.placement?.value).toMatchObject({ mariadb: 'grp1', rabbitmq: 'grp1' });
    expect(run.factors.placement?.source).toMatch(/multinode:groups$/);
    expect(run.factors.backend).toEqual({ value: null, source: null });
    const latency = run.factors.latency?.value as { src: string; dst: string; delay_ms: number }[];
    expect(latency.length).toBeGreaterThan(0);

    // Again: nothing new. The Rally file alone, after it came inside the archive: the same run.
    const before = await rowCounts(db);
    const again = await ingestInputs([file], { db });
    expect(again.runs).toEqual([{ ...report.runs[0], created: false }]);
    expect(await rowCounts(db)).toEqual(before);
  });

  test('two deployment folders in one tar are two runs; the descriptor names and sets factors', async () => {
    const report = await ingestInputs([path.join(archives, 'campaign.tar')], { db });
    expect(report.errors).toEqual([]);
    expect(report.runs).toHaveLength(2);
    const runs = await Promise.all(report.runs.map((r) => getRun(r.id)));
    const v4 = runs.find((r) => r!.sources.some((s) => s.path.endsWith('edgeperf.yaml')))!;
    expect(v4.factors.backend?.source).toMatch(/run-4\.x\/edgeperf\.yaml:factors\.backend$/);
    expect(v4.factors.rtt_ms?.value).toBe(20);
    expect(v4.factors.rally_version?.value).toBe('3.3.0');
  });

  test('the zip of the same folder gives the same factors', async () => {
    const report = await ingestInputs([path.join(archives, 'enos-4.x-backup.zip')], { db });
    expect(report.errors).toEqual([]);
    const run = (await getRun(report.runs[0]!.id))!;
    expect(run.factors.sites?.value).toBe(3);
  });
});

test('a summary CSV: one run per `run` value, with metrics and the stated factors only', async () => {
  const report = await ingestInputs([path.join(ROOT, 'fixtures/csv/seed-table2.csv')], {
    db,
    campaign: 'seed',
  });
  expect(report.errors).toEqual([]);
  expect(report.runs.map((r) => r.name).sort()).toEqual([
    'mysql-1-node',
    'redis-1-node',
    'redis-4-nodes',
    'redis-4-nodes-replication',
  ]);
  const values: Record<string, number> = {};
  for (const r of report.runs) {
    const run = (await getRun(r.id))!;
    expect(run.workloads).toEqual([]);
    const m = run.metrics.find((x) => x.name === 'vm_creation_total')!;
    expect(m.unit).toBe('s');
    values[run.name] = m.value;
    expect(run.campaign?.name).toBe('seed');
  }
  expect(values).toEqual({
    'redis-1-node': 322,
    'redis-4-nodes': 327,
    'redis-4-nodes-replication': 413,
    'mysql-1-node': 298,
  });
  const again = await ingestInputs([path.join(ROOT, 'fixtures/csv/seed-table2.csv')], { db });
  expect(again.runs.every((r) => !r.created)).toBe(true);
});

describe('hostile archives are refused and leave the store as it was', () => {
  const outside = path.join(path.dirname(storeDir), 'edgeperf-escaped.txt');
  const cases: [string, () => Promise<Uint8Array>, RegExp][] = [
    [
      'zip-slip.tar.gz',
      () => makeTarGz([{ name: '../../edgeperf-escaped.txt', data: 'x' }]),
      /ARCHIVE/,
    ],
    [
      'absolute.tar.gz',
      () => makeTarGz([{ name: '/tmp/edgeperf-escaped.txt', data: 'x' }]),
      /ARCHIVE/,
    ],
    [
      'truncated.tar.gz',
      async () => {
        const whole = await makeTarGz([
          { name: 'r.json', data: fs.readFileSync(path.join(RALLY33, 'hooks.json')) },
        ]);
        return whole.subarray(0, Math.floor(whole.length / 2));
      },
      /ARCHIVE/,
    ],
  ];
  for (const [name, build, code] of cases) {
    test(name, async () => {
      const file = path.join(tempDir(), name);
      fs.writeFileSync(file, await build());
      const before = await rowCounts(db);
      const report = await ingestInputs([file], { db });
      expect(report.runs).toEqual([]);
      expect(report.errors).toHaveLength(1);
      expect(report.errors[0]!.code).toMatch(code);
      expect(report.errors[0]!.message).toContain(name);
      expect(await rowCounts(db)).toEqual(before);
      expect(fs.existsSync(outside)).toBe(false);
      expect(fs.existsSync('/tmp/edgeperf-escaped.txt')).toBe(false);
    });
  }

  test('an archive that unpacks beyond the limit', async () => {
    const file = path.join(tempDir(), 'bomb.tar.gz');
    fs.writeFileSync(
      file,
      await makeTarGz([{ name: 'zeros.json', data: new Uint8Array(4 * 2 ** 20) }]),
    );
    const before = await rowCounts(db);
    const report = await ingestInputs([file], { db, limits: { maxTotalBytes: 2 ** 20 } });
    expect(report.errors[0]).toMatchObject({ code: 'LIMIT' });
    expect(await rowCounts(db)).toEqual(before);
  });
});
