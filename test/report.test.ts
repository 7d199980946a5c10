// The offline comparison report (GET /api/compare/report, /r/<slug>/report.html, issue 6): one
// self-contained HTML file with the API's numbers, no outside resource, every text escaped.
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, expect, test } from 'vitest';
import { GET as report } from '@/app/api/compare/report/route';
import { GET as compare } from '@/app/api/compare/route';
import { GET as shareReport } from '@/app/r/[slug]/report.html/route';
import { DELETE as revoke } from '@/app/api/shares/[slug]/route';
import { POST as createShare } from '@/app/api/shares/route';
import {
  formatChange,
  formatInterval,
  formatP,
  formatValue,
} from '@/components/compare/compareFormat';
import type { Comparison } from '@/lib/compareTypes';
import { formatPercent } from '@/lib/format';
import { ingestInputs } from '@/server/ingest/pipeline';
import { escapeAttribute, escapeText } from '@/server/render/markup';
import { RALLY33, ROOT, tempDir, tempStore } from './helpers';

const { db } = tempStore();
process.env.EDGEPERF_TOKEN = 'report-write';
const write = { authorization: 'Bearer report-write' };
const ids: Record<string, string> = {};
const req = (url: string, init: RequestInit = {}) => new Request(`http://localhost${url}`, init);
const params = <T extends Record<string, string>>(p: T) => ({ params: Promise.resolve(p) });
const HOSTILE = '<script>alert("x")</script> & <b>bold</b>.json';
const keep = process.env.EDGEPERF_RENDER_DIR;

beforeAll(async () => {
  const dir = tempDir();
  for (const f of ['multi-runner.json', 'multi-runner.old.json']) {
    fs.copyFileSync(path.join(RALLY33, f), path.join(dir, f));
    ids[f] = (await ingestInputs([path.join(dir, f)], { db, factors: { backend: 'mysql' } }))
      .runs[0]!.id;
  }
  // A run whose name (the uploaded file's name) is markup.
  ids.hostile = (
    await ingestInputs([{ path: path.join(RALLY33, 'failures.json'), name: HOSTILE }], {
      db,
      factors: { backend: 'redis', sites: 4 },
    })
  ).runs[0]!.id;
  for (const r of (await ingestInputs([path.join(ROOT, 'fixtures/csv/seed-table2.csv')], { db }))
    .runs)
    ids[r.name] = r.id;
  if (keep) fs.mkdirSync(keep, { recursive: true });
});

async function get(query: string) {
  const res = await report(req(`/api/compare/report?${query}`));
  return { res, html: await res.text() };
}

/** The `<tbody>` of one row of one workload's table (rows are named in data-row-name). */
function rowBlock(html: string, start: number, name: string): string {
  const at = html.indexOf(`<tbody class="row" data-row-name="${escapeAttribute(name)}"`, start);
  expect(at, name).toBeGreaterThan(0);
  return html.slice(at, html.indexOf('</tbody>', at));
}

function embedded(html: string): Comparison {
  const m = html.match(
    /<script type="application\/json" id="edgeperf-comparison">([^<]*)<\/script>/,
  );
  expect(m).not.toBeNull();
  return JSON.parse(m![1]!) as Comparison;
}

function noOutsideResource(html: string) {
  for (const bad of [
    '<script src',
    '<link',
    'http://',
    'https://',
    '<img',
    '<iframe',
    '@import',
    'url(',
    'src=',
  ]) {
    expect(html.toLowerCase(), bad).not.toContain(bad);
  }
  // The only script is the JSON data block: nothing runs.
  expect(html.match(/<script/g)).toHaveLength(1);
}

test('the report holds the API numbers, per workload and side, and the comparison as JSON', async () => {
  const a = ids['multi-runner.json']!;
  const b = ids['multi-runner.old.json']!;
  const { res, html } = await get(`baseline=${a}&contenders=${b}&seed=7`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
  expect(res.headers.get('content-disposition')).toBe(
    `attachment; filename="edgeperf-compare-${a}-${b}.html"`,
  );
  expect(html.startsWith('<!doctype html>\n<html lang="en">')).toBe(true);
  if (keep) fs.writeFileSync(path.join(keep, 'report.html'), html);
  noOutsideResource(html);

  const api = (await (
    await compare(req(`/api/compare?baseline=${a}&contenders=${b}&seed=7`))
  ).json()) as Comparison;
  expect(embedded(html)).toEqual(api);
  expect(html).toContain('<h1>multi-runner.json vs multi-runner.old.json</h1>');
  expect(html).toContain(escapeText(api.method.description));
  expect(html).toContain('bootstrap seed 7');

  // Every compared workload: its scenario, its distribution chart, and every number of its table.
  const matched = api.workloads.filter((w) => w.present.every(Boolean));
  expect(matched.length).toBeGreaterThan(3);
  let at = 0;
  for (const w of matched) {
    at = html.indexOf(`<article class="workload" data-workload="${w.scenario}">`, at);
    expect(at, w.scenario).toBeGreaterThan(0);
    const end = html.indexOf('</article>', at);
    expect(html.slice(at, end)).toMatch(/<svg [^>]*aria-label="ECDF of total"/);
    for (const row of w.rows) {
      const block = rowBlock(html, at, row.name);
      row.sides.forEach((s, k) => {
        if (!s) return;
        for (const v of [s.median, s.p95, s.mean]) {
          expect(block).toContain(`data-value="${v}">${formatValue(v, row.unit)}</td>`);
        }
        if (s.success !== null) expect(block).toContain(`>${formatPercent(s.success)}</td>`);
        expect(block).toContain(`data-value="${s.n}">`);
        const c = k > 0 ? row.comparisons[k - 1] : null;
        if (c) {
          expect(block).toContain(`>${formatChange(c.change)}</td>`);
          if (c.ci) expect(block).toContain(`>${formatInterval(c.ci)}</td>`);
          expect(block).toContain(`>${formatP(c.pValue)}</td>`);
          expect(block).toContain(`data-verdict="${c.verdict}"`);
          expect(block).toContain(escapeText(c.basis));
        }
      });
    }
    at = end;
  }
});

test('names are escaped, groups list their runs, the configuration diff and warnings are there', async () => {
  const seed = ids['redis-1-node']!;
  const { res, html } = await get(
    `baseline=${seed}&contenders=${ids.hostile},${ids['mysql-1-node']}&chart=box`,
  );
  expect(res.status).toBe(200);
  if (keep) fs.writeFileSync(path.join(keep, 'report-hostile.html'), html);
  noOutsideResource(html);
  expect(html).not.toContain('<script>alert');
  expect(html).not.toContain('<b>bold</b>');
  expect(html).toContain(
    '&lt;script&gt;alert("x")&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;.json',
  );
  expect(html).toContain(`<tr data-side="${ids.hostile}">`);
  // In the JSON block too: no "<" at all, and it still parses to the name.
  const data = embedded(html);
  expect(data.contenders[0]!.runs[0]!.name).toBe(HOSTILE);
  // The run metrics (the seed table) as box plots, and the factors that differ highlighted.
  expect(html).toContain('<h3>Run metrics</h3>');
  expect(html).toMatch(/aria-label="Box plots of vm_creation_total"/);
  expect(html).toMatch(/<tr data-factor="backend" class="differs">/);
  for (const w of data.warnings) expect(html).toContain(escapeText(w));
  expect(data.warnings.length).toBeGreaterThan(0);

  // A group side lists its runs.
  const fp = (
    db.prepare('SELECT fingerprint FROM Run WHERE id = ?').get(ids['multi-runner.json']) as {
      fingerprint: string;
    }
  ).fingerprint;
  const group = await get(`baseline=${fp}&contenders=${ids.hostile}`);
  expect(group.res.status).toBe(200);
  expect(group.html).toContain('group of 2 repetitions');
  expect(group.html).toContain(`<code class="faint">${ids['multi-runner.old.json']}</code>`);
});

test('bad requests, unknown runs, and the read token answer like /api/compare', async () => {
  expect((await get('baseline=nope&contenders=run_x')).res.status).toBe(422);
  const missing = await get(`baseline=${ids['redis-1-node']}&contenders=run_doesnotexist`);
  expect(missing.res.status).toBe(404);
  expect(JSON.parse(missing.html).error.code).toBe('NOT_FOUND');
  process.env.EDGEPERF_READ_TOKEN = 'reader';
  try {
    const q = `baseline=${ids['redis-1-node']}&contenders=${ids['mysql-1-node']}`;
    expect((await get(q)).res.status).toBe(401);
    const ok = await report(
      req(`/api/compare/report?${q}`, { headers: { cookie: 'edgeperf_read=reader' } }),
    );
    expect(ok.status).toBe(200);
  } finally {
    delete process.env.EDGEPERF_READ_TOKEN;
  }
});

test('a compare share link offers its report with no token, within its scope', async () => {
  const view = `/compare?baseline=${ids['redis-1-node']}&contenders=${ids['mysql-1-node']}&seed=3`;
  const res = await createShare(
    req('/api/shares', {
      method: 'POST',
      headers: write,
      body: JSON.stringify({ view, expiresAt: null }),
    }),
  );
  const { slug } = (await res.json()) as { slug: string };
  process.env.EDGEPERF_READ_TOKEN = 'reader';
  try {
    const viaLink = await shareReport(req(`/r/${slug}/report.html`), params({ slug }));
    expect(viaLink.status).toBe(200);
    const html = await viaLink.text();
    noOutsideResource(html);
    expect(embedded(html).method.seed).toBe(3);
    expect(html).toContain('redis-1-node vs mysql-1-node');
    // Through the link's header, the API report reads only the link's runs.
    const header = { 'x-edgeperf-share': slug };
    const inScope = await report(
      req(`/api/compare/report?baseline=${ids['redis-1-node']}&contenders=${ids['mysql-1-node']}`, {
        headers: header,
      }),
    );
    expect(inScope.status).toBe(200);
    const outside = await report(
      req(`/api/compare/report?baseline=${ids['redis-1-node']}&contenders=${ids.hostile}`, {
        headers: header,
      }),
    );
    expect(outside.status).toBe(404);
  } finally {
    delete process.env.EDGEPERF_READ_TOKEN;
  }
  // A run link has no comparison: 404; unknown 404; revoked 410.
  const run = await createShare(
    req('/api/shares', {
      method: 'POST',
      headers: write,
      body: JSON.stringify({ view: `/runs/${ids.hostile}` }),
    }),
  );
  const runSlug = ((await run.json()) as { slug: string }).slug;
  expect((await shareReport(req('/x'), params({ slug: runSlug }))).status).toBe(404);
  expect((await shareReport(req('/x'), params({ slug: 'b'.repeat(26) }))).status).toBe(404);
  await revoke(req('/x', { method: 'DELETE', headers: write }), params({ slug }));
  const gone = await shareReport(req('/x'), params({ slug }));
  expect(gone.status).toBe(410);
  expect((await gone.json()).error.code).toBe('SHARE_GONE');
});
