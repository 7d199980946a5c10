// GET /api/groups (issue 5): the groups of repetitions (fp_…) with their factors, run count
// and run ids, on real runs; the ids are exactly what GET /api/compare pools for an fp_ side.
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, expect, test } from 'vitest';
import { GET as compare } from '@/app/api/compare/route';
import { GET as groups } from '@/app/api/groups/route';
import type { Comparison } from '@/lib/compareTypes';
import type { GroupList } from '@/server/queries/getGroups';
import { ingestInputs } from '@/server/ingest/pipeline';
import { RALLY33, ROOT, tempDir, tempStore } from './helpers';

const { db } = await tempStore();
const ids: Record<string, string> = {};

async function list(
  query = '',
): Promise<{ status: number; body: GroupList & { error?: { code: string } } }> {
  const res = await groups(new Request(`http://localhost/api/groups${query ? `?${query}` : ''}`));
  return { status: res.status, body: await res.json() };
}

beforeAll(async () => {
  // The same Rally task in both formats with the same factors: two repetitions of one group.
  const dir = tempDir();
  for (const f of ['multi-runner.json', 'multi-runner.old.json']) {
    fs.copyFileSync(path.join(RALLY33, f), path.join(dir, f));
    ids[f] = (
      await ingestInputs([path.join(dir, f)], {
        db,
        factors: { backend: 'mysql' },
        campaign: 'dummy',
      })
    ).runs[0]!.id;
  }
  ids.failures = (
    await ingestInputs([path.join(RALLY33, 'failures.json')], {
      db,
      factors: { backend: 'redis', sites: 4 },
    })
  ).runs[0]!.id;
  for (const f of ['seed-table2.csv', 'seed-vm-spread.csv'])
    for (const r of (
      await ingestInputs([path.join(ROOT, 'fixtures/csv', f)], { db, campaign: 'seed' })
    ).runs)
      ids[r.name] = r.id;
});

test('every fingerprint is one group with its runs; the most repetitions first', async () => {
  const { status, body } = await list();
  expect(status).toBe(200);
  const fps = (await db.all('SELECT fingerprint, COUNT(*) AS n FROM Run GROUP BY fingerprint')) as {
    fingerprint: string;
    n: number;
  }[];
  expect(body.total).toBe(fps.length);
  expect(body.groups.map((g) => g.id).sort()).toEqual(fps.map((f) => f.fingerprint).sort());
  for (const g of body.groups) {
    expect(g.id).toMatch(/^fp_/);
    expect(g.runCount).toBe(g.runIds.length);
    expect(g.knownFactors).toBe(Object.values(g.factors).filter((v) => v !== null).length);
    const members = (await db.all('SELECT id FROM Run WHERE fingerprint = ? ORDER BY createdAt', [
      g.id,
    ])) as { id: string }[];
    expect(g.runIds).toEqual(members.map((m) => m.id));
  }
  const first = body.groups[0]!;
  expect(first.runIds.sort()).toEqual(
    [ids['multi-runner.json'], ids['multi-runner.old.json']].sort(),
  );
  expect(first.runCount).toBe(2);
  expect(first.factors.backend).toBe('mysql');
  expect(first.factors.sites).toBeNull(); // unknown, never guessed
  expect('rally_version' in first.factors).toBe(false); // only fingerprint factors: shared by every run
  expect(first.label).toMatch(/^2 repetitions of /);
  expect(first.campaigns).toEqual([{ id: expect.stringMatching(/^cmp_/), name: 'dummy' }]);
  expect(body.groups.slice(1).every((g) => g.runCount === 1)).toBe(true);
  // The run ids are exactly the runs the compare pools for that fp_ side.
  const res = await compare(
    new Request(`http://localhost/api/compare?baseline=${first.id}&contenders=${ids.failures}`),
  );
  const cmp = (await res.json()) as Comparison;
  expect(cmp.baseline.runs.map((r) => r.id)).toEqual(first.runIds);
});

test('filters: campaign, text, factors, repetitions only; paging; errors', async () => {
  const seed = (await list('campaign=seed')).body;
  expect(seed.campaign?.name).toBe('seed');
  expect(seed.total).toBe(5); // the four table rows and the VM spread differ in their factors
  const spread = seed.groups.find((g) => g.runIds.includes(ids['4-clusters-without-az']!))!;
  expect(spread.factors.sites).toBe(4);
  expect((await list('q=multi-runner.old')).body.groups.map((g) => g.runIds.length)).toEqual([2]);
  const redis = (await list('backend=redis')).body.groups;
  expect(redis.flatMap((g) => g.runIds).sort()).toEqual(
    [
      ids.failures,
      ids['redis-1-node'],
      ids['redis-4-nodes'],
      ids['redis-4-nodes-replication'],
    ].sort(),
  );
  expect((await list('backend=redis&sites=4')).body.groups.map((g) => g.runIds)).toEqual([
    [ids.failures],
  ]);
  expect((await list('minRuns=2')).body.groups.map((g) => g.runCount)).toEqual([2]);
  const paged = (await list('pageSize=2&page=2')).body;
  expect(paged).toMatchObject({ page: 2, pageSize: 2, total: (await list()).body.total });
  expect(paged.groups).toHaveLength(2);
  expect((await list('campaign=nope')).status).toBe(404);
  const bad = await list('rally_version=3.3.0');
  expect(bad.status).toBe(422);
  expect(bad.body.error?.code).toBe('INVALID_REQUEST');
  expect((await list('pageSize=0')).status).toBe(422);
});
