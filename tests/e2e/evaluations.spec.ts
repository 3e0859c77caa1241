// Assessors at work: enter and submit an evaluation, review it (return with a reason, fix,
// resubmit, approve), import a file (a report of its problems, then the fixed file), and the
// county dashboard. Uses 屏边 stakeholders not yet started in the open period (fresh db per run).
import type { Browser, Page } from '@playwright/test';
import { test, expect, signInAs } from './fixtures';

const PHONE = { width: 390, height: 844 };

/** Full-page shots start at the top: the sticky header and preview otherwise land mid-page. */
async function fromTop(page: Page) {
  await page.evaluate(() => window.scrollTo(0, 0));
}

async function asUser(browser: Browser, baseURL: string | undefined, username: string, locale?: 'zh-CN'): Promise<Page> {
  const context = await browser.newContext({ baseURL, locale: 'en-US', viewport: { width: 1280, height: 800 } });
  if (locale) await context.addCookies([{ name: 'NEXT_LOCALE', value: locale, url: baseURL! }]);
  const page = await context.newPage();
  await signInAs(page, username);
  return page;
}

/** Codes of the work list's visible rows after filtering by type and "not started". */
async function notStarted(page: Page, type: 'rural' | 'market'): Promise<string[]> {
  await page.goto('/evaluations');
  await page.getByRole('combobox', { name: 'Status' }).selectOption('not_started');
  await page.getByRole('combobox', { name: 'Type' }).selectOption(type);
  // Filters live in the URL: the server has rendered the filtered page once the URL shows both.
  await page.waitForURL((url) => url.searchParams.get('status') === 'not_started' && url.searchParams.get('type') === type);
  const rows = page.locator('[data-testid^="work-row-"]');
  await expect(rows.first()).toBeVisible();
  return (await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')!.replace('work-row-', ''))));
}

const RURAL: Record<string, string> = {
  ru_at_risk_members_assisted_pct: '86',
  ru_members_from_monitored_households: '14',
  ru_collective_income_10k: '35.5',
  ru_specialty_output_10k: '220',
  ru_local_processing_share_pct: '31',
  ru_member_income_growth_pct: '6.2',
  ru_dividend_per_member_yuan: '480',
};

test.describe('evaluations', () => {
  test('enter, submit, return with a reason, fix, resubmit, approve', async ({ browser, baseURL, shot }) => {
    test.setTimeout(180_000);
    const a1 = await asUser(browser, baseURL, 'assessor1');
    const [code] = await notStarted(a1, 'rural');
    await fromTop(a1);
    await shot(a1, 'evaluations-worklist-en');
    await a1.getByTestId(`work-row-${code}`).getByRole('button', { name: /Start the evaluation/ }).click();
    await a1.waitForURL(/\/evaluations\/\d+$/);
    const url = a1.url();

    // A value out of range is refused at its field, in the same words as the server would use.
    await a1.locator('#f-ru_at_risk_members_assisted_pct-value').fill('150');
    await expect(a1.getByText('At most 100%.')).toBeVisible();
    await expect(a1.getByTestId('save-state')).toHaveText(/Not saved/);
    for (const [indicator, value] of Object.entries(RURAL)) await a1.locator(`#f-${indicator}-value`).fill(value);
    await expect(a1.getByTestId('save-state')).toHaveText(/Draft saved/, { timeout: 15_000 });
    // The live preview scores as we type.
    await expect(a1.getByTestId('preview-composite')).toHaveText(/\d/);

    // One value left empty: submitting asks for a note saying why.
    await a1.getByRole('button', { name: 'Submit for review' }).click();
    await expect(a1.getByText('No value: say why in the note before submitting.')).toBeVisible();
    await a1.locator('#f-ru_members_trained-note').fill('培训台账尚未汇总，下期补报');
    await a1.getByRole('button', { name: 'Submit for review' }).click();
    await expect(a1.getByText('Submitted', { exact: true }).first()).toBeVisible();
    await expect(a1.getByText('You submitted this evaluation; another assessor of the county reviews it.')).toBeVisible();
    await fromTop(a1);
    await shot(a1, 'evaluations-submitted-en');

    // assessor2 returns it with a reason.
    const a2 = await asUser(browser, baseURL, 'assessor2');
    await a2.goto(url);
    await a2.getByRole('button', { name: 'Return for changes' }).click();
    await a2.getByLabel('Reason').fill('带动监测户成员数与名单不一致，请核实后修改。');
    await a2.getByRole('alertdialog').getByRole('button', { name: 'Return for changes' }).click();
    await expect(a2.getByTestId('return-reason')).toHaveText('带动监测户成员数与名单不一致，请核实后修改。');

    // assessor1 sees the reason, fixes the value and resubmits.
    await a1.reload();
    await expect(a1.getByTestId('return-reason')).toBeVisible();
    await a1.locator('#f-ru_members_from_monitored_households-value').fill('12');
    await expect(a1.getByTestId('save-state')).toHaveText(/Draft saved/, { timeout: 15_000 });
    await expect(a1.getByText('Draft', { exact: true }).first()).toBeVisible();
    await a1.getByRole('button', { name: 'Submit for review' }).click();
    await expect(a1.getByText('Submitted', { exact: true }).first()).toBeVisible();

    // assessor2 approves; the timeline shows every step.
    await a2.reload();
    await a2.getByRole('button', { name: 'Approve' }).click();
    await a2.getByRole('alertdialog').getByRole('button', { name: 'Approve' }).click();
    await expect(a2.getByText(/Approved by 龙建华/)).toBeVisible();
    const timeline = a2.getByTestId('timeline');
    for (const step of ['Started', 'Submitted', 'Returned', 'Approved']) await expect(timeline.getByText(step, { exact: true }).first()).toBeVisible();
    await fromTop(a2);
    await shot(a2, 'evaluations-approved-en');

    // The same page in Chinese, on a desktop and on a phone.
    const zh = await asUser(browser, baseURL, 'assessor2', 'zh-CN');
    await zh.goto(url);
    await expect(zh.getByRole('heading', { name: '处理记录' })).toBeVisible();
    await fromTop(zh);
    await shot(zh, 'evaluations-approved-zh');
    await zh.setViewportSize(PHONE);
    await fromTop(zh);
    await shot(zh, 'evaluations-approved-zh-phone');
    await zh.goto('/evaluations');
    await expect(zh.locator('[data-testid^="work-card-"]').first()).toBeVisible();
    await shot(zh, 'evaluations-worklist-zh-phone');
    await a1.setViewportSize(PHONE);
    await a1.goto('/evaluations');
    await expect(a1.locator('[data-testid^="work-card-"]').first()).toBeVisible();
    await fromTop(a1);
    await shot(a1, 'evaluations-worklist-en-phone');
  });

  test('an import with errors shows the report; the fixed file imports', async ({ browser, baseURL, shot }) => {
    test.setTimeout(120_000);
    const a1 = await asUser(browser, baseURL, 'assessor1');
    const codes = (await notStarted(a1, 'market')).slice(0, 2);
    const header = 'stakeholder,name,mk_local_hires_monitored,mk_coop_purchases_10k,mk_value_added_10k,mk_rd_investment_pct,mk_env_violations,mk_local_farmer_wages_10k,mk_contract_farming_payments_10k,mk_profit_shared_pct';
    const good = (c: string) => `${c},,12,230,900,1.8,0,120,300,6`;
    const broken = [header, `${codes[0]},,12,230,900,180,0,120,300,6`, 'MK-9999,不存在的公司,1,2,3,1,0,1,1,1', ...codes.slice(1).map((c) => `${c},,abc,230,900,1.8,0,120,300,6`)].join('\n');
    const fixed = [header, ...codes.map(good)].join('\n');

    await a1.goto('/evaluations/import');
    await a1.getByRole('combobox', { name: 'KPI set' }).selectOption('market');
    await a1.getByLabel('File to import').setInputFiles({ name: 'q3-market.csv', mimeType: 'text/csv', buffer: Buffer.from(broken) });
    await a1.getByRole('button', { name: 'Check file' }).click();
    const problems = a1.getByTestId('import-problems');
    await expect(problems).toBeVisible();
    await expect(problems).toContainText('180 is above the valid maximum 100%.');
    await expect(problems).toContainText('Unknown stakeholder “MK-9999”');
    await expect(a1.getByText(/nothing will be imported/)).toBeVisible();
    await fromTop(a1);
    await shot(a1, 'evaluations-import-errors-en');

    // In Chinese on a phone, the same report.
    const zh = await asUser(browser, baseURL, 'assessor1', 'zh-CN');
    await zh.setViewportSize(PHONE);
    await zh.goto('/evaluations/import');
    await zh.getByRole('combobox', { name: '指标体系' }).selectOption('market');
    await zh.getByLabel('要导入的文件').setInputFiles({ name: 'q3-market.csv', mimeType: 'text/csv', buffer: Buffer.from(broken) });
    await zh.getByRole('button', { name: '检查文件' }).click();
    await expect(zh.getByTestId('import-problems')).toContainText('未知主体“MK-9999”');
    await fromTop(zh);
    await shot(zh, 'evaluations-import-errors-zh-phone');

    await a1.getByLabel('File to import').setInputFiles({ name: 'q3-market-fixed.csv', mimeType: 'text/csv', buffer: Buffer.from(fixed) });
    await a1.getByRole('button', { name: 'Check file' }).click();
    await expect(a1.getByText('No problems found')).toBeVisible();
    await a1.getByRole('button', { name: `Import ${codes.length} rows` }).click();
    await expect(a1.getByTestId('import-done')).toHaveText(codes.length === 1 ? 'One evaluation was imported.' : `${codes.length} evaluations were imported.`);
    await fromTop(a1);
    await shot(a1, 'evaluations-import-done-en');

    await a1.goto('/evaluations');
    for (const c of codes) await expect(a1.getByTestId(`work-row-${c}`).getByText('Draft', { exact: true })).toBeVisible();
  });

  test('the county dashboard shows warnings that link to evaluations', async ({ browser, baseURL, shot }) => {
    const a1 = await asUser(browser, baseURL, 'assessor1');
    await a1.goto('/assessor/dashboard');
    await expect(a1.getByRole('heading', { name: /Early warnings/ })).toBeVisible();
    await expect(a1.getByRole('heading', { name: 'Townships × objectives' })).toBeVisible();
    await fromTop(a1);
    await shot(a1, 'evaluations-dashboard-en');
    const link = a1.getByTestId('warnings-missing').getByRole('link').first();
    await expect(link).toBeVisible();
    const zh = await asUser(browser, baseURL, 'assessor1', 'zh-CN');
    await zh.goto('/assessor/dashboard');
    await expect(zh.getByRole('heading', { name: '乡镇 × 目标' })).toBeVisible();
    await fromTop(zh);
    await shot(zh, 'evaluations-dashboard-zh');
    await zh.setViewportSize(PHONE);
    await fromTop(zh);
    await shot(zh, 'evaluations-dashboard-zh-phone');
    const firstWithEvaluation = a1.locator('[data-testid^="warnings-"] a[href^="/evaluations/"]').first();
    await firstWithEvaluation.click();
    await a1.waitForURL(/\/evaluations\/\d+$/);
    await expect(a1.getByRole('heading', { name: 'History' })).toBeVisible();
  });
});
