// An administrator defines a tax-break program with a two-clause rule and a budget, runs it for
// the demo's published period 2026Q2, reads why one stakeholder passed or failed, and downloads
// the beneficiary list (CSV and XLSX). Then money under control: absurd program values refused at
// their fields, and an override over budget that takes a confirmation and a second administrator.
import fs from 'node:fs';
import type { Browser, Page } from '@playwright/test';
import { expect, signedInPage, test } from './fixtures';

async function setLocale(page: Page, locale: 'en' | 'zh-CN') {
  const url = new URL(page.url());
  await page.context().addCookies([{ name: 'NEXT_LOCALE', value: locale, domain: url.hostname, path: '/' }]);
}

test('admin defines a tax break, runs it for 2026Q2, reads a determination and exports the beneficiaries', async ({ page, signInAs, shot }) => {
  test.setTimeout(180_000);
  const code = `TB-E2E-${Date.now().toString(36).toUpperCase()}`;
  await signInAs(page, 'admin');
  // Another test may have left the admin's profile in Chinese; this one reads the English page.
  await page.context().addCookies([{ name: 'NEXT_LOCALE', value: 'en', url: page.url() }]);
  await page.goto('/admin/programs');
  await expect(page.getByRole('heading', { level: 1, name: 'Incentive programs' })).toBeVisible();
  // The demo programs are listed.
  await expect(page.getByRole('link', { name: 'Tax break for enterprises that raise farmers’ income' })).toBeVisible();
  await page.getByRole('link', { name: 'New program' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'New incentive program' })).toBeVisible();

  // Submitting an empty form shows errors at the fields.
  await page.getByRole('button', { name: 'Create program' }).click();
  await expect(page.getByText('Some fields need attention; see the messages at each field.')).toBeVisible();
  await expect(page.getByLabel('Code')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText('Choose at least one stakeholder type.')).toBeVisible();

  await page.getByLabel('Code').fill(code);
  await page.getByLabel('Kind').selectOption('tax_break');
  await page.getByLabel('Name (Chinese)').fill('联农带农税收减免（测试）');
  await page.getByLabel('Name (English)').fill(`Farmer-income tax break ${code}`);
  await page.getByLabel('Market entity').check();

  // Rule: composite at least 65, and no red flag.
  const clauses = page.getByTestId('rule-clause');
  await clauses.nth(0).getByLabel('Threshold').fill('65');
  await page.getByRole('button', { name: 'Add condition' }).click();
  await clauses.nth(1).getByLabel('Condition on').selectOption('noRedFlag');
  await expect(page.getByTestId('rule-sentences')).toContainText('composite score at least 65 and no red flag');
  await expect(page.getByTestId('rule-sentences')).toContainText('综合得分不低于 65，且无红色预警');

  // Benefit: 3 points off the tax rate, tax forgone estimated from value added; budget 2,000,000.
  await page.getByLabel('Rate reduction (percentage points)').fill('3');
  await page.getByLabel('Tax base indicator').selectOption('mk_value_added_10k');
  await page.getByLabel('Base scale').fill('10000');
  await page.getByLabel('Total budget (yuan)').fill('2000000');
  // A budget without an allocation rule is refused at the field.
  await page.getByRole('button', { name: 'Create program' }).click();
  await expect(page.getByText('Choose how to allocate the budget.')).toBeVisible();
  await page.getByLabel('When demand exceeds the budget').selectOption('rank');
  await page.getByLabel('Status').selectOption('active');
  await shot(page, 'incentives-form-desktop-en');
  await page.getByRole('button', { name: 'Create program' }).click();

  await expect(page.getByText('The program was saved.')).toBeVisible();
  await expect(page.getByTestId('rule-sentence-en')).toContainText('composite score at least 65 and no red flag');
  await expect(page.getByTestId('rule-sentence-zh')).toContainText('综合得分不低于 65，且无红色预警');
  await shot(page, 'incentives-program-desktop-en');

  // Run it for the published period 2026Q2.
  await page.getByLabel('Published period').selectOption({ label: '2026Q2' });
  await page.getByRole('button', { name: 'Run eligibility' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Eligibility run for 2026Q2' })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('input-hash')).toContainText('sha256:');
  await page.getByRole('button', { name: 'Recompute and compare' }).click();
  await expect(page.getByText('Same result')).toBeVisible();
  await shot(page, 'incentives-run-desktop-en');

  // Open one stakeholder that did not meet the rule and read why, with what would qualify it.
  await page.getByLabel('Show').selectOption('ruleFailed');
  await page.waitForURL(/outcome=ruleFailed/);
  const row = page.getByTestId('determination-row').first();
  await row.getByRole('button', { name: /^Why/ }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByTestId('determination-detail')).toBeVisible();
  await expect(dialog.getByTestId('verdict')).toContainText('The rule is not met');
  const explanation = dialog.getByTestId('rule-explanation');
  await expect(explanation).toContainText('composite score at least 65');
  await expect(explanation).toContainText(/Actual [\d.,]+ · threshold 65/);
  await expect(explanation).toContainText(/red flag/);
  await expect(dialog.getByText('What would qualify')).toBeVisible();
  await expect(dialog.getByTestId('gap')).toContainText(/→/);
  await shot(page, 'incentives-determination-desktop-en');
  await page.screenshot({ path: 'test-results/screenshots/incentives-determination-viewport-en.png' });
  await dialog.getByRole('button', { name: 'Close' }).click();
  // And one that met the rule but was not paid: the budget ran out before its rank.
  await page.getByLabel('Show').selectOption('notAwarded');
  await page.waitForURL(/outcome=notAwarded/);
  await page.getByTestId('determination-row').filter({ hasText: 'Budget exhausted' }).first().getByRole('button', { name: /^Why/ }).click();
  await expect(dialog.getByTestId('verdict')).toContainText('the budget ran out before this stakeholder’s rank');
  await dialog.getByRole('button', { name: 'Close' }).click();

  // The run is checked for robustness by itself, in the background, without anyone asking.
  await expect(page.getByTestId('robustness-summary')).toContainText('Checked automatically after the run', { timeout: 60_000 });
  await expect(page.getByTestId('robustness-summary')).toContainText('1,000 weightings, ± 20 % (uniform)');

  // Export the beneficiary list: CSV, then XLSX.
  await page.getByLabel('Show').selectOption('all');
  const csvDownload = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Beneficiaries (CSV)' }).click();
  const csv = await csvDownload;
  expect(csv.suggestedFilename()).toMatch(new RegExp(`^beneficiaries-${code}-2026Q2-run\\d+\\.csv$`));
  const csvText = fs.readFileSync((await csv.path())!, 'utf8');
  const lines = csvText.replace(/^\uFEFF/, '').trim().split(/\r?\n/);
  expect(lines[0]).toBe('Code,Name,Type,County,Composite,Amount (yuan),Rate reduction (points),Title,Overridden,Override reason,Stability');
  expect(lines.length).toBeGreaterThan(1);
  // Each beneficiary's stability under that check: a share from 0 to 1.
  expect(lines.slice(1).every((line) => /^MK-.*,(0|1|0\.\d{1,4})$/.test(line))).toBe(true);
  const xlsxDownload = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Beneficiaries (Excel)' }).click();
  const xlsx = await xlsxDownload;
  expect(xlsx.suggestedFilename()).toMatch(/\.xlsx$/);
  const bytes = fs.readFileSync((await xlsx.path())!);
  expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');

  // Phone width and Chinese.
  await page.setViewportSize({ width: 390, height: 844 });
  await shot(page, 'incentives-run-phone-en');
  await page.getByRole('heading', { name: 'Determinations' }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/screenshots/incentives-run-phone-viewport-en.png' });
  await setLocale(page, 'zh-CN');
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: '2026Q2 资格测算' })).toBeVisible();
  await shot(page, 'incentives-run-phone-zh');
  await page.setViewportSize({ width: 1280, height: 800 });
  await shot(page, 'incentives-run-desktop-zh');
  await page.getByLabel('显示').selectOption('ruleFailed');
  await page.waitForURL(/outcome=ruleFailed/);
  await page.getByTestId('determination-row').first().getByRole('button', { name: /^原因/ }).click();
  await expect(page.getByRole('dialog').getByTestId('rule-explanation')).toContainText('综合得分不低于 65');
  await shot(page, 'incentives-determination-desktop-zh');
  await page.setViewportSize({ width: 390, height: 844 });
  await shot(page, 'incentives-determination-phone-zh');
  await page.screenshot({ path: 'test-results/screenshots/incentives-determination-phone-viewport-zh.png' });
  await page.getByRole('dialog').getByRole('button', { name: '关闭' }).click();
  await page.goto(new URL(page.url()).pathname.replace(/\/runs\/\d+$/, '/edit'));
  await shot(page, 'incentives-form-phone-zh');
  await page.getByText('资格条件').first().scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/screenshots/incentives-form-phone-viewport-zh.png' });
  await page.setViewportSize({ width: 1280, height: 800 });
  await shot(page, 'incentives-form-desktop-zh');
});

const asUser = (browser: Browser, baseURL: string | undefined, username: string): Promise<Page> => signedInPage(browser, baseURL, username);

test('absurd program values are refused at their fields; an override over budget needs a confirmation and a second administrator', async ({ browser, baseURL, shot }) => {
  test.setTimeout(180_000);
  const code = `SUB-E2E-${Date.now().toString(36).toUpperCase()}`;
  const page = await asUser(browser, baseURL, 'admin');
  await page.goto('/admin/programs/new');
  await page.getByLabel('Code').fill(code);
  await page.getByLabel('Name (Chinese)').fill('质量补贴（测试）');
  await page.getByLabel('Name (English)').fill(`Quality subsidy ${code}`);
  await page.getByLabel('Market entity').check();
  const threshold = page.getByTestId('rule-clause').nth(0).getByLabel('Threshold');
  await threshold.fill('-10');
  await page.getByLabel('Benefit', { exact: true }).selectOption('tiered');
  await page.getByLabel('From composite').fill('150');
  await page.getByLabel('Amount (yuan)').fill('abc');
  await page.getByLabel('Total budget (yuan)').fill('0');
  await page.getByLabel('When demand exceeds the budget').selectOption('rank');
  await page.getByLabel('Status').selectOption('active');
  await page.getByRole('button', { name: 'Create program' }).click();
  // Each message at its field (the demo's KPI sets are on a 100-point scale), none as a toast.
  await expect(page.getByText('Some fields need attention; see the messages at each field.')).toBeVisible();
  await expect(threshold).toHaveAttribute('aria-invalid', 'true');
  await expect(threshold).toHaveAccessibleDescription(/Enter a value from 0 to 100\./);
  await expect(page.getByLabel('From composite')).toHaveAccessibleDescription(/Enter a value from 0 to 100\./);
  await expect(page.getByLabel('Amount (yuan)')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByLabel('Amount (yuan)')).toHaveAccessibleDescription(/Enter a number\./);
  await expect(page.getByLabel('Total budget (yuan)')).toHaveAccessibleDescription(/Enter a value above 0\./);
  await expect(threshold).toBeFocused();
  await shot(page, 'incentives-bounds-desktop-en');

  // Fixed: 10,000 to composite ≥ 60 within a budget of 20,000.
  await threshold.fill('60');
  await page.getByLabel('From composite').fill('60');
  await page.getByLabel('Amount (yuan)').fill('10000');
  await page.getByLabel('Total budget (yuan)').fill('20000');
  await page.getByRole('button', { name: 'Create program' }).click();
  await expect(page.getByText('The program was saved.')).toBeVisible();
  await page.getByLabel('Published period').selectOption({ label: '2026Q2' });
  await page.getByRole('button', { name: 'Run eligibility' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Eligibility run for 2026Q2' })).toBeVisible({ timeout: 30_000 });
  const runUrl = page.url();

  // An override of 30,000 for one who failed the rule takes the run over budget: confirm it.
  await page.getByLabel('Show').selectOption('ruleFailed');
  await page.waitForURL(/outcome=ruleFailed/);
  const row = page.getByTestId('determination-row').first();
  const name = (await row.locator('.font-medium').first().innerText()).trim();
  await row.getByRole('button', { name: /^Why/ }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Eligible').selectOption('yes');
  await dialog.getByLabel('Amount (yuan)').fill('30000');
  await dialog.getByLabel(/^Reason/).fill('ok');
  await expect(dialog.getByText('Give a reason of at least 5 characters (spaces around it do not count).')).toBeVisible();
  await dialog.getByLabel(/^Reason/).fill('Sanction annulled on appeal; verified on site.');
  await dialog.getByRole('button', { name: 'Record override' }).click();
  const confirm = dialog.getByLabel('I confirm this override takes the run over its budget.');
  await expect(confirm).toHaveAttribute('aria-invalid', 'true');
  await expect(dialog.getByText(/over its budget of 20,000: tick the box to confirm/)).toBeVisible();
  await confirm.check();
  await dialog.getByRole('button', { name: 'Record override' }).click();
  await expect(dialog.getByTestId('override-pending')).toContainText('It takes effect once another administrator approves it.');
  await dialog.getByRole('button', { name: 'Close' }).click();
  // Pending: listed, not applied; the proposer cannot decide it.
  const pending = page.getByTestId('pending-override').filter({ hasText: name });
  await expect(pending).toContainText('Waiting for another administrator');
  await expect(pending.getByRole('button', { name: 'Approve' })).toHaveCount(0);
  await expect(page.getByTestId('over-budget')).toHaveCount(0);
  await shot(page, 'incentives-override-pending-desktop-en');

  // admin2 approves, confirming the budget as well; the run is then over budget, both names shown.
  const second = await asUser(browser, baseURL, 'admin2');
  await second.goto(runUrl);
  const theirs = second.getByTestId('pending-override').filter({ hasText: name });
  await theirs.getByRole('button', { name: 'Approve' }).click();
  const approveDialog = second.getByRole('alertdialog');
  await approveDialog.getByRole('button', { name: 'Approve' }).click();
  await approveDialog.getByLabel('I confirm this override takes the run over its budget.').check();
  await approveDialog.getByRole('button', { name: 'Approve' }).click();
  await expect(second.getByTestId('over-budget')).toContainText('over its budget of 20,000');
  await expect(second.getByTestId('pending-overrides')).toHaveCount(0);
  await second.getByLabel('Show').selectOption('overridden');
  await second.waitForURL(/outcome=overridden/);
  await second.getByTestId('determination-row').filter({ hasText: name }).getByRole('button', { name: /^Why/ }).click();
  const inEffect = second.getByRole('dialog').getByTestId('override-in-effect');
  await expect(inEffect).toContainText('Approved by 省评估办 复核员.');
  await expect(inEffect).toContainText('by 省评估办 管理员');
  await shot(second, 'incentives-override-approved-desktop-en');
  await second.context().close();
  await page.context().close();
});
