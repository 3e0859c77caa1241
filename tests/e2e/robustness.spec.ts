// An administrator reads the automatic robustness check of a demo eligibility run, then checks it
// again by hand: a bad spread is refused at its field, then a seeded check runs as a job and the run page shows how many decisions are fragile,
// the parameters, and the fragile ones with their stability and what changes them.
import { expect, test } from './fixtures';

test('admin checks the robustness of a demo run and reads the fragile decisions', async ({ page, signInAs, shot }) => {
  test.setTimeout(120_000);
  await signInAs(page, 'admin');
  await page.context().addCookies([{ name: 'NEXT_LOCALE', value: 'en', url: page.url() }]);
  await page.goto('/admin/programs');
  await page.getByRole('link', { name: 'Tax break for enterprises that raise farmers’ income' }).click();
  const runLink = page.locator('a[href*="/runs/"]').first();
  await runLink.click();
  await page.waitForURL(/\/runs\/\d+/);

  const section = page.getByTestId('robustness');
  await expect(section.getByRole('heading', { name: 'Robustness of the decisions' })).toBeVisible();
  // Checked by itself when the demo's run was written.
  const summary = section.getByTestId('robustness-summary');
  await expect(summary).toContainText('1,000 weightings, ± 20 % (uniform), seed 2026');
  await expect(summary).toContainText('Checked automatically after the run');

  // A spread beyond ±50 % is refused at its field, in words, before anything is sent.
  await section.getByLabel('Spread (± %)').fill('80');
  await section.getByRole('button', { name: 'Check robustness' }).click();
  await expect(section.getByLabel('Spread (± %)')).toHaveAttribute('aria-invalid', 'true');
  await expect(section.getByText('Enter a value from 0 to 50.')).toBeVisible();

  await section.getByLabel('Weightings to draw').fill('300');
  await section.getByLabel('Spread (± %)').fill('40');
  await section.getByLabel('Seed (optional)').fill('4242');
  await section.getByRole('button', { name: 'Check robustness' }).click();
  await expect(summary).toContainText('300 weightings, ± 40 % (uniform), seed 4242', { timeout: 60_000 });
  const fragile = Number(await summary.getAttribute('data-fragile'));
  await expect(summary).toContainText(fragile === 0 ? 'No fragile decisions' : fragile === 1 ? '1 fragile decision' : `${fragile} fragile decisions`);
  if (fragile > 0) {
    const rows = section.getByTestId('fragile-list').locator('tbody tr');
    await expect(rows.first()).toBeVisible();
    expect(await rows.count()).toBe(Math.min(fragile, 25));
    // Stability as a percentage, least stable first, and what changes it in words.
    const stabilities = (await rows.locator('td:nth-child(3)').allTextContents()).map((s) => Number(s.replace('%', '')));
    expect(stabilities.every((s) => s < 90)).toBe(true);
    expect(stabilities).toEqual([...stabilities].sort((a, b) => a - b));
    await expect(rows.first().locator('td').nth(3)).toContainText(/The condition “|The budget cut-off|The benefit tier|No benefit band|The per-county limit/);
  } else {
    await expect(section.getByText('Every decision held in at least 90 % of the weightings.')).toBeVisible();
  }
  await shot(page, 'robustness-run-desktop-en');
  await page.setViewportSize({ width: 390, height: 844 });
  await section.scrollIntoViewIfNeeded();
  await shot(page, 'robustness-run-mobile-en');
});
