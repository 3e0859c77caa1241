// The scorecard's incentives look forward (demo data: each program run on 2026Q2, 2026Q3 open):
// firm1 met every clause of the tax break but the budget ran out — it reads its rank, the cut-off
// and the relief at stake; coop1 missed last period's 55 — it reads what 2026Q3 asks of it. On its
// own page the stakeholder is "you"; an assessor reads "this stakeholder". Both languages, both widths.
import type { Page } from '@playwright/test';
import { expect, SCREENSHOTS_DIR, signedInPage, TAKE_SCREENSHOTS, test } from './fixtures';

async function ownIdOf(page: Page): Promise<number> {
  const href = await page.locator('a[data-export="csv"]').first().getAttribute('href');
  return Number(/\/api\/scorecards\/(\d+)\//.exec(href ?? '')![1]);
}

async function snap(page: Page, name: string) {
  const panel = page.getByTestId('scorecard-incentives');
  await panel.scrollIntoViewIfNeeded();
  if (TAKE_SCREENSHOTS) await panel.screenshot({ path: `${SCREENSHOTS_DIR}incentives-forward-${name}.png` });
}

test.describe('incentives looking forward', () => {
  test('firm1 reads its rank, the cut-off and the tax relief at stake; an assessor reads the same about it', async ({ browser, baseURL }) => {
    test.setTimeout(120_000);
    const page = await signedInPage(browser, baseURL, 'firm1');
    await page.goto('/me');
    const tax = page.locator('[data-determination="TAX-FARMER-INCOME"]');
    await expect(tax).toHaveAttribute('data-eligible', 'no');
    await expect(tax).toContainText('You meet the conditions, but the budget ran out before your rank.');
    await expect(tax.locator('[data-at-stake]')).toHaveText(/^At stake for you: 300,000 yuan of estimated tax relief, a tax rate 2 percentage points lower, capped per recipient\.$/);
    const standing = tax.locator('[data-standing="rank"]');
    await expect(standing).toHaveText(/You rank (\d+) of (\d+) stakeholders who qualified for money .* The budget of 5,000,000 yuan ran out at rank (\d+): the cut-off was a composite of \d+\.\d+\./);
    const [, rank, of, cut] = /You rank (\d+) of (\d+) .* at rank (\d+):/.exec((await standing.innerText()).replace(/\s+/g, ' '))!;
    expect(Number(rank)).toBeGreaterThan(Number(cut));
    expect(Number(rank)).toBeLessThanOrEqual(Number(of));
    const next = tax.locator('[data-next-period="2026Q3"]');
    await expect(next).toContainText(/In 2026Q3: composite score at least 70 \(now \d+\.\d+\) and .* → you qualify\./);
    await expect(next).toContainText('Money is then paid by rank while the budget lasts.');
    await snap(page, 'firm1-en-1280');
    const id = await ownIdOf(page);
    await page.context().close();

    const zh = await signedInPage(browser, baseURL, 'firm1', { locale: 'zh-CN', viewport: { width: 390, height: 844 } });
    await zh.goto('/me');
    const taxZh = zh.locator('[data-determination="TAX-FARMER-INCOME"]');
    await expect(taxZh.locator('[data-at-stake]')).toContainText('您可争取的优惠：估算减免税额 300,000 元');
    await expect(taxZh.locator('[data-standing="rank"]')).toContainText(/您排第 \d+ 名.*5,000,000 元预算在第 \d+ 名处用完：入围线为综合得分 \d+\.\d+/);
    await expect(taxZh.locator('[data-next-period="2026Q3"]')).toContainText('2026Q3：综合得分不低于 70');
    await snap(zh, 'firm1-zh-390');
    await zh.context().close();

    const assessor = await signedInPage(browser, baseURL, 'assessor1', { viewport: { width: 390, height: 844 } });
    await assessor.goto(`/scorecards/${id}`);
    const theirs = assessor.locator('[data-determination="TAX-FARMER-INCOME"]');
    await expect(theirs).toContainText('This stakeholder meets the conditions, but the budget ran out before its rank.');
    await expect(theirs.locator('[data-at-stake]')).toContainText('At stake for this stakeholder: 300,000 yuan');
    await expect(theirs.locator('[data-standing="rank"]')).toContainText(`This stakeholder ranks ${rank} of ${of}`);
    await expect(theirs.locator('[data-next-period="2026Q3"]')).toContainText('→ this stakeholder qualifies.');
    await expect(theirs).not.toContainText(/\byou\b/i);
    await snap(assessor, 'firm1-assessor-en-390');
    await assessor.context().close();
  });

  test('coop1 missed last period’s run and reads what 2026Q3 asks of it', async ({ browser, baseURL }) => {
    const page = await signedInPage(browser, baseURL, 'coop1');
    await page.goto('/me');
    const subsidy = page.locator('[data-determination="SUBSIDY-RURAL-STEADY"]');
    await expect(subsidy).toHaveAttribute('data-eligible', 'no');
    // The run of two is broken by 2026Q1, but 2026Q2 held 55: in 2026Q3 only "at least 60" remains.
    await expect(subsidy.locator('[data-next-period="2026Q3"]')).toContainText(/^Next period\s*In 2026Q3: composite score at least 60 \(now \d+\.\d+\) → you qualify\.$/);
    await expect(subsidy.locator('[data-at-stake]')).toContainText(/At stake for you: [\d,.]+ yuan/);
    await expect(subsidy.locator('[data-standing="pro_rata"]')).toContainText(/every award was paid at [\d.]+% of what it asked\. At that share you would receive about [\d,.]+ yuan\./);
    await snap(page, 'coop1-en-1280');
    await page.context().close();

    const zh = await signedInPage(browser, baseURL, 'coop1', { locale: 'zh-CN' });
    await zh.goto('/me');
    await expect(zh.locator('[data-determination="SUBSIDY-RURAL-STEADY"] [data-next-period="2026Q3"]')).toContainText(/2026Q3：综合得分不低于 60（当前 \d+\.\d+） → 您即符合条件。/);
    await snap(zh, 'coop1-zh-1280');
    await zh.context().close();
  });
});
