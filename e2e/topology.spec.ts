import { expect, type Page, test } from '@playwright/test';

// The store holds the hand-made EnOS 4.x archive (scripts/fixtures/enos/make-archives.sh):
// 3 sites grp1..grp3, 10 ms one-way delay between them (RTT 20 ms), fping results, the Kolla
// inventory; and fixtures/csv/seed-vm-spread.csv (the seed's 26/20/22/32 % over 4 clusters).

async function openRun(page: Page, query: string, name: RegExp) {
  await page.goto(`/?q=${encodeURIComponent(query)}`);
  const link = page.getByRole('link', { name }).first();
  await expect(link).toBeVisible();
  await link.click();
  await expect(page).toHaveURL(/\/runs\/run_[^/?]+/);
  await page.getByRole('tab', { name: /^Topology/ }).click();
  await expect(page).toHaveURL(/[?&]section=topology/);
  await expect(page.getByTestId('topology-view')).toBeVisible();
}

test('Topology tab: sites, services, declared and measured links', async ({ page }, testInfo) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await openRun(page, '3 sites', /^3 sites, 10 ms, MariaDB in grp1$/);

  const diagram = page.getByTestId('topology-diagram');
  await expect(diagram).toBeVisible();
  const sites = diagram.getByTestId('topology-site');
  await expect(sites).toHaveCount(3);
  for (const name of ['grp1', 'grp2', 'grp3']) {
    await expect(diagram.locator(`[data-site="${name}"]`)).toContainText(name);
  }
  // Roles and services placed in the sites (reservation + Kolla inventory).
  const grp1 = diagram.locator('[data-site="grp1"]');
  await expect(grp1).toContainText('control 1');
  await expect(grp1).toContainText('compute 6');
  await expect(grp1).toContainText('mariadb');
  await expect(grp1).toContainText('rabbitmq');
  await expect(grp1).toContainText('Computes');

  // Three links, each declared 10 ms one-way = RTT 20 ms, measured by fping (~20.14 ms).
  const links = diagram.getByTestId('topology-link');
  await expect(links).toHaveCount(3);
  await expect(links.first()).toContainText('10 ms');
  await expect(links.first()).toContainText('RTT 20 ms');
  await expect(links.first()).toContainText(/measured 20\.1\d ms/);
  await expect(diagram.locator('[data-flagged]')).toHaveCount(0);

  const table = page.getByTestId('topology-links-table');
  await expect(table.locator('tbody tr')).toHaveCount(3);
  const row = table.locator('tbody tr').first();
  await expect(row).toContainText('grp1');
  await expect(row).toContainText('grp2');
  await expect(row).toContainText('20 ms');
  await expect(row).toContainText(/20\.1\d ms/);
  // Provenance of the factors.
  await expect(page.getByTestId('topology-provenance')).toContainText('reservation.yaml');
  await expect(page.getByTestId('topology-provenance')).toContainText('fping');

  await page.screenshot({ path: testInfo.outputPath('topology-3-sites.png'), fullPage: true });
});

test('Topology tab: the seed’s VM spread over 4 clusters', async ({ page }, testInfo) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await openRun(page, '4-clusters', /^4-clusters-without-az$/);

  // No reservation: the empty state says what to add, the placement still shows.
  await expect(page.getByTestId('topology-view')).toContainText('reservation.yaml');
  const placement = page.getByTestId('vm-placement');
  await expect(placement).toBeVisible();
  await expect(page.getByText('from the summary table')).toBeVisible();
  const bars = placement.locator('[data-bar-key]');
  await expect(bars).toHaveCount(4);
  const expected = [
    ['cluster1', '26 %'],
    ['cluster2', '20 %'],
    ['cluster3', '22 %'],
    ['cluster4', '32 %'],
  ] as const;
  for (const [i, [site, share]] of expected.entries()) {
    await expect(bars.nth(i)).toContainText(site);
    await expect(bars.nth(i)).toContainText(share);
  }

  await page.screenshot({ path: testInfo.outputPath('topology-vm-spread.png'), fullPage: true });
});
