// GET /api/compare's traffic and VM placement (issue 5) on real captures: the site × site
// matrices, their differences, services and per-iteration ratios equal what the per-run API
// (GET /api/runs/:id) says of each capture, and tshark's totals (expected.json).
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, expect, test } from 'vitest';
import { GET as compare } from '@/app/api/compare/route';
import { GET as getRunRoute } from '@/app/api/runs/[runId]/route';
import type { Capture, Run } from '@/lib/apiTypes';
import type { Comparison } from '@/lib/compareTypes';
import { ingestInputs } from '@/server/ingest/pipeline';
import { RALLY33, ROOT, tempStore } from './helpers';

const { db } = await tempStore();
const CAPTURED = path.join(ROOT, 'fixtures/pcap/captured');
const tshark = JSON.parse(fs.readFileSync(path.join(CAPTURED, 'expected.json'), 'utf8')).files;
// The captures' address map (fixtures/pcap/captured/README.md: site S is 127.0.S.0/24, the
// servers are on 127.0.0.1), as in demo/manifest.json and the e2e store.
const SITES = [
  { name: 'central', cidr: '127.0.0.0/24' },
  ...[1, 2, 3, 4, 5].map((s) => ({ name: `site${s}`, cidr: `127.0.${s}.0/24` })),
];
const SITE_NAMES = ['central', 'site1', 'site2', 'site3', 'site4', 'site5'];
const ids: Record<string, string> = {};

async function get(query: string): Promise<{ status: number; body: Comparison }> {
  const res = await compare(new Request(`http://localhost/api/compare?${query}`));
  return { status: res.status, body: await res.json() };
}

async function run(id: string): Promise<Run> {
  const res = await getRunRoute(new Request(`http://localhost/api/runs/${id}`), {
    params: Promise.resolve({ runId: id }),
  });
  return (await res.json()) as Run;
}

type Cell = {
  src: string | null;
  dst: string | null;
  service: string;
  bytes: number;
  frames: number;
  messages: number;
};

/** The matrix of a run's captures summed straight from the per-run API's cells. */
function matrixOf(r: Run, metric: 'bytes' | 'frames' | 'messages', sites: string[]): number[][] {
  const m = sites.map(() => sites.map(() => 0));
  for (const c of r.captures)
    for (const cell of c.siteMatrix as Cell[])
      m[sites.indexOf(cell.src ?? '(unmapped)')]![sites.indexOf(cell.dst ?? '(unmapped)')]! +=
        cell[metric];
  return m;
}

const total = (m: number[][]) => m.flat().reduce((a, b) => a + b, 0);

beforeAll(async () => {
  // Two capture-only runs (no factor stated: they form one group of "repetitions").
  for (const f of ['mixed.pcapng', 'amqp-oslo.pcapng'])
    ids[f] = (await ingestInputs([path.join(CAPTURED, f)], { db, sites: SITES })).runs[0]!.id;
  // A real Rally run, and the published tables (placement: the seed's 26/20/22/32 %).
  ids.rally = (
    await ingestInputs([path.join(RALLY33, 'failures.json')], {
      db,
      factors: { backend: 'redis', sites: 4 },
    })
  ).runs[0]!.id;
  for (const f of ['seed-table2.csv', 'seed-vm-spread.csv'])
    for (const r of (await ingestInputs([path.join(ROOT, 'fixtures/csv', f)], { db })).runs)
      ids[r.name] = r.id;
});

test('two runs with captures: matrices side by side and their difference equal the runs’ captures', async () => {
  const a = ids['mixed.pcapng']!;
  const b = ids['amqp-oslo.pcapng']!;
  const { status, body } = await get(`baseline=${a}&contenders=${b}`);
  expect(status).toBe(200);
  const t = body.traffic!;
  expect(t.sites).toEqual(SITE_NAMES);
  expect(t.aggregation).toBe('per-run mean');
  const [ra, rb] = [await run(a), await run(b)];
  for (const metric of ['bytes', 'frames', 'messages'] as const) {
    expect(t.sides[0]!.matrix[metric]).toEqual(matrixOf(ra, metric, SITE_NAMES));
    expect(t.sides[1]!.matrix[metric]).toEqual(matrixOf(rb, metric, SITE_NAMES));
    const diff = matrixOf(rb, metric, SITE_NAMES).map((row, i) =>
      row.map((v, j) => v - matrixOf(ra, metric, SITE_NAMES)[i]![j]!),
    );
    expect(t.differences[0]![metric]).toEqual(diff);
  }
  // Every byte and frame of these loopback captures is TCP between two mapped sites: the
  // matrices add up to tshark's totals, and it is all WAN (clients on 127.0.S.1, servers central).
  expect(total(t.sides[0]!.matrix.bytes)).toBe(tshark['mixed.pcapng'].bytes);
  expect(total(t.sides[0]!.matrix.frames)).toBe(tshark['mixed.pcapng'].packets);
  expect(total(t.sides[1]!.matrix.bytes)).toBe(tshark['amqp-oslo.pcapng'].bytes);
  expect(t.sides[0]!.totals).toMatchObject({
    bytes: ra.captures[0]!.bytes,
    packets: ra.captures[0]!.packets,
    wanBytes: tshark['mixed.pcapng'].bytes,
    localBytes: 0,
    unmappedBytes: 0,
  });
  // AMQP content messages: tshark's Basic.Publish + Basic.Deliver; MySQL COM_QUERY as tshark's,
  // Redis commands as the per-run API's (tshark has no RESP dissector).
  const methods = tshark['mixed.pcapng'].amqp.methods;
  const redis = Object.values(
    (ra.captures[0] as Capture & { redis: { commands: Record<string, number> } }).redis.commands,
  ).reduce((x, y) => x + y, 0);
  expect(redis).toBeGreaterThan(0);
  expect(t.sides[0]!.totals).toMatchObject({
    amqpMessages: methods['Basic.Publish'] + methods['Basic.Deliver'],
    mysqlQueries: tshark['mixed.pcapng'].mysql.commands.COM_QUERY,
    redisCommands: redis,
    dbQueries: tshark['mixed.pcapng'].mysql.commands.COM_QUERY + redis,
  });
  expect(t.sides[1]!.totals).toMatchObject({ amqpMessages: 160, dbQueries: 0 });
  // Services by name: tshark's frames and bytes per server port.
  const byPort = tshark['mixed.pcapng'].servicesByPort;
  const svc = (name: string) => t.sides[0]!.services.find((s) => s.service === name)!;
  expect([svc('amqp').bytes, svc('amqp').frames]).toEqual([
    byPort['tcp/5672'].bytes,
    byPort['tcp/5672'].frames,
  ]);
  expect([svc('mysql').bytes, svc('redis').bytes]).toEqual([
    byPort['tcp/3306'].bytes,
    byPort['tcp/6379'].bytes,
  ]);
  expect(t.sides[1]!.services.map((s) => s.service)).toEqual(['amqp']);
  expect(t.services).toEqual(['amqp', 'redis', 'mysql']); // most bytes over both sides first
  // Neither run has Rally iterations: no ratio, and it says why (null, not 0).
  expect(t.sides[0]).toMatchObject({
    successfulIterations: null,
    perIteration: null,
    iterationRuns: [],
  });
});

test('a group is the per-run mean of its captured runs; a side without capture is listed, not dropped', async () => {
  const a = ids['mixed.pcapng']!;
  const b = ids['amqp-oslo.pcapng']!;
  const fp = (
    (await db.get('SELECT fingerprint FROM Run WHERE id = ?', [a])) as { fingerprint: string }
  ).fingerprint;
  const { body } = await get(`baseline=${a}&contenders=${fp},${ids['redis-1-node']}`);
  const t = body.traffic!;
  const group = t.sides[1]!;
  expect(group.runs.sort()).toEqual([a, b].sort());
  const [ra, rb] = [await run(a), await run(b)];
  expect(group.matrix.bytes).toEqual(
    matrixOf(ra, 'bytes', SITE_NAMES).map((row, i) =>
      row.map((v, j) => (v + matrixOf(rb, 'bytes', SITE_NAMES)[i]![j]!) / 2),
    ),
  );
  expect(group.totals.bytes).toBe(
    (tshark['mixed.pcapng'].bytes + tshark['amqp-oslo.pcapng'].bytes) / 2,
  );
  expect(group.totals.amqpMessages).toBe((112 + 160) / 2);
  expect(group.captures).toBe(2);
  // The seed table's run has no capture: a null side, and no difference for it.
  expect(t.sides).toHaveLength(3);
  expect(t.sides[2]).toBeNull();
  expect(t.differences[1]).toBeNull();
  expect(t.differences[0]!.bytes[0]![1]).toBe(
    group.matrix.bytes[0]![1]! - t.sides[0]!.matrix.bytes[0]![1]!,
  );
  // No capture on any side: no traffic section at all.
  expect(
    (await get(`baseline=${ids['redis-1-node']}&contenders=${ids['mysql-1-node']}`)).body.traffic,
  ).toBeNull();
});

test('per successful iteration: a Rally run with a capture attached (--run)', async () => {
  const r = ids.rally!;
  const before = (await get(`baseline=${r}&contenders=${ids['mixed.pcapng']}`)).body;
  expect(before.traffic!.sides[0]).toBeNull();
  // redis.pcapng was not taken during this Rally run: it is attached here only so that the
  // ratios are checked on real numbers (a Rally run with its iterations and failures, a real
  // capture) through the same path as `edgeperf ingest cap.pcapng --run <id>`.
  const attached = await ingestInputs([path.join(CAPTURED, 'redis.pcapng')], {
    db,
    runId: r,
    sites: SITES,
  });
  expect(attached.errors).toEqual([]);
  // The store changed (a capture), so the cached comparison is not served again.
  const { body } = await get(`baseline=${r}&contenders=${ids['mixed.pcapng']}`);
  const side = body.traffic!.sides[0]!;
  const rr = await run(r);
  const ok = rr.workloads.reduce((n, w) => n + w.iterations - w.failures, 0);
  expect(ok).toBeGreaterThan(0);
  expect(rr.workloads.some((w) => w.failures > 0)).toBe(true); // failures.json has failures
  expect(side.successfulIterations).toBe(ok);
  expect(side.iterationRuns).toEqual([r]);
  const cap = rr.captures[0] as Capture & { redis: { commands: Record<string, number> } };
  const commands = Object.values(cap.redis.commands).reduce((x, y) => x + y, 0);
  expect(cap.bytes).toBe(tshark['redis.pcapng'].bytes);
  expect(side.totals.wanBytes).toBe(tshark['redis.pcapng'].bytes); // sites 1–3 to central
  expect(side.perIteration).toEqual({
    amqpMessages: 0,
    dbQueries: commands / ok,
    wanBytes: tshark['redis.pcapng'].bytes / ok,
  });
  // The workloads' comparison is still there, unchanged by the traffic part.
  expect(body.workloads.length).toBeGreaterThan(0);
});

test('VM placement compared: shares per site per side and percentage points vs the baseline', async () => {
  const spread = ids['4-clusters-without-az']!;
  const a = ids['mixed.pcapng']!;
  const { body } = await get(`baseline=${spread}&contenders=${a},${ids['redis-1-node']}`);
  const p = body.placement!;
  expect(p.sites).toEqual(['cluster1', 'cluster2', 'cluster3', 'cluster4']);
  const fromRun = (await run(spread)).vmPlacement!;
  expect(p.sides[0]).toMatchObject({
    source: 'metrics',
    unit: '%',
    shares: fromRun.sites.map((s) => s.share),
    unmappedShare: 0,
  });
  expect(p.sides[0]!.shares).toEqual([26, 20, 22, 32]);
  // The capture's casts go to compute hosts no inventory maps: all unmapped, as on the run page.
  const capRun = (await run(a)).vmPlacement!;
  expect(p.sides[1]).toMatchObject({
    source: 'captures',
    unit: 'casts',
    shares: [null, null, null, null],
    unmappedShare: 100,
    unmapped: capRun.unmapped,
  });
  expect(p.sides[2]).toBeNull(); // the seed table's run tells no placement
  expect(p.differences).toEqual([[null, null, null, null], null]);
  // Against its own group (the same single run), every site differs by 0 pp.
  const fp = (
    (await db.get('SELECT fingerprint FROM Run WHERE id = ?', [spread])) as { fingerprint: string }
  ).fingerprint;
  const same = (await get(`baseline=${spread}&contenders=${fp}`)).body.placement!;
  expect(same.differences).toEqual([[0, 0, 0, 0]]);
  expect(
    (await get(`baseline=${ids['redis-1-node']}&contenders=${ids['mysql-1-node']}`)).body.placement,
  ).toBeNull();
});
