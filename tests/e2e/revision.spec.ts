// A correction taking effect, walked on from the appeal flow (appeals-flow.ts): firm1 contests a
// published value of 2026Q2, assessor1 proposes to accept it with a corrected value, assessor2
// confirms; the administrator previews the revision's impact and publishes it as revision 2; firm1's
// scorecard then shows the corrected value and says it was revised and why. Screenshots in English
// at 1280 px and in Chinese at 390 px.
import path from 'node:path';
import Database from 'better-sqlite3';
import { expect, shot, signedInPage, test } from './fixtures';
import { APPEAL_PERIOD, fileAndAcceptAppeal } from './appeals-flow';

const PORT = Number(process.env.E2E_PORT ?? 3100);
const DATABASE = path.join(process.cwd(), 'data', PORT === 3100 ? 'e2e.db' : `e2e-${PORT}.db`);
const NOTE = 'Income figures corrected after the county statistics office checked the appeal.';

/** firm1's stakeholder and the appeal period's id, read from the test database. */
function ids(): { stakeholderId: number; periodId: number } {
  const db = new Database(DATABASE, { readonly: true });
  try {
    const { stakeholderId } = db.prepare("select stakeholder_id as stakeholderId from user where username = 'firm1'").get() as { stakeholderId: number };
    const { periodId } = db.prepare('select id as periodId from periods where code = ?').get(APPEAL_PERIOD) as { periodId: number };
    return { stakeholderId, periodId };
  } finally {
    db.close();
  }
}

test('an accepted appeal is previewed, published as revision 2 and shown on the scorecard', async ({ browser, baseURL }) => {
  test.setTimeout(240_000);
  const { stakeholderId, periodId } = ids();
  const scorecard = `/scorecards/${stakeholderId}?period=${APPEAL_PERIOD}`;
  const firm = await signedInPage(browser, baseURL, 'firm1');
  await firm.goto(scorecard);
  const before = await firm.locator('[data-composite]').first().innerText();
  await expect(firm.locator('[data-revision]')).toHaveCount(0);

  const { path: appealPath, corrected } = await fileAndAcceptAppeal(browser, baseURL);

  const admin = await signedInPage(browser, baseURL, 'admin');
  await admin.goto('/admin/periods');
  await admin.getByRole('link', { name: `Revisions of ${APPEAL_PERIOD}` }).click();
  await expect(admin.getByRole('heading', { name: `Revisions of ${APPEAL_PERIOD}` })).toBeVisible();
  const pending = admin.locator('section[aria-labelledby="pending-heading"]');
  await expect(pending.locator(`a[href="${appealPath}"]`)).toBeVisible();

  await admin.getByRole('button', { name: 'Preview impact' }).click();
  await expect(admin.getByRole('heading', { name: 'Impact of revision 2' })).toBeVisible({ timeout: 60_000 });
  const publish = admin.getByRole('button', { name: 'Publish revision 2' });
  await expect(publish).toBeDisabled();
  await admin.getByLabel('Note for every reader of the revision').fill(NOTE);
  await shot(admin, 'revision-preview-en-1280');
  await publish.click();
  await expect(admin.getByText(`Revision 2 of ${APPEAL_PERIOD} is published.`)).toBeVisible({ timeout: 60_000 });
  await expect(admin.getByRole('heading', { name: 'Revision 2', exact: true })).toBeVisible();
  await expect(admin.getByRole('heading', { name: 'No accepted correction is waiting' })).toBeVisible();

  await firm.goto(scorecard);
  const notice = firm.locator('[data-revision="2"]');
  await expect(notice).toContainText('Revised (revision 2');
  await expect(notice).toContainText(`to ${corrected} after an appeal`);
  await expect(notice).toContainText(NOTE);
  await expect(notice).toContainText('First published: composite');
  expect(await firm.locator('[data-composite]').first().innerText()).not.toBe(before);
  await shot(firm, 'revision-scorecard-en-1280');

  // In Chinese, on a phone: the notice and the page of revisions.
  const zhFirm = await signedInPage(browser, baseURL, 'firm1', { locale: 'zh-CN', viewport: { width: 390, height: 844 } });
  await zhFirm.goto(scorecard);
  await expect(zhFirm.locator('[data-revision="2"]')).toContainText('已修订（第 2 次修订');
  await shot(zhFirm, 'revision-scorecard-zh-390');
  const zhAdmin = await signedInPage(browser, baseURL, 'admin', { locale: 'zh-CN', viewport: { width: 390, height: 844 } });
  await zhAdmin.goto(`/admin/periods/${periodId}/revisions`);
  await expect(zhAdmin.getByRole('heading', { name: '第 2 次修订', exact: true })).toBeVisible();
  await shot(zhAdmin, 'revision-page-zh-390');
});
