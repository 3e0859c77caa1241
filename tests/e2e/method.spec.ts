// Issue 4 end to end: an admin creates an indicator, builds a new draft of a KPI set with it, sets
// the objective weights by AHP (seeing CR), previews the impact against the published version,
// and publishes with a change note. Screenshots in English and Chinese, desktop and phone.
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

async function setLocale(page: Page, locale: 'en' | 'zh-CN') {
  const current = await page.locator('html').getAttribute('lang');
  if (current === locale) return;
  await page.getByRole('combobox', { name: locale === 'zh-CN' ? 'Language' : '语言' }).selectOption(locale);
  await expect(page.locator('html')).toHaveAttribute('lang', locale);
}

test('admin builds, tunes by AHP, previews and publishes a KPI-set version', async ({ page, signInAs, shot }) => {
  test.setTimeout(180_000);
  const code = `e2e_cold_chain_${Date.now().toString(36)}`;
  await signInAs(page, 'admin');
  // Another test may have left the admin's profile in Chinese; this one reads the English page.
  await page.context().addCookies([{ name: 'NEXT_LOCALE', value: 'en', url: page.url() }]);

  // 1. A new indicator in the library.
  await page.goto('/admin/indicators');
  await page.getByRole('button', { name: 'New indicator' }).first().click();
  await page.getByRole('textbox', { name: 'Code', exact: true }).fill(code);
  await page.getByLabel('Name (Chinese)').fill('冷链覆盖率');
  await page.getByLabel('Name (English)').fill('Cold-chain coverage');
  await page.getByRole('combobox', { name: 'Unit' }).selectOption('percent');
  await page.getByLabel('Lowest valid value').fill('0');
  await page.getByLabel('Highest valid value').fill('100');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByText(`Indicator ${code} is created.`)).toBeVisible();
  await expect(page.getByRole('cell', { name: code, exact: true })).toBeVisible();
  await shot(page, 'method-indicators-desktop-en');

  // 2. A new draft of the rural KPI set (discarding a leftover draft from an earlier run).
  await page.goto('/admin/kpi-sets');
  const ruralCard = page.getByTestId('kpi-set-rural');
  await expect(ruralCard.getByRole('table')).toBeVisible();
  const leftover = ruralCard.getByRole('link', { name: /Open draft/ });
  if (await leftover.count()) {
    await leftover.first().click();
    await page.getByRole('button', { name: 'Discard draft' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Discard draft' }).click();
    await page.waitForURL(/\/admin\/kpi-sets$/);
    await expect(ruralCard.getByRole('button', { name: 'New draft' })).toBeVisible();
  }
  await shot(page, 'method-kpi-sets-desktop-en');
  await ruralCard.getByRole('button', { name: 'New draft' }).first().click();
  await page.waitForURL(/\/admin\/kpi-sets\/\d+$/);
  await expect(page.getByText('Draft', { exact: true }).first()).toBeVisible();

  // 3. Add the indicator to the first objective, see its live share, save.
  const firstObjective = page.locator('[data-testid^="objective-"]').first();
  await firstObjective.getByLabel('Add an indicator').selectOption({ label: `Cold-chain coverage (${code})` });
  await firstObjective.getByRole('button', { name: 'Add', exact: true }).click();
  const added = page.getByTestId(`indicator-${code}`);
  await expect(added).toContainText('of objective');
  await added.getByLabel('Weight').fill('0.5');
  await expect(added).toContainText('overall');
  await page.getByRole('button', { name: 'Save draft' }).click();
  await expect(page.getByText('Draft saved.')).toBeVisible();
  await shot(page, 'method-draft-editor-desktop-en');

  // 4. Objective weights by AHP: an inconsistent set first (CR shown, warning names a pair), then a consistent one.
  await page.getByRole('tab', { name: 'Weight tuning' }).click();
  const judgement = (row: string, column: string) => page.getByRole('combobox', { name: `How much more important is ${row} than ${column}` });
  await judgement('Poverty prevention', 'Industrial value').selectOption({ label: '3' });
  await judgement('Poverty prevention', 'Farmer income').selectOption({ label: '1/5' });
  await judgement('Industrial value', 'Farmer income').selectOption({ label: '5' });
  await expect(page.getByTestId('ahp-cr')).toContainText('CR =');
  await expect(page.getByText(/Inconsistent judgements/)).toBeVisible();
  await expect(page.getByText(/most at odds with the others/)).toBeVisible();
  await shot(page, 'method-ahp-inconsistent-desktop-en');
  await judgement('Poverty prevention', 'Farmer income').selectOption({ label: '2' });
  await judgement('Industrial value', 'Farmer income').selectOption({ label: '1/2' });
  await expect(page.getByText('The judgements are consistent.')).toBeVisible();
  await page.getByRole('button', { name: 'Apply to draft' }).click();
  await expect(page.getByText('The weights are written into the draft.')).toBeVisible();

  // 5. Impact against the published version, then publish with a change note.
  await page.getByRole('tab', { name: 'Impact & publish' }).click();
  await expect(page.getByTestId('spearman')).not.toHaveText('—', { timeout: 30_000 });
  await expect(page.getByText(/Draft v\d+ against published v1/)).toBeVisible();
  // Who would gain or lose eligibility under the demo's rural subsidy if the draft were published.
  await expect(page.getByTestId('impact-eligibility')).toBeVisible();
  await expect(page.getByTestId('impact-program-SUBSIDY-RURAL-STEADY').getByText('Would gain')).toBeVisible();
  await shot(page, 'method-impact-desktop-en');
  await page.setViewportSize({ width: 390, height: 844 });
  await shot(page, 'method-impact-phone-en');
  await page.setViewportSize({ width: 1280, height: 800 });

  // Robustness of the draft's ranks: a seeded sensitivity run in the browser.
  await page.getByRole('tab', { name: 'Sensitivity' }).click();
  await page.getByRole('button', { name: 'Run sensitivity' }).click();
  await expect(page.getByTestId('unstable-count')).toBeVisible({ timeout: 30_000 });
  await shot(page, 'method-sensitivity-desktop-en');

  await setLocale(page, 'zh-CN');
  await page.getByRole('tab', { name: '权重调整' }).click();
  await expect(page.getByTestId('ahp-cr')).toContainText('一致性比率');
  await shot(page, 'method-ahp-desktop-zh');
  await page.getByRole('tab', { name: '影响与发布' }).click();
  await expect(page.getByTestId('spearman')).not.toHaveText('—', { timeout: 30_000 });
  await shot(page, 'method-impact-desktop-zh');
  await page.setViewportSize({ width: 390, height: 844 });
  await shot(page, 'method-impact-phone-zh');
  await page.getByRole('tab', { name: '定义' }).click();
  await shot(page, 'method-draft-editor-phone-zh');
  await page.setViewportSize({ width: 1280, height: 800 });
  await setLocale(page, 'en');

  await page.getByRole('tab', { name: 'Impact & publish' }).click();
  await page.getByLabel('Takes effect from').selectOption({ label: '2026Q3' });
  await page.getByRole('button', { name: 'Publish version' }).click();
  await expect(page.getByText('This field is required.')).toBeVisible();
  await page.getByLabel('Change note').fill(`Add cold-chain coverage (${code}); objective weights by AHP.`);
  await page.getByRole('button', { name: 'Publish version' }).click();
  // Publishing cannot be undone: it asks first.
  await page.getByRole('alertdialog').getByRole('button', { name: 'Publish version' }).click();
  await expect(page.getByText(/Published and immutable; in effect from 2026Q3/)).toBeVisible({ timeout: 20_000 });
  await page.getByRole('tab', { name: 'Changes' }).click();
  await expect(page.getByTestId('version-diff')).toContainText(code);
  await shot(page, 'method-changes-desktop-en');

  await page.goto('/admin/kpi-sets');
  await expect(page.getByText(`Add cold-chain coverage (${code})`).first()).toBeVisible();
});

test('periods page: create a year, see the lifecycle controls', async ({ page, signInAs, shot }) => {
  await signInAs(page, 'admin');
  // Another test may have left the admin's profile in Chinese; this one reads the English page.
  await page.context().addCookies([{ name: 'NEXT_LOCALE', value: 'en', url: page.url() }]);
  await page.goto('/admin/periods');
  const year = 2040 + Math.floor(Math.random() * 50);
  await page.getByLabel('Kind').selectOption('year');
  await page.getByLabel('Year').fill(String(year));
  await page.getByRole('button', { name: 'Create period' }).click();
  await expect(page.getByText(`Period ${year} is created and open.`)).toBeVisible();
  await page.getByRole('button', { name: `Close ${year}` }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Close' }).click();
  await expect(page.getByText(`Period ${year} is closed.`)).toBeVisible();
  await page.getByRole('button', { name: `Publish ${year}` }).click();
  await expect(page.getByText('Every evaluation of this period is approved.')).toBeVisible();
  await shot(page, 'method-periods-publish-desktop-en');
  await page.getByRole('alertdialog').getByRole('button', { name: 'Publish' }).click();
  await expect(page.getByText(`Period ${year} is published`)).toBeVisible();
  await setLocale(page, 'zh-CN');
  await page.setViewportSize({ width: 390, height: 844 });
  await shot(page, 'method-periods-phone-zh');
});
