import { expect, type Page, test } from '@playwright/test';

// The demo data (seeded in globalSetup) holds the real Rally file
// ../shared/fixtures/rally/fuelccp_boot_and_delete_kill_rabbitmq_oldformat.json:
// NovaServers.boot_and_delete_server, 113 iterations. Rally's own "Total durations" table for it
// shows nova.boot_server: min 4.298, median 5.841, 90%ile 7.247, 95%ile 7.577, max 9.241,
// avg 5.78, success 100.0%, count 113. We print 3 decimals everywhere, so Rally's 5.78 is 5.780.
const RUN_NAME = /fuelccp_boot_and_delete_kill_rabbitmq/;
const BOOT_SERVER_ROW = ['4.298', '5.841', '7.247', '7.577', '9.241', '5.780', '100.0%', '113'];

async function openFuelccpRun(page: Page): Promise<string> {
  // The list state lives in the URL: opening /?q=… reproduces a search.
  await page.goto('/?q=fuelccp');
  await expect(page.getByRole('searchbox', { name: 'Search runs' })).toHaveValue('fuelccp');
  // By role: only the visible layout counts (a table on desktops, cards on phones).
  const link = page.getByRole('link', { name: RUN_NAME }).first();
  await expect(link).toBeVisible();
  await link.click();
  await expect(page).toHaveURL(/\/runs\/run_[^/?]+/);
  await expect(page.getByTestId('run-name')).toHaveText(RUN_NAME);
  return page.url();
}

test('runs list → run page shows Rally’s numbers and renders the charts', async ({
  page,
}, testInfo) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Runs', level: 1 })).toBeVisible();
  await expect(page.getByTestId('runs-table')).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('runs-list.png'), fullPage: true });

  // Typing in the search box narrows the list and lands in the URL.
  await page.getByRole('searchbox', { name: 'Search runs' }).fill('fuelccp');
  await expect(page).toHaveURL(/[?&]q=fuelccp/);
  await expect(page.getByTestId('runs-table').getByRole('link', { name: RUN_NAME })).toBeVisible();

  await openFuelccpRun(page);
  await expect(page.getByTestId('workload-scenario').first()).toHaveText(
    'NovaServers.boot_and_delete_server',
  );

  // The durations table equals Rally's on the same file.
  const durations = page.getByTestId('durations-table');
  const bootRow = durations.locator('tr[data-row-name="nova.boot_server"]');
  await expect(bootRow.locator('td')).toHaveText(BOOT_SERVER_ROW);
  await expect(durations.locator('tr[data-row-name="total"]')).toBeVisible();
  await expect(durations.locator('tr[data-row-name="duration"]')).toBeVisible();
  await expect(durations.locator('tr[data-row-name="idle_duration"]')).toBeVisible();

  // The fault-injection hook of this run (kill rabbitmq at iteration 60) is listed.
  const hooks = page.getByTestId('hooks-table');
  await expect(hooks).toContainText('fault_injection');
  await expect(hooks).toContainText('iteration 60');

  // Factors of this file are unknown and shown as such.
  await expect(page.getByTestId('factors-table').getByText('unknown').first()).toBeVisible();

  // The duration-per-iteration chart rendered an SVG with a filled area.
  const durationChart = page.getByRole('figure', { name: 'Duration per iteration' });
  await expect(durationChart.locator('svg.recharts-surface')).toBeVisible();
  const area = durationChart.locator('path.recharts-area-area').first();
  await expect(area).toHaveAttribute('d', /^M[\d.]+/);
  // The load profile and the histogram too.
  await expect(
    page.getByRole('figure', { name: 'Load profile' }).locator('path.recharts-area-area').first(),
  ).toHaveAttribute('d', /^M/);
  const histogram = page.getByRole('figure', { name: 'Histogram of durations' });
  await expect(histogram.locator('.recharts-bar-rectangle path').first()).toBeVisible();
  // 113 successful iterations: the square-root rule gives ⌈√113⌉ = 11 bins, Sturges 8.
  await expect(histogram).toHaveAttribute('data-bins', '11');
  await page.getByRole('radio', { name: 'Sturges' }).click();
  await expect(page).toHaveURL(/[?&]bins=sturges/);
  await expect(histogram).toHaveAttribute('data-bins', '8');

  await page.screenshot({ path: testInfo.outputPath('run-overview.png'), fullPage: true });
});

test('runs list: filter, sort and selection live in the URL', async ({ page }) => {
  await page.goto('/');
  const table = page.getByTestId('runs-table');
  await expect(table).toBeVisible();

  // The scenario dropdown is built from the stored runs.
  await page
    .getByRole('combobox', { name: 'Scenario' })
    .selectOption('NovaServers.boot_and_delete_server');
  await expect(page).toHaveURL(/[?&]scenario=NovaServers\.boot_and_delete_server/);
  await expect(table.getByRole('link', { name: RUN_NAME })).toBeVisible();
  // Runs of the Dummy scenarios (demo/manifest.json) are filtered out.
  await expect(table.getByRole('link', { name: /^hooks\.json$/ })).toHaveCount(0);

  // A reload reproduces the view.
  await page.reload();
  await expect(page.getByRole('combobox', { name: 'Scenario' })).toHaveValue(
    'NovaServers.boot_and_delete_server',
  );
  await expect(table.getByRole('link', { name: RUN_NAME })).toBeVisible();
  await expect(table.getByRole('link', { name: /^hooks\.json$/ })).toHaveCount(0);
  await page.getByRole('button', { name: 'Clear filters' }).first().click();
  await expect(page).not.toHaveURL(/scenario=/);

  // Sorting by a column.
  await table.getByRole('button', { name: 'Iterations' }).click();
  await expect(page).toHaveURL(/[?&]sort=-iterations/);
  // Column 10 is Iterations; wait for the sorted page to replace the previous one.
  await expect
    .poll(async () => {
      const cells = await table.locator('tbody tr td:nth-child(10)').allInnerTexts();
      const n = cells.map((t) => Number(t.replace(/,/g, '')));
      return n.length > 0 && n.every((v, i) => i === 0 || (n[i - 1] as number) >= v);
    })
    .toBe(true);

  // Selection lives in the URL; Compare needs two runs, the first one is the baseline.
  const rows = table.locator('tbody tr');
  const boxes = table.locator('tbody input[type=checkbox]');
  const compare = page.getByTestId('compare-button');
  await boxes.nth(0).check();
  const first = await rows.nth(0).getAttribute('data-run-id');
  await expect(page).toHaveURL(new RegExp(`[?&]sel=${first}`));
  await expect(compare).toHaveAttribute('aria-disabled', 'true');
  if ((await rows.count()) >= 2) {
    await boxes.nth(1).check();
    const second = await rows.nth(1).getAttribute('data-run-id');
    await expect(page).toHaveURL(new RegExp(`[?&]sel=${first}(%2C|,)${second}`));
    await expect(compare).toHaveAttribute('aria-disabled', 'false');
    await expect(compare).toHaveAttribute(
      'href',
      `/compare?baseline=${first}&contenders=${second}`,
    );
  }
});

test('the run page keeps its tab in the URL and shows the configuration', async ({
  page,
}, testInfo) => {
  await openFuelccpRun(page);
  await page.getByRole('tab', { name: 'Configuration' }).click();
  await expect(page).toHaveURL(/[?&]tab=config/);
  await page.reload();
  await expect(page.getByRole('tab', { name: 'Configuration' })).toHaveAttribute(
    'aria-selected',
    'true',
  );
  const config = page.getByTestId('workload-config');
  await expect(config.getByText('"constant_for_duration"')).toBeVisible();
  await expect(config.getByText('m1.micro')).toBeVisible(); // scenario args: flavor

  await page.getByRole('tab', { name: 'Atomic actions' }).click();
  await expect(page).toHaveURL(/[?&]tab=details/);
  const atomic = page.getByRole('figure', { name: 'Atomic action durations per iteration' });
  await expect(atomic.locator('path.recharts-area-area')).toHaveCount(2); // boot + delete
  await page.screenshot({ path: testInfo.outputPath('run-atomic-actions.png'), fullPage: true });

  await page.getByRole('tab', { name: 'Failures' }).click();
  await expect(page.getByText('No failed iterations')).toBeVisible();
});

test('failed iterations list their errors with an expandable traceback', async ({
  page,
}, testInfo) => {
  // demo/manifest.json: fixtures/rally/rally-3.3/failures.json, Rally 3.3 Dummy scenarios with
  // failing iterations. It is there when the e2e store holds the demo data.
  const list = (await (await page.request.get('/api/runs?q=failures.json')).json()) as {
    runs: { name: string }[];
  };
  test.skip(
    !list.runs.some((r) => r.name === 'failures.json'),
    'needs the demo data (fixtures/rally/rally-3.3/failures.json) in the e2e store',
  );
  await page.goto('/?q=failures.json');
  await page
    .getByRole('link', { name: /^failures\.json$/ })
    .first()
    .click();
  await expect(page.getByTestId('run-name')).toHaveText('failures.json');
  await page.getByRole('tab', { name: /Failures/ }).click();
  await expect(page).toHaveURL(/[?&]tab=failures/);
  const table = page.getByTestId('failures-table');
  await expect(table.locator('tbody tr').first()).toBeVisible();
  const toggle = table.getByRole('button', { name: /Show traceback of iteration/ }).first();
  await toggle.click();
  await expect(table.locator('pre').first()).toContainText('Traceback');
  await page.screenshot({ path: testInfo.outputPath('run-failures.png'), fullPage: true });
});

test('an unknown run id shows the not-found page', async ({ page }, testInfo) => {
  await page.goto('/runs/run_DOESNOTEXIST0000000000000');
  await expect(page.getByRole('heading', { name: 'Run not found' })).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('run-not-found.png') });
});

test.describe('on a phone', () => {
  test.use({ viewport: { width: 375, height: 812 }, colorScheme: 'dark' });

  test('the run page fits the screen and still shows the table and charts', async ({
    page,
  }, testInfo) => {
    await openFuelccpRun(page);
    const bootRow = page
      .getByTestId('durations-table')
      .locator('tr[data-row-name="nova.boot_server"]');
    await expect(bootRow.locator('td').first()).toHaveText('4.298');
    await expect(
      page.getByRole('figure', { name: 'Duration per iteration' }).locator('svg.recharts-surface'),
    ).toBeVisible();
    // Wide tables scroll inside their panel; the page itself does not scroll sideways.
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - window.innerWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: testInfo.outputPath('run-phone-dark.png'), fullPage: true });
  });
});
