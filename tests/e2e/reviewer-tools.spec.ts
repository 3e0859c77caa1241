// The reviewer's tools in the browser: evidence as safe links, the change since the last period
// with its unusual-change flag, a return with a comment on one indicator that the assessor then
// sees at that field, the timeline's "what changed", and on a phone the compact bar with the
// score and save status that stays in view without covering the focused field. Screenshots at
// 390 and 1280 px, English and Chinese, go to /tmp/h5-*.png. Uses a 富宁 market stakeholder not
// yet started in the open period, with an approved value last period (assessor11 enters,
// assessor12 reviews; no other spec works in 富宁).
import type { Browser, Page } from '@playwright/test';
import { expect, SCREENSHOTS_DIR, signedInPage, TAKE_SCREENSHOTS, test } from './fixtures';

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };
const EVIDENCE = 'https://evidence.example.cn/pingbian/env-2026q3.pdf';
const COMMENT = '吸纳监测户就业人数比上期多出许多，请附用工名单。';

const asUser = (browser: Browser, baseURL: string | undefined, username: string, locale: 'en' | 'zh-CN' = 'en'): Promise<Page> =>
  signedInPage(browser, baseURL, username, { locale, viewport: DESKTOP });

async function picture(page: Page, name: string, fullPage = true) {
  if (fullPage) await page.evaluate(() => window.scrollTo(0, 0));
  if (TAKE_SCREENSHOTS) await page.screenshot({ path: `${SCREENSHOTS_DIR}reviewer-tools-${name}.png`, fullPage });
}

test('a return with a comment on one indicator; evidence links, changes and the phone bar', async ({ browser, baseURL }) => {
  test.setTimeout(240_000);
  const a1 = await asUser(browser, baseURL, 'assessor11');
  await a1.goto('/evaluations?status=not_started&type=market');
  const row = a1.locator('[data-testid^="work-row-"]').first();
  await expect(row).toBeVisible();
  await row.getByRole('button', { name: /Start the evaluation/ }).click();
  await a1.waitForURL(/\/evaluations\/\d+$/);
  const url = a1.url();

  const values: Record<string, string> = {
    mk_local_hires_monitored: '9999',
    mk_coop_purchases_10k: '700',
    mk_value_added_10k: '3300',
    mk_rd_investment_pct: '5.5',
    mk_env_violations: '0',
    mk_local_farmer_wages_10k: '450',
    mk_contract_farming_payments_10k: '880',
    mk_profit_shared_pct: '21',
  };
  for (const [code, value] of Object.entries(values)) await a1.locator(`#f-${code}-value`).fill(value);
  await a1.locator('#f-mk_env_violations-evidenceUrl').fill(EVIDENCE);
  await a1.locator('#f-mk_contract_farming_payments_10k-evidenceUrl').fill(EVIDENCE);
  // The change since the last period follows the typed value: 9,999 hires is flagged.
  await expect(a1.getByTestId('unusual-mk_local_hires_monitored')).toContainText('Unusual change');
  await expect(a1.getByTestId('save-state')).toHaveText(/Draft saved/, { timeout: 15_000 });
  await a1.getByRole('button', { name: 'Submit for review' }).click();
  await expect(a1.getByText('Submitted', { exact: true }).first()).toBeVisible();

  // assessor12 reviews: evidence opens safely in a new tab; the change is flagged for them too.
  const a2 = await asUser(browser, baseURL, 'assessor12');
  await a2.goto(url);
  const link = a2.getByTestId('evidence-mk_env_violations');
  await expect(link).toHaveAttribute('href', EVIDENCE);
  await expect(link).toHaveAttribute('target', '_blank');
  await expect(link).toHaveAttribute('rel', 'noopener noreferrer nofollow');
  await expect(link).toContainText('(opens in a new tab)');
  await expect(a2.getByTestId('unusual-mk_local_hires_monitored')).toBeVisible();
  await expect(a2.getByTestId('change-mk_value_added_10k')).toContainText('2026Q2');
  // A comment box opens at the indicator when asked for.
  await expect(a2.locator('#review-comment-mk_local_hires_monitored')).toHaveCount(0);
  await a2.getByTestId('add-comment-mk_local_hires_monitored').click();
  await expect(a2.locator('#review-comment-mk_local_hires_monitored')).toBeFocused();
  await a2.locator('#review-comment-mk_local_hires_monitored').fill(COMMENT);
  await picture(a2, 'review-en-1280');
  await a2.setViewportSize(PHONE);
  // Long evidence links shorten to fit: nothing scrolls sideways on a phone.
  expect(await a2.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
  await picture(a2, 'review-en-390');
  await a2.setViewportSize(DESKTOP);
  await a2.getByRole('button', { name: 'Return for changes' }).click();
  const dialog = a2.getByRole('alertdialog');
  await expect(dialog.getByTestId('return-comment-count')).toHaveText('One comment on an indicator is sent with the return.');
  await dialog.getByLabel('Reason').fill('请核对吸纳就业人数后重新提交。');
  await dialog.getByRole('button', { name: 'Return for changes' }).click();
  await expect(a2.getByTestId('return-reason')).toBeVisible();
  // The timeline says what the saves changed and lists the return's comment.
  const timeline = a2.getByTestId('timeline');
  await expect(timeline.getByTestId('timeline-changes').first()).toContainText('→');
  await expect(timeline).toContainText(COMMENT);

  // assessor11 sees the comment at its field.
  await a1.reload();
  await expect(a1.getByTestId('return-comment-mk_local_hires_monitored')).toContainText(COMMENT);
  await expect(a1.getByTestId('return-reason')).toBeVisible();
  await picture(a1, 'assessor-en-1280');

  // On a phone: edit the last field; the compact bar stays in view and does not cover it.
  await a1.setViewportSize(PHONE);
  const bar = a1.getByTestId('compact-bar');
  const last = a1.locator('#f-mk_profit_shared_pct-value');
  await last.focus();
  await last.fill('22');
  await expect(a1.getByTestId('compact-save-state')).toHaveText(/Draft saved/, { timeout: 15_000 });
  await expect(a1.getByTestId('compact-composite')).toHaveText(/\d/);
  await expect(bar).toBeInViewport();
  await expect(last).toBeInViewport();
  const [barBox, fieldBox] = [await bar.boundingBox(), await last.boundingBox()];
  expect(barBox!.y).toBeGreaterThanOrEqual(0);
  expect(fieldBox!.y).toBeGreaterThanOrEqual(barBox!.y + barBox!.height);
  await picture(a1, 'assessor-en-390-editing', false);

  // The same in Chinese.
  const zh = await asUser(browser, baseURL, 'assessor11', 'zh-CN');
  await zh.goto(url);
  await expect(zh.getByTestId('return-comment-mk_local_hires_monitored')).toContainText('审核人意见');
  await picture(zh, 'assessor-zh-1280');
  await zh.setViewportSize(PHONE);
  await zh.locator('#f-mk_local_farmer_wages_10k-note').focus();
  await expect(zh.getByTestId('compact-bar')).toBeInViewport();
  await picture(zh, 'assessor-zh-390-editing', false);
  const zh2 = await asUser(browser, baseURL, 'assessor12', 'zh-CN');
  await zh2.goto(url);
  await expect(zh2.getByTestId('timeline')).toContainText('→');
  await picture(zh2, 'review-zh-1280');
  await zh2.setViewportSize(PHONE);
  await picture(zh2, 'review-zh-390');
});
