import { expect, test } from '@playwright/test';

// Correcting factors on the run page (issue 4): PATCH with the write token, shown with their
// source "edited", and the run joins the group of its new fingerprint.
test('edit a run’s factors on its page', async ({ page }) => {
  await page.goto('/?q=failures');
  await page
    .getByRole('link', { name: /^failures\.json$/ })
    .first()
    .click();
  await expect(page).toHaveURL(/\/runs\/run_/);
  const before = await page.getByTestId('factors-table').textContent();
  expect(before).not.toContain('edited');

  await page.getByRole('button', { name: 'Edit factors' }).click();
  const dialog = page.getByRole('dialog', { name: 'Edit factors' });
  await dialog.getByRole('textbox', { name: 'Backend', exact: true }).fill('CockroachDB');
  await dialog.getByRole('textbox', { name: 'Sites', exact: true }).fill('9');
  await dialog.getByLabel('Write token').fill('wrong');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog.getByRole('alert')).toContainText('wrong write token');
  await dialog.getByLabel('Write token').fill('e2e-write-token');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();

  const table = page.getByTestId('factors-table');
  await expect(table).toContainText('cockroachdb');
  await expect(table).toContainText('9');
  await expect(table).toContainText('edited');
});
