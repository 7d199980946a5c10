import fs from 'node:fs';
import { type APIRequestContext, expect, type Page, test } from '@playwright/test';
import { formatChange, formatValue } from '../components/compare/compareFormat';
import type { RunSummary } from '../lib/apiTypes';
import type { Comparison } from '../lib/compareTypes';
import { WRITE_TOKEN } from './helpers';
import { type ReadTokenServer, startReadTokenServer } from './readTokenServer';

// Share images, the offline report and the read token prompt (issue 6). The store
// (playwright.config.ts) holds the seed talk's table (fixtures/csv/seed-table2.csv: time to create
// 500 VMs, redis-1-node 322 s, mysql-1-node 298 s…), the real Rally 3.3 result failures.json,
// and the hand-made EnOS 4.x archive, which packs the same failures.json (so the two runs have
// workloads in common).
const write = { authorization: `Bearer ${WRITE_TOKEN}` };

async function runs(request: APIRequestContext): Promise<RunSummary[]> {
  const res = await request.get('/api/runs?pageSize=200');
  expect(res.status()).toBe(200);
  return ((await res.json()) as { runs: RunSummary[] }).runs;
}

function byName(all: RunSummary[], name: string): RunSummary {
  const run = all.find((r) => r.name === name);
  if (!run) throw new Error(`the e2e store has no run ${name}`);
  return run;
}

async function share(request: APIRequestContext, view: string): Promise<string> {
  const res = await request.post('/api/shares', {
    headers: write,
    data: { view, expiresAt: null },
  });
  expect(res.status()).toBe(201);
  return ((await res.json()) as { slug: string }).slug;
}

function pngSize(png: Buffer) {
  expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

/** Colours and the share of non-background pixels of a PNG, decoded by the browser. */
async function pixels(page: Page, png: Buffer) {
  return page.evaluate(async (b64) => {
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
    return { colours: colours.size, share: other / (data.length / 4) };
  }, png.toString('base64'));
}

test('a compare link has a 1200 × 630 PNG that anyone can embed, with no token or script', async ({
  browser,
  request,
}, testInfo) => {
  const all = await runs(request);
  const a = byName(all, 'redis-1-node');
  const b = byName(all, 'mysql-1-node');
  const slug = await share(request, `/compare?baseline=${a.id}&contenders=${b.id}`);

  // Someone else: no cookie, no token, no localStorage.
  const fresh = await browser.newContext({ baseURL: testInfo.project.use.baseURL });
  const res = await fresh.request.get(`/r/${slug}/image.png`);
  expect(res.status()).toBe(200);
  expect(res.headers()['content-type']).toBe('image/png');
  expect(res.headers()['cache-control']).toMatch(/^private, max-age=\d+$/);
  const png = await res.body();
  expect(pngSize(png)).toEqual({ width: 1200, height: 630 });
  fs.writeFileSync(testInfo.outputPath('compare-share.png'), png);

  // As a README embeds it: an <img> on another page, scripts off.
  const page = await fresh.newPage();
  const stats = await pixels(page, png);
  expect(stats.colours).toBeGreaterThan(50);
  expect(stats.share).toBeGreaterThan(0.03);
  const embed = await browser.newContext({ javaScriptEnabled: false });
  const readme = await embed.newPage();
  await readme.setContent(
    `<h1>Results</h1><img alt="comparison" src="${testInfo.project.use.baseURL}/r/${slug}/image.png">`,
  );
  const img = readme.getByRole('img', { name: 'comparison' });
  await expect(img).toHaveJSProperty('naturalWidth', 1200);
  await expect(img).toHaveJSProperty('naturalHeight', 630);
  await readme.screenshot({ path: testInfo.outputPath('readme-embed.png'), fullPage: true });
  await embed.close();

  // Unknown and revoked links: 404 and 410 with the API's error body.
  const unknown = await fresh.request.get(`/r/${'a'.repeat(26)}/image.png`);
  expect(unknown.status()).toBe(404);
  expect((await unknown.json()).error.code).toBe('SHARE_NOT_FOUND');
  expect((await request.delete(`/api/shares/${slug}`, { headers: write })).status()).toBe(204);
  const gone = await fresh.request.get(`/r/${slug}/image.png`);
  expect(gone.status()).toBe(410);
  expect((await gone.json()).error.code).toBe('SHARE_GONE');
  await fresh.close();
});

test('the offline report downloads from the compare page and opens from file:// offline, scripts off, with the API numbers', async ({
  page,
  browser,
  request,
}, testInfo) => {
  // failures.json and the EnOS run that packs it: their workloads match.
  const all = await runs(request);
  const pair = all.filter((r) => r.scenarios.includes('Dummy.dummy_random_fail_in_atomic'));
  expect(pair.length).toBeGreaterThanOrEqual(2);
  const [a, b] = pair as [RunSummary, RunSummary];
  const query = `baseline=${a.id}&contenders=${b.id}`;
  const api = (await (await request.get(`/api/compare?${query}`)).json()) as Comparison;

  await page.goto(`/compare?${query}`);
  await expect(page.getByTestId('compare-table')).toBeVisible();
  const button = page.getByTestId('report-button');
  await expect(button).toHaveText('Offline report');
  const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
  expect(download.suggestedFilename()).toBe(`edgeperf-compare-${a.id}-${b.id}.html`);
  const file = testInfo.outputPath('report.html');
  await download.saveAs(file);
  const html = fs.readFileSync(file, 'utf8');
  for (const bad of ['<script src', '<link', 'http://', 'https://', '<img', 'url('])
    expect(html).not.toContain(bad);

  // Opened years later, on a plane: file://, no network, no JavaScript.
  const offline = await browser.newContext({ javaScriptEnabled: false });
  await offline.setOffline(true);
  const requests: string[] = [];
  offline.on('request', (r) => requests.push(r.url()));
  const doc = await offline.newPage();
  await doc.goto(`file://${file}`);
  expect(requests).toEqual([`file://${file}`]);
  await expect(doc.getByRole('heading', { level: 1 })).toHaveText(
    `${api.baseline.label} vs ${api.contenders[0]!.label}`,
  );
  const matched = api.workloads.filter((w) => w.present.every(Boolean));
  expect(matched.length).toBeGreaterThan(0);
  for (const w of matched) {
    const article = doc.locator(`article[data-workload="${w.scenario}"]`);
    await expect(article).toHaveCount(1);
    const total = w.rows.find((r) => r.name === 'total');
    if (total?.sides.every((s) => s && s.n > 1)) {
      await expect(article.getByRole('img', { name: 'ECDF of total' })).toBeVisible();
      await expect(article.locator('svg path[stroke]').first()).toHaveAttribute('d', /^M/);
    }
    for (const row of w.rows) {
      const block = article.locator(`tbody[data-row-name="${row.name}"]`);
      for (const [k, s] of row.sides.entries()) {
        if (!s) continue;
        const line = block.locator('tr').nth(k);
        await expect(line.locator('td.num').first()).toHaveText(formatValue(s.median, row.unit));
        await expect(line.locator('td.num').nth(1)).toHaveText(formatValue(s.p95, row.unit));
        const c = k > 0 ? row.comparisons[k - 1] : null;
        if (c) await expect(line).toContainText(formatChange(c.change));
      }
    }
  }
  await expect(doc.locator('#method')).toContainText(api.method.description);
  const embedded = JSON.parse(
    (await doc.locator('script#edgeperf-comparison').textContent()) ?? '',
  );
  expect(embedded).toEqual(api);
  await doc.screenshot({ path: testInfo.outputPath('report-offline.png'), fullPage: true });
  await offline.close();

  // The seed table: run metrics as box plots with the published numbers.
  const seed = ['redis-1-node', 'mysql-1-node'].map((n) => byName(all, n).id);
  const seedRes = await request.get(
    `/api/compare/report?baseline=${seed[0]}&contenders=${seed[1]}`,
  );
  expect(seedRes.status()).toBe(200);
  const seedHtml = await seedRes.text();
  expect(seedHtml).toContain('data-value="322">322</td>');
  expect(seedHtml).toContain('data-value="298">298</td>');
  expect(seedHtml).toContain('−7.45 %');
});

test.describe('a server with EDGEPERF_READ_TOKEN', () => {
  const port = Number(process.env.E2E_PORT ?? 3199) + 7;
  const base = `http://127.0.0.1:${port}`;
  let server: ReadTokenServer | null = null;

  test.beforeAll(async () => {
    test.setTimeout(120_000);
    server = await startReadTokenServer({
      port,
      readToken: 'e2e-read-token',
      writeToken: WRITE_TOKEN,
    });
  });

  test.afterAll(() => {
    server?.stop();
  });

  test('the prompt asks once, refuses a wrong token, and the cookie keeps the session; links need no token', async ({
    browser,
  }, testInfo) => {
    const ctx = await browser.newContext({ baseURL: base });
    expect((await ctx.request.get('/api/runs')).status()).toBe(401);
    const page = await ctx.newPage();
    await page.goto('/');
    const prompt = page.getByTestId('read-token-prompt');
    await expect(prompt).toBeVisible();
    await expect(prompt.getByRole('heading')).toHaveText('This server needs its read token');
    await page.screenshot({ path: testInfo.outputPath('read-token-prompt.png') });

    await prompt.getByRole('textbox', { name: 'Read token' }).fill('not-the-token');
    await prompt.getByRole('button', { name: 'Continue' }).click();
    await expect(prompt.getByRole('alert')).toHaveText(
      'This is not the read token of this server.',
    );
    await expect(page.getByTestId('runs-table')).toHaveCount(0);

    await prompt.getByRole('textbox', { name: 'Read token' }).fill('e2e-read-token');
    await prompt.getByRole('button', { name: 'Continue' }).click();
    await expect(prompt).toHaveCount(0);
    await expect(page.getByTestId('runs-table')).toContainText('redis-1-node');
    const cookie = (await ctx.cookies()).find((c) => c.name === 'edgeperf_read');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
    expect(await page.evaluate(() => document.cookie)).not.toContain('edgeperf_read');

    // A reload: the HttpOnly cookie answers, no prompt.
    await page.reload();
    await expect(page.getByTestId('runs-table')).toContainText('redis-1-node');
    await expect(prompt).toHaveCount(0);

    // A share link of this server opens with no token, its image too.
    const list = (await (await ctx.request.get('/api/runs')).json()) as { runs: RunSummary[] };
    const run = byName(list.runs, 'redis-1-node');
    const created = await ctx.request.post('/api/shares', {
      headers: write,
      data: { view: `/runs/${run.id}` },
    });
    const { slug } = (await created.json()) as { slug: string };
    const stranger = await browser.newContext({ baseURL: base });
    const reader = await stranger.newPage();
    await reader.goto(`/r/${slug}`);
    await expect(reader.getByTestId('run-name')).toHaveText('redis-1-node');
    await expect(reader.getByTestId('read-token-prompt')).toHaveCount(0);
    const img = await stranger.request.get(`/r/${slug}/image.png`);
    expect(img.status()).toBe(200);
    expect(pngSize(await img.body())).toEqual({ width: 1200, height: 630 });
    await stranger.close();
    await ctx.close();
  });
});
