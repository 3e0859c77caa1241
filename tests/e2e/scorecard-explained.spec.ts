// The scorecard explains itself: the coordination text names the weakest goal (the demo
// cooperative is "good coordination", class 9, while poverty prevention trails at 47.7), C, T and
// D and the glossary open from the keyboard and close with Escape, every indicator says what it
// measures, how it changed and how it stands, and on a 390 px phone nothing runs off the page.
import type { Page } from '@playwright/test';
import { expect, signedInPage, test } from './fixtures';

/** The goals and scores of the goal table, as shown. */
async function goalScores(page: Page): Promise<{ goal: string; score: number }[]> {
  await page.getByText(/Show the goal scores as a table|以表格显示各目标得分/).click();
  const rows = page.getByRole('table', { name: /Goal scores|各目标得分/ }).locator('tbody tr');
  const out: { goal: string; score: number }[] = [];
  for (const row of await rows.all()) {
    const cells = await row.locator('td').allInnerTexts();
    out.push({ goal: cells[0]!.trim(), score: Number(cells[1]!.replace(/,/g, '')) });
  }
  return out;
}

async function pageWidth(page: Page) {
  return page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
}

test.describe('scorecard explained', () => {
  test('coordination names the weakest goal; C, T, D and the glossary open by keyboard; indicators are explained', async ({ browser, baseURL, shot }) => {
    test.setTimeout(120_000);
    const page = await signedInPage(browser, baseURL, 'coop1');
    await page.goto('/me');

    const goals = await goalScores(page);
    expect(goals.length).toBeGreaterThan(1);
    const weakest = goals.reduce((a, b) => (b.score < a.score ? b : a));
    // The case the issue reported: a high class while poverty prevention trails the other goals.
    expect(weakest.goal).toBe('Poverty prevention');
    const explanation = page.locator('[data-coordination-explanation]');
    await expect(explanation).toContainText(weakest.goal);
    await expect(explanation.locator('[data-weakest-goal]')).toContainText(String(weakest.score));
    const coordinationClass = await page.locator('[data-coordination-class]').getAttribute('data-coordination-class');
    await expect(page.locator('[data-coordination-class]')).toContainText(`Class ${coordinationClass} of 10`);

    // C, T and D: a help popover from the keyboard, closed by Escape with focus back on its button.
    const ctd = page.getByRole('button', { name: 'What are C, T and D?' });
    await ctd.focus();
    await page.keyboard.press('Enter');
    const ctdPanel = page.getByRole('dialog', { name: 'C, T and D' });
    await expect(ctdPanel).toBeVisible();
    await expect(ctdPanel).toContainText('Coupling C');
    await page.keyboard.press('Escape');
    await expect(ctdPanel).toBeHidden();
    await expect(ctd).toBeFocused();

    // The glossary, opened with the Space key this time.
    const glossary = page.getByRole('button', { name: 'Glossary' });
    await glossary.focus();
    await page.keyboard.press('Space');
    const glossaryPanel = page.getByRole('dialog', { name: 'Terms used on this scorecard' });
    await expect(glossaryPanel).toBeVisible();
    for (const term of ['Normalized', 'Goalposts', 'Share of range']) await expect(glossaryPanel.getByText(term, { exact: true })).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(glossaryPanel).toBeHidden();
    await expect(glossary).toBeFocused();
    // A single term's "?" in the indicator table's header.
    await page.getByRole('button', { name: 'What does “Goalposts” mean?' }).first().click();
    await expect(page.getByRole('dialog', { name: 'Goalposts' })).toContainText('scores full marks');
    await page.keyboard.press('Escape');

    // Each indicator: its description, the change since the previous period and a status in words.
    const table = page.getByRole('table', { name: /Indicators of Poverty prevention/ });
    await expect(table.getByRole('columnheader', { name: /Since 2026Q1/ })).toBeVisible();
    const first = table.locator('[data-indicator]').first();
    await expect(first.locator('[data-indicator-description]')).not.toBeEmpty();
    await expect(first.locator('[data-status]')).toHaveText(/On track|Needs attention|Off track|Compared with peers|Not reported/);
    await expect(first.locator('[data-trend]')).toHaveText(/\((better|worse|unchanged)\)/);
    await expect(page.locator('[data-status-rule]')).toContainText('80%');
    // The cooperative's KPI set sums its goals: no word about geometric aggregation.
    await expect(page.locator('[data-geometric-note]')).toHaveCount(0);
    await shot(page, 'scorecard-explained-desktop-en');

    // A phone: the indicators become cards and nothing is wider than the screen.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.reload();
    await expect(page.locator('[data-indicator-cards]').first()).toBeVisible();
    await expect(table.getByRole('columnheader').first()).toBeHidden();
    const width = await pageWidth(page);
    expect(width.scroll, `page is ${width.scroll}px wide at 390px`).toBeLessThanOrEqual(390);
    for (const row of await page.locator('[data-indicator]').all()) {
      const box = (await row.boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(390);
    }
    await shot(page, 'scorecard-explained-phone-en');
    await page.context().close();
  });

  test('a market entity is told why its contributions do not add up linearly', async ({ browser, baseURL }) => {
    const page = await signedInPage(browser, baseURL, 'firm1');
    await page.goto('/me');
    await expect(page.locator('[data-geometric-note]')).toContainText('geometric mean');
    await page.context().close();
  });

  test('in Chinese, on a phone, and in print without popover buttons', async ({ browser, baseURL, shot }) => {
    test.setTimeout(120_000);
    const page = await signedInPage(browser, baseURL, 'coop1', { locale: 'zh-CN', viewport: { width: 390, height: 844 } });
    await page.goto('/me');
    await expect(page.locator('[data-weakest-goal]')).toContainText('防返贫');
    await expect(page.locator('[data-coordination-class]')).toContainText(/第 \d+ 级（共 10 级）/);
    const width = await pageWidth(page);
    expect(width.scroll).toBeLessThanOrEqual(390);
    await shot(page, 'scorecard-explained-phone-zh');
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.reload();
    await shot(page, 'scorecard-explained-desktop-zh');

    const href = await page.locator('a[data-export="csv"]').getAttribute('href');
    const id = Number(/\/api\/scorecards\/(\d+)\//.exec(href ?? '')![1]);
    await page.goto(`/scorecards/${id}/print?period=2026Q2`);
    await expect(page.locator('[data-weakest-goal]')).toContainText('防返贫');
    // The print view explains C, T and D in text; on paper no popover button shows.
    await expect(page.locator('[data-coordination-help-print]')).toContainText('耦合度 C');
    await expect(page.getByRole('button', { name: /C、T、D 是什么|术语/ })).toHaveCount(0);
    // About an A4 page's width, as the PDF is laid out.
    await page.setViewportSize({ width: 794, height: 1123 });
    await page.emulateMedia({ media: 'print' });
    await expect(page.locator('[data-help-popover]:visible')).toHaveCount(0);
    // Indicator cards on paper too, without the table's header row above them.
    await expect(page.locator('[data-indicator-cards] thead').first()).toBeHidden();
    await expect(page.locator('[data-indicator]').first()).toBeVisible();
    await shot(page, 'scorecard-explained-print-zh');
    await page.context().close();
  });
});
