// No lost edits on the evaluation form: two assessors editing one draft keep each other's fields
// (a conflict only for a field both changed, chosen per field); leaving right after typing still
// saves, and input that never reached the server is offered back; an invalid field does not hold
// back the valid ones. Uses 屏边 stakeholders not yet started, the last of the list (fresh database per run).
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { test, expect, signedInPage } from './fixtures';

async function asUser(browser: Browser, baseURL: string | undefined, username: string): Promise<{ context: BrowserContext; page: Page }> {
  const page = await signedInPage(browser, baseURL, username);
  return { context: page.context(), page };
}

/** Starts the last not-started evaluation of a type in the list (other specs take the first ones) and returns its URL. */
async function startLast(page: Page, type: 'rural' | 'market'): Promise<string> {
  await page.goto(`/evaluations?status=not_started&type=${type}`);
  const rows = page.locator('[data-testid^="work-row-"]');
  await expect(rows.first()).toBeVisible();
  const codes = await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')!.replace('work-row-', '')));
  await page.getByTestId(`work-row-${codes[codes.length - 1]}`).getByRole('button', { name: /Start the evaluation/ }).click();
  await page.waitForURL(/\/evaluations\/\d+$/);
  return page.url();
}

const field = (page: Page, code: string, f: 'value' | 'note' | 'evidenceUrl' = 'value') => page.locator(`#f-${code}-${f}`);
const saved = (page: Page) => expect(page.getByTestId('save-state')).toHaveText(/Draft saved/, { timeout: 15_000 });

test.describe('no lost edits on the evaluation form', () => {
  test('two assessors on one draft: different fields are both kept, the same field is a conflict chosen per field', async ({ browser, baseURL, shot }) => {
    test.setTimeout(120_000);
    const { page: a1 } = await asUser(browser, baseURL, 'assessor1');
    const url = await startLast(a1, 'rural');
    await field(a1, 'ru_collective_income_10k').fill('40');
    await saved(a1);

    const { page: a2 } = await asUser(browser, baseURL, 'assessor2');
    await a2.goto(url);
    await expect(field(a2, 'ru_collective_income_10k')).toHaveValue('40');

    // assessor1 changes a value and a note; assessor2, on the older copy, another value and note.
    await field(a1, 'ru_specialty_output_10k').fill('250');
    await field(a1, 'ru_collective_income_10k', 'note').fill('村集体账本');
    await saved(a1);
    await field(a2, 'ru_members_trained').fill('33');
    await field(a2, 'ru_specialty_output_10k', 'note').fill('含合作社代销');
    await saved(a2);
    await expect(a2.getByTestId('conflicts')).toHaveCount(0);
    // assessor2's form took in assessor1's fields with the save.
    await expect(field(a2, 'ru_specialty_output_10k')).toHaveValue('250');
    await expect(field(a2, 'ru_collective_income_10k', 'note')).toHaveValue('村集体账本');
    await a1.reload();
    await expect(field(a1, 'ru_specialty_output_10k')).toHaveValue('250');
    await expect(field(a1, 'ru_collective_income_10k', 'note')).toHaveValue('村集体账本');
    await expect(field(a1, 'ru_members_trained')).toHaveValue('33');
    await expect(field(a1, 'ru_specialty_output_10k', 'note')).toHaveValue('含合作社代销');

    // Both change the same value: a conflict on that field only, both versions side by side;
    // assessor2's other change in the same save is saved.
    await field(a1, 'ru_collective_income_10k').fill('41');
    await saved(a1);
    await field(a2, 'ru_collective_income_10k').fill('42');
    await field(a2, 'ru_dividend_per_member_yuan').fill('480');
    const row = a2.getByTestId('conflict-ru_collective_income_10k-value');
    await expect(row).toBeVisible({ timeout: 15_000 });
    await expect(a2.getByTestId('conflicts').locator('tbody tr')).toHaveCount(1);
    await expect(row.getByTestId('theirs')).toHaveText('41');
    await expect(row.getByTestId('mine')).toHaveText('42');
    await expect(a2.getByTestId('conflicts')).toContainText('陶春燕');
    await shot(a2, 'evaluations-conflict-per-field-en');
    await row.getByRole('button', { name: 'Keep mine' }).click();
    await saved(a2);
    await a1.reload();
    await expect(field(a1, 'ru_collective_income_10k')).toHaveValue('42');
    await expect(field(a1, 'ru_dividend_per_member_yuan')).toHaveValue('480');
    await expect(field(a1, 'ru_specialty_output_10k')).toHaveValue('250');
    await expect(field(a1, 'ru_members_trained')).toHaveValue('33');
  });

  test('leaving right after typing saves; input that never reached the server is offered back', async ({ browser, baseURL, shot }) => {
    test.setTimeout(120_000);
    const { context, page } = await asUser(browser, baseURL, 'assessor1');
    const url = await startLast(page, 'rural');

    // An in-app navigation within 300 ms of typing: the pending edit is sent on the way out.
    await field(page, 'ru_specialty_output_10k').fill('321');
    await page.waitForTimeout(100);
    await page.getByRole('link', { name: /Back to the work list/ }).click();
    await page.waitForURL((u) => u.pathname === '/evaluations');
    // The keepalive request may still be on its way when the page is opened again.
    await expect
      .poll(async () => {
        await page.goto(url);
        return field(page, 'ru_specialty_output_10k').inputValue();
      }, { timeout: 10_000 })
      .toBe('321');

    // An edit that never reaches the server (saves refused here): leaving asks first; then the
    // browser dies (a new context with this one's cookies and storage, as after a crash) and the
    // next visit offers the kept input back.
    await page.route('**/api/trpc/evaluations.save*', (route) => route.abort());
    await field(page, 'ru_members_trained').fill('27');
    await expect.poll(() => page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('evaluation-draft:')).length)).toBe(1);
    const asked = new Promise<string>((resolve) => page.once('dialog', (d) => void d.dismiss().then(() => resolve(d.type()))));
    await page.close({ runBeforeUnload: true });
    expect(await asked).toBe('beforeunload');
    expect(page.isClosed()).toBe(false);
    const after = await browser.newContext({ baseURL, locale: 'en-US', viewport: { width: 1280, height: 800 }, storageState: await context.storageState() });
    const again = await after.newPage();
    await again.goto(url);
    await expect(field(again, 'ru_members_trained')).toHaveValue('');
    await expect(again.getByTestId('restore-offer')).toBeVisible();
    await shot(again, 'evaluations-restore-offer-en');
    await again.getByRole('button', { name: 'Restore' }).click();
    await expect(field(again, 'ru_members_trained')).toHaveValue('27');
    await saved(again);
    await again.reload();
    await expect(field(again, 'ru_members_trained')).toHaveValue('27');
    await expect(again.getByTestId('restore-offer')).toHaveCount(0);
  });

  test('an invalid field stays marked and unsaved while the valid ones save', async ({ browser, baseURL }) => {
    test.setTimeout(120_000);
    const { page } = await asUser(browser, baseURL, 'assessor1');
    await startLast(page, 'market');
    const bad = field(page, 'mk_rd_investment_pct');
    await bad.fill('150');
    await field(page, 'mk_value_added_10k').fill('55');
    await expect(page.getByTestId('save-state')).toHaveText(/Not saved: the marked fields/, { timeout: 15_000 });
    await expect(bad).toHaveAttribute('aria-invalid', 'true');
    const describedBy = (await bad.getAttribute('aria-describedby')) ?? '';
    const message = page.locator(describedBy.split(' ').map((id) => `[id="${id}"]`).join(', '));
    await expect(message.filter({ hasText: 'At most 100%.' })).toBeVisible();

    // After a reload (accepting the prompt about the unsaved field) the valid value is stored, the invalid one is not.
    page.on('dialog', (d) => void d.accept());
    await page.reload();
    await expect(field(page, 'mk_value_added_10k')).toHaveValue('55');
    await expect(field(page, 'mk_rd_investment_pct')).toHaveValue('');
    await expect(page.getByTestId('restore-offer')).toBeVisible();
  });
});
