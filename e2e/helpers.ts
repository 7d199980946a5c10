import { expect, type Page } from '@playwright/test';

// What several specs need from the e2e store (playwright.config.ts) and the Share dialog.

/** The write token playwright.config.ts starts the app with (EDGEPERF_TOKEN). */
export const WRITE_TOKEN = 'e2e-write-token';

/** The id of the run named `name` in the e2e store (fails the test when there is none). */
export async function runId(page: Page, name: string): Promise<string> {
  const res = await page.request.get(`/api/runs?q=${encodeURIComponent(name)}`);
  const body = (await res.json()) as { runs: { id: string; name: string }[] };
  const run = body.runs.find((r) => r.name === name);
  expect(run, `run ${name}`).toBeTruthy();
  return run!.id;
}

/**
 * Makes a share link of the page's current view with the Share button, as a reader would: a
 * fresh browser has no write token saved, so the dialog asks for it. Returns the link.
 */
export async function shareWithUi(page: Page): Promise<string> {
  await page.getByTestId('share-button').click();
  const dialog = page.getByRole('dialog', { name: 'Share this view' });
  await expect(dialog).toBeVisible();
  await dialog.getByTestId('share-token').fill(WRITE_TOKEN);
  await dialog.getByTestId('share-create').click();
  const input = dialog.getByTestId('share-link');
  await expect(input).toHaveValue(/\/r\/[0-9a-z]{26}$/);
  return input.inputValue();
}
