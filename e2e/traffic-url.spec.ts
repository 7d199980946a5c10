import { type Browser, expect, type Page, type TestInfo, test } from '@playwright/test';
import { runId, shareWithUi } from './helpers';

// The traffic panels keep their choices in the URL (components/hooks/useTrafficState.ts): a
// reload, a fresh browser and a share link show the same panels. The store
// (playwright.config.ts) holds the real captures mixed.pcapng (amqp, mysql and redis from sites
// 1–5 to central) and amqp-oslo.pcapng, each its own run.
const radio = (page: Page, group: string, name: string) =>
  page.getByRole('radiogroup', { name: group, exact: true }).getByRole('radio', { name });

async function inFreshBrowser(
  browser: Browser,
  testInfo: TestInfo,
  url: string,
  check: (page: Page) => Promise<void>,
) {
  const context = await browser.newContext({ baseURL: testInfo.project.use.baseURL });
  try {
    const page = await context.newPage();
    await page.setViewportSize({ width: 1366, height: 900 });
    await page.goto(url);
    await check(page);
  } finally {
    await context.close();
  }
}

/** The run page's traffic panels as the test leaves them: messages, amqp only, frames, lines. */
async function expectRunTrafficState(page: Page) {
  await expect(page.getByTestId('traffic-view')).toBeVisible({ timeout: 20_000 });
  await expect(radio(page, 'Matrix metric', 'Messages')).toHaveAttribute('aria-checked', 'true');
  await expect(radio(page, 'Service', 'amqp')).toHaveAttribute('aria-checked', 'true');
  await expect(
    page.getByRole('img', { name: 'Site × site messages (amqp)', exact: true }),
  ).toBeVisible();
  await expect(radio(page, 'Service metric', 'Messages')).toHaveAttribute('aria-checked', 'true');
  await expect(page.getByRole('list', { name: 'Services by messages' })).toBeAttached();
  await expect(radio(page, 'Series metric', 'Frames')).toHaveAttribute('aria-checked', 'true');
  await expect(radio(page, 'Chart mode', 'Lines')).toHaveAttribute('aria-checked', 'true');
  const series = page.getByRole('figure', { name: /^Frames per second per service/ });
  await expect(series.locator('path.recharts-line-curve').first()).toHaveAttribute('d', /^M/);
  await expect(series.locator('path.recharts-area-area')).toHaveCount(0);
  await expect(
    page.getByTestId('conversations-table').getByRole('columnheader', { name: /^Stream/ }),
  ).toHaveAttribute('aria-sort', 'ascending');
}

function expectParams(url: string, params: Record<string, string>) {
  const p = new URL(url).searchParams;
  for (const [k, v] of Object.entries(params)) expect(p.get(k), k).toBe(v);
}

/**
 * The page's view (checked by `check`) comes back from its URL: after a reload, in a fresh
 * browser, and through a share link made with the Share button, whose page has `share.path`
 * and keeps `share.params`.
 */
async function expectViewKept(
  page: Page,
  browser: Browser,
  testInfo: TestInfo,
  check: (page: Page) => Promise<void>,
  share: { path: RegExp; params: Record<string, string> },
) {
  const url = page.url();
  await page.reload();
  await check(page);
  expect(page.url()).toBe(url);

  await inFreshBrowser(browser, testInfo, url, check);

  const link = await shareWithUi(page);
  await inFreshBrowser(browser, testInfo, link, async (reader) => {
    await expect(reader).toHaveURL(share.path);
    expectParams(reader.url(), share.params);
    await check(reader);
  });
}

test('run page: the traffic panels’ choices are in the URL, reload, fresh browser and share link', async ({
  page,
  browser,
}, testInfo) => {
  await page.setViewportSize({ width: 1366, height: 900 });
  const id = await runId(page, 'mixed.pcapng');
  await page.goto(`/runs/${id}?section=traffic`);
  await expect(page.getByTestId('traffic-view')).toBeVisible({ timeout: 20_000 });
  // Defaults are not in the URL.
  for (const k of ['tm', 'tsvc', 'sm', 'ts', 'tmode', 'csort'])
    expect(new URL(page.url()).searchParams.has(k), k).toBe(false);

  await radio(page, 'Matrix metric', 'Messages').click();
  await expect(page).toHaveURL(/[?&]tm=messages(&|$)/);
  await radio(page, 'Service', 'amqp').click();
  await expect(page).toHaveURL(/[?&]tsvc=amqp(&|$)/);
  await radio(page, 'Service metric', 'Messages').click();
  await expect(page).toHaveURL(/[?&]sm=messages(&|$)/);
  await radio(page, 'Series metric', 'Frames').click();
  await expect(page).toHaveURL(/[?&]ts=frames(&|$)/);
  await radio(page, 'Chart mode', 'Lines').click();
  await expect(page).toHaveURL(/[?&]tmode=lines(&|$)/);
  await page
    .getByTestId('conversations-table')
    .getByRole('button', { name: /^Stream/ })
    .click();
  await expect(page).toHaveURL(/[?&]csort=stream(&|$)/);
  const url = page.url();
  expectParams(url, {
    section: 'traffic',
    tm: 'messages',
    tsvc: 'amqp',
    sm: 'messages',
    ts: 'frames',
    tmode: 'lines',
    csort: 'stream',
  });
  await expectRunTrafficState(page);
  // The panels with their toggles (a Panel is a <section>); the upper one first, from the top.
  for (const [name, el] of [
    [
      'traffic-url-series.png',
      page
        .getByRole('figure', { name: /per second per service/ })
        .locator('xpath=ancestor::section[1]'),
    ],
    [
      'traffic-url-matrix.png',
      page.getByTestId('site-matrix').locator('xpath=ancestor::section[1]'),
    ],
  ] as const)
    await el.screenshot({ path: testInfo.outputPath(name) });

  // A reload, a fresh browser and a share link made from this view open on the same panels.
  expect(page.url()).toBe(url);
  await expectViewKept(page, browser, testInfo, expectRunTrafficState, {
    path: /\/share\/[0-9a-z]{26}\/runs\//,
    params: { tm: 'messages', tsvc: 'amqp', ts: 'frames', tmode: 'lines' },
  });

  // Back to a default: its parameter leaves the URL.
  await page.keyboard.press('Escape');
  await radio(page, 'Matrix metric', 'Bytes').click();
  await expect(page).not.toHaveURL(/[?&]tm=/);
  await radio(page, 'Service', 'All').click();
  await expect(page).not.toHaveURL(/[?&]tsvc=/);
  await radio(page, 'Chart mode', 'Stacked').click();
  await expect(page).not.toHaveURL(/[?&]tmode=/);
  expectParams(page.url(), { section: 'traffic', ts: 'frames' });
});

test('compare page: the traffic metric is in the URL, reload, fresh browser and share link', async ({
  page,
  browser,
}, testInfo) => {
  await page.setViewportSize({ width: 1366, height: 900 });
  const a = await runId(page, 'mixed.pcapng');
  const b = await runId(page, 'amqp-oslo.pcapng');
  await page.goto(`/compare?baseline=${a}&contenders=${b}`);
  const traffic = page.getByTestId('compare-traffic');
  await expect(traffic).toBeVisible({ timeout: 20_000 });
  await expect(page).not.toHaveURL(/[?&]tm=/);

  await radio(page, 'Traffic metric', 'Messages').click();
  await expect(page).toHaveURL(/[?&]tm=messages(&|$)/);
  const url = page.url();
  expectParams(url, { baseline: a, contenders: b, tm: 'messages' });

  const expectMessages = async (p: Page) => {
    const t = p.getByTestId('compare-traffic');
    await expect(t).toBeVisible({ timeout: 20_000 });
    await expect(radio(p, 'Traffic metric', 'Messages')).toHaveAttribute('aria-checked', 'true');
    await expect(t.getByRole('heading', { name: 'Site × site messages' })).toBeVisible();
    await expect(
      t
        .getByTestId('traffic-matrix')
        .first()
        .getByRole('img', { name: /^Site × site messages/ }),
    ).toBeVisible();
  };
  await expectMessages(page);

  expect(page.url()).toBe(url);
  await expectViewKept(page, browser, testInfo, expectMessages, {
    path: /\/share\/[0-9a-z]{26}\/compare\?/,
    params: { tm: 'messages' },
  });

  await page.keyboard.press('Escape');
  await radio(page, 'Traffic metric', 'Bytes').click();
  await expect(page).not.toHaveURL(/[?&]tm=/);
  await expect(traffic.getByRole('heading', { name: 'Site × site bytes' })).toBeVisible();
});
