// The image of a share link (GET /r/<slug>/image.png, issue 6): a 1200 × 630 PNG of the view's
// main chart, drawn from the same data as the API through the link's scope; 404 for an unknown
// link, 410 for a revoked or expired one. Real Rally results and the seed talk's table.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, expect, test } from 'vitest';
import { GET as image } from '@/app/r/[slug]/image.png/route';
import { shareImageElement } from '@/app/r/[slug]/_render/elements';
import { GET as compare } from '@/app/api/compare/route';
import { GET as coverage } from '@/app/api/coverage/route';
import { DELETE as revoke } from '@/app/api/shares/[slug]/route';
import { POST as createShare } from '@/app/api/shares/route';
import { ingestInputs } from '@/server/ingest/pipeline';
import { renderMarkup } from '@/server/render/markup';
import { svgPixels, svgToPng } from '@/server/render/png';
import { shareImageData } from '@/server/render/shareImage';
import { lookupShare } from '@/server/store/shares';
import { FUELCCP, RALLY33, ROOT, tempDir, tempStore } from './helpers';

const { db } = await tempStore();
process.env.EDGEPERF_TOKEN = 'render-write';
const write = { authorization: 'Bearer render-write' };
const ids: Record<string, string> = {};
const req = (url: string, init: RequestInit = {}) => new Request(`http://localhost${url}`, init);
const params = <T extends Record<string, string>>(p: T) => ({ params: Promise.resolve(p) });
// Set EDGEPERF_RENDER_DIR to keep the images and look at them.
const keep = process.env.EDGEPERF_RENDER_DIR;

beforeAll(async () => {
  const dir = tempDir();
  // The same Rally task in both formats: two runs of identical workloads, and a repetition group.
  for (const f of ['multi-runner.json', 'multi-runner.old.json']) {
    fs.copyFileSync(path.join(RALLY33, f), path.join(dir, f));
    ids[f] = (
      await ingestInputs([path.join(dir, f)], { db, factors: { backend: 'mysql', sites: 2 } })
    ).runs[0]!.id;
  }
  ids.failures = (
    await ingestInputs([path.join(RALLY33, 'failures.json')], {
      db,
      factors: { backend: 'redis', sites: 4 },
    })
  ).runs[0]!.id;
  ids.fuel = (await ingestInputs([FUELCCP], { db })).runs[0]!.id;
  for (const r of (await ingestInputs([path.join(ROOT, 'fixtures/csv/seed-table2.csv')], { db }))
    .runs)
    ids[r.name] = r.id;
  if (keep) fs.mkdirSync(keep, { recursive: true });
});

async function share(view: string, expiresAt: string | null = null): Promise<string> {
  const res = await createShare(
    req('/api/shares', {
      method: 'POST',
      headers: write,
      body: JSON.stringify({ view, expiresAt }),
    }),
  );
  expect(res.status).toBe(201);
  return ((await res.json()) as { slug: string }).slug;
}

/** The image's SVG, as the route draws it. */
async function svgOf(slug: string): Promise<string> {
  const found = await lookupShare(slug);
  if (found.state !== 'ok') throw new Error(found.state);
  return renderMarkup(shareImageElement(await shareImageData(found.scope)));
}

/** Width and height from the PNG's IHDR chunk. */
function pngSize(png: Buffer): { width: number; height: number } {
  expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  expect(png.subarray(12, 16).toString('ascii')).toBe('IHDR');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

/** Distinct colours, and the share of pixels that are not the background (the top-left one). */
function pixelStats(svg: string) {
  const { width, height, pixels } = svgPixels(svg);
  const colours = new Set<number>();
  let other = 0;
  const bg = pixels.readUInt32BE(4 * (20 * width + 20));
  for (let i = 0; i < pixels.length; i += 4) {
    const c = pixels.readUInt32BE(i);
    colours.add(c);
    if (c !== bg) other++;
  }
  return { width, height, colours: colours.size, share: other / (width * height) };
}

async function fetchImage(slug: string) {
  const res = await image(req(`/r/${slug}/image.png`), params({ slug }));
  return { res, body: Buffer.from(await res.arrayBuffer()) };
}

test('a compare link: a 1200 × 630 PNG of the distribution, with title, legend and units', async () => {
  const a = ids['multi-runner.json']!;
  const b = ids['multi-runner.old.json']!;
  const slug = await share(`/compare?baseline=${a}&contenders=${b}&chart=box`);
  const { res, body } = await fetchImage(slug);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('image/png');
  expect(res.headers.get('cache-control')).toMatch(/^private, max-age=\d+$/);
  expect(pngSize(body)).toEqual({ width: 1200, height: 630 });
  if (keep) fs.writeFileSync(path.join(keep, 'compare.png'), body);

  // The PNG is exactly the SVG examined here, rasterised.
  const svg = await svgOf(slug);
  expect(body.equals((await svgToPng(svg)).png)).toBe(true);
  const stats = pixelStats(svg);
  expect(stats).toMatchObject({ width: 1200, height: 630 });
  expect(stats.colours).toBeGreaterThan(50);
  expect(stats.share).toBeGreaterThan(0.03);

  // What the page shows first: the first compared workload's `total`, as box plots, both sides.
  const api = await (await compare(req(`/api/compare?baseline=${a}&contenders=${b}`))).json();
  const first = api.workloads.find((w: { present: boolean[] }) => w.present.every(Boolean));
  expect(svg).toContain('multi-runner.json vs multi-runner.old.json');
  expect(svg).toContain(`${first.scenario} · distribution of total (seconds)`);
  expect(svg).toContain('total (s)'); // the axis title with its unit
  expect(svg).toMatch(/multi-runner\.json · n = \d+ · baseline/);
  expect(svg).toMatch(/multi-runner\.old\.json · n = \d+ · median [^<]+, no significant change/);
  expect(svg.match(/<g aria-label="multi-runner[^"]*: median/g)).toHaveLength(2);
  expect(svg).toContain('Comparison · shared view');
});

test('a compare link with an ECDF, a selected row and the metrics table', async () => {
  const a = ids['multi-runner.json']!;
  const b = ids['multi-runner.old.json']!;
  const ecdf = await svgOf(await share(`/compare?baseline=${a}&contenders=${b}`));
  expect(ecdf).toContain('aria-label="ECDF of total"');
  expect(ecdf).toContain('Share of values ≤ x');
  // The seed table: one value per side, so box plots (dots), whatever the view asked for.
  const seed = ['redis-1-node', 'mysql-1-node', 'redis-4-nodes'].map((n) => ids[n]!);
  const slug = await share(
    `/compare?baseline=${seed[0]}&contenders=${seed.slice(1).join(',')}&w=metrics&row=vm_creation_total`,
  );
  const svg = await svgOf(slug);
  expect(svg).toContain('Run metrics · distribution of vm_creation_total (seconds)');
  expect(svg).toContain('aria-label="Box plots of vm_creation_total"');
  expect(svg).toContain('redis-1-node: median 322 s');
  const { body } = await fetchImage(slug);
  expect(pngSize(body)).toEqual({ width: 1200, height: 630 });
  if (keep) fs.writeFileSync(path.join(keep, 'compare-metrics.png'), body);
  if (keep) fs.writeFileSync(path.join(keep, 'compare-ecdf.png'), (await svgToPng(ecdf)).png);
});

test('a run link: durations per iteration with failures and the median; an explore link: the scaling chart', async () => {
  const slug = await share(`/runs/${ids.failures}`);
  const { res, body } = await fetchImage(slug);
  expect(res.status).toBe(200);
  expect(pngSize(body)).toEqual({ width: 1200, height: 630 });
  if (keep) fs.writeFileSync(path.join(keep, 'run.png'), body);
  const svg = await svgOf(slug);
  expect(svg).toContain('failures.json');
  expect(svg).toContain('Dummy.dummy_random_fail_in_atomic · duration per iteration (seconds)');
  expect(svg).toContain('Failed iteration (duration + idle)');
  expect(svg).toContain('>Iteration<');
  expect(svg).toContain('>Duration (s)<');
  expect(pixelStats(svg).colours).toBeGreaterThan(50);

  const explore = await share(
    '/explore?metric=metric:vm_creation_total&x=backend_nodes&series=backend',
  );
  const ex = await svgOf(explore);
  expect(ex).toContain('vm_creation_total (s) vs Backend nodes');
  expect(ex).toContain('Backend: redis');
  expect(ex).toContain('Backend: mysql');
  const img = await fetchImage(explore);
  expect(pngSize(img.body)).toEqual({ width: 1200, height: 630 });
  if (keep) fs.writeFileSync(path.join(keep, 'explore.png'), img.body);

  const list = await share('/?q=redis');
  const card = await svgOf(list);
  expect(card).toContain('Runs: “redis”');
  expect(card).toContain('redis-4-nodes-replication');
  expect(card).not.toContain('mysql-1-node');
  if (keep) fs.writeFileSync(path.join(keep, 'runs.png'), (await fetchImage(list)).body);
});

test('a link to run A never draws run B, and a shared group keeps the members it had', async () => {
  const slug = await share(`/runs/${ids.fuel}`);
  const svg = await svgOf(slug);
  expect(svg).toContain('fuelccp_boot_and_delete_kill_rabbitmq_oldformat.json');
  expect(svg).not.toContain('failures.json');
  // A scope that does not hold the run its view names (a tampered row) draws nothing.
  const found = await lookupShare(slug);
  if (found.state !== 'ok') throw new Error(found.state);
  await expect(
    shareImageData({ ...found.scope, view: `/runs/${ids.failures}` }),
  ).rejects.toMatchObject({ status: 404 });
  await expect(
    shareImageData({
      ...found.scope,
      view: `/compare?baseline=${ids.fuel}&contenders=${ids.failures}`,
    }),
  ).rejects.toMatchObject({ status: 404 });

  // A group (the two multi-runner runs share their factors) gains a run after sharing: the
  // image still compares the two it had.
  const fp = (
    (await db.get('SELECT fingerprint FROM Run WHERE id = ?', [ids['multi-runner.json']])) as {
      fingerprint: string;
    }
  ).fingerprint;
  const group = await share(`/compare?baseline=${fp}&contenders=${ids.failures}`);
  await ingestInputs([path.join(RALLY33, 'hooks.json')], {
    db,
    factors: { backend: 'mysql', sites: 2 },
  });
  const now = await (
    await compare(req(`/api/compare?baseline=${fp}&contenders=${ids.failures}`))
  ).json();
  expect(now.baseline.runs).toHaveLength(3);
  const gfound = await lookupShare(group);
  if (gfound.state !== 'ok') throw new Error(gfound.state);
  const data = await shareImageData(gfound.scope);
  if (data.kind !== 'compare') throw new Error(data.kind);
  expect(data.comparison.baseline.runs.map((r) => r.id).sort()).toEqual(
    [ids['multi-runner.json'], ids['multi-runner.old.json']].sort(),
  );
  expect(await svgOf(group)).not.toContain('hooks.json');
});

test('unknown links 404, revoked and expired ones 410, with the JSON error body; a deleted run 404', async () => {
  for (const slug of ['a'.repeat(26), '../../etc/passwd']) {
    const { res, body } = await fetchImage(slug);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(JSON.parse(body.toString()).error.code).toBe('SHARE_NOT_FOUND');
  }
  const slug = await share(`/runs/${ids.fuel}`);
  expect((await fetchImage(slug)).res.status).toBe(200);
  expect(
    (await revoke(req('/x', { method: 'DELETE', headers: write }), params({ slug }))).status,
  ).toBe(204);
  const gone = await fetchImage(slug);
  expect(gone.res.status).toBe(410);
  expect(JSON.parse(gone.body.toString()).error).toMatchObject({ code: 'SHARE_GONE', status: 410 });

  const soon = await share(`/runs/${ids.fuel}`, new Date(Date.now() + 150).toISOString());
  await new Promise((r) => setTimeout(r, 200));
  expect((await fetchImage(soon)).res.status).toBe(410);

  // The run went away after sharing: an error answer, not a crash.
  const dir = tempDir();
  fs.copyFileSync(path.join(RALLY33, 'output.json'), path.join(dir, 'output.json'));
  const doomed = (await ingestInputs([path.join(dir, 'output.json')], { db })).runs[0]!.id;
  const dslug = await share(`/runs/${doomed}`);
  await db.run('DELETE FROM Run WHERE id = ?', [doomed]);
  const deleted = await fetchImage(dslug);
  expect(deleted.res.status).toBe(404);
  expect(JSON.parse(deleted.body.toString()).error.code).toBe('NOT_FOUND');
});

test('the image is the same for the same data (deterministic)', async () => {
  const slug = await share(
    `/compare?baseline=${ids['multi-runner.json']}&contenders=${ids['multi-runner.old.json']}`,
  );
  const one = (await fetchImage(slug)).body;
  const two = (await fetchImage(slug)).body;
  expect(one.equals(two)).toBe(true);
  expect(os.tmpdir()).toBeTruthy();
});

test('a coverage link: a 1200 × 630 heat map of the repetitions per cell, through its scope', async () => {
  const slug = await share('/coverage?rows=backend&cols=backend_nodes');
  const { res, body } = await fetchImage(slug);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('image/png');
  expect(pngSize(body)).toEqual({ width: 1200, height: 630 });
  if (keep) fs.writeFileSync(path.join(keep, 'coverage.png'), body);
  const svg = await svgOf(slug);
  expect(body.equals((await svgToPng(svg)).png)).toBe(true);
  const stats = pixelStats(svg);
  expect(stats.colours).toBeGreaterThan(50);
  expect(stats.share).toBeGreaterThan(0.03);
  expect(svg).toContain('Design coverage · shared view');
  expect(svg).toContain('Backend × Backend nodes');
  // Every cell of the grid the API answers through the link, with its number of runs.
  const found = await lookupShare(slug);
  if (found.state !== 'ok') throw new Error(found.state);
  const data = await shareImageData(found.scope);
  if (data.kind !== 'coverage') throw new Error(data.kind);
  const api = await (
    await coverage(
      req('/api/coverage?rows=backend&cols=backend_nodes', {
        headers: { 'x-edgeperf-share': slug },
      }),
    )
  ).json();
  expect(data.coverage).toEqual(api);
  for (const cell of api.cells as { row: string; col: string; runs: string[] }[]) {
    expect(svg).toContain(
      `aria-label="Backend ${cell.row}, Backend nodes ${cell.col}: ${cell.runs.length} run${cell.runs.length === 1 ? '' : 's'}"`,
    );
  }
  expect(api.cells.some((c: { runs: string[] }) => c.runs.length === 0)).toBe(true);
  expect(svg).toContain('missing (0 runs)');
});
