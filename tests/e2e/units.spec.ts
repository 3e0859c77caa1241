// Units in the reader's language: a cooperative's scorecard (page and CSV) in Chinese names its
// units 万元 and 人, never the English ones; an administrator picks an indicator's unit from the
// catalogue and adds a unit with both names.
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

const ENGLISH_UNITS = /\b(persons|10k yuan|households|sessions)\b/;

async function setLocale(page: Page, locale: 'en' | 'zh-CN') {
  // One cookie for the whole site (a cookie set from a deeper page would only cover its path).
  await page.context().addCookies([{ name: 'NEXT_LOCALE', value: locale, domain: new URL(page.url()).hostname, path: '/' }]);
}

test.describe('units', () => {
  test('the Chinese scorecard and its CSV show 万元 and 人, no English unit', async ({ page, signInAs, shot }) => {
    await signInAs(page, 'coop1');
    await setLocale(page, 'zh-CN');
    await page.goto('/me?period=2026Q2');
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
    await expect(page.getByRole('table').first()).toBeVisible();
    const text = await page.locator('main').innerText();
    expect(text).toContain('万元');
    expect(text).toMatch(/\d 人/);
    expect(text).not.toMatch(ENGLISH_UNITS);
    await shot(page, 'units-scorecard-zh');

    const href = await page.locator('a[data-export="csv"]').getAttribute('href');
    const id = Number(/\/api\/scorecards\/(\d+)\//.exec(href ?? '')![1]);
    const csv = await (await page.request.get(`/api/scorecards/${id}/export?format=csv&period=2026Q2`)).text();
    expect(csv).toContain('万元');
    expect(csv).not.toMatch(ENGLISH_UNITS);

    await setLocale(page, 'en');
    await page.goto('/me?period=2026Q2');
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    expect(await page.locator('main').innerText()).toContain('10k yuan');
  });

  test('an administrator picks a unit from the catalogue and adds one with both names', async ({ page, signInAs }) => {
    const code = `e2e_units_${Date.now().toString(36)}`;
    const unitCode = `u${Date.now().toString(36)}`;
    await signInAs(page, 'admin');
    await setLocale(page, 'en');
    await page.goto('/admin/indicators');
    await page.getByRole('button', { name: 'New indicator' }).first().click();
    await page.getByRole('textbox', { name: 'Code', exact: true }).fill(code);
    await page.getByLabel('Name (Chinese)').first().fill('冷库容量');
    await page.getByLabel('Name (English)').first().fill('Cold-store capacity');
    const unit = page.getByRole('combobox', { name: 'Unit' });
    await unit.selectOption('tonne');
    await expect(unit).toHaveValue('tonne');

    // A unit the catalogue lacks: added with both names, then chosen.
    await page.getByRole('button', { name: 'Add a unit' }).click();
    const adding = page.getByRole('form', { name: 'New unit' });
    await adding.getByRole('textbox', { name: 'Code' }).fill(unitCode);
    await adding.getByRole('textbox', { name: 'Name (Chinese)' }).fill('立方米');
    await adding.getByRole('textbox', { name: 'Name (English)' }).fill('m³');
    await expect(adding.getByText('Shows as 1,234.5 m³')).toBeVisible();
    await adding.getByRole('button', { name: 'Add unit' }).click();
    await expect(unit).toHaveValue(unitCode);
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(page.getByText(`Indicator ${code} is created.`)).toBeVisible();
    await page.getByRole('searchbox', { name: 'Search code or name' }).fill(code);
    await expect(page.getByRole('row').filter({ hasText: code })).toContainText('m³');

    await setLocale(page, 'zh-CN');
    await page.reload();
    await page.getByRole('searchbox').fill(code);
    await expect(page.getByRole('row').filter({ hasText: code })).toContainText('立方米');
  });
});
