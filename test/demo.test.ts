// The demo data set loads through the ingest pipeline with no error, and invents no factor.
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, expect, test } from 'vitest';
import { GET as compare } from '@/app/api/compare/route';
import { GET as explore } from '@/app/api/explore/route';
import type { Comparison } from '@/lib/compareTypes';
import type { Exploration } from '@/lib/exploreTypes';
import { loadDemo } from '@/server/demo';
import type { IngestReport } from '@/server/ingest/pipeline';
import { listRuns } from '@/server/store/runs';
import { ROOT, tempStore } from './helpers';

const { db } = await tempStore();
let reports: IngestReport[] = [];
beforeAll(async () => {
  reports = await loadDemo(db, ROOT);
});

// The 10 ms table of Inria RT-0480 (fixtures/csv/README.md): sites → seconds, per backend.
const TABLE_10MS = {
  redis: { 2: 271, 4: 263, 6: 229, 8: 223 },
  mysql: { 2: 209, 4: 139, 6: 123, 8: 422 },
  galera: { 2: 2199, 4: 2011, 6: 1811, 8: 1988 },
} as const;
const MULTISITE = 'Inria RT-0480 (2016): 500 VMs over 2-8 sites, 10 ms between sites';

test('every demo input loads; Rally runs and captures keep their factors unknown', async () => {
  expect(reports.flatMap((r) => r.errors)).toEqual([]);
  const list = await listRuns({ pageSize: 1000 });
  expect(list.total).toBeGreaterThanOrEqual(10);
  const fuel = list.runs.find((r) => r.name.startsWith('fuelccp'))!;
  expect(Object.values(fuel.factors).every((f) => f.value === null)).toBe(true);
  const capture = list.runs.find((r) => r.name === 'mixed.pcapng')!;
  expect(capture.captures).toBe(1);
  expect(capture.factors.backend?.value).toBeNull();
  const seed = list.runs.filter((r) => r.campaign?.name.startsWith('Discovery Initiative'));
  expect(seed.map((r) => r.name).sort()).toEqual([
    '4-clusters-without-az',
    'mysql-1-node',
    'redis-1-node',
    'redis-4-nodes',
    'redis-4-nodes-replication',
  ]);
});

test('the multi-site table ingests: one run per cell, only the stated factors', async () => {
  const list = await listRuns({ pageSize: 1000 });
  const runs = list.runs.filter((r) => r.campaign?.name === MULTISITE);
  expect(runs).toHaveLength(12);
  const byName = new Map(runs.map((r) => [r.name, r]));
  const redis8 = byName.get('redis-8-clusters-10ms')!.factors;
  expect(redis8.backend).toEqual({ value: 'redis', source: 'rt480-multisite-10ms.csv:backend' });
  expect([
    redis8.sites?.value,
    redis8.backend_nodes?.value,
    redis8.replication?.value,
    redis8.computes?.value,
  ]).toEqual([8, 8, 1, 48]);
  const mysql2 = byName.get('mysql-2-clusters-10ms')!.factors;
  expect([mysql2.sites?.value, mysql2.backend_nodes?.value, mysql2.computes?.value]).toEqual([
    2, 1, 12,
  ]);
  // Galera's node and replica counts are not published: unknown, not guessed.
  const galera4 = byName.get('galera-4-clusters-10ms')!.factors;
  expect([galera4.backend_nodes?.value, galera4.replication?.value]).toEqual([null, null]);
  // Whether "10 ms" is one-way or round trip is not said: no RTT or latency factor on any run.
  for (const r of runs) {
    expect(r.factors.rtt_ms?.value ?? null).toBeNull();
    expect(r.factors.latency?.value ?? null).toBeNull();
    expect(r.factors.openstack_release?.value ?? null).toBeNull();
  }
  // The 50 ms table is a fixture, not demo data (same fingerprints as the 10 ms runs).
  expect(list.runs.some((r) => r.name.endsWith('-50ms'))).toBe(false);
});

test('explore: vm_creation_total against sites, one scaling curve per backend', async () => {
  const res = await explore(
    new Request(
      'http://localhost/api/explore?metric=metric:vm_creation_total&x=sites&series=backend',
    ),
  );
  expect(res.status).toBe(200);
  const body = (await res.json()) as Exploration;
  expect(body.metric).toMatchObject({ id: 'metric:vm_creation_total', unit: 's' });
  for (const [backend, table] of Object.entries(TABLE_10MS)) {
    const line = body.lines.find((l) => l.series === backend)!;
    const multi = line.points.filter((p) => (p.x as number) >= 2);
    expect(multi.map((p) => [p.x, p.n, p.median])).toEqual(
      Object.entries(table).map(([sites, s]) => [Number(sites), 1, s]),
    );
  }
  // The mono-site points come from the seed's Table 2 (sites = 1): REDIS 322/327/413, MySQL 298.
  const at1 = (b: string) => body.lines.find((l) => l.series === b)!.points.find((p) => p.x === 1);
  expect(at1('redis')).toMatchObject({ n: 3, median: 327 });
  expect(at1('mysql')).toMatchObject({ n: 1, median: 298 });
  expect(at1('galera')).toBeUndefined();
  // MySQL is faster up to 6 sites and overtakes REDIS at 8 (the talk: "From 8 clusters, MySQL
  // becomes a bottleneck").
  const med = (b: string, x: number) =>
    body.lines.find((l) => l.series === b)!.points.find((p) => p.x === x)!.median;
  for (const x of [2, 4, 6]) expect(med('mysql', x)).toBeLessThan(med('redis', x)!);
  expect(med('mysql', 8)).toBeGreaterThan(med('redis', 8)!);
});

test('compare: the 8-site configurations of the table, side by side', async () => {
  const list = await listRuns({ pageSize: 1000 });
  const id = (name: string) => list.runs.find((r) => r.name === name)!.id;
  const res = await compare(
    new Request(
      `http://localhost/api/compare?baseline=${id('redis-8-clusters-10ms')}&contenders=${id('mysql-8-clusters-10ms')},${id('galera-8-clusters-10ms')}`,
    ),
  );
  expect(res.status).toBe(200);
  const body = (await res.json()) as Comparison;
  const row = body.metrics.find((m) => m.name === 'vm_creation_total')!;
  expect(row.sides.map((s) => s!.median)).toEqual([223, 422, 1988]);
  expect(body.factors.find((f) => f.key === 'backend')!.differs).toBe(true);
  expect(body.factors.find((f) => f.key === 'sites')!.differs).toBe(false);
});

test('the provenance README names the source of every summary CSV', async () => {
  const dir = path.join(ROOT, 'fixtures/csv');
  const readme = fs.readFileSync(path.join(dir, 'README.md'), 'utf8');
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.csv'));
  expect(files).toEqual(
    expect.arrayContaining(['rt480-multisite-10ms.csv', 'rt480-multisite-50ms.csv']),
  );
  const sections = readme.split(/^## /m).slice(1);
  for (const f of files) {
    const section = sections.find((s) => s.split('\n')[0]!.includes(`\`${f}\``));
    expect(section, `README section for ${f}`).toBeDefined();
    expect(section).toMatch(/^Source: \S/m);
  }
  const multi = sections.find((s) => s.includes('`rt480-multisite-10ms.csv`'))!;
  expect(multi).toContain(
    'https://github.com/BeyondTheClouds/BeyondTheClouds.github.io/blob/ae475606b50fb955a0b90288de12ee449dcd86f1/DOCS/PAPERS/2016/RT-804/eval.tex',
  );
  expect(multi).toContain('hal-01320235');
  // Every number of both tables is in the quoted excerpt.
  for (const f of ['rt480-multisite-10ms.csv', 'rt480-multisite-50ms.csv']) {
    const rows = fs.readFileSync(path.join(dir, f), 'utf8').trim().split('\n').slice(1);
    for (const row of rows) {
      const [, , value, , , , , sites] = row.split(',');
      expect(multi).toMatch(new RegExp(`${sites} clusters & .*\\b${value}\\b`));
    }
  }
  // Every demo input of fixtures/csv is one of these files.
  const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'demo/manifest.json'), 'utf8')) as {
    inputs: { path: string; note?: string }[];
  };
  for (const input of manifest.inputs.filter((i) => i.path.startsWith('fixtures/csv/'))) {
    expect(files).toContain(path.basename(input.path));
    expect(input.note).toMatch(/provenance in fixtures\/csv\/README\.md/);
  }
});
