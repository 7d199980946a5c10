// The ingest pipeline end to end on real Rally files: store, idempotency, bad input.
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { ingestInputs } from '@/server/ingest/pipeline';
import { getIterations, getRun } from '@/server/store/runs';
import { FUELCCP, RALLY33, rowCounts, tempDir, tempStore } from './helpers';

const store = await tempStore();
const { db } = store;

describe('a real old-format Rally file', () => {
  let runId = '';
  beforeAll(async () => {
    const report = await ingestInputs([FUELCCP], { db, campaign: 'fuel' });
    expect(report.errors).toEqual([]);
    expect(report.runs).toHaveLength(1);
    expect(report.runs[0]!.created).toBe(true);
    runId = report.runs[0]!.id;
  });

  test('is stored as one run with raw iterations and Rally statistics', async () => {
    const run = await getRun(runId);
    expect(run).not.toBeNull();
    expect(run!.campaign?.name).toBe('fuel');
    expect(run!.name).toBe(path.basename(FUELCCP));
    expect(run!.sources).toEqual([
      {
        path: path.basename(FUELCCP),
        sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
        parser: 'rally-old-json',
      },
    ]);
    expect(run!.workloads).toHaveLength(1);
    const wl = run!.workloads[0]!;
    expect(wl.scenario).toBe('NovaServers.boot_and_delete_server');
    expect(wl.runner.type).toBe('constant_for_duration');
    expect(wl.iterations).toBe(113);
    expect(wl.failures).toBe(0);
    const boot = wl.stats.actions.find((r) => r.name === 'nova.boot_server')!;
    const r3 = (x: number | null) => (x === null ? null : Math.round(x * 1000) / 1000);
    expect([boot.min, boot.median, boot.p90, boot.p95, boot.max, boot.mean].map(r3)).toEqual([
      4.298, 5.841, 7.247, 7.577, 9.241, 5.78,
    ]);
    expect(boot.count).toBe(113);
    expect(boot.success).toBe(100);
    expect(r3(wl.stats.total.mean)).toBe(8.423);
    // Factors nobody stated are unknown, never invented.
    expect(run!.factors.backend).toEqual({ value: null, source: null });
    expect(run!.factors.sites).toEqual({ value: null, source: null });
    expect(run!.fingerprint).toMatch(/^fp_[0-9a-f]{24}$/);
    const page = await getIterations(runId, wl.id, { from: 0, limit: 10 });
    expect(page!.total).toBe(113);
    expect(page!.data).toHaveLength(10);
    expect(page!.data[0]!.i).toBe(0);
    expect(page!.data[0]!.atomics.map((a) => a.name)).toContain('nova.boot_server');
  });

  test('ingesting the same content again creates nothing and reports the existing run', async () => {
    const before = await rowCounts(db);
    const copy = path.join(tempDir(), 'renamed.json');
    fs.copyFileSync(FUELCCP, copy);
    for (const input of [FUELCCP, copy]) {
      const report = await ingestInputs([input], { db });
      expect(report.runs).toEqual([{ id: runId, name: path.basename(FUELCCP), created: false }]);
      expect(report.errors).toEqual([]);
    }
    expect(await rowCounts(db)).toEqual(before);
  });

  test('downsampled series keep the extremes', async () => {
    const wl = (await db.get('SELECT id FROM Workload WHERE runId = ?', [runId])) as { id: string };
    const all = (await getIterations(runId, wl.id, { limit: 10_000 }))!.data;
    const sampled = (await getIterations(runId, wl.id, { points: 20 }))!;
    expect(sampled.total).toBe(113);
    expect(sampled.data.length).toBeLessThanOrEqual(20);
    const max = Math.max(...all.map((d) => d.duration));
    const min = Math.min(...all.map((d) => d.duration));
    expect(Math.max(...sampled.data.map((d) => d.duration))).toBe(max);
    expect(Math.min(...sampled.data.map((d) => d.duration))).toBe(min);
  });
});

describe('bad input leaves the store exactly as it was', () => {
  const dir = tempDir();
  const text = fs.readFileSync(FUELCCP, 'utf8');
  const cases: [string, string | Uint8Array, string, RegExp | null][] = [
    ['empty.json', '', 'EMPTY', null],
    ['truncated.json', text.slice(0, Math.floor(text.length / 2)), 'JSON_SYNTAX', null],
    ['neither.json', '{"hello": [1, 2, 3]}', 'UNRECOGNISED', null],
    [
      'binary.bin',
      new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, 0xff, 0x13, 0x37, 0]),
      'UNRECOGNISED',
      null,
    ],
    [
      'cut-header.pcap',
      new Uint8Array([0xd4, 0xc3, 0xb2, 0xa1, 0, 0, 0xff, 0x13, 0x37, 0]),
      'PCAP_FORMAT',
      /^byte 0$/,
    ],
    [
      'broken-iteration.json',
      (() => {
        const data = JSON.parse(text) as { result: { duration: unknown }[] }[];
        data[0]!.result[3]!.duration = 'slow';
        return JSON.stringify(data);
      })(),
      'RALLY_SHAPE',
      /^\$\[0\]\.result\[3\]\.duration$/,
    ],
  ];
  for (const [name, content, code, at] of cases) {
    test(`${name} → ${code}`, async () => {
      const file = path.join(dir, name);
      fs.writeFileSync(file, content);
      const before = await rowCounts(db);
      const report = await ingestInputs([file], { db });
      expect(report.runs).toEqual([]);
      expect(report.errors).toHaveLength(1);
      expect(report.errors[0]).toMatchObject({ path: name, code });
      if (at) expect(report.errors[0]!.at).toMatch(at);
      expect(report.errors[0]!.message.length).toBeGreaterThan(5);
      expect(await rowCounts(db)).toEqual(before);
    });
  }
});

describe('Rally 3.3 files made with Debian rally', () => {
  test('a directory is one run; a task found in both formats is kept once, the richer copy', async () => {
    const dir = tempDir();
    for (const f of ['failures.old.json', 'failures.json'])
      fs.copyFileSync(path.join(RALLY33, f), path.join(dir, f));
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'not a result');
    const report = await ingestInputs([dir], { db });
    expect(report.errors).toEqual([]);
    expect(report.runs).toHaveLength(1);
    const base = path.basename(dir);
    expect(report.members).toEqual([
      { path: `${base}/failures.json`, status: 'used', parser: 'rally-v2-json', reason: null },
      {
        path: `${base}/failures.old.json`,
        status: 'skipped',
        parser: 'rally-old-json',
        reason: 'every workload in it is already in this run',
      },
      {
        path: `${base}/notes.txt`,
        status: 'skipped',
        parser: null,
        reason: 'not a recognised result file',
      },
    ]);
    const run = await getRun(report.runs[0]!.id);
    const v2 = JSON.parse(fs.readFileSync(path.join(RALLY33, 'failures.json'), 'utf8'));
    const expected = v2.tasks.flatMap((t: { subtasks: { workloads: unknown[] }[] }) =>
      t.subtasks.flatMap((s) => s.workloads),
    ).length;
    expect(run!.workloads).toHaveLength(expected);
    expect(run!.workloads.map((w) => w.position)).toEqual([...Array(expected).keys()]);
    expect(run!.workloads.some((w) => w.failures > 0)).toBe(true);
    // Nested atomic actions only exist in the new format: the kept copy has them.
    expect(run!.workloads.some((w) => w.stats.actions.some((a) => a.children.length > 0))).toBe(
      true,
    );
    expect(run!.factors.rally_version?.value).toMatch(/^3\./);
    expect(run!.factors.rally_version?.source).toBe(`${base}/failures.json:info.rally_version`);
  });
});

describe('Rally HTML reports', () => {
  test('alone: the workloads, with iterations rebuilt when the report has every one', async () => {
    const report = await ingestInputs([path.join(RALLY33, 'hooks.html')], { db });
    expect(report.errors).toEqual([]);
    expect(report.members[0]).toMatchObject({ parser: 'rally-html', status: 'used' });
    const run = (await getRun(report.runs[0]!.id))!;
    const wl = run.workloads[0]!;
    expect(wl.iterations).toBe(30);
    expect(wl.timestampsKnown).toBe(false);
    expect((await getIterations(run.id, wl.id, { limit: 100 }))!.data).toHaveLength(30);
  });

  test('compressed series: Rally’s own table, no invented iterations', async () => {
    const report = await ingestInputs([path.join(RALLY33, 'compressed.html')], { db });
    expect(report.errors).toEqual([]);
    expect(report.warnings.join('\n')).toMatch(/no per-iteration data/);
    const run = (await getRun(report.runs[0]!.id))!;
    const wl = run.workloads[0]!;
    expect(wl.iterations).toBe(1500);
    expect(wl.stats.total.count).toBe(1500);
    expect((await getIterations(run.id, wl.id, { limit: 10 }))!.data).toEqual([]);
  });

  test('next to the JSON of the same task: the JSON copy is kept', async () => {
    const dir = tempDir();
    for (const f of ['output.html', 'output.json'])
      fs.copyFileSync(path.join(RALLY33, f), path.join(dir, f));
    const report = await ingestInputs([dir], { db });
    const run = (await getRun(report.runs[0]!.id))!;
    expect(run.workloads).toHaveLength(1);
    expect(run.workloads[0]!.timestampsKnown).toBe(true);
  });
});
