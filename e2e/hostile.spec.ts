import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type APIResponse, expect, type Page, test } from '@playwright/test';
import { type Server, startServer } from '../scripts/bench/server';
import { storeLocation } from '../scripts/testStore';

// Hostile input in the pages (issue 7), on a server of its own (the current build, its own port
// and store). Real files are ingested with the CLI under names, factor values, a campaign, site
// names and AMQP routing keys that are HTML and JavaScript; every page that shows them (runs
// list, run page, traffic section, compare, explore, a share link) must show the text as text:
// `window.__xss` stays undefined and no injected element exists. Then the security headers on
// pages, API answers and /r/<slug>.
const PORT = Number(process.env.E2E_PORT ?? 3199) + 12;
const ROOT = process.cwd();
const TOKEN = 'hostile-e2e-token';

const IMG = '<img src=x onerror=window.__xss=1>';
const SCRIPT = '<script>window.__xss=1</script>';
// Routing keys of the real oslo.messaging capture are replaced byte for byte (same length, so
// every AMQP frame and TCP segment stays valid): reply_<32 hex> → 38 hostile characters.
const KEY_IMG = '<img src=x onerror=window.__xss=1 a=b>';
const KEY_SCRIPT = '<script>window.__xss=1;;;;;;;</script>';
const SITE = '<img src=x onerror=window.__xss=1>-site';

let server: Server;
let dir: string;
const ids = { a: '', b: '', slug: '' };

function cli(...args: string[]): { runs: { id: string; name: string }[] } {
  const out = execFileSync(
    process.execPath,
    [
      path.join(ROOT, 'bin/edgeperf.mjs'),
      'ingest',
      ...args,
      '--db',
      storeLocation(path.join(dir, 'data'), 'edgeperf').cliDb,
      '--json',
    ],
    {
      encoding: 'utf8',
      env: { ...process.env, EDGEPERF_DATA_DIR: path.join(dir, 'data') },
    },
  );
  return JSON.parse(out);
}

test.beforeAll(async () => {
  test.setTimeout(240_000);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'edgeperf-hostile-'));
  fs.mkdirSync(path.join(dir, 'data'));
  // Run A: a real Rally report whose file name is HTML, with hostile factors and campaign.
  const fileA = path.join(dir, `${IMG}.json`);
  fs.copyFileSync(path.join(ROOT, 'fixtures/rally/rally-3.3/hooks.json'), fileA);
  ids.a = cli(
    fileA,
    '--campaign',
    SCRIPT,
    '--set',
    `backend=${IMG}`,
    '--set',
    `openstack_release=${SCRIPT}`,
    '--set',
    `tags=${JSON.stringify([SCRIPT, IMG])}`,
  ).runs[0]!.id;
  // Run B: a deployment folder whose edgeperf.yaml names the run and its sites in HTML, with a
  // real Rally report and the real oslo.messaging capture whose reply queues are renamed.
  const folder = path.join(dir, 'deployment');
  fs.mkdirSync(folder);
  fs.copyFileSync(
    path.join(ROOT, 'fixtures/rally/rally-3.3/output.json'),
    path.join(folder, 'rally.json'),
  );
  let pcap = fs.readFileSync(path.join(ROOT, 'fixtures/pcap/captured/amqp-oslo.pcap'));
  for (const [from, to] of [
    ['reply_109244e3a25d4b9ca02965f4d65118be', KEY_IMG],
    ['reply_a0a56cab340a4d88933d9d12b068c84d', KEY_SCRIPT],
  ] as const) {
    expect(to.length).toBe(from.length);
    pcap = Buffer.from(pcap.toString('latin1').replaceAll(from, to), 'latin1');
  }
  fs.writeFileSync(path.join(folder, 'oslo.pcap'), pcap);
  fs.writeFileSync(
    path.join(folder, 'edgeperf.yaml'),
    [
      `name: ${JSON.stringify(SCRIPT)}`,
      'factors:',
      `  backend: ${JSON.stringify(SCRIPT)}`,
      '  sites: 3',
      'sites:',
      `  - {name: ${JSON.stringify(SITE)}, cidr: 127.0.1.0/24}`,
      `  - {name: ${JSON.stringify(SCRIPT)}, cidr: 127.0.2.0/24}`,
      '  - {name: central, cidr: 127.0.0.0/24}',
      '',
    ].join('\n'),
  );
  const b = cli(folder).runs;
  expect(b).toHaveLength(1);
  ids.b = b[0]!.id;

  server = await startServer({
    dataDir: path.join(dir, 'data'),
    port: PORT,
    token: TOKEN,
    reuseBuild: true,
  });
  const res = await fetch(`${server.base}/api/shares`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify({ view: `/runs/${ids.b}?section=traffic` }),
  });
  expect(res.status).toBe(201);
  ids.slug = ((await res.json()) as { slug: string }).slug;
});

test.afterAll(async () => {
  await server?.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

/** Opens `url`, waits for `texts` to show as text, and checks that nothing ran or was injected. */
async function expectInert(page: Page, url: string, texts: string[]) {
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await page.goto(`${server.base}${url}`);
  for (const text of texts)
    await expect(
      page.getByText(text, { exact: false }).filter({ visible: true }).first(),
    ).toBeVisible();
  // let late renders (charts, lazy panels) happen before looking
  await page.waitForLoadState('networkidle');
  expect(
    await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss),
  ).toBeUndefined();
  expect(await page.locator('img[src="x"]').count()).toBe(0);
  const scripts = await page
    .locator('script')
    .evaluateAll((els) =>
      els.map((e) => e.textContent ?? '').filter((t) => t.startsWith('window.__xss')),
    );
  expect(scripts).toEqual([]);
  expect(dialogs).toEqual([]);
}

test('runs list, run page, traffic, compare and explore show hostile names as text', async ({
  page,
}, testInfo) => {
  await expectInert(page, '/', [`${IMG}.json`, SCRIPT]);
  await page.screenshot({ path: testInfo.outputPath('hostile-runs.png'), fullPage: true });

  await expectInert(page, `/runs/${ids.a}`, [`${IMG}.json`, SCRIPT, IMG]);
  await expect(page.getByTestId('run-name')).toHaveText(`${IMG}.json`);
  await expect(page.getByTestId('factors-table')).toContainText(IMG);
  await expect(page.getByTestId('factors-table')).toContainText(SCRIPT);

  await expectInert(page, `/runs/${ids.b}`, [SCRIPT]);
  await expect(page.getByTestId('run-name')).toHaveText(SCRIPT);

  await expectInert(page, `/runs/${ids.b}?section=traffic`, [KEY_IMG, KEY_SCRIPT]);
  await expect(page.getByTestId('traffic-amqp')).toContainText(KEY_SCRIPT);
  await page.screenshot({ path: testInfo.outputPath('hostile-traffic.png'), fullPage: true });

  await expectInert(page, `/compare?baseline=${ids.a}&contenders=${ids.b}`, [
    `${IMG}.json`,
    SCRIPT,
  ]);
  await page.screenshot({ path: testInfo.outputPath('hostile-compare.png'), fullPage: true });

  // the chart's axis shows what fits of the two categories: the backend of run B at least
  await expectInert(page, '/explore?metric=duration:p50:total&x=backend', [SCRIPT]);

  // the read-only view of a share link, which reuses the same views
  await expectInert(page, `/r/${ids.slug}`, [SCRIPT, KEY_IMG]);
  await expect(page).toHaveURL(new RegExp(`/share/${ids.slug}/runs/${ids.b}`));
});

function expectSecurityHeaders(res: APIResponse, what: string) {
  const h = res.headers();
  const csp = h['content-security-policy'] ?? '';
  expect(csp, what).toContain("default-src 'self'");
  expect(csp, what).toContain("frame-ancestors 'none'");
  expect(csp, what).toContain("object-src 'none'");
  expect(csp, what).toContain("base-uri 'self'");
  expect(h['x-content-type-options'], what).toBe('nosniff');
  expect(h['x-frame-options'], what).toBe('DENY');
}

test('security headers on pages, API answers, errors and share links', async ({ request }) => {
  const get = (url: string, headers: Record<string, string> = {}) =>
    request.get(`${server.base}${url}`, { maxRedirects: 0, headers });
  const cases: [string, Promise<APIResponse>, number][] = [
    ['the runs page', get('/'), 200],
    ['a run page', get(`/runs/${ids.a}`), 200],
    ['the compare page', get(`/compare?baseline=${ids.a}&contenders=${ids.b}`), 200],
    ['a missing page', get('/no-such-page'), 404],
    ['GET /api/runs', get('/api/runs'), 200],
    ['GET /api/runs/:id', get(`/api/runs/${ids.a}`), 200],
    ['an API 404', get('/api/runs/run_missing'), 404],
    ['an API 422', get('/api/runs?pageSize=0'), 422],
    ['a share link', get(`/r/${ids.slug}`), 302],
    ['an unknown share link', get(`/r/${'a'.repeat(26)}`), 404],
    ['a shared page', get(`/share/${ids.slug}/runs/${ids.b}`), 200],
    [
      'an API read through a share link',
      get(`/api/runs/${ids.b}`, { 'x-edgeperf-share': ids.slug }),
      200,
    ],
    [
      'another run through a share link',
      get(`/api/runs/${ids.a}`, { 'x-edgeperf-share': ids.slug }),
      404,
    ],
  ];
  for (const [what, pending, status] of cases) {
    const res = await pending;
    expect(res.status(), what).toBe(status);
    expectSecurityHeaders(res, what);
  }
  // API answers are JSON and say so (nosniff makes the type binding)
  const api = await get('/api/runs');
  expect(api.headers()['content-type']).toMatch(/^application\/json/);
  // the raw API answer holds the names as JSON strings, never as markup of a page
  const body = await (await get(`/api/runs/${ids.a}`)).text();
  expect(body).toContain(JSON.stringify(`${IMG}.json`).slice(1, -1));
  const write = await request.post(`${server.base}/api/shares`, {
    maxRedirects: 0,
    headers: { 'content-type': 'application/json' },
    data: { view: '/' },
  });
  expect(write.status()).toBe(401);
  expectSecurityHeaders(write, 'a refused write');
});
