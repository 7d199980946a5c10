import { expect, test } from '@playwright/test';

// The store (playwright.config.ts) holds fixtures/csv/seed-table2.csv: Redis 1 node, Redis 4 nodes
// (twice: with replication 1 and with replication unknown, so two fingerprint groups) and MySQL
// 1 node; plus Rally runs and a capture whose backend and backend nodes are unknown.
test('coverage grid: repetitions per backend × backend nodes, missing cells, links', async ({
  page,
}, testInfo) => {
  await page.goto('/coverage?rows=backend&cols=backend_nodes');
  await expect(page.getByRole('heading', { name: 'Design coverage', level: 1 })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Coverage' })).toHaveAttribute(
    'aria-current',
    'page',
  );
  await expect(page.getByTestId('pick-rows')).toHaveValue('backend');
  await expect(page.getByTestId('pick-cols')).toHaveValue('backend_nodes');

  const grid = page.getByTestId('coverage-grid');
  await expect(grid).toBeVisible();
  const cell = (row: string, col: string) =>
    grid.locator(`[data-testid="coverage-cell"][data-row="${row}"][data-col="${col}"]`);

  // Redis × 4: two runs in two groups, which can be compared.
  const redis4 = cell('redis', '4');
  await expect(redis4).toHaveAttribute('data-runs', '2');
  await expect(redis4.getByTestId('cell-runs-link')).toContainText('2 runs');
  await expect(redis4.getByTestId('cell-groups')).toHaveText('2 groups');
  await expect(redis4.getByTestId('cell-compare-link')).toHaveAttribute(
    'href',
    /^\/compare\?baseline=run_\w+&contenders=run_\w+$/,
  );

  // MySQL × 4: no run, marked missing.
  const mysql4 = cell('mysql', '4');
  await expect(mysql4).toHaveAttribute('data-missing', 'true');
  await expect(mysql4).toHaveText('0 — missing');

  // Unknown is the last row and the last column.
  await expect(grid.locator('tbody tr').last()).toHaveAttribute('data-row', 'unknown');
  await expect(grid.locator('thead th').last()).toHaveAttribute('data-col', 'unknown');

  // Summary: the known combinations with runs, the missing ones, those with < 3 repetitions
  // (every cell here: the seed table has one run per configuration).
  await expect(page.getByTestId('coverage-summary')).toContainText(
    /\d+ of \d+ combinations have runs; [1-9]\d* missing; [1-9]\d* cells? with fewer than 3 repetitions/,
  );
  await expect(page.getByTestId('coverage-summary')).toContainText('at least 3 repetitions');

  await page.screenshot({ path: testInfo.outputPath('coverage.png'), fullPage: true });

  // Redis × 1 → the runs list filtered to its one run.
  await cell('redis', '1').getByTestId('cell-runs-link').click();
  await expect(page).toHaveURL(/\/\?(?=.*backend=redis)(?=.*backend_nodes=1)/);
  const table = page.getByTestId('runs-table');
  await expect(table).toBeVisible();
  await expect(table.locator('tbody tr')).toHaveCount(1);
  await expect(table.locator('tbody tr')).toContainText('redis-1-node');
});
