// The design grid (GET /api/coverage) and VM placement across sites (in GET /api/runs/:id).
import path from 'node:path';
import { beforeAll, expect, test } from 'vitest';
import { GET as coverage } from '@/app/api/coverage/route';
import { ingestInputs } from '@/server/ingest/pipeline';
import { getRun } from '@/server/store/runs';
import { ROOT, tempStore } from './helpers';

const { db } = await tempStore();
const ids: Record<string, string> = {};

beforeAll(async () => {
  for (const f of ['seed-table2.csv', 'seed-vm-spread.csv']) {
    for (const r of (
      await ingestInputs([path.join(ROOT, 'fixtures/csv', f)], { db, campaign: 'seed' })
    ).runs)
      ids[r.name] = r.id;
  }
  ids.capture = (
    await ingestInputs([path.join(ROOT, 'fixtures/pcap/captured/amqp-oslo.pcap')], { db })
  ).runs[0]!.id;
});

test('the grid of backend × backend nodes of a campaign, with the empty cells', async () => {
  const res = await coverage(
    new Request('http://localhost/api/coverage?rows=backend&cols=backend_nodes&campaign=seed'),
  );
  expect(res.status).toBe(200);
  const body = await res.json();
  expect(body.rows.values).toEqual(['mysql', 'redis', 'unknown']);
  expect(body.cols.values).toEqual(['1', '4', 'unknown']);
  const cell = (row: string, col: string) =>
    body.cells.find((c: { row: string; col: string }) => c.row === row && c.col === col);
  expect(cell('redis', '4').runs).toHaveLength(2);
  expect(cell('redis', '4').groups).toBe(2); // with and without replication
  expect(cell('mysql', '4').runs).toEqual([]);
  expect(cell('unknown', 'unknown').runs).toEqual([ids['4-clusters-without-az']]);
  expect((await coverage(new Request('http://localhost/api/coverage?rows=colour'))).status).toBe(
    422,
  );
  expect((await coverage(new Request('http://localhost/api/coverage?campaign=nope'))).status).toBe(
    404,
  );
});

test('VM placement: the seed talk’s 26/20/22/32 %, and compute casts seen in a capture', async () => {
  const spread = (await getRun(ids['4-clusters-without-az']!))!;
  expect(spread.vmPlacement).toEqual({
    source: 'metrics',
    unit: '%',
    sites: [
      { site: 'cluster1', value: 26, share: 26 },
      { site: 'cluster2', value: 20, share: 20 },
      { site: 'cluster3', value: 22, share: 22 },
      { site: 'cluster4', value: 32, share: 32 },
    ],
    unmapped: [],
  });
  const cap = (await getRun(ids.capture!))!;
  // oslo.messaging casts to compute.<host>; no inventory here, so the hosts have no site
  expect(cap.vmPlacement).toEqual({
    source: 'captures',
    unit: 'casts',
    sites: [],
    unmapped: [
      { host: 'compute-2', value: 4 },
      { host: 'compute-3', value: 4 },
    ],
  });
  expect((await getRun(ids['redis-1-node']!))!.vmPlacement).toBeNull();
});
