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

const { db } = await tempStore();
process.env.EDGEPERF_TOKEN = 'report-write';
const write = { authorization: 'Bearer report-write' };
const ids: Record<string, string> = {};
const req = (url: string, init: RequestInit = {}) => new Request(`http://localhost${url}`, init);
const params = <T extends Record<string, string>>(p: T) => ({ params: Promise.resolve(p) });
const HOSTILE = '<script>alert("x")</script> & <b>bold</b>.json';
const keep = process.env.EDGEPERF_RENDER_DIR;
const CAPTURED = path.join(ROOT, 'fixtures/pcap/captured');
// The captures' address map (fixtures/pcap/captured/README.md: site S is 127.0.S.0/24, the
// servers on 127.0.0.1), with one site named in markup: names come from uploads.
const HOSTILE_SITE = 'site5 <b>&</b>';
const SITES = [
  { name: 'central', cidr: '127.0.0.0/24' },
  ...[1, 2, 3, 4].map((s) => ({ name: `site${s}`, cidr: `127.0.${s}.0/24` })),
  { name: HOSTILE_SITE, cidr: '127.0.5.0/24' },
];

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
  // Two capture-only runs, a Rally run with a real capture attached (`--run`), and the
  // published VM spread (a placement from a summary table).
  for (const f of ['mixed.pcapng', 'amqp-oslo.pcapng'])
    ids[f] = (await ingestInputs([path.join(CAPTURED, f)], { db, sites: SITES })).runs[0]!.id;
  ids.hooks = (
    await ingestInputs([path.join(RALLY33, 'hooks.json')], {
      db,
      factors: { backend: 'redis', sites: 3 },
    })
  ).runs[0]!.id;
  const attached = await ingestInputs([path.join(CAPTURED, 'redis.pcapng')], {
    db,
    runId: ids.hooks,
    sites: SITES,
  });
  expect(attached.errors).toEqual([]);
  for (const r of (await ingestInputs([path.join(ROOT, 'fixtures/csv/seed-vm-spread.csv')], { db }))
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
    (await db.get('SELECT fingerprint FROM Run WHERE id = ?', [ids['multi-runner.json']])) as {
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

/** The full-precision numbers (`data-value`) of the element that starts at `marker`. */
function valuesOf(html: string, marker: string, close: string): number[] {
  const at = html.indexOf(marker);
  expect(at, marker).toBeGreaterThan(0);
  const block = html.slice(at, html.indexOf(close, at));
  return [...block.matchAll(/data-value="([^"]*)"/g)].map((m) => Number(m[1]));
}

test('traffic of real captures: matrices, differences, services, totals and ratios equal the API', async () => {
  const a = ids['mixed.pcapng']!;
  const b = ids['amqp-oslo.pcapng']!;
  const q = `baseline=${a}&contenders=${b},${ids.hooks},${ids['redis-1-node']}&seed=5`;
  const { res, html } = await get(q);
  expect(res.status).toBe(200);
  if (keep) fs.writeFileSync(path.join(keep, 'report-traffic.html'), html);
  noOutsideResource(html);
  const api = (await (await compare(req(`/api/compare?${q}`))).json()) as Comparison;
  expect(embedded(html)).toEqual(api);
  const t = api.traffic!;
  expect(t.sites).toContain(HOSTILE_SITE);
  expect(html).toContain('<h2>Traffic</h2>');
  const sides = [api.baseline, ...api.contenders];

  for (const [k, side] of sides.entries()) {
    const ts = t.sides[k];
    if (!ts) {
      // The seed table's run: said, not dropped.
      expect(side.id).toBe(ids['redis-1-node']);
      expect(html).toContain(`data-side="${side.id}" data-no-capture=""`);
      continue;
    }
    for (const metric of ['bytes', 'frames', 'messages'] as const) {
      expect(
        valuesOf(html, `data-traffic-matrix="${metric}" data-side="${side.id}"`, '</table>'),
        `${metric} of ${side.id}`,
      ).toEqual(ts.matrix[metric].flat());
      const d = k > 0 ? t.differences[k - 1] : null;
      if (d)
        expect(
          valuesOf(html, `data-traffic-diff="${metric}" data-side="${side.id}"`, '</table>'),
        ).toEqual(d[metric].flat());
    }
  }
  // The differences really differ (two different captures), and both signs are drawn.
  expect(t.differences[0]!.bytes.flat().some((v) => v < 0)).toBe(true);
  expect(html).toMatch(/color-mix\(in oklab, var\(--chart-6\) \d+%, var\(--surface\)\)/);

  // Per service: frames, bytes, messages of each side with a capture (0 where it has none).
  expect(t.services.length).toBeGreaterThan(1);
  for (const svc of t.services) {
    const at = html.indexOf(`<tbody class="row svc" data-service="${escapeAttribute(svc)}">`);
    expect(at, svc).toBeGreaterThan(0);
    const block = html.slice(at, html.indexOf('</tbody>', at));
    const expected = t.sides.flatMap((ts) => {
      if (!ts) return [];
      const row = ts.services.find((x) => x.service === svc);
      return [row?.frames ?? 0, row?.bytes ?? 0, row?.messages ?? 0];
    });
    expect([...block.matchAll(/data-value="([^"]*)"/g)].map((m) => Number(m[1]))).toEqual(expected);
  }

  // Totals and per-iteration ratios, with their units; n/a with the reason where none.
  const rally = t.sides[2]!;
  expect(rally.perIteration).not.toBeNull();
  for (const key of ['amqpMessages', 'dbQueries', 'wanBytes'] as const) {
    const at = html.indexOf(`<tr data-ratio="${key}">`);
    const row = html.slice(at, html.indexOf('</tr>', at));
    for (const [k, side] of sides.entries()) {
      const v = t.sides[k]?.perIteration?.[key] ?? null;
      const cell = row.slice(row.indexOf(`data-side="${side.id}"`));
      if (v === null) {
        expect(cell.startsWith(`data-side="${side.id}">n/a<span class="why">`)).toBe(true);
      } else expect(cell).toMatch(new RegExp(`^data-side="${side.id}" data-value="${v}">`));
    }
  }
  expect(html).toContain('queries / iteration');
  expect(html).toContain('bytes / iteration (SI units)');
  expect(html).toContain('n/a<span class="why">no Rally iterations in the captured runs</span>');
  expect(html).toContain('n/a<span class="why">no capture on this side</span>');
  for (const key of ['bytes', 'packets', 'amqpMessages', 'dbQueries', 'wanBytes'] as const) {
    if (key === 'dbQueries') continue; // shown as MySQL queries and Redis commands
    expect(valuesOf(html, `<tr data-total="${key}">`, '</tr>')).toEqual(
      t.sides.filter((x) => x !== null).map((x) => x!.totals[key]),
    );
  }
  expect(valuesOf(html, '<tr data-ratio="successfulIterations">', '</tr>')).toEqual([
    rally.successfulIterations,
  ]);

  // The site named in markup stays text, in the tables and in the JSON.
  expect(html).toContain(`<th scope="row">${escapeText(HOSTILE_SITE)}</th>`);
  expect(html).not.toContain('<b>&</b>');
  expect(html).not.toContain('<b>&amp;</b>');
});

test('VM placement: shares per site in % and differences in pp, as the API answers', async () => {
  const spread = ids['4-clusters-without-az']!;
  const fp = (
    (await db.get('SELECT fingerprint FROM Run WHERE id = ?', [spread])) as { fingerprint: string }
  ).fingerprint;
  const q = `baseline=${spread}&contenders=${fp},${ids['mixed.pcapng']},${ids['redis-1-node']}`;
  const { res, html } = await get(q);
  expect(res.status).toBe(200);
  if (keep) fs.writeFileSync(path.join(keep, 'report-placement.html'), html);
  noOutsideResource(html);
  const api = (await (await compare(req(`/api/compare?${q}`))).json()) as Comparison;
  const p = api.placement!;
  expect(p.sides[0]!.shares).toEqual([26, 20, 22, 32]);
  expect(html).toContain('<h2>VM placement</h2>');
  const sides = [api.baseline, ...api.contenders];
  for (const [i, site] of p.sites.entries()) {
    const at = html.indexOf(`<tr data-site="${site}">`, html.indexOf('data-placement-table'));
    const row = html.slice(at, html.indexOf('</tr>', at));
    for (const [k, side] of sides.entries()) {
      const cell = row.slice(row.indexOf(`data-side="${side.id}"`));
      const ps = p.sides[k];
      const v = ps ? ps.shares[i] : null;
      if (v === null || v === undefined)
        expect(cell).toMatch(new RegExp(`^data-side="${side.id}" style`));
      else expect(cell).toMatch(new RegExp(`^data-side="${side.id}" data-value="${v}"`));
      const diff = k > 0 ? (p.differences[k - 1]?.[i] ?? null) : null;
      const end = cell.indexOf('</td>');
      if (diff === null) expect(cell.slice(0, end)).not.toContain('data-pp=');
      else expect(cell.slice(0, end)).toContain(`data-pp="${diff}">${formatChange(diff, ' pp')}<`);
    }
  }
  expect(html).toContain(`data-pp="0">0 pp<`);
  // The capture's casts go to hosts no inventory maps: a "not mapped" row at 100 %.
  expect(p.sides[2]!.unmappedShare).toBe(100);
  expect(html).toContain('<tr data-site="not mapped">');
  expect(html).toContain('<b class="pv">100 %</b>');
  expect(html).toContain('no placement known');
});
