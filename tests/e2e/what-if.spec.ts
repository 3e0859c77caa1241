// The scorecard's summary, combined plan and what-if panel as a stakeholder uses them: firm1
// (band B, no single indicator reaches band A) reads a plain summary, finds a combined plan in the
// path panel (open by default), applies it in the what-if panel and sees band A reached; a value
// outside its valid range is refused next to its field. Screenshots in both languages, wide and narrow.
import type { Page } from '@playwright/test';
import { expect, signedInPage, test } from './fixtures';

async function planOf(page: Page) {
  const plan = page.locator('[data-combined-plan]');
  await expect(plan).toBeVisible();
  return plan.locator('[data-plan-step]');
}

test.describe('what-if', () => {
  test('firm1 applies the combined plan in the what-if panel and reaches the next band', async ({ browser, baseURL, shot }) => {
    test.setTimeout(120_000);
    const page = await signedInPage(browser, baseURL, 'firm1');
    await page.goto('/me');

    // The summary at the top speaks to the reader.
    const summary = page.locator('[data-scorecard-summary]');
    await expect(summary).toContainText(/You are in band B/);
    await expect(summary).toContainText(/points to band A\./);
    await expect(summary).toContainText(/the cheapest combination:/);
    await expect(summary).toContainText(/Weakest goal:/);

    // The path panel is open and leads with the combined plan of two or three indicators.
    await expect(page.locator('details[data-next-band]')).toHaveAttribute('open', '');
    const steps = await planOf(page);
    const count = await steps.count();
    expect(count).toBeGreaterThanOrEqual(2);
    expect(count).toBeLessThanOrEqual(3);
    // An indicator already at its best says so instead of "not reachable".
    await expect(page.locator('details[data-next-band] table').getByText('at the top goalpost', { exact: false }).first()).toBeVisible();

    // Before any change: the published values.
    const panel = page.locator('[data-what-if]');
    const result = panel.locator('[data-what-if-result]');
    await expect(result).toContainText('These are the published values.');

    await panel.getByRole('button', { name: 'Apply the combined plan' }).click();
    await expect(result.locator('[data-what-if-band]')).toHaveAttribute('data-what-if-band', 'A');
    await expect(result.locator('[data-what-if-reaches]')).toHaveText('Reaches band A.');
    // The plan's values are in the inputs, one per step.
    const codes = await steps.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-plan-step')!));
    for (const code of codes) await expect(panel.locator(`[data-what-if-input="${code}"]`)).not.toHaveValue('');
    await expect(result.locator('[data-what-if-program]').first()).toBeVisible();
    await shot(page, 'what-if-firm1-plan-en-1280');

    // Less of any one step of the plan misses the band (firm1's plan raises higher-is-better values).
    const first = panel.locator(`[data-what-if-input="${codes[0]}"]`);
    const planned = Number(await first.inputValue());
    await first.fill(String(Math.floor(planned * 0.9)));
    await expect(result).toContainText(/points short of band A\./);

    // A value outside the valid range is refused at its field, in words.
    await first.fill('-5');
    await expect(panel.getByText(/^At least /).first()).toBeVisible();
    await expect(result).toContainText('Correct the values marked above to see the result.');
    await panel.getByRole('button', { name: 'Reset' }).click();
    await expect(result).toContainText('These are the published values.');

    // Keyboard: the inputs are labelled, reachable by Tab, and typing re-scores.
    await first.focus();
    await page.keyboard.press('Control+A');
    await page.keyboard.type(String(planned));
    await expect(result.locator('[data-what-if-composite]')).toBeVisible();
    await page.context().close();
  });

  test('the summary, plan and what-if read in Chinese and fit a phone', async ({ browser, baseURL, shot }) => {
    test.setTimeout(120_000);
    const zh = await signedInPage(browser, baseURL, 'firm1', { locale: 'zh-CN' });
    await zh.goto('/me');
    const summary = zh.locator('[data-scorecard-summary]');
    await expect(summary).toContainText(/你处于 B 档/);
    await expect(summary).toContainText(/距 A 档还差 [\d.]+ 分。/);
    await expect(summary).toContainText(/最弱的目标：/);
    await zh.getByRole('button', { name: '套用组合方案' }).click();
    await expect(zh.locator('[data-what-if-reaches]')).toHaveText('达到 A 档。');
    await shot(zh, 'what-if-firm1-plan-zh-1280');
    await zh.context().close();

    // coop1 is a fraction of a point below band B: one indicator suffices, named with its values.
    const coop = await signedInPage(browser, baseURL, 'coop1', { locale: 'zh-CN' });
    await coop.goto('/me');
    await expect(coop.locator('[data-scorecard-summary]')).toContainText(/^你处于 C 档（合格），综合得分 [\d.]+。距 B 档还差 0\.2 分。最容易的一步：.+ → .+。最弱的目标：.+。$/);
    await coop.getByRole('button', { name: '套用最容易的一步' }).click();
    await expect(coop.locator('[data-what-if-reaches]')).toHaveText('达到 B 档。');
    await coop.context().close();

    for (const locale of ['en', 'zh-CN'] as const) {
      const phone = await signedInPage(browser, baseURL, 'firm1', { locale, viewport: { width: 390, height: 844 } });
      await phone.goto('/me');
      // Phones get the plan as cards, the planned value in view.
      await expect(phone.locator('[data-plan-card]').first()).toBeVisible();
      await phone.locator('[data-apply-plan]').click();
      await expect(phone.locator('[data-what-if-band]')).toHaveAttribute('data-what-if-band', 'A');
      // Nothing wider than the screen.
      expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      await shot(phone, `what-if-firm1-plan-${locale}-390`);
      await phone.context().close();
    }

    // An assessor's view speaks of the stakeholder, not to "you".
    const assessor = await signedInPage(browser, baseURL, 'assessor1');
    const firmId = await (async () => {
      const page = await signedInPage(browser, baseURL, 'firm1');
      await page.goto('/me');
      const href = await page.locator('a[data-export="csv"]').getAttribute('href');
      await page.context().close();
      return Number(/\/api\/scorecards\/(\d+)\//.exec(href ?? '')![1]);
    })();
    await assessor.goto(`/scorecards/${firmId}`);
    const third = assessor.locator('[data-scorecard-summary]');
    await expect(third).toContainText(/ is in band B /);
    await expect(third).not.toContainText('You are');
    await assessor.context().close();
  });
});
