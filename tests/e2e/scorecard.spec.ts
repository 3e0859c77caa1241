// The scorecard portal as people use it: a stakeholder reads its scorecard in both languages,
// opens the path to the next band and downloads the PDF (whose text is checked); it cannot reach
// another stakeholder's scorecard or an unpublished period; an assessor drills down from the
// county scorecard.
import fs from 'node:fs';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

async function setLocale(page: Page, locale: 'en' | 'zh-CN') {
  const url = new URL(page.url());
  await page.context().addCookies([{ name: 'NEXT_LOCALE', value: locale, domain: url.hostname, path: '/' }]);
}

/**
 * All text of a PDF, whitespace removed (CJK text comes out glyph run by glyph run) and NFKC-
 * normalized: CJK fonts map some ideographs to look-alike compatibility code points (白 as ⽩,
 * the Kangxi radical), which NFKC folds back.
 */
async function pdfText(file: string): Promise<string> {
  const pdf = await getDocument({ data: new Uint8Array(fs.readFileSync(file)), useSystemFonts: false, isEvalSupported: false }).promise;
  let text = '';
  for (let p = 1; p <= pdf.numPages; p++) {
    const content = await (await pdf.getPage(p)).getTextContent();
    text += content.items.map((item) => ('str' in item ? item.str : '')).join('');
  }
  return text.normalize('NFKC').replace(/\s+/g, '');
}

/** The stakeholder id in the export links of the page. */
async function ownIdOf(page: Page): Promise<number> {
  const href = await page.locator('a[data-export="csv"]').getAttribute('href');
  return Number(/\/api\/scorecards\/(\d+)\//.exec(href ?? '')![1]);
}

test.describe('scorecard', () => {
  test('a stakeholder reads its scorecard in both languages, opens the path to the next band and downloads the PDF', async ({ page, signInAs, shot }) => {
    test.setTimeout(120_000);
    await signInAs(page, 'coop1');
    await expect(page).toHaveURL(/\/me$/);
    // Signing in applies the profile's language; the test chooses its own afterwards.
    await setLocale(page, 'en');
    await page.goto('/me');
    const name = (await page.getByRole('heading', { level: 1 }).innerText()).trim();
    expect(name).toContain('合作社');
    await expect(page.getByText('Composite score', { exact: true })).toBeVisible();
    await expect(page.getByRole('combobox', { name: 'Period' })).toHaveValue('2026Q2');
    await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My scorecard' })).toBeVisible();
    const composite = (await page.locator('[data-composite]').innerText()).trim();
    expect(composite).toMatch(/^\d+\.\d$/);
    // Coordination with its one-line explanation, the goal table behind the chart, the indicators.
    await expect(page.locator('[data-coordination-explanation]')).not.toBeEmpty();
    await page.getByText('Show the goal scores as a table').click();
    await expect(page.getByRole('table', { name: 'Goal scores' })).toBeVisible();
    await expect(page.getByRole('table', { name: /Indicators of Poverty prevention/ })).toBeVisible();
    await expect(page.getByText(/percentile/).first()).toBeVisible();

    // The path to the next band is open from the start; the keyboard closes and opens it.
    const pathTable = page.getByRole('table', { name: /Value needed per indicator to reach band/ });
    await expect(pathTable).toBeVisible();
    const summary = page.locator('[data-next-band] > summary');
    await summary.focus();
    await page.keyboard.press('Enter');
    await expect(pathTable).toBeHidden();
    await page.keyboard.press('Enter');
    await expect(pathTable).toBeVisible();
    await expect(page.locator('tr[data-cheapest="1"]')).toBeVisible();
    await expect(page.getByText(/smallest change measured as a share/)).toBeVisible();
    // Its own incentive determination for the period (the demo runs each program on 2026Q2), with the why.
    const incentives = page.getByTestId('scorecard-incentives');
    await expect(incentives.getByRole('heading', { name: 'Incentives' })).toBeVisible();
    await incentives.locator('[data-determination="SUBSIDY-RURAL-STEADY"] summary').click();
    await expect(incentives.getByTestId('rule-explanation')).toBeVisible();
    await shot(page, 'scorecard-stakeholder-desktop-en');
    await page.setViewportSize({ width: 390, height: 844 });
    await expect(page.locator('[data-composite]')).toBeVisible();
    await shot(page, 'scorecard-stakeholder-phone-en');

    // Chinese.
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.getByRole('combobox', { name: 'Language' }).selectOption('zh-CN');
    await expect(page.getByText('综合得分').first()).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
    // A fresh page: open from the start in Chinese too; the pointer closes and opens it.
    await page.reload();
    const pathTableZh = page.getByRole('table', { name: /达到 .+ 档各指标所需数值/ });
    await expect(pathTableZh).toBeVisible();
    await page.getByRole('heading', { name: '晋级路径' }).click();
    await expect(pathTableZh).toBeHidden();
    await page.getByRole('heading', { name: '晋级路径' }).click();
    await expect(pathTableZh).toBeVisible();
    await shot(page, 'scorecard-stakeholder-desktop-zh');
    await page.setViewportSize({ width: 390, height: 844 });
    await shot(page, 'scorecard-stakeholder-phone-zh');
    await page.setViewportSize({ width: 1280, height: 800 });

    // The PDF, rendered on the server by Chromium, carries the name and the composite.
    const downloadPromise = page.waitForEvent('download', { timeout: 60_000 });
    // A job on the server: its progress shows, then the file downloads.
    await page.getByRole('button', { name: '下载 PDF' }).click();
    const download = await downloadPromise;
    expect(download.suggestedFilename()).toMatch(/^scorecard-RU-\d+-2026Q2\.pdf$/);
    const file = test.info().outputPath('scorecard.pdf');
    await download.saveAs(file);
    expect(fs.readFileSync(file).subarray(0, 5).toString()).toBe('%PDF-');
    const text = await pdfText(file);
    expect(text).toContain(name.normalize('NFKC').replace(/\s+/g, ''));
    expect(text).toContain(composite);
    expect(text).toContain('晋级路径');

    // The print view and the spreadsheet exports.
    const id = await ownIdOf(page);
    const csv = await page.request.get(`/api/scorecards/${id}/export?format=csv&period=2026Q2`);
    expect(csv.status()).toBe(200);
    expect(await csv.text()).toContain(name);
    const xlsx = await page.request.get(`/api/scorecards/${id}/export?format=xlsx&period=2026Q2`);
    expect(xlsx.status()).toBe(200);
    expect(xlsx.headers()['content-type']).toContain('spreadsheetml');
    await page.goto(`/scorecards/${id}/print?period=2026Q2`);
    await expect(page.locator('[data-next-band]')).toHaveAttribute('open', '');
    await page.emulateMedia({ media: 'print' });
    await shot(page, 'scorecard-print-zh');
  });

  test('a stakeholder cannot reach another stakeholder’s scorecard nor an unpublished period', async ({ page, signInAs }) => {
    await signInAs(page, 'firm1');
    await expect(page).toHaveURL(/\/me$/);
    await setLocale(page, 'en');
    await page.goto('/me');
    const own = await ownIdOf(page);
    const other = own > 1 ? own - 1 : own + 1;
    const options = await page.getByRole('combobox', { name: 'Period' }).locator('option').allInnerTexts();
    expect(options).toEqual(['2026Q2', '2026Q1', '2025Q4']);

    for (const path of [`/scorecards/${other}`, `/scorecards/${other}/print`, '/me?period=2026Q3', `/scorecards/${own}?period=2026Q3`]) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(404);
      await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
    }
    // Pages of other roles: a plain 403 page in the user's language.
    for (const path of ['/scorecards/county', '/admin/users', '/evaluations', '/assessor/dashboard']) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(403);
      await expect(page.getByRole('heading', { name: 'You can’t open this page' })).toBeVisible();
    }
    await setLocale(page, 'zh-CN');
    expect((await page.goto('/admin/programs'))?.status()).toBe(403);
    await expect(page.getByRole('heading', { name: '您无权打开此页面' })).toBeVisible();
    await setLocale(page, 'en');
    // Another stakeholder's id is answered as one that doesn't exist, by every route.
    for (const format of ['csv', 'xlsx']) {
      expect((await page.request.get(`/api/scorecards/${other}/export?format=${format}`)).status()).toBe(404);
      expect((await page.request.get(`/api/scorecards/999999/export?format=${format}`)).status()).toBe(404);
    }
    for (const id of [other, 999999]) expect((await page.request.post(`/api/scorecards/${id}/pdf`)).status()).toBe(404);
    expect((await page.request.get(`/api/scorecards/${own}/export?format=csv&period=2026Q3`)).status()).toBe(404);
    const trpc = (proc: string, input: unknown) => page.request.get(`/api/trpc/${proc}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`);
    expect((await trpc('scorecards.get', { stakeholderId: other })).status()).toBe(404);
    expect((await trpc('scorecards.nextBand', { stakeholderId: other })).status()).toBe(404);
    expect((await trpc('scorecards.get', { period: '2026Q3' })).status()).toBe(404);
    expect((await trpc('scorecards.county', {})).status()).toBe(403);
    // Its own scorecard still works through the same procedure, and its profile stays reachable.
    expect((await trpc('scorecards.get', { stakeholderId: own })).status()).toBe(200);
    await page.goto('/me');
    await page.getByRole('link', { name: 'Profile and contact details' }).click();
    await expect(page).toHaveURL(/\/me\/profile$/);
    await expect(page.getByRole('heading', { level: 2, name: 'Profile' })).toBeVisible();
  });

  test('an assessor reads the county scorecard and drills down to a stakeholder', async ({ page, signInAs, shot }) => {
    await signInAs(page, 'assessor1');
    await setLocale(page, 'en');
    await page.goto('/assessor');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'County scorecard' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'County scorecard' })).toBeVisible();
    await expect(page.getByText('Coordination of the county\'s three goals')).toBeVisible();
    await page.getByText('Show the ranking as a table').click();
    await expect(page.getByRole('table', { name: 'Townships ranked by mean composite' })).toBeVisible();
    await shot(page, 'scorecard-county-desktop-en');
    await page.setViewportSize({ width: 390, height: 844 });
    await shot(page, 'scorecard-county-phone-en');
    await page.setViewportSize({ width: 1280, height: 800 });
    const link = page.getByRole('link', { name: /^Open the scorecard of / }).first();
    const label = (await link.getAttribute('aria-label'))!.replace('Open the scorecard of ', '');
    await link.click();
    await expect(page.getByRole('heading', { level: 1, name: label })).toBeVisible();
    await expect(page.getByText('Composite score')).toBeVisible();
    // The stakeholder page links back to the scorecard.
    await page.getByRole('link', { name: 'Profile and contact details' }).click();
    await expect(page).toHaveURL(/\/stakeholders\/\d+$/);
    await page.getByRole('link', { name: 'Scorecard', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: label })).toBeVisible();
    await setLocale(page, 'zh-CN');
    await page.goto('/scorecards/county');
    await expect(page.getByRole('heading', { level: 1, name: '县域评分卡' })).toBeVisible();
    await shot(page, 'scorecard-county-desktop-zh');
  });
});
