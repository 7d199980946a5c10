import fs from 'node:fs';
import { expect, test } from '@playwright/test';
import { runId } from './helpers';

// The store (playwright.config.ts) holds two real captures ingested with the same address map
// (central=127.0.0.0/24, siteS=127.0.S.0/24): mixed.pcapng (oslo RPC, MariaDB and Redis from
// sites 1–5) and amqp-oslo.pcapng (oslo RPC from sites 1–3); fixtures/csv/seed-vm-spread.csv
// (the seed's 26/20/22/32 % VM spread) and seed-table2.csv (no placement).
const tshark = JSON.parse(fs.readFileSync('fixtures/pcap/captured/expected.json', 'utf8')).files;

/** "209,791" → "210 kB", as the page prints bytes (SI, 3 significant digits). */
const kB = (bytes: number) => `${Number((bytes / 1000).toPrecision(3))} kB`;

test('compare two runs with captures: matrices side by side, their difference, services, ratios', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1366, height: 900 });
  const a = await runId(page, 'mixed.pcapng');
  const b = await runId(page, 'amqp-oslo.pcapng');
  await page.goto(`/compare?baseline=${a}&contenders=${b}`);
  await expect(page.getByRole('heading', { name: 'Compare', level: 1 })).toBeVisible();

  const traffic = page.getByTestId('compare-traffic');
  await expect(traffic).toBeVisible({ timeout: 20_000 });
  // Two matrices on the same six sites (central + site1..5): 36 cells each.
  const matrices = traffic.getByTestId('traffic-matrix');
  await expect(matrices).toHaveCount(2);
  await expect(matrices.nth(0)).toHaveAttribute('data-side', a);
  await expect(matrices.nth(1)).toHaveAttribute('data-side', b);
  for (const k of [0, 1]) await expect(matrices.nth(k).locator('svg [data-cell]')).toHaveCount(36);
  // Totals equal tshark's, all of it WAN (clients on 127.0.S.1, servers central).
  const totalA = tshark['mixed.pcapng'].bytes as number;
  const totalB = tshark['amqp-oslo.pcapng'].bytes as number;
  await expect(matrices.nth(0).locator('figcaption')).toContainText(`${kB(totalA)} in all`);
  await expect(matrices.nth(0).locator('figcaption')).toContainText('(100.0 %)');
  await expect(matrices.nth(1).locator('figcaption')).toContainText(`${kB(totalB)} in all`);
  // amqp-oslo has no client on sites 4 and 5: their cells are empty on that side.
  await expect(matrices.nth(1).locator('svg [data-cell="4,0"] text')).toHaveText('·');
  await expect(matrices.nth(0).locator('svg [data-cell="4,0"] text')).not.toHaveText('·');

  // The difference: contender − baseline, signed, with a diverging legend.
  const diff = traffic.getByTestId('traffic-difference');
  await expect(diff).toHaveCount(1);
  await expect(diff.locator('figcaption')).toContainText(`\u2212${kB(totalA - totalB)}`);
  await expect(diff.locator('svg [data-cell="4,0"] text')).toHaveText(/^\u2212/);
  await expect(traffic.getByText('less than the baseline')).toBeVisible();
  await expect(traffic.getByText('more than the baseline')).toBeVisible();
  await expect(traffic.getByText(/Contender minus baseline, bytes \(SI units\)/)).toBeVisible();

  // Services: a bar per side and service (amqp on both, mysql and redis on the baseline only).
  const services = traffic.getByTestId('traffic-services-compare');
  await expect(services.locator('.recharts-bar-rectangle path')).toHaveCount(4);
  await expect(services.getByText('amqp', { exact: true })).toBeVisible();

  // Per successful iteration: neither run has Rally iterations, and the page says so.
  const ratios = traffic.getByTestId('traffic-ratios');
  await expect(ratios.locator('tr[data-ratio="amqpMessages"]')).toContainText('n/a');
  await expect(ratios.locator('tr[data-ratio="amqpMessages"]')).toContainText(
    '112 messages in all',
  );
  await expect(ratios.locator('tr[data-ratio="amqpMessages"]')).toContainText(
    '160 messages in all',
  );
  await expect(ratios.locator('tr[data-ratio="dbQueries"]')).toContainText('328 queries in all');
  await expect(traffic.getByTestId('traffic-ratios-note')).toContainText('--run');

  // Both captures have casts to compute hosts that no inventory maps: the placement says so.
  const placement = page.getByTestId('compare-placement');
  await expect(placement.locator('tr[data-site="not mapped"]')).toContainText('100 %');
  await expect(placement.getByTestId('placement-unmapped')).toContainText('compute-4');
  await expect(placement.getByTestId('placement-unmapped')).toContainText('compute-3');

  // Screenshots from the top of the page (the header is sticky), tall enough to hold the panel.
  await page.setViewportSize({ width: 1366, height: 3000 });
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: 'test-results/compare-traffic.png', fullPage: true });
  // The whole Panel (title, metric switch and all), not only its body.
  const panel = page.locator('section').filter({ has: traffic });
  await panel.screenshot({ path: 'test-results/compare-traffic-panel.png' });

  // Messages instead of bytes: the matrices and the difference follow.
  await page
    .getByRole('radiogroup', { name: 'Traffic metric' })
    .getByRole('radio', { name: 'Messages' })
    .click();
  await expect(matrices.nth(0).locator('figcaption')).toContainText('in all');
  await expect(traffic.getByText(/Contender minus baseline, messages/)).toBeVisible();

  await page.emulateMedia({ colorScheme: 'dark' });
  await page
    .getByRole('radiogroup', { name: 'Traffic metric' })
    .getByRole('radio', { name: 'Bytes' })
    .click();
  await page.evaluate(() => window.scrollTo(0, 0));
  await panel.screenshot({ path: 'test-results/compare-traffic-panel-dark.png' });
  await page.screenshot({ path: 'test-results/compare-traffic-dark.png', fullPage: true });
});

test('VM placement compared: the seed’s spread, a capture’s unmapped hosts, a side with none', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1366, height: 900 });
  const spread = await runId(page, '4-clusters-without-az');
  const capture = await runId(page, 'mixed.pcapng');
  const none = await runId(page, 'redis-1-node');
  await page.goto(`/compare?baseline=${spread}&contenders=${capture},${none}`);
  const placement = page.getByTestId('compare-placement');
  await expect(placement).toBeVisible({ timeout: 20_000 });
  const table = placement.getByTestId('placement-table');
  for (const [site, share] of [
    ['cluster1', '26 %'],
    ['cluster2', '20 %'],
    ['cluster3', '22 %'],
    ['cluster4', '32 %'],
  ] as const)
    await expect(table.locator(`tr[data-site="${site}"]`)).toContainText(share);
  await expect(table.locator('tr[data-site="not mapped"]')).toContainText('100 %');
  // The capture's side has no share on the clusters: no difference in pp there, but the
  // unmapped share differs by +100 pp.
  await expect(
    table.locator('tr[data-site="not mapped"] [data-testid="placement-diff"]').first(),
  ).toHaveText('+100 pp');
  await expect(table.getByTestId('placement-none')).toHaveText('no placement known');
  // Grouped bars: 4 clusters + "not mapped", one bar per side with a placement and a value.
  await expect(placement.locator('.recharts-bar-rectangle path')).toHaveCount(5);
  // Sides without captures are listed in the traffic section, not dropped.
  await expect(page.getByTestId('traffic-no-capture')).toHaveCount(2); // the spread and redis-1-node
  await page.setViewportSize({ width: 1366, height: 3000 });
  await page.evaluate(() => window.scrollTo(0, 0));
  await page
    .locator('section')
    .filter({ has: placement })
    .screenshot({ path: 'test-results/compare-placement.png' });
});
