// GET /api/explore: a metric against a factor, series, lines of medians, slopes.
import path from 'node:path';
import { beforeAll, expect, test } from 'vitest';
import { GET as explore } from '@/app/api/explore/route';
import type { Exploration } from '@/lib/exploreTypes';
import { ingestInputs } from '@/server/ingest/pipeline';
import { FUELCCP, RALLY33, ROOT, tempStore } from './helpers';

const { db } = await tempStore();

async function get(query: string): Promise<{ status: number; body: Exploration }> {
  const res = await explore(new Request(`http://localhost/api/explore?${query}`));
  return { status: res.status, body: await res.json() };
}

beforeAll(async () => {
  await ingestInputs([path.join(ROOT, 'fixtures/csv/seed-table2.csv')], { db });
  await ingestInputs([FUELCCP], { db, factors: { sites: 2, backend: 'mysql' } });
  await ingestInputs([path.join(RALLY33, 'hooks.json')], {
    db,
    factors: { sites: 4, backend: 'mysql' },
  });
  await ingestInputs([path.join(RALLY33, 'failures.json')], { db });
});

test('a summary metric by backend: one point per run, unknown x left out and said so', async () => {
  const { status, body } = await get(
    'metric=metric:vm_creation_total&x=backend_nodes&series=backend',
  );
  expect(status).toBe(200);
  expect(body.metric).toMatchObject({ id: 'metric:vm_creation_total', unit: 's' });
  expect(body.points.map((p) => [p.series, p.x, p.value]).sort()).toEqual(
    [
      ['mysql', 1, 298],
      ['redis', 1, 322],
      ['redis', 4, 327],
      ['redis', 4, 413],
    ].sort(),
  );
  const redis = body.lines.find((l) => l.series === 'redis')!;
  expect(redis.points).toEqual([
    { x: 1, n: 1, median: 322, low: null, high: null },
    { x: 4, n: 2, median: 370, low: null, high: null },
  ]);
  // least squares over (1, 322), (4, 327), (4, 413)
  expect(redis.slope!.value).toBeCloseTo(16, 9);
  expect(body.excluded.map((e) => e.reason)).toContain('backend_nodes unknown');
});

test('a Rally duration against the number of sites, and what can be picked', async () => {
  const { body } = await get('metric=duration:p50:total&x=sites');
  // the seed table's runs (sites = 1) have no Rally duration: left out
  expect(body.points.map((p) => p.x).sort()).toEqual([2, 4]);
  expect(body.points.every((p) => p.value > 0)).toBe(true);
  expect(body.lines).toHaveLength(1);
  expect(body.lines[0]!.slope!.unit).toBe('per site');
  expect(body.available.metrics.map((m) => m.id)).toEqual(
    expect.arrayContaining([
      'duration:p50:total',
      'duration:p95:nova.boot_server',
      'failure_rate',
      'metric:vm_creation_total',
    ]),
  );
  expect(body.available.scenarios).toContain('NovaServers.boot_and_delete_server');
  const rate = await get('metric=failure_rate&x=concurrency');
  expect(rate.body.points.length).toBeGreaterThan(0);
  expect(rate.body.metric.unit).toBe('%');
});

test('bad parameters answer 422', async () => {
  expect((await get('metric=bogus&x=sites')).status).toBe(422);
  expect((await get('metric=failure_rate&x=colour')).status).toBe(422);
  expect((await get('metric=failure_rate&x=sites;drop')).status).toBe(422);
});
