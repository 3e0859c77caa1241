// Notifications and the county heatmap on a phone: an administrator returns assessor5's submitted
// evaluation (河口: no other spec reviews there) → assessor5's bell counts 1 unread → the page lists
// it → opening it marks it read. Then the heatmap at 390 px: columns labelled, cells that open the
// township's work list, a legend with numbers. Screenshots of both at 390 and 1280 px, English and
// Chinese, in /tmp/h6-*.png.
import type { Browser, Page } from '@playwright/test';
import { expect, SCREENSHOTS_DIR, signedInPage, TAKE_SCREENSHOTS, test } from './fixtures';

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };

const asUser = (browser: Browser, baseURL: string | undefined, username: string, locale: 'en' | 'zh-CN' = 'en'): Promise<Page> =>
  signedInPage(browser, baseURL, username, { locale, viewport: DESKTOP });

async function snap(page: Page, name: string, viewport: { width: number; height: number }) {
  await page.setViewportSize(viewport);
  await page.evaluate(() => window.scrollTo(0, 0));
  if (TAKE_SCREENSHOTS) await page.screenshot({ path: `${SCREENSHOTS_DIR}notifications-${name}-${viewport.width}.png`, fullPage: true });
}

/** One of the assessor's own submitted evaluations (the page says so to its submitter). */
async function ownSubmitted(a5: Page): Promise<string> {
  await a5.goto('/evaluations?status=submitted&pageSize=100');
  const hrefs = await a5.locator('main a[href^="/evaluations/"]').evaluateAll((els) => [...new Set(els.map((e) => e.getAttribute('href')!).filter((h) => /^\/evaluations\/\d+$/.test(h)))]);
  expect(hrefs.length).toBeGreaterThan(0);
  for (const href of hrefs) {
    await a5.goto(href);
    await expect(a5.getByRole('heading', { level: 1 })).toBeVisible();
    if (await a5.getByText(/You submitted this evaluation/).count()) return href;
  }
  throw new Error('assessor5 has no submitted evaluation of their own in the demo data');
}

test.describe('notifications', () => {
  test('a return reaches the assessor: the bell counts it, the page lists it, opening it marks it read', async ({ browser, baseURL }) => {
    test.setTimeout(180_000);
    const a5 = await asUser(browser, baseURL, 'assessor5');
    // Start from nothing unread (a period nearing its due date may have told them already).
    await a5.goto('/notifications');
    const markAll = a5.getByRole('button', { name: 'Mark all as read' });
    if (await markAll.count()) {
      await markAll.click();
      await expect(markAll).toHaveCount(0);
    }
    await expect(a5.getByRole('link', { name: 'Notifications, none unread' })).toBeVisible();
    const href = await ownSubmitted(a5);

    const admin = await asUser(browser, baseURL, 'admin');
    await admin.goto(href);
    await admin.getByRole('button', { name: 'Return for changes' }).click();
    await admin.getByLabel('Reason').fill('请补充合作社成员名单的盖章扫描件。');
    await admin.getByRole('alertdialog').getByRole('button', { name: 'Return for changes' }).click();
    await expect(admin.getByTestId('return-reason')).toHaveText('请补充合作社成员名单的盖章扫描件。');

    // Moving to another page in the app (the layout stays) brings the new count.
    await a5.getByRole('navigation').getByRole('link', { name: 'County dashboard' }).click();
    await a5.waitForURL(/\/assessor\/dashboard$/);
    // At least this one (a period another spec creates meanwhile notifies assessor5 too).
    const bell = a5.getByRole('link', { name: /^Notifications, [1-9]\d* unread$/ });
    await expect(bell).toBeVisible();
    await a5.goto('/assessor');
    await expect(bell).toBeVisible();
    await snap(a5, 'bell-en', DESKTOP);
    await snap(a5, 'bell-en', PHONE);
    await a5.setViewportSize(DESKTOP);
    await bell.click();
    await a5.waitForURL(/\/notifications$/);
    // This return's notification (a retry finds the first attempt's too, read or not).
    const item = a5.getByTestId('notifications').getByRole('listitem').filter({ hasText: 'returned the evaluation of' }).filter({ has: a5.locator(`a[href="${href}"]`) }).first();
    await expect(item).toHaveAttribute('data-unread', 'true');
    await expect(item.getByText('Reason: 请补充合作社成员名单的盖章扫描件。')).toBeVisible();
    await expect(a5.getByTestId('notifications-summary')).toHaveText(/^[1-9]\d* unread/);
    await snap(a5, 'notifications-en', DESKTOP);
    await snap(a5, 'notifications-en', PHONE);
    await a5.setViewportSize(DESKTOP);

    // Opening it goes to the evaluation, and it is read from then on.
    await item.getByRole('link').click();
    await a5.waitForURL((url) => url.pathname === href);
    await a5.goto('/notifications');
    await expect(a5.getByTestId('notifications').getByRole('listitem').filter({ has: a5.locator(`a[href="${href}"]`) }).first()).not.toHaveAttribute('data-unread', 'true');

    // The same list in Chinese, rendered in the reader's language.
    const zh = await asUser(browser, baseURL, 'assessor5', 'zh-CN');
    await zh.goto('/notifications');
    await expect(zh.getByRole('heading', { name: '通知', level: 1 })).toBeVisible();
    await expect(zh.getByTestId('notifications').getByText(/退回了 .+ 期的评估。/)).toBeVisible();
    await expect(zh.getByRole('link', { name: /^通知，/ })).toBeVisible();
    await snap(zh, 'notifications-zh', DESKTOP);
    await snap(zh, 'notifications-zh', PHONE);
  });

  test('the county heatmap on a phone: labelled columns, cells that open the township list, a legend with numbers', async ({ browser, baseURL }) => {
    for (const locale of ['en', 'zh-CN'] as const) {
      const page = await asUser(browser, baseURL, 'assessor1', locale);
      await page.setViewportSize(PHONE);
      await page.goto('/assessor/dashboard');
      const grid = page.getByTestId('heatmap-grid').first();
      await expect(grid).toBeVisible();
      // Every objective column is labelled inside the phone's width, with its full name as title.
      const headers = grid.locator('thead th[title]');
      expect(await headers.count()).toBeGreaterThan(0);
      for (const th of await headers.all()) {
        await th.scrollIntoViewIfNeeded();
        const box = (await th.boundingBox())!;
        expect(box.x + box.width).toBeLessThanOrEqual(PHONE.width);
        expect((await th.innerText()).trim()).toBe(await th.getAttribute('title'));
      }
      const legend = page.getByTestId('heatmap-legend').first();
      await expect(legend).toContainText(locale === 'en' ? '80 and above' : '80 及以上');
      await expect(legend).toContainText(locale === 'en' ? '20 to under 40' : '20 至低于 40');
      const suffix = locale === 'en' ? 'en' : 'zh';
      await snap(page, `heatmap-${suffix}`, PHONE);
      await snap(page, `heatmap-${suffix}`, DESKTOP);
      if (locale === 'en') {
        await page.setViewportSize(PHONE);
        const cell = grid.locator('tbody td a').first();
        await expect(cell).toHaveAccessibleName(/Open its evaluations\.$/);
        const target = (await cell.getAttribute('href'))!;
        expect(target).toMatch(/^\/evaluations\?regionId=\d+&periodId=\d+$/);
        await cell.click();
        await page.waitForURL((url) => url.pathname === '/evaluations' && url.searchParams.has('regionId'));
        await expect(page.locator('[data-testid^="work-row-"], [data-testid^="work-card-"]').first()).toBeVisible();
      }
      await page.context().close();
    }
  });
});
