// Appeals in the browser: firm1 contests a published value with a PDF as evidence, assessor1
// proposes to accept it with a corrected value (and cannot confirm their own proposal), assessor2
// confirms, and firm1 sees the appeal accepted with its timeline. Screenshots of the form and the
// appeal page at 1280 and 390 px, English and Chinese.
import { expect, signedInPage, shot, test } from './fixtures';
import { acceptAppeal, fileAppeal, openAppealWindow } from './appeals-flow';

test.describe('appeals', () => {
  test('file with a file, propose, confirm by a second assessor: the stakeholder sees it accepted', async ({ browser, baseURL }) => {
    test.setTimeout(180_000);
    const admin = await signedInPage(browser, baseURL, 'admin');
    await openAppealWindow(admin);
    const firm = await signedInPage(browser, baseURL, 'firm1');
    const path = await fileAppeal(firm);
    // The evidence is served as an attachment that is never sniffed.
    const href = await firm.locator('a[href^="/api/appeals/files/"]').first().getAttribute('href');
    const file = await firm.request.get(href!);
    expect(file.headers()['content-disposition']).toMatch(/^attachment;/);
    expect(file.headers()['x-content-type-options']).toBe('nosniff');

    const a1 = await signedInPage(browser, baseURL, 'assessor1');
    await a1.goto('/appeals');
    await expect(a1.locator(`a[href="${path}"]`)).toBeVisible();
    const a2 = await signedInPage(browser, baseURL, 'assessor2');
    await acceptAppeal(a1, a2, path);

    await firm.goto(path);
    await expect(firm.locator('[data-appeal-decision="accepted"]')).toBeVisible();
    await expect(firm.locator('[data-step]')).toHaveCount(3);
    await shot(firm, 'appeal-accepted-1280');
    await firm.setViewportSize({ width: 390, height: 844 });
    await shot(firm, 'appeal-accepted-390');

    const zh = await signedInPage(browser, baseURL, 'firm1', { locale: 'zh-CN', viewport: { width: 390, height: 844 } });
    await zh.goto(path);
    await expect(zh.getByText('已采纳').first()).toBeVisible();
    await shot(zh, 'appeal-accepted-zh-390');

    await admin.goto('/admin/appeals');
    await expect(admin.getByRole('columnheader', { name: 'Median days to decision' })).toBeVisible();
    await shot(admin, 'appeals-overview-1280');
  });
});
