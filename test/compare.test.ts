// GET /api/compare on real runs: verdicts, unmatched workloads, the configuration diff.
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, expect, test } from 'vitest';
import { GET as compare } from '@/app/api/compare/route';
import type { Comparison } from '@/lib/compareTypes';
import { openDatabase } from '@/server/database';
import { ingestInputs } from '@/server/ingest/pipeline';
import { RALLY33, ROOT, tempDir, tempStore } from './helpers';

const { db } = await tempStore();
const ids: Record<string, string> = {};

async function get(
  query: string,
): Promise<{ status: number; body: Comparison & { error?: { code: string } } }> {
  const res = await compare(new Request(`http://localhost/api/compare?${query}`));
  return { status: res.status, body: await res.json() };
}

beforeAll(async () => {
  // The same Rally task exported in both formats, ingested as two runs (two files): repetitions
  // of identical workloads. Then a different task, and the seed talk's published table.
  const dir = tempDir();
  for (const f of ['multi-runner.json', 'multi-runner.old.json']) {
    fs.copyFileSync(path.join(RALLY33, f), path.join(dir, f));
    ids[f] = (await ingestInputs([path.join(dir, f)], { db, factors: { backend: 'mysql' } }))
      .runs[0]!.id;
  }
  ids.failures = (
    await ingestInputs([path.join(RALLY33, 'failures.json')], {
      db,
      factors: { backend: 'redis', sites: 4 },
    })
  ).runs[0]!.id;
  for (const r of (await ingestInputs([path.join(ROOT, 'fixtures/csv/seed-table2.csv')], { db }))
    .runs)
    ids[r.name] = r.id;
});

test('identical workloads: matched, no significant change, no warning about factors', async () => {
  const { status, body } = await get(
    `baseline=${ids['multi-runner.json']}&contenders=${ids['multi-runner.old.json']}`,
  );
  expect(status).toBe(200);
  expect(body.baseline.kind).toBe('run');
  const matched = body.workloads.filter((w) => w.present.every(Boolean));
  const keys = (await db.get('SELECT COUNT(DISTINCT matchKey) AS n FROM Workload WHERE runId = ?', [
    ids['multi-runner.json'],
  ])) as { n: number };
  expect(matched.length).toBe(keys.n);
  expect(keys.n).toBeGreaterThan(3);
  for (const w of matched) {
    const total = w.rows.find((r) => r.name === 'total')!;
    expect(total.sides[0]!.median).toBeCloseTo(total.sides[1]!.median!, 9);
    expect(total.comparisons[0]!.change).toBeCloseTo(0, 9);
    if (total.sides[0]!.n >= 2) expect(total.comparisons[0]!.verdict).toBe('no significant change');
  }
  // Only the new format carries Rally's version; it is not a fingerprint factor.
  expect(body.factors.filter((f) => f.differs).map((f) => f.key)).toEqual(['rally_version']);
  expect(body.warnings.some((w) => /more than one factor/.test(w))).toBe(false);
});

test('different tasks: workloads with no counterpart are listed, and the factor diff warns', async () => {
  const { body } = await get(`baseline=${ids['multi-runner.json']}&contenders=${ids.failures}`);
  expect(body.workloads.every((w) => w.present.filter(Boolean).length === 1)).toBe(true);
  expect(body.workloads.filter((w) => w.present[0]).length).toBeGreaterThan(3);
  expect(body.workloads.filter((w) => w.present[1]).length).toBeGreaterThan(0);
  expect(
    body.factors
      .filter((f) => f.differs)
      .map((f) => f.key)
      .sort(),
  ).toEqual(['backend', 'sites']);
  expect(body.warnings.join(' ')).toMatch(/more than one factor \(backend, sites\)/);
  expect(body.warnings.join(' ')).toMatch(/no counterpart/);
});

test('the seed talk Table 2: changes of single values, not testable', async () => {
  const { body } = await get(
    `baseline=${ids['redis-1-node']}&contenders=${ids['redis-4-nodes']},${ids['redis-4-nodes-replication']},${ids['mysql-1-node']}`,
  );
  const row = body.metrics.find((m) => m.name === 'vm_creation_total')!;
  expect(row.sides.map((s) => s!.median)).toEqual([322, 327, 413, 298]);
  expect(row.comparisons.map((c) => Number(c!.change!.toFixed(2)))).toEqual([1.55, 28.26, -7.45]);
  expect(row.comparisons.every((c) => c!.verdict === 'not testable')).toBe(true);
  // No capture and no VM spread on any side: no traffic or placement part (test/compareTraffic.test.ts).
  expect(body.traffic).toBeNull();
  expect(body.placement).toBeNull();
});

test('a group of repetitions (fp_) pools its runs; bad ids answer 4xx', async () => {
  const fp = (
    (await db.get('SELECT fingerprint FROM Run WHERE id = ?', [ids['multi-runner.json']])) as {
      fingerprint: string;
    }
  ).fingerprint;
  const { body } = await get(`baseline=${fp}&contenders=${ids.failures}`);
  expect(body.baseline.kind).toBe('group');
  expect(body.baseline.runs.map((r) => r.id).sort()).toEqual(
    [ids['multi-runner.json'], ids['multi-runner.old.json']].sort(),
  );
  const total = body.workloads.find((w) => w.present[0])!.rows.find((r) => r.name === 'total')!;
  expect(total.sides[0]!.runs).toBe(2);
  // the ids of the matched workloads, per side, for the iterations endpoint
  const wl = body.workloads.find((w) => w.present[0])!;
  expect(wl.workloads[0]!.map((x) => x.runId).sort()).toEqual(
    body.baseline.runs.map((r) => r.id).sort(),
  );
  expect(wl.workloads[0]!.every((x) => x.workloadId.startsWith('wl_'))).toBe(true);
  expect((await get('baseline=run_missing&contenders=run_x')).status).toBe(404);
  expect((await get('baseline=1;drop&contenders=x')).status).toBe(422);
  expect((await get(`baseline=${ids.failures}`)).status).toBe(422);
});

test('a repeated comparison is served from the cache until the store changes', async () => {
  const q = `baseline=${ids['multi-runner.json']}&contenders=${ids.failures}`;
  const first = (await get(q)).body;
  expect((await get(q)).body).toEqual(first);
  // a factor edit through the store changes the answer (the factor diff), and it shows at once
  const { updateFactors } = await import('@/server/store/runs');
  await updateFactors(ids.failures!, { backend: 'postgresql' });
  const after = (await get(q)).body;
  expect(after.factors.find((f) => f.key === 'backend')!.values).toEqual(['mysql', 'postgresql']);
  // and a run ingested by another connection (the CLI, a worker) too
  const other = await openDatabase(process.env.DATABASE_URL!);
  await other.run("UPDATE Run SET name = 'renamed elsewhere' WHERE id = ?", [ids.failures]);
  await other.close();
  expect((await get(q)).body.contenders[0]!.label).toBe('renamed elsewhere');
});
