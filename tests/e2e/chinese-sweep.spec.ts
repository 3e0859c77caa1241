// A sweep of the app in 中文: every page each role can open, and forms in their error state (the
// KPI-set editor with a bad weight, the stakeholder form, the evaluation form), fail on any
// English sentence a reader can see (a run of three or more Latin words that is not a code, a
// unit, an address or a proper name in the allowlist below). All findings of a page are listed
// at once (soft assertions), so one run shows everything left to translate.
import type { Browser, Page } from '@playwright/test';
import { test, expect, signedInPage } from './fixtures';

// Words that stay Latin in Chinese on purpose: product and method names, file formats.
const ALLOWED = [/\bkpi-set\/v1\b/gi, /\bCRITIC\b/g, /\bAHP\b/g, /\bTOPSIS\b/g, /\bWPS\b/g, /\bExcel\b/g, /\bLibreOffice\b/g, /\bPDF\b/g, /\bCSV\b/g, /\bXLSX\b/g, /\bJSON\b/g, /\bUTF-8\b/g, /\bGB18030\b/g];
const URL_OR_EMAIL = /\b(?:https?:\/\/\S+|[\w.+-]+@[\w-]+\.[\w.]+)/g;
// Three or more Latin words in a row, within one cell (a code such as ru_member_income carries "_" or
// digits and is one word at most; a tab separates table cells).
const SENTENCE = /(?<![\w-])[A-Za-z][A-Za-z'’]*(?: +[A-Za-z][A-Za-z'’]*){2,}(?![\w-])/g;

/** English runs in a text, after taking out addresses and allowed names. */
export function englishRuns(text: string): string[] {
  let t = text.replace(URL_OR_EMAIL, ' ');
  for (const a of ALLOWED) t = t.replace(a, ' ');
  return [...new Set(t.split('\n').flatMap((line) => [...line.matchAll(SENTENCE)].map((m) => m[0])))];
}

/**
 * What a reader sees: the rendered text, labels read out by screen readers, placeholders and the
 * title. Content marked as English on purpose (`lang="en"`, e.g. a rule's English sentence shown
 * beside the Chinese one) or as not to be translated (`translate="no"`: people's own words, such
 * as an audit reason) is left out.
 */
async function visibleText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const skipped = Array.from(document.querySelectorAll<HTMLElement>('body [lang^="en"], [translate="no"]'));
    const display = skipped.map((el) => el.style.display);
    for (const el of skipped) el.style.display = 'none';
    const parts = [document.title, document.body.innerText];
    skipped.forEach((el, i) => (el.style.display = display[i]!));
    for (const el of Array.from(document.querySelectorAll<HTMLElement>('[placeholder],[aria-label],[title]'))) {
      if (!el.getClientRects().length || el.closest('[lang^="en"], [translate="no"]')) continue;
      for (const attr of ['placeholder', 'aria-label', 'title']) {
        const v = el.getAttribute(attr);
        if (v) parts.push(v);
      }
    }
    return parts.join('\n');
  });
}

async function settle(page: Page) {
  // Pages that poll (a job, the bell) never go quiet: a few seconds is enough for the rest.
  await page.waitForLoadState('networkidle', { timeout: 5_000 }).catch(() => undefined);
  // Client lists load after hydration: wait for their skeletons to go.
  await expect(page.locator('[data-slot="skeleton"], .animate-pulse')).toHaveCount(0, { timeout: 10_000 }).catch(() => undefined);
}

async function sweep(page: Page, where: string) {
  await settle(page);
  const runs = englishRuns(await visibleText(page));
  expect.soft(runs, `English on ${where} (${page.url()})`).toEqual([]);
}

const chineseUser = (browser: Browser, baseURL: string | undefined, username: string): Promise<Page> =>
  signedInPage(browser, baseURL, username, { locale: 'zh-CN', viewport: { width: 1280, height: 900 } });

/** The first link on the page whose path matches, e.g. /evaluations/123. */
async function firstLink(page: Page, pattern: RegExp): Promise<string | null> {
  const hrefs = await page.locator('a[href]').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
  return hrefs.find((h) => pattern.test(h.split('?')[0]!)) ?? null;
}

async function visitAll(page: Page, paths: string[], discover: [from: string, pattern: RegExp][] = []) {
  for (const path of paths) {
    await page.goto(path);
    await sweep(page, path);
  }
  for (const [from, pattern] of discover) {
    await page.goto(from);
    await settle(page);
    // Some lists load in the browser after the page (the KPI sets): give them time on a busy machine.
    await page
      .waitForFunction((source) => [...document.querySelectorAll('a[href]')].some((a) => new RegExp(source).test((a.getAttribute('href') ?? '').split('?')[0]!)), pattern.source, { timeout: 15_000 })
      .catch(() => undefined);
    const href = await firstLink(page, pattern);
    expect.soft(href, `a link matching ${pattern} on ${from}`).not.toBeNull();
    if (!href) continue;
    await page.goto(href);
    await sweep(page, href);
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

  test('signed out', async ({ browser, baseURL }) => {
    const context = await browser.newContext({ baseURL, locale: 'zh-CN' });
    await context.addCookies([{ name: 'NEXT_LOCALE', value: 'zh-CN', url: baseURL! }]);
    const page = await context.newPage();
    await visitAll(page, ['/sign-in', '/no-such-page']);
  });

  test('administrator: the admin pages', async ({ browser, baseURL }) => {
    test.setTimeout(180_000);
    const page = await chineseUser(browser, baseURL, 'admin');
    await visitAll(
      page,
      ['/', '/admin', '/admin/audit', '/admin/indicators', '/admin/kpi-sets', '/admin/periods', '/admin/programs', '/admin/programs/new', '/admin/regions', '/admin/stakeholders', '/admin/users'],
      [
        ['/admin/kpi-sets', /^\/admin\/kpi-sets\/\d+$/],
        ['/admin/programs', /^\/admin\/programs\/\d+$/],
      ],
    );
  });

  test('administrator: evaluations, scorecards, stakeholders and their own pages', async ({ browser, baseURL }) => {
    test.setTimeout(180_000);
    const page = await chineseUser(browser, baseURL, 'admin');
    await visitAll(
      page,
      ['/evaluations', '/evaluations/import', '/scorecards/county', '/stakeholders/import', '/stakeholders/new', '/notifications', '/me', '/me/profile', '/me/profile/password'],
      [
        ['/admin/stakeholders', /^\/stakeholders\/\d+$/],
        ['/evaluations', /^\/evaluations\/\d+$/],
      ],
    );
  });

  test('administrator: a program’s run and editor, a stakeholder’s scorecard and its print view', async ({ browser, baseURL }) => {
    test.setTimeout(180_000);
    const page = await chineseUser(browser, baseURL, 'admin');
    // A program's page links its runs and its editor.
    await page.goto('/admin/programs');
    await settle(page);
    const program = await firstLink(page, /^\/admin\/programs\/\d+$/);
    if (program) await visitAll(page, [], [[program, /^\/admin\/programs\/\d+\/runs\/\d+$/], [program, /^\/admin\/programs\/\d+\/edit$/]]);
    // A stakeholder's page links its scorecard.
    await page.goto('/admin/stakeholders');
    await settle(page);
    const stakeholder = await firstLink(page, /^\/stakeholders\/\d+$/);
    if (stakeholder) {
      await page.goto(stakeholder);
      await settle(page);
      const card = await firstLink(page, /^\/scorecards\/\d+$/);
      expect.soft(card, `a scorecard link on ${stakeholder}`).not.toBeNull();
      if (card) await visitAll(page, [card, `${card}/print`]);
    }
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

  test('assessor: every page and the evaluation form in its error state', async ({ browser, baseURL, shot }) => {
    test.setTimeout(240_000);
    const page = await chineseUser(browser, baseURL, 'assessor1');
    await visitAll(
      page,
      ['/', '/assessor', '/assessor/dashboard', '/evaluations', '/evaluations/import', '/scorecards/county', '/notifications', '/me', '/me/profile'],
      [['/evaluations', /^\/evaluations\/\d+$/]],
    );
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

  // Three users, four pages each, every scorecard with its plan and incentives.
  for (const username of ['town1', 'coop1', 'firm1']) {
    test(`stakeholder user ${username}`, async ({ browser, baseURL }) => {
      test.setTimeout(120_000);
      const page = await chineseUser(browser, baseURL, username);
      // /me is the stakeholder's own scorecard.
      await visitAll(page, ['/', '/me', '/me/profile', '/notifications']);
      await page.context().close();
    });
  }
});
