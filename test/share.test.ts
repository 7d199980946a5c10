// Share links and read access (issue 6): a link reads only what it covers; revocation is
// immediate; expired → 410; the read token guards everything else when set.
import path from 'node:path';
import { beforeAll, expect, test } from 'vitest';
import { GET as compare } from '@/app/api/compare/route';
import { GET as coverage } from '@/app/api/coverage/route';
import { GET as explore } from '@/app/api/explore/route';
import { GET as shareLink } from '@/app/r/[slug]/route';
import { GET as getRunRoute } from '@/app/api/runs/[runId]/route';
import { GET as listRuns } from '@/app/api/runs/route';
import { POST as session } from '@/app/api/session/route';
import { DELETE as revoke } from '@/app/api/shares/[slug]/route';
import { POST as createShare } from '@/app/api/shares/route';
import type { RunList } from '@/lib/apiTypes';
import { ingestInputs } from '@/server/ingest/pipeline';
import { FUELCCP, RALLY33, ROOT, tempStore } from './helpers';

const { db } = await tempStore();
process.env.EDGEPERF_TOKEN = 'share-write';
const write = { authorization: 'Bearer share-write' };
const ids: Record<string, string> = {};
const req = (url: string, init: RequestInit = {}) => new Request(`http://localhost${url}`, init);
const params = <T extends Record<string, string>>(p: T) => ({ params: Promise.resolve(p) });

beforeAll(async () => {
  ids.fuel = (await ingestInputs([FUELCCP], { db })).runs[0]!.id;
  ids.hooks = (await ingestInputs([path.join(RALLY33, 'hooks.json')], { db })).runs[0]!.id;
  for (const r of (await ingestInputs([path.join(ROOT, 'fixtures/csv/seed-table2.csv')], { db }))
    .runs)
    ids[r.name] = r.id;
});

async function share(view: string, expiresAt: string | null = null) {
  const res = await createShare(
    req('/api/shares', {
      method: 'POST',
      headers: write,
      body: JSON.stringify({ view, expiresAt }),
    }),
  );
  return { status: res.status, body: await res.json() };
}

test('a compare view shared: the link reads its runs and nothing else', async () => {
  const view = `/compare?baseline=${ids['redis-1-node']}&contenders=${ids['mysql-1-node']}`;
  const { status, body } = await share(view);
  expect(status).toBe(201);
  expect(body.slug).toMatch(/^[0-9a-z]{26}$/);
  expect(body.url).toBe(`/r/${body.slug}`);
  expect(body.runs.sort()).toEqual([ids['redis-1-node'], ids['mysql-1-node']].sort());
  const link = await shareLink(req(body.url), params({ slug: body.slug }));
  expect(link.status).toBe(302);
  expect(link.headers.get('location')).toBe(`/share/${body.slug}${view}`);

  const viaShare = { 'x-edgeperf-share': body.slug };
  const list = (await (await listRuns(req('/api/runs', { headers: viaShare }))).json()) as RunList;
  expect(list.runs.map((r) => r.id).sort()).toEqual(body.runs.sort());
  const cmp = await compare(
    req(`/api/compare?baseline=${ids['redis-1-node']}&contenders=${ids['mysql-1-node']}`, {
      headers: viaShare,
    }),
  );
  expect(cmp.status).toBe(200);
  // another run through the same link: refused
  expect(
    (await getRunRoute(req('/x', { headers: viaShare }), params({ runId: ids.fuel! }))).status,
  ).toBe(404);
  const other = await compare(
    req(`/api/compare?baseline=${ids['redis-1-node']}&contenders=${ids.fuel}`, {
      headers: viaShare,
    }),
  );
  expect(other.status).toBe(404);
  const ex = await (
    await explore(
      req('/api/explore?metric=metric:vm_creation_total&x=backend_nodes', { headers: viaShare }),
    )
  ).json();
  expect(ex.points.map((p: { runId: string }) => p.runId).sort()).toEqual(body.runs.sort());

  // revocation works at once: the link answers 410, its API calls too
  expect((await revoke(req('/x', { method: 'DELETE' }), params({ slug: body.slug }))).status).toBe(
    401,
  );
  expect(
    (await revoke(req('/x', { method: 'DELETE', headers: write }), params({ slug: body.slug })))
      .status,
  ).toBe(204);
  expect((await shareLink(req('/x'), params({ slug: body.slug }))).status).toBe(410);
  expect((await listRuns(req('/api/runs', { headers: viaShare }))).status).toBe(410);
});

test('unknown and forged slugs answer 404, expired links 410', async () => {
  expect((await shareLink(req('/x'), params({ slug: 'a'.repeat(26) }))).status).toBe(404);
  expect((await shareLink(req('/x'), params({ slug: '../../etc' }))).status).toBe(404);
  expect(
    (await listRuns(req('/api/runs', { headers: { 'x-edgeperf-share': 'nope' } }))).status,
  ).toBe(404);
  const { body } = await share(`/runs/${ids.fuel}`, new Date(Date.now() + 150).toISOString());
  expect((await shareLink(req('/x'), params({ slug: body.slug }))).status).toBe(302);
  await new Promise((r) => setTimeout(r, 200));
  const gone = await shareLink(req('/x'), params({ slug: body.slug }));
  expect(gone.status).toBe(410);
  expect(await gone.text()).toContain('expired');
});

test('sharing needs the write token and a view of edgeperf', async () => {
  const noToken = await createShare(
    req('/api/shares', { method: 'POST', body: JSON.stringify({ view: '/' }) }),
  );
  expect(noToken.status).toBe(401);
  expect((await share('https://evil.example/')).status).toBe(422);
  expect((await share('/runs/run_doesnotexist')).status).toBe(404);
  expect((await share('/', new Date(Date.now() - 1000).toISOString())).status).toBe(422);
  const list = await share('/?q=redis');
  expect(list.body.runs.sort()).toEqual(
    [ids['redis-1-node'], ids['redis-4-nodes'], ids['redis-4-nodes-replication']].sort(),
  );
});

test('with EDGEPERF_READ_TOKEN, reads need it (Bearer or cookie); share links still work', async () => {
  const { body } = await share(`/runs/${ids.hooks}`);
  process.env.EDGEPERF_READ_TOKEN = 'reader';
  try {
    expect((await listRuns(req('/api/runs'))).status).toBe(401);
    expect(
      (await listRuns(req('/api/runs', { headers: { authorization: 'Bearer reader' } }))).status,
    ).toBe(200);
    expect(
      (await listRuns(req('/api/runs', { headers: { cookie: 'edgeperf_read=reader' } }))).status,
    ).toBe(200);
    expect(
      (await listRuns(req('/api/runs', { headers: { cookie: 'edgeperf_read=wrong' } }))).status,
    ).toBe(401);
    const bad = await session(
      req('/api/session', { method: 'POST', body: JSON.stringify({ token: 'wrong' }) }),
    );
    expect(bad.status).toBe(401);
    const ok = await session(
      req('/api/session', { method: 'POST', body: JSON.stringify({ token: 'reader' }) }),
    );
    expect(ok.headers.get('set-cookie')).toMatch(
      /^edgeperf_read=reader; Path=\/; HttpOnly; SameSite=Strict/,
    );
    const viaShare = await getRunRoute(
      req('/x', { headers: { 'x-edgeperf-share': body.slug } }),
      params({ runId: ids.hooks! }),
    );
    expect(viaShare.status).toBe(200);
  } finally {
    delete process.env.EDGEPERF_READ_TOKEN;
  }
});

test('a coverage view shared: the grid counts the runs it had, through the link only', async () => {
  // A campaign of four real Rally runs (backend × backend nodes: one cell missing), shared as
  // a design grid.
  const camp: string[] = [];
  for (const [f, backend, nodes] of [
    ['multi-runner.json', 'mysql', 1],
    ['multi-runner.old.json', 'mysql', 1],
    ['no-name-action.json', 'redis', 1],
    ['output.json', 'redis', 4],
  ] as const)
    camp.push(
      (
        await ingestInputs([path.join(RALLY33, f)], {
          db,
          campaign: 'coverage share',
          factors: { backend, backend_nodes: nodes },
        })
      ).runs[0]!.id,
    );
  const view = '/coverage?rows=backend&cols=backend_nodes&campaign=coverage+share';
  const { status, body } = await share(view);
  expect(status).toBe(201);
  expect(body.runs.sort()).toEqual([...camp].sort());
  const link = await shareLink(req(body.url), params({ slug: body.slug }));
  expect(link.headers.get('location')).toBe(`/share/${body.slug}${view}`);

  const viaShare = { 'x-edgeperf-share': body.slug };
  const counted = async (url: string, headers: Record<string, string> = {}) => {
    const res = await coverage(req(url, { headers }));
    expect(res.status).toBe(200);
    const grid = (await res.json()) as { cells: { row: string; col: string; runs: string[] }[] };
    return grid.cells.flatMap((c) => c.runs).sort();
  };
  const q = '/api/coverage?rows=backend&cols=backend_nodes';
  expect(await counted(`${q}&campaign=coverage+share`, viaShare)).toEqual([...camp].sort());
  // Without the campaign, the link still counts only its runs (the dashboard counts all).
  expect(await counted(q, viaShare)).toEqual([...camp].sort());
  expect((await counted(q)).length).toBeGreaterThan(camp.length);
  const list = (await (await listRuns(req('/api/runs', { headers: viaShare }))).json()) as RunList;
  expect(list.runs.map((r) => r.id).sort()).toEqual([...camp].sort());

  // A run of the same campaign ingested after sharing: on the dashboard's grid, not the link's.
  const late = (
    await ingestInputs([path.join(RALLY33, 'failures.json')], {
      db,
      campaign: 'coverage share',
      factors: { backend: 'redis', backend_nodes: 1 },
    })
  ).runs[0]!.id;
  expect(await counted(`${q}&campaign=coverage+share`)).toContain(late);
  expect(await counted(`${q}&campaign=coverage+share`, viaShare)).not.toContain(late);
  expect(
    (await getRunRoute(req('/x', { headers: viaShare }), params({ runId: late }))).status,
  ).toBe(404);
  // A grid of unknown factors or campaign cannot be shared.
  expect((await share('/coverage?rows=nope')).status).toBe(422);
  expect((await share('/coverage?campaign=no+such+campaign')).status).toBe(404);
});
