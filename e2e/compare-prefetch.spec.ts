import { type APIRequestContext, expect, type Page, test } from '@playwright/test';
import { type ReadTokenServer, startReadTokenServer } from './readTokenServer';

// Issue 5: the compare page's first HTML carries the comparison (app/compare/_data.ts), so the
// first chart draws at hydration with no /api/compare round trip, and the rest of the page comes
// after that paint. The prefetch reads with the access rules of GET /api/compare: a request that
// may not read gets the page without the data, and the client asks for the token as before.
// The store (playwright.config.ts) holds the seed talk's table (fixtures/csv/seed-table2.csv).
const SEED = ['redis-1-node', 'redis-4-nodes', 'mysql-1-node'];

async function ids(request: APIRequestContext, headers: Record<string, string> = {}) {
  const res = await request.get('/api/runs?pageSize=200', { headers });
  expect(res.status()).toBe(200);
  const { runs } = (await res.json()) as { runs: { id: string; name: string }[] };
  return SEED.map((name) => {
    const run = runs.find((r) => r.name === name);
    if (!run) throw new Error(`the e2e store has no run ${name}`);
    return run.id;
  });
}

/** The API calls a page makes from now on (paths only). */
function apiCalls(page: Page): string[] {
  const calls: string[] = [];
  page.on('request', (r) => {
    const url = new URL(r.url());
    if (url.pathname.startsWith('/api/')) calls.push(url.pathname);
  });
  return calls;
}

test('the first HTML carries the comparison: the chart draws with no /api/compare call', async ({
  page,
}, testInfo) => {
  const [a, b, c] = await ids(page.request);
  const view = `/compare?baseline=${a}&contenders=${b},${c}`;
  const calls = apiCalls(page);
  const res = await page.goto(view);
  expect(res?.status()).toBe(200);
  // The server rendered the comparison: the sides' names and the selected row are in the HTML.
  const html = (await res?.text()) ?? '';
  expect(html).toContain('redis-4-nodes');
  expect(html).toContain('Distribution of vm_creation_total');

  const plot = page.getByRole('figure', { name: 'Box plots of vm_creation_total' });
  await expect(plot.locator('svg.recharts-surface')).toBeVisible();
  await expect(plot.locator('.boxplot-boxes > g')).toHaveCount(3);
  // The tables and panels after the chart render once it has painted.
  const row = page.getByTestId('metrics-table').locator('tbody[data-row-name="vm_creation_total"]');
  await expect(row.getByTestId('change')).toHaveText(['+1.55 %', '\u22127.45 %']);
  await expect(page.getByTestId('factor-diff')).toBeVisible();
  await expect(page.getByLabel('Bootstrap seed')).toHaveValue('1');
  expect(calls.filter((p) => p === '/api/compare')).toEqual([]);
  await page.screenshot({ path: testInfo.outputPath('compare-prefetched.png'), fullPage: true });

  // What the client asks afterwards still goes to the API: another seed is a new comparison.
  const next = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/compare');
  await page.getByLabel('Bootstrap seed').fill('7');
  await page.getByLabel('Bootstrap seed').press('Enter');
  expect((await next).status()).toBe(200);
  await expect(page).toHaveURL(/[?&]seed=7/);
  await expect(row.getByTestId('change')).toHaveText(['+1.55 %', '\u22127.45 %']);
});

test('the server’s HTML draws the first chart: visible before any script of the app runs, then Recharts takes over', async ({
  page,
}, testInfo) => {
  const [a, b, c] = await ids(page.request);
  const view = `/compare?baseline=${a}&contenders=${b},${c}`;
  // No script chunk: React never hydrates, so what shows is the server's HTML alone.
  await page.route(/\/_next\/static\/chunks\/.*\.js(\?|$)/, (r) => r.abort());
  await page.goto(view);
  const still = page.locator('[data-first-chart="static"]');
  await expect(still.getByRole('img', { name: 'Box plots of vm_creation_total' })).toBeVisible();
  await expect(still.locator('.boxplot-boxes > g')).toHaveCount(3);
  await expect(still.locator('.boxplot-boxes')).toContainText('n = 1');
  await expect(page.locator('.recharts-surface')).toHaveCount(0);
  await page.screenshot({ path: testInfo.outputPath('compare-static-first-chart.png') });

  // With the scripts, the interactive chart replaces it.
  await page.unrouteAll();
  await page.goto(view);
  const plot = page.getByRole('figure', { name: 'Box plots of vm_creation_total' });
  await expect(plot.locator('svg.recharts-surface')).toBeVisible();
  await expect(plot.locator('.boxplot-boxes > g')).toHaveCount(3);
  await expect(still).toHaveCount(0);
});

test('a link with bad sides is not prefetched: the client shows the API’s error', async ({
  page,
}) => {
  const calls = apiCalls(page);
  await page.goto('/compare?baseline=run_doesnotexist&contenders=run_neitherdoesthis');
  await expect(page.getByText('Could not compare these sides')).toBeVisible();
  expect(calls).toContain('/api/compare');
});

test.describe('a server with EDGEPERF_READ_TOKEN', () => {
  // Its own server on the build the suite made (as export.spec.ts's, which uses E2E_PORT + 7).
  const port = Number(process.env.E2E_PORT ?? 3199) + 8;
  const base = `http://127.0.0.1:${port}`;
  const READ = 'e2e-read-token';
  let server: ReadTokenServer | null = null;

  test.beforeAll(async () => {
    test.setTimeout(120_000);
    server = await startReadTokenServer({ port, readToken: READ, writeToken: 'e2e-write-token' });
  });

  test.afterAll(() => {
    server?.stop();
  });

  test('without the token the HTML holds no data and the prompt asks; with it the page comes with its data', async ({
    browser,
  }) => {
    const ctx = await browser.newContext({ baseURL: base });
    const [a, b, c] = await ids(ctx.request, { authorization: `Bearer ${READ}` });
    const view = `/compare?baseline=${a}&contenders=${b},${c}`;

    // No token: nothing of the comparison in the page, whatever the URL names.
    const bare = await (await ctx.request.get(view)).text();
    for (const secret of ['redis-1-node', 'redis-4-nodes', 'mysql-1-node', 'vm_creation_total']) {
      expect(bare).not.toContain(secret);
    }
    // A share link's header does not widen (nor narrow) what /compare prefetches: nothing.
    const created = await ctx.request.post('/api/shares', {
      headers: { authorization: 'Bearer e2e-write-token' },
      data: { view, expiresAt: null },
    });
    expect(created.status()).toBe(201);
    const { slug } = (await created.json()) as { slug: string };
    const scoped = await (
      await ctx.request.get(view, { headers: { 'x-edgeperf-share': slug } })
    ).text();
    expect(scoped).not.toContain('vm_creation_total');

    // The browser gets the prompt; the token brings the comparison (through the API).
    const page = await ctx.newPage();
    await page.goto(view);
    const prompt = page.getByTestId('read-token-prompt');
    await expect(prompt).toBeVisible();
    await prompt.getByRole('textbox', { name: 'Read token' }).fill(READ);
    await prompt.getByRole('button', { name: 'Continue' }).click();
    await expect(prompt).toHaveCount(0);
    const row = page
      .getByTestId('metrics-table')
      .locator('tbody[data-row-name="vm_creation_total"]');
    await expect(row.getByTestId('change')).toHaveText(['+1.55 %', '\u22127.45 %']);

    // With the session cookie, the page itself carries the data: no /api/compare call.
    const calls = apiCalls(page);
    const res = await page.reload();
    expect(await res?.text()).toContain('Distribution of vm_creation_total');
    await expect(row.getByTestId('change')).toHaveText(['+1.55 %', '\u22127.45 %']);
    await expect(prompt).toHaveCount(0);
    expect(calls.filter((p) => p === '/api/compare')).toEqual([]);
    await ctx.close();
  });
});
