import fs from 'node:fs';
import { type APIRequestContext, expect, type Page, test } from '@playwright/test';
import type { RunSummary, StatsRow } from '../lib/apiTypes';
import { parseCsv } from '../lib/csv';
import { shareWithUi, WRITE_TOKEN } from './helpers';

// Share links and exports (issue 6). The store (playwright.config.ts) holds the real Rally file
// fuelccp_boot_and_delete_kill_rabbitmq_oldformat.json, whose "Total durations" table in Rally's
// own report shows nova.boot_server: min 4.298, median 5.841, 90%ile 7.247, 95%ile 7.577, max
// 9.241; plus fixtures/rally/rally-3.3/failures.json and the seed CSV runs.
const BOOT_SERVER = ['4.298', '5.841', '7.247', '7.577', '9.241'];
const SLUG = /^[0-9a-z]{26}$/;

async function runsOf(
  request: APIRequestContext,
): Promise<{ fuel: RunSummary; other: RunSummary }> {
  const res = await request.get('/api/runs?pageSize=100');
  expect(res.status()).toBe(200);
  const { runs } = (await res.json()) as { runs: RunSummary[] };
  const fuel = runs.find((r) => /fuelccp_boot_and_delete_kill_rabbitmq/.test(r.name));
  const other = runs.find((r) => r !== fuel && r.workloads > 0);
  if (!fuel || !other) throw new Error('the e2e store lacks the fuelccp run or a second run');
  return { fuel, other };
}

async function bootServerCells(page: Page) {
  const row = page.getByTestId('durations-table').locator('tr[data-row-name="nova.boot_server"]');
  await expect(row).toBeVisible();
  return row.locator('td');
}

async function createShareWithUi(page: Page): Promise<{ link: string; slug: string }> {
  const link = await shareWithUi(page);
  const slug = link.split('/r/')[1]!;
  expect(slug).toMatch(SLUG);
  return { link, slug };
}

test('a shared run opens read-only in a fresh browser with the same numbers, and covers that run only', async ({
  page,
  browser,
  request,
}, testInfo) => {
  const { fuel, other } = await runsOf(request);
  await page.goto(`/runs/${fuel.id}`);
  await expect((await bootServerCells(page)).first()).toBeVisible();
  const { link, slug } = await createShareWithUi(page);
  expect(new URL(link).origin).toBe(new URL(page.url()).origin);
  await page.screenshot({ path: testInfo.outputPath('share-dialog.png') });

  // Someone else: no localStorage, no cookie, no token.
  const fresh = await browser.newContext({ baseURL: testInfo.project.use.baseURL });
  const reader = await fresh.newPage();
  const apiCalls: { url: string; share: string | undefined }[] = [];
  reader.on('request', (r) => {
    if (new URL(r.url()).pathname.startsWith('/api/'))
      apiCalls.push({ url: r.url(), share: r.headers()['x-edgeperf-share'] });
  });
  await reader.goto(link);
  await expect(reader).toHaveURL(new RegExp(`/share/${slug}/runs/${fuel.id}$`));
  await expect(reader.getByTestId('share-banner')).toContainText('Shared view · read-only');
  await expect(reader.getByTestId('run-name')).toHaveText(fuel.name);
  const cells = await bootServerCells(reader);
  for (const [i, v] of BOOT_SERVER.entries()) await expect(cells.nth(i)).toHaveText(v);
  // Read-only: no Share button, no navigation to the rest of the dashboard.
  await expect(reader.getByTestId('share-button')).toHaveCount(0);
  await expect(reader.getByRole('navigation', { name: 'Main' })).toHaveCount(0);
  const robots = await reader.locator('meta[name="robots"]').getAttribute('content');
  expect(robots).toContain('noindex');
  // Every API call of the shared view went through the link.
  await expect(reader.locator('svg.recharts-surface').first()).toBeVisible();
  expect(apiCalls.length).toBeGreaterThan(0);
  for (const c of apiCalls) expect(c.share, c.url).toBe(slug);
  // The breadcrumb back to the runs stays inside the shared view.
  await expect(
    reader.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link'),
  ).toHaveAttribute('href', `/share/${slug}`);
  await reader.screenshot({ path: testInfo.outputPath('shared-run.png'), fullPage: true });

  // The link reads its run, and nothing else.
  const mine = await reader.request.get(`/api/runs/${fuel.id}`, {
    headers: { 'x-edgeperf-share': slug },
  });
  expect(mine.status()).toBe(200);
  const theirs = await reader.request.get(`/api/runs/${other.id}`, {
    headers: { 'x-edgeperf-share': slug },
  });
  expect(theirs.status()).toBe(404);
  const list = await reader.request.get('/api/runs', { headers: { 'x-edgeperf-share': slug } });
  expect(((await list.json()) as { runs: RunSummary[] }).runs.map((r) => r.id)).toEqual([fuel.id]);
  // … and the page for another run says so.
  await reader.goto(`/share/${slug}/runs/${other.id}`);
  await expect(reader.getByTestId('share-not-covered')).toBeVisible();
  await fresh.close();

  // Revoking works at once: the link and its API calls answer 410.
  await page.getByTestId('share-revoke').click();
  await expect(page.getByTestId('share-revoked')).toBeVisible();
  const gone = await page.request.get(`/r/${slug}`, { maxRedirects: 0 });
  expect(gone.status()).toBe(410);
  const again = await browser.newContext({ baseURL: testInfo.project.use.baseURL });
  const late = await again.newPage();
  await late.goto(`/share/${slug}/runs/${fuel.id}`);
  await expect(late.getByTestId('share-gone')).toHaveAttribute('data-state', 'revoked');
  await expect(late.getByRole('heading', { level: 1 })).toHaveText('This share link was revoked');
  await late.screenshot({ path: testInfo.outputPath('shared-revoked.png') });
  await again.close();
});

test('a forged slug answers 404 and an expired link 410, each with a page that says so', async ({
  page,
  request,
}, testInfo) => {
  const forged = await page.goto('/r/aaaaaaaaaaaaaaaaaaaaaaaaaa');
  expect(forged?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('No such share link');
  await page.screenshot({ path: testInfo.outputPath('share-forged.png') });

  const { fuel } = await runsOf(request);
  const created = await request.post('/api/shares', {
    headers: { authorization: `Bearer ${WRITE_TOKEN}` },
    data: { view: `/runs/${fuel.id}`, expiresAt: new Date(Date.now() + 2000).toISOString() },
  });
  expect(created.status()).toBe(201);
  const { slug, url } = (await created.json()) as { slug: string; url: string };
  expect(slug).toMatch(SLUG);
  // Still valid: the link redirects to the shared view.
  const before = await request.get(url, { maxRedirects: 0 });
  expect(before.status()).toBe(302);
  await page.waitForTimeout(2500);
  const expired = await page.goto(url);
  expect(expired?.status()).toBe(410);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('This share link was expired');
  // The shared view itself (a bookmark of /share/<slug>/…) says it too.
  await page.goto(`/share/${slug}/runs/${fuel.id}`);
  await expect(page.getByTestId('share-gone')).toHaveAttribute('data-state', 'expired');
  await page.screenshot({ path: testInfo.outputPath('share-expired.png') });
});

test('the durations CSV has the API numbers at full precision; the chart PNG is 2× and not blank', async ({
  page,
  request,
}, testInfo) => {
  const { fuel } = await runsOf(request);
  const run = (await (await request.get(`/api/runs/${fuel.id}`)).json()) as {
    workloads: { stats: { actions: StatsRow[]; total: StatsRow } }[];
  };
  const stats = run.workloads[0]!.stats;
  await page.goto(`/runs/${fuel.id}`);
  await expect(page.getByTestId('durations-table')).toBeVisible();

  const [csvDownload] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download the table as CSV (full precision)' }).click(),
  ]);
  expect(csvDownload.suggestedFilename()).toMatch(/^run_.*_durations\.csv$/);
  const csvText = fs.readFileSync(await csvDownload.path(), 'utf8').replace(/^\ufeff/, '');
  expect(csvText.endsWith('\r\n')).toBe(true);
  const [header, ...records] = parseCsv(csvText);
  expect(header).toEqual([
    'action',
    'parent',
    'min',
    'median',
    'p90',
    'p95',
    'max',
    'mean',
    'success',
    'count',
  ]);
  const expected: StatsRow[] = [];
  const walk = (r: StatsRow) => {
    expected.push(r);
    r.children.forEach(walk);
  };
  stats.actions.forEach(walk);
  walk(stats.total);
  expect(records.map((r) => r[0])).toEqual(expected.map((r) => r.name));
  const keys = ['min', 'median', 'p90', 'p95', 'max', 'mean', 'success', 'count'] as const;
  for (const [i, row] of expected.entries()) {
    for (const [j, k] of keys.entries()) {
      const cell = records[i]![j + 2]!;
      const value = row[k];
      // Same doubles as the API's JSON, not the 3 decimals on screen.
      if (value === null) expect(cell).toBe('');
      else expect(Number(cell), `${row.name} ${k}`).toBe(value);
    }
  }
  const boot = records.find((r) => r[0] === 'nova.boot_server')!;
  expect(boot.slice(2, 7).map((v) => Number(v).toFixed(3))).toEqual(BOOT_SERVER);

  // The duration chart as PNG: at 2× the chart's size (plus a 16 px margin), and not blank.
  const chart = page.getByRole('figure', { name: 'Duration per iteration' });
  await expect(chart.locator('path.recharts-area-area').first()).toHaveAttribute('d', /^M/);
  const box = (await chart.locator('svg.recharts-surface').boundingBox())!;
  const [pngDownload] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download the duration per iteration chart as PNG' }).click(),
  ]);
  expect(pngDownload.suggestedFilename()).toMatch(/duration-per-iteration\.png$/);
  const png = fs.readFileSync(await pngDownload.path());
  expect(png.length).toBeGreaterThan(1000);
  expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  const width = png.readUInt32BE(16);
  const height = png.readUInt32BE(20);
  expect(width).toBe(Math.round((Math.round(box.width) + 32) * 2));
  expect(height).toBeGreaterThan(Math.round(box.height) * 2);
  fs.writeFileSync(testInfo.outputPath('duration-chart.png'), png);

  // Decode it in the page and look at the pixels: many colours, a good share not background.
  const pixels = await page.evaluate(async (b64) => {
    const img = new Image();
    img.src = `data:image/png;base64,${b64}`;
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = img.naturalWidth;
    canvas.height = img.naturalHeight;
    const ctx = canvas.getContext('2d')!;
    ctx.drawImage(img, 0, 0);
    const data = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
    const bg = `${data[0]},${data[1]},${data[2]}`;
    const colours = new Set<string>();
    let other = 0;
    for (let i = 0; i < data.length; i += 4) {
      const c = `${data[i]},${data[i + 1]},${data[i + 2]}`;
      colours.add(c);
      if (c !== bg) other++;
    }
    return { colours: colours.size, share: other / (data.length / 4), w: img.naturalWidth };
  }, png.toString('base64'));
  expect(pixels.w).toBe(width);
  expect(pixels.colours).toBeGreaterThan(20);
  expect(pixels.share).toBeGreaterThan(0.1);

  // The runs list exports as CSV too, one record per run the filters select.
  await page.goto('/?q=fuelccp');
  await expect(page.getByTestId('runs-table')).toBeVisible();
  const [listDownload] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download every run these filters select as CSV' }).click(),
  ]);
  const list = parseCsv(fs.readFileSync(await listDownload.path(), 'utf8').replace(/^\ufeff/, ''));
  expect(list[0]!.slice(0, 2)).toEqual(['id', 'name']);
  expect(list.slice(1).map((r) => r[0])).toEqual([fuel.id]);
});

test('a shared coverage grid opens read-only with the counts of its runs, and draws its image', async ({
  page,
  browser,
}, testInfo) => {
  const view = '/coverage?rows=backend&cols=backend_nodes';
  await page.goto(view);
  await expect(page.getByTestId('coverage-grid')).toBeVisible();
  const { link, slug } = await createShareWithUi(page);

  const fresh = await browser.newContext({ baseURL: testInfo.project.use.baseURL });
  const reader = await fresh.newPage();
  const apiCalls: { url: string; share: string | undefined }[] = [];
  reader.on('request', (r) => {
    if (new URL(r.url()).pathname.startsWith('/api/'))
      apiCalls.push({ url: r.url(), share: r.headers()['x-edgeperf-share'] });
  });
  await reader.goto(link);
  await expect(reader).toHaveURL(
    new RegExp(`/share/${slug}/coverage\\?rows=backend&cols=backend_nodes$`),
  );
  await expect(reader.getByTestId('share-banner')).toBeVisible();
  await expect(reader.getByTestId('coverage-grid')).toBeVisible();
  await expect(reader.getByTestId('share-button')).toHaveCount(0);
  // Every cell shows the runs the API counts through the link.
  const api = await reader.request.get('/api/coverage?rows=backend&cols=backend_nodes', {
    headers: { 'x-edgeperf-share': slug },
  });
  expect(api.status()).toBe(200);
  const grid = (await api.json()) as { cells: { row: string; col: string; runs: string[] }[] };
  for (const cell of grid.cells) {
    await expect(
      reader.locator(
        `td[data-testid="coverage-cell"][data-row="${cell.row}"][data-col="${cell.col}"]`,
      ),
    ).toHaveAttribute('data-runs', String(cell.runs.length));
  }
  expect(apiCalls.length).toBeGreaterThan(0);
  for (const c of apiCalls) expect(c.share, c.url).toBe(slug);
  await reader.screenshot({ path: testInfo.outputPath('shared-coverage.png'), fullPage: true });

  const png = await reader.request.get(`/r/${slug}/image.png`);
  expect(png.status()).toBe(200);
  expect(png.headers()['content-type']).toBe('image/png');
  fs.writeFileSync(testInfo.outputPath('shared-coverage-image.png'), await png.body());
  await fresh.close();
});
