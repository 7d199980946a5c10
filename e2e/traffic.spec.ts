import fs from 'node:fs';
import { expect, test } from '@playwright/test';

// tshark's numbers for the capture, written by scripts/fixtures/captures/tshark-expected.py.
const tshark = JSON.parse(fs.readFileSync('fixtures/pcap/captured/expected.json', 'utf8')).files[
  'mixed.pcapng'
] as {
  packets: number;
  bytes: number;
  conversations: unknown[];
  servicesByPort: Record<string, { bytes: number }>;
};
const kB = (bytes: number) => `${Math.round(bytes / 1000)} kB`;

// The store holds fixtures/pcap/captured/mixed.pcapng ingested with
// --sites central=127.0.0.0/24,site1=127.0.1.0/24,…,site5=127.0.5.0/24 (run name "mixed.pcapng").
// RabbitMQ, MariaDB and Redis run on 127.0.0.1 (central); clients on 127.0.S.1 play site S.
const RUN_NAME = /^mixed\.pcapng$/;

test('Traffic tab: totals equal tshark’s, the heat map and the series chart render', async ({
  page,
}, testInfo) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Runs', level: 1 })).toBeVisible();
  // The list state lives in the URL: /?q=… is the search box filled in.
  await page.goto('/?q=mixed');
  await expect(page.getByRole('searchbox', { name: 'Search runs' })).toHaveValue('mixed');
  const link = page.getByRole('link', { name: RUN_NAME }).first();
  await expect(link).toBeVisible();
  await link.click();
  await expect(page).toHaveURL(/\/runs\/run_[^/?]+/);

  await page
    .getByRole('tab', { name: /^Traffic/ })
    .or(page.getByRole('link', { name: /^Traffic/ }))
    .first()
    .click();
  await expect(page).toHaveURL(/[?&]section=traffic/);

  const view = page.getByTestId('traffic-view');
  await expect(view).toBeVisible();
  await expect(page.getByTestId('capture-file')).toHaveText('mixed.pcapng');
  // Totals as the view prints them: counts with separators, bytes in SI units and exact.
  await expect(page.getByTestId('traffic-packets')).toContainText(
    tshark.packets.toLocaleString('en'),
  );
  await expect(page.getByTestId('traffic-bytes')).toContainText(kB(tshark.bytes));
  await expect(page.getByTestId('traffic-bytes')).toContainText(
    `${tshark.bytes.toLocaleString('en')} B`,
  );
  await expect(page.getByTestId('traffic-undecoded')).toContainText('0');

  // Services by bytes, AMQP first (tshark's bytes per server port).
  const services = page.getByTestId('traffic-services');
  await expect(services.locator('[data-bar-key]')).toHaveCount(3);
  await expect(services.locator('[data-bar-key]').first()).toContainText('amqp');
  await expect(services.locator('[data-bar-key]').first()).toContainText(
    kB(tshark.servicesByPort['tcp/5672']!.bytes),
  );

  // The site × site heat map: central and site1..site5, a cell per pair, drawn in SVG.
  const matrix = page.getByTestId('site-matrix');
  await expect(matrix.locator('svg[role="img"]')).toBeVisible();
  await expect(matrix.locator('svg [data-cell]')).toHaveCount(36);
  await expect(matrix.locator('svg')).toContainText('central');
  await expect(matrix.locator('svg')).toContainText('site5');
  // Filtering by a service keeps the matrix.
  await page
    .getByRole('radiogroup', { name: 'Service', exact: true })
    .getByRole('radio', { name: 'mysql' })
    .click();
  await expect(matrix.locator('svg [data-cell]')).toHaveCount(36);

  // Bytes per second per service: a Recharts SVG with a filled area per service.
  const series = page.getByRole('figure', { name: /per second per service/ });
  await expect(series.locator('svg.recharts-surface')).toBeVisible();
  await expect(series.locator('path.recharts-area-area').first()).toHaveAttribute('d', /^M/);

  // Decoders: oslo.messaging routing keys, MySQL server version, conversations.
  await expect(page.getByTestId('amqp-routing-keys')).toContainText('conductor');
  await expect(page.getByTestId('traffic-mysql')).toContainText('MariaDB');
  await expect(page.getByTestId('conversations-table').locator('tbody tr')).toHaveCount(
    tshark.conversations.length,
  );

  await page.screenshot({ path: testInfo.outputPath('traffic.png'), fullPage: true });
});
