import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { expect, type Locator, type Page, test } from '@playwright/test';

// The upload page end to end (issue 4): the write token is asked once, a real file dropped on
// the zone is uploaded with a progress bar, its ingest job is followed, and the summary links to
// the run. playwright.config.ts starts the app with EDGEPERF_TOKEN=e2e-write-token.
const TOKEN = 'e2e-write-token';
const RALLY = path.join(process.cwd(), 'fixtures/rally/rally-3.3');

async function saveToken(page: Page) {
  const panel = page.getByTestId('token-panel');
  await panel.getByLabel('Token', { exact: true }).fill(TOKEN);
  await panel.getByRole('button', { name: 'Save' }).click();
  await expect(panel).toContainText('Saved in this browser');
  // Kept for the next visit.
  expect(await page.evaluate(() => localStorage.getItem('edgeperf.writeToken'))).toBe(TOKEN);
}

/**
 * Drags a file built from `bytes` onto the zone as a browser would: a DataTransfer holding a
 * File, then dragenter, dragover and drop.
 */
async function dropFile(page: Page, zone: Locator, name: string, bytes: Buffer, type: string) {
  const dataTransfer = await page.evaluateHandle(
    ({ name, b64, type }) => {
      const raw = atob(b64);
      const data = new Uint8Array(raw.length);
      for (let i = 0; i < raw.length; i++) data[i] = raw.charCodeAt(i);
      const dt = new DataTransfer();
      dt.items.add(new File([data], name, { type }));
      return dt;
    },
    { name, b64: bytes.toString('base64'), type },
  );
  await zone.dispatchEvent('dragenter', { dataTransfer });
  await zone.dispatchEvent('dragover', { dataTransfer });
  await expect(zone).toHaveAttribute('data-dragover', 'true');
  await expect(zone).toContainText('Drop to upload');
  await zone.dispatchEvent('drop', { dataTransfer });
  await expect(zone).not.toHaveAttribute('data-dragover', 'true');
}

test('drop a Rally JSON file: upload progress, ingest progress, summary, run page', async ({
  page,
}, testInfo) => {
  await page.goto('/upload');
  await expect(page.getByRole('heading', { name: 'Upload', level: 1 })).toBeVisible();
  await expect(page.getByText('No uploads yet')).toBeVisible();
  await saveToken(page);

  // A slow uplink (≈ 24 kB/s) so the upload bar is seen moving, not only finished.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: 0,
    downloadThroughput: -1,
    uploadThroughput: 24 * 1024,
  });

  const bytes = fs.readFileSync(path.join(RALLY, 'hooks.json'));
  const zone = page.getByTestId('drop-zone');
  await dropFile(page, zone, 'hooks.json', bytes, 'application/json');

  const item = page.getByTestId('upload-item').filter({ hasText: 'hooks.json' });
  await expect(item).toBeVisible();
  const upload = item.getByTestId('upload-progress');
  // Bytes sent of the total and a percentage while it goes…
  await expect(upload).toContainText(/ of 64\.1 kB/);
  await expect(upload).toContainText(/\d+ %/);
  const bar = upload.getByRole('progressbar');
  await expect
    .poll(
      async () => {
        const pct = Number(await bar.getAttribute('aria-valuenow'));
        return pct > 0 && pct < 100;
      },
      { intervals: [50] },
    )
    .toBe(true);
  await page.screenshot({ path: testInfo.outputPath('upload-in-progress.png'), fullPage: true });
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: 0,
    downloadThroughput: -1,
    uploadThroughput: -1,
  });
  // …then all of it.
  await expect(upload).toContainText('64.1 kB sent');
  await expect(upload.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '100');

  // The ingest job shows, then finishes.
  const job = item.getByTestId('job-progress');
  await expect(job).toBeVisible();
  await expect(item).toHaveAttribute('data-job-state', 'done', { timeout: 30_000 });
  await expect(job).toHaveAttribute('data-done', 'true');

  // The summary: the run (new, or already there when the store holds the demo data), and the
  // member used by the Rally parser.
  const summary = item.getByTestId('job-summary');
  const link = summary.getByTestId('job-run-link');
  await expect(link).toHaveCount(1);
  await expect(link).toHaveText('hooks.json');
  await expect(summary.getByText(/^(new|already present)$/)).toBeVisible();
  const member = summary.getByTestId('job-members').locator('tbody tr');
  await expect(member).toHaveCount(1);
  await expect(member).toHaveAttribute('data-status', 'used');
  await expect(member).toContainText('hooks.json');
  await expect(member).toContainText('rally-');
  await page.screenshot({ path: testInfo.outputPath('upload-summary.png'), fullPage: true });

  await link.click();
  await expect(page).toHaveURL(/\/runs\/run_[^/?]+$/);
  await expect(page.getByTestId('run-name')).toHaveText('hooks.json');
  await page.screenshot({ path: testInfo.outputPath('upload-run-page.png'), fullPage: true });
});

test('drop an EnOS-style tar.gz: its members, one run with the form’s factors', async ({
  page,
}, testInfo) => {
  // An archive as EnOS leaves it: Rally reports under rally_home/, next to unrelated files.
  const dir = testInfo.outputPath('archive');
  fs.mkdirSync(path.join(dir, 'enos-run', 'rally_home'), { recursive: true });
  for (const f of ['failures.json', 'multi-runner.json']) {
    fs.copyFileSync(path.join(RALLY, f), path.join(dir, 'enos-run', 'rally_home', f));
  }
  fs.writeFileSync(path.join(dir, 'enos-run', 'notes.txt'), 'deployed on grid5000, nancy\n');
  const archive = testInfo.outputPath('enos-run.tar.gz');
  execFileSync('tar', ['czf', archive, '-C', dir, 'enos-run']);

  await page.goto('/upload');
  await saveToken(page);
  // The upload form: a campaign and two factor overrides, applied to the next files.
  await page.getByLabel('Campaign').fill('e2e upload');
  await page.getByRole('button', { name: /Factor overrides/ }).click();
  await page.getByLabel('Backend', { exact: true }).fill('redis');
  await page.getByLabel('Sites', { exact: true }).fill('4');

  await dropFile(
    page,
    page.getByTestId('drop-zone'),
    'enos-run.tar.gz',
    fs.readFileSync(archive),
    'application/gzip',
  );
  const item = page.getByTestId('upload-item').filter({ hasText: 'enos-run.tar.gz' });
  await expect(item.getByTestId('upload-progress')).toBeVisible();
  await expect(item.getByTestId('job-progress')).toBeVisible();
  await expect(item).toHaveAttribute('data-job-state', /done|failed/, { timeout: 45_000 });
  await page.screenshot({ path: testInfo.outputPath('archive-summary.png'), fullPage: true });
  // Written as it should work; a job error here is printed by this assertion.
  await expect(item.getByTestId('job-error')).toHaveCount(0);
  await expect(item).toHaveAttribute('data-job-state', 'done');

  // Every member is reported: the two Rally reports used, the note skipped.
  const rows = item.getByTestId('job-members').locator('tbody tr');
  await expect(rows.filter({ hasText: 'rally_home/failures.json' })).toHaveAttribute(
    'data-status',
    'used',
  );
  await expect(rows.filter({ hasText: 'rally_home/multi-runner.json' })).toHaveAttribute(
    'data-status',
    'used',
  );
  await expect(rows.filter({ hasText: 'notes.txt' })).toHaveAttribute('data-status', 'skipped');

  const link = item.getByTestId('job-run-link');
  await expect(link).toHaveCount(1);
  await link.click();
  await expect(page).toHaveURL(/\/runs\/run_[^/?]+$/);
  await expect(page.getByTestId('run-name')).toBeVisible();
  // The run page shows the factors set in the form.
  const factors = page.getByTestId('factors-table');
  await expect(factors.locator('tr').filter({ hasText: 'Backend' }).first()).toContainText('redis');
  await expect(
    factors
      .locator('tr')
      .filter({ hasText: /^Sites/ })
      .first(),
  ).toContainText('4');
  await expect(page.getByText('e2e upload').first()).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('archive-run-page.png'), fullPage: true });
});

test('a wrong token is refused on the file’s row and asked for again', async ({
  page,
}, testInfo) => {
  await page.goto('/upload');
  const panel = page.getByTestId('token-panel');
  await panel.getByLabel('Token', { exact: true }).fill('not-the-token');
  await panel.getByRole('button', { name: 'Save' }).click();

  await dropFile(
    page,
    page.getByTestId('drop-zone'),
    'output.json',
    fs.readFileSync(path.join(RALLY, 'output.json')),
    'application/json',
  );
  const item = page.getByTestId('upload-item').filter({ hasText: 'output.json' });
  await expect(item.getByTestId('upload-error')).toContainText('HTTP 401');
  await expect(panel.getByRole('alert')).toContainText('refused');
  await page.screenshot({ path: testInfo.outputPath('upload-401.png'), fullPage: true });

  // Saving the right token sends the refused file again.
  await saveToken(page);
  await expect(item).toHaveAttribute('data-job-state', 'done', { timeout: 30_000 });
  await expect(item.getByTestId('job-run-link')).toHaveCount(1);
});

test.describe('on a phone', () => {
  test.use({ viewport: { width: 375, height: 812 }, colorScheme: 'dark' });

  test('the file picker (reachable by keyboard) uploads several files at once', async ({
    page,
  }, testInfo) => {
    await page.goto('/upload');
    await saveToken(page);
    // The picker is a real file input inside the zone: Tab reaches it, Enter opens it.
    const picker = page.getByLabel('Choose files to upload');
    await picker.focus();
    await expect(picker).toBeFocused();
    await picker.setInputFiles([
      path.join(RALLY, 'no-name-action.json'),
      path.join(RALLY, 'output.json'),
    ]);
    const items = page.getByTestId('upload-item');
    await expect(items).toHaveCount(2);
    for (const name of ['no-name-action.json', 'output.json']) {
      const item = items.filter({ hasText: name });
      await expect(item).toHaveAttribute('data-job-state', 'done', { timeout: 30_000 });
      await expect(item.getByTestId('job-run-link')).toHaveCount(1);
    }
    await expect(page.getByRole('button', { name: 'Clear finished' })).toBeVisible();
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - window.innerWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: testInfo.outputPath('upload-phone-dark.png'), fullPage: true });
  });
});
