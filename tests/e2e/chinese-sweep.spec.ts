// 中文 beyond the page walk: the walk (a11y.spec.ts) checks every page of the admin, assessor1 and
// firm1 in Chinese for English sentences a reader can see (page-checks.ts); here the states it does
// not reach (forms in their error state: the KPI-set editor with a bad weight, the stakeholder
// form, the evaluation form; a page whose calls get no answer) and the other demo users' pages.
// All findings of a page are listed at once (soft assertions), so one run shows everything left
// to translate.
import type { Browser, Page } from '@playwright/test';
import { test, expect, signedInPage } from './fixtures';
import { englishRuns, expectNoEnglish } from './page-checks';

async function settle(page: Page) {
  // Pages that poll (a job, the bell) never go quiet: a few seconds is enough for the rest.
  await page.waitForLoadState('networkidle', { timeout: 5_000 }).catch(() => undefined);
  // Client lists load after hydration: wait for their skeletons to go.
  await expect(page.locator('[data-slot="skeleton"], .animate-pulse')).toHaveCount(0, { timeout: 10_000 }).catch(() => undefined);
}

async function sweep(page: Page, where: string) {
  await settle(page);
  await expectNoEnglish(page, where);
}

const chineseUser = (browser: Browser, baseURL: string | undefined, username: string): Promise<Page> =>
  signedInPage(browser, baseURL, username, { locale: 'zh-CN', viewport: { width: 1280, height: 900 } });

async function visitAll(page: Page, paths: string[]) {
  for (const path of paths) {
    await page.goto(path);
    await sweep(page, path);
  }
}

test.describe('中文 everywhere', () => {
  // The sweeps are independent: in parallel they spread over the workers instead of one worker
  // walking every page in turn at the end of the run.
  test.describe.configure({ mode: 'parallel' });

  test('the heuristic finds English sentences and lets codes, units and names through', () => {
    expect(englishRuns('请先选择 Choose a period first。')).toEqual(['Choose a period first']);
    expect(englishRuns('ru_member_income_growth_pct 6.2 % · 10k yuan · kpi-set/v1 · admin@example.com · https://a.b/c d e')).toEqual([]);
    expect(englishRuns('CRITIC 与 AHP 组合')).toEqual([]);
  });

  test('administrator: the KPI-set editor with a bad weight', async ({ browser, baseURL, shot }) => {
    test.setTimeout(120_000);
    const page = await chineseUser(browser, baseURL, 'admin');
    // The KPI-set editor: a new draft of the market set, an objective weight of 0 and one left empty.
    await page.goto('/admin/kpi-sets');
    const market = page.locator('[data-testid^="kpi-set-market"]').first();
    await expect(market.getByRole('table')).toBeVisible();
    const leftover = market.getByRole('link', { name: /草稿/ });
    if (await leftover.count()) await leftover.first().click();
    else await market.getByRole('button', { name: '新建草稿' }).first().click();
    await page.waitForURL(/\/admin\/kpi-sets\/\d+$/);
    const objectives = page.locator('[data-testid^="objective-"]');
    await objectives.nth(0).getByLabel('目标权重').fill('0');
    await objectives.nth(1).getByLabel('目标权重').fill('');
    await expect(page.getByText('目标 1 · 权重')).toBeVisible();
    await expect(page.getByText('请输入大于 0 的数值。').first()).toBeVisible();
    // Saving stays disabled while the draft breaks a rule.
    await expect(page.getByRole('button', { name: '保存草稿' })).toBeDisabled();
    await sweep(page, 'the KPI-set editor with a bad weight');
    await shot(page, 'chinese-sweep-kpi-editor-errors-zh');
    await page.getByRole('button', { name: '放弃草稿' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: '放弃草稿' }).click();
    await page.waitForURL(/\/admin\/kpi-sets$/);
  });

  test('administrator: the stakeholder form with errors, and a page whose calls get no answer', async ({ browser, baseURL, shot }) => {
    test.setTimeout(120_000);
    const page = await chineseUser(browser, baseURL, 'admin');
    // The stakeholder form, sent empty and then with a mistyped credit code.
    await page.goto('/stakeholders/new');
    await page.getByRole('button', { name: '创建主体' }).click();
    await expect(page.locator('[aria-invalid="true"]').first()).toBeVisible();
    await sweep(page, 'the stakeholder form sent empty');
    await page.getByLabel(/统一社会信用代码/).fill('91532523MA6N0XJ9');
    await page.getByRole('button', { name: '创建主体' }).click();
    await sweep(page, 'the stakeholder form with a bad credit code');
    await shot(page, 'chinese-sweep-stakeholder-form-errors-zh');

    // A call that gets no answer says so in Chinese, not with the browser's "Failed to fetch".
    await page.route('**/api/trpc/**', (route) => route.abort('internetdisconnected'));
    await page.goto('/admin/periods');
    await expect(page.getByText('无法连接服务器，请检查网络后重试。')).toBeVisible({ timeout: 20_000 });
    await sweep(page, 'a page whose calls get no answer');
    await page.unroute('**/api/trpc/**');
  });

  test('second administrator', async ({ browser, baseURL }) => {
    const page = await chineseUser(browser, baseURL, 'admin2');
    await visitAll(page, ['/', '/admin', '/admin/programs', '/notifications']);
  });

  test('assessor: the evaluation form in its error state', async ({ browser, baseURL, shot }) => {
    test.setTimeout(120_000);
    const page = await chineseUser(browser, baseURL, 'assessor1');
    // An evaluation not started yet: start it, type a value out of range and submit with gaps.
    await page.goto('/evaluations?status=not_started&type=rural');
    const start = page.getByRole('button', { name: /开始填报/ }).first();
    await expect(start).toBeVisible();
    await start.click();
    await page.waitForURL(/\/evaluations\/\d+$/);
    const first = page.locator('input[id^="f-"][id$="-value"]').first();
    await first.fill('-150');
    await page.getByRole('button', { name: '提交审核' }).click();
    await expect(page.locator('[aria-invalid="true"]').first()).toBeVisible();
    await sweep(page, 'the evaluation form in its error state');
    await shot(page, 'chinese-sweep-evaluation-form-errors-zh');
  });

  // Two more stakeholder users (firm1 is walked), four pages each, every scorecard with its plan and incentives.
  for (const username of ['town1', 'coop1']) {
    test(`stakeholder user ${username}`, async ({ browser, baseURL }) => {
      test.setTimeout(120_000);
      const page = await chineseUser(browser, baseURL, username);
      // /me is the stakeholder's own scorecard.
      await visitAll(page, ['/', '/me', '/me/profile', '/notifications']);
      await page.context().close();
    });
  }
});
