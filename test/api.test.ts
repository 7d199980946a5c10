// The runs API route handlers, called as Next.js calls them, on a store holding a real run.
import path from 'node:path';
import { beforeAll, expect, test } from 'vitest';
import { GET as getRuns } from '@/app/api/runs/route';
import { DELETE as deleteRun, GET as getRunRoute } from '@/app/api/runs/[runId]/route';
import { PATCH as patchFactors } from '@/app/api/runs/[runId]/factors/route';
import { GET as getIterationsRoute } from '@/app/api/runs/[runId]/workloads/[workloadId]/iterations/route';
import type { IterationPage, Run, RunList } from '@/lib/apiTypes';
import { ingestInputs } from '@/server/ingest/pipeline';
import { FUELCCP, RALLY33, rowCounts, tempStore } from './helpers';

const { db } = await tempStore();
process.env.EDGEPERF_TOKEN = 'test-token';
let runId = '';
let otherId = '';

const req = (url: string, init: RequestInit = {}) => new Request(`http://localhost${url}`, init);
const ctx = <T extends Record<string, string>>(params: T) => ({ params: Promise.resolve(params) });
const auth = { authorization: 'Bearer test-token' };

beforeAll(async () => {
  runId = (await ingestInputs([FUELCCP], { db })).runs[0]!.id;
  otherId = (
    await ingestInputs([path.join(RALLY33, 'multi-runner.json')], { db, campaign: 'dummy' })
  ).runs[0]!.id;
});

test('GET /api/runs lists, searches, filters and pages', async () => {
  const all = (await (await getRuns(req('/api/runs'))).json()) as RunList;
  expect(all.total).toBe(2);
  expect(all.runs.map((r) => r.id).sort()).toEqual([runId, otherId].sort());
  const fuel = all.runs.find((r) => r.id === runId)!;
  expect(fuel).toMatchObject({
    iterations: 113,
    failures: 0,
    workloads: 1,
    scenarios: ['NovaServers.boot_and_delete_server'],
  });
  const q = (await (await getRuns(req('/api/runs?q=boot_and_delete'))).json()) as RunList;
  expect(q.runs.map((r) => r.id)).toEqual([runId]);
  const byCampaign = (await (await getRuns(req('/api/runs?campaign=dummy'))).json()) as RunList;
  expect(byCampaign.runs.map((r) => r.id)).toEqual([otherId]);
  const unknown = (await (await getRuns(req('/api/runs?backend=unknown'))).json()) as RunList;
  expect(unknown.total).toBe(2);
  const paged = (await (
    await getRuns(req('/api/runs?pageSize=1&page=2&sort=name'))
  ).json()) as RunList;
  expect(paged).toMatchObject({ total: 2, page: 2, pageSize: 1 });
  expect(paged.runs).toHaveLength(1);
});

test('bad query parameters answer 422 with the error shape', async () => {
  for (const url of [
    '/api/runs?page=0',
    '/api/runs?pageSize=100000',
    '/api/runs?sort=drop%20table',
  ]) {
    const res = await getRuns(req(url));
    expect(res.status).toBe(422);
    const body = await res.json();
    expect(body.error).toMatchObject({ code: 'INVALID_REQUEST', status: 422 });
    expect(body.error.message).toMatch(/page|sort/);
  }
});

test('GET /api/runs/:id and the iterations endpoint', async () => {
  const res = await getRunRoute(req(`/api/runs/${runId}`), ctx({ runId }));
  expect(res.status).toBe(200);
  const run = (await res.json()) as Run;
  expect(run.workloads[0]!.stats.total.children.map((c) => c.name)).toEqual([
    'duration',
    'idle_duration',
  ]);
  const wid = run.workloads[0]!.id;
  const page = (await (
    await getIterationsRoute(
      req(`/api/runs/${runId}/workloads/${wid}/iterations?from=100&limit=50`),
      ctx({ runId, workloadId: wid }),
    )
  ).json()) as IterationPage;
  expect(page.total).toBe(113);
  expect(page.data.map((d) => d.i)).toEqual([...Array(13).keys()].map((k) => k + 100));
  const missing = await getIterationsRoute(req('/x'), ctx({ runId: otherId, workloadId: wid }));
  expect(missing.status).toBe(404);
  const bad = await getIterationsRoute(req('/x?limit=-1'), ctx({ runId, workloadId: wid }));
  expect(bad.status).toBe(422);
  expect((await getRunRoute(req('/x'), ctx({ runId: 'run_missing' }))).status).toBe(404);
});

test('PATCH factors needs the write token, validates, and moves the fingerprint', async () => {
  const before = ((await (await getRunRoute(req('/x'), ctx({ runId }))).json()) as Run).fingerprint;
  const body = JSON.stringify({ backend: 'Redis', sites: 4 });
  expect((await patchFactors(req('/x', { method: 'PATCH', body }), ctx({ runId }))).status).toBe(
    401,
  );
  const wrong = await patchFactors(
    req('/x', { method: 'PATCH', body, headers: { authorization: 'Bearer nope' } }),
    ctx({ runId }),
  );
  expect(wrong.status).toBe(401);
  const invalid = await patchFactors(
    req('/x', { method: 'PATCH', body: JSON.stringify({ sites: 'many' }), headers: auth }),
    ctx({ runId }),
  );
  expect(invalid.status).toBe(422);
  expect((await invalid.json()).error.message).toMatch(/^sites: /);
  const unknownKey = await patchFactors(
    req('/x', { method: 'PATCH', body: '{"colour":"red"}', headers: auth }),
    ctx({ runId }),
  );
  expect(unknownKey.status).toBe(422);
  const notJson = await patchFactors(
    req('/x', { method: 'PATCH', body: '{', headers: auth }),
    ctx({ runId }),
  );
  expect(notJson.status).toBe(400);
  const ok = await patchFactors(
    req('/x', { method: 'PATCH', body, headers: auth }),
    ctx({ runId }),
  );
  expect(ok.status).toBe(200);
  const run = (await (await getRunRoute(req('/x'), ctx({ runId }))).json()) as Run;
  expect(run.factors.backend).toEqual({ value: 'redis', source: 'edited' });
  expect(run.factors.sites).toEqual({ value: 4, source: 'edited' });
  expect(run.fingerprint).not.toBe(before);
  const filtered = (await (
    await getRuns(req('/api/runs?backend=redis&sites=4'))
  ).json()) as RunList;
  expect(filtered.runs.map((r) => r.id)).toEqual([runId]);
  // null makes a factor unknown again
  await patchFactors(
    req('/x', { method: 'PATCH', body: '{"backend":null,"sites":null}', headers: auth }),
    ctx({ runId }),
  );
  const back = (await (await getRunRoute(req('/x'), ctx({ runId }))).json()) as Run;
  expect(back.factors.backend).toEqual({ value: null, source: null });
  expect(back.fingerprint).toBe(before);
});

test('DELETE removes the run and all its rows', async () => {
  expect((await deleteRun(req('/x', { method: 'DELETE' }), ctx({ runId: otherId }))).status).toBe(
    401,
  );
  const before = await rowCounts(db);
  const res = await deleteRun(
    req('/x', { method: 'DELETE', headers: auth }),
    ctx({ runId: otherId }),
  );
  expect(res.status).toBe(204);
  const after = await rowCounts(db);
  expect(after.Run).toBe(before.Run - 1);
  expect(after.Iteration).toBe(113);
  expect(after.Workload).toBe(1);
  expect(
    (await deleteRun(req('/x', { method: 'DELETE', headers: auth }), ctx({ runId: otherId })))
      .status,
  ).toBe(404);
});

test('API answers are never cached: they depend on who asks', async () => {
  const ok = await getRuns(req('/api/runs'));
  expect(ok.headers.get('cache-control')).toBe('private, no-store');
  const missing = await getRunRoute(req('/x'), ctx({ runId: 'run_missing' }));
  expect(missing.headers.get('cache-control')).toBe('private, no-store');
  expect(missing.headers.get('vary')).toContain('x-edgeperf-share');
});

test('SQL fragments in filters are only text: nothing runs, nothing leaks', async () => {
  const before = await rowCounts(db);
  for (const q of ["'; DROP TABLE Run; --", '" OR 1=1 --', 'run_%', '\\u0000']) {
    const res = await getRuns(
      req(`/api/runs?q=${encodeURIComponent(q)}&backend=${encodeURIComponent(q)}`),
    );
    expect(res.status).toBe(200);
    expect(((await res.json()) as RunList).runs).toEqual([]);
  }
  expect(await rowCounts(db)).toEqual(before);
});
