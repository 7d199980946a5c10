// The demo data set loads through the ingest pipeline with no error, and invents no factor.
import { expect, test } from 'vitest';
import { loadDemo } from '@/server/demo';
import { listRuns } from '@/server/store/runs';
import { ROOT, tempStore } from './helpers';

test('every demo input loads; Rally runs and captures keep their factors unknown', async () => {
  const { db } = tempStore();
  const reports = await loadDemo(db, ROOT);
  expect(reports.flatMap((r) => r.errors)).toEqual([]);
  const list = await listRuns({ pageSize: 1000 });
  expect(list.total).toBeGreaterThanOrEqual(10);
  const fuel = list.runs.find((r) => r.name.startsWith('fuelccp'))!;
  expect(Object.values(fuel.factors).every((f) => f.value === null)).toBe(true);
  const capture = list.runs.find((r) => r.name === 'mixed.pcapng')!;
  expect(capture.captures).toBe(1);
  expect(capture.factors.backend?.value).toBeNull();
  const seed = list.runs.filter((r) => r.campaign?.name.startsWith('Discovery Initiative'));
  expect(seed.map((r) => r.name).sort()).toEqual(['4-clusters-without-az', 'mysql-1-node', 'redis-1-node', 'redis-4-nodes', 'redis-4-nodes-replication']);
});
