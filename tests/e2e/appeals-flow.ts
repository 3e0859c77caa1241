// The appeal flow through the browser, for the appeals spec and for specs that walk on from an
// accepted appeal (a revision of the period): an administrator opens 2026Q2's appeal window (the
// demo published it months ago), firm1 contests its first value with a PDF, assessor1 proposes to
// accept it with a corrected value, assessor2 confirms. Answers the appeal's page path and what
// was corrected.
import type { Browser, Page } from '@playwright/test';
import { expect, signedInPage } from './fixtures';

export const APPEAL_PERIOD = '2026Q2';
/** A small, valid PDF: what the upload checks by its first bytes. */
export const EVIDENCE_PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

/** The administrator gives the period an appeal window that is open today. */
export async function openAppealWindow(admin: Page, period = APPEAL_PERIOD, days = 365): Promise<void> {
  await admin.goto('/admin/periods');
  await admin.getByRole('button', { name: `Appeal days of ${period}` }).click();
  const dialog = admin.getByRole('alertdialog');
  await dialog.getByLabel('Appeal window (days)').fill(String(days));
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
}

/** firm1 files an appeal of its first listed value with a file; answers the appeal's path. */
export async function fileAppeal(firm: Page, claimed = '97'): Promise<string> {
  await firm.goto('/me');
  await firm.getByRole('link', { name: /Contest values/ }).click();
  await expect(firm.getByRole('heading', { level: 1, name: 'Contest published values' })).toBeVisible();
  await firm.getByRole('checkbox').first().check();
  await firm.getByLabel('The value you believe is right').fill(claimed);
  await firm.getByLabel('Why').fill('The county statistics ledger records a higher figure for this quarter.');
  await firm.locator('input[type="file"]').first().setInputFiles({ name: 'ledger.pdf', mimeType: 'application/pdf', buffer: EVIDENCE_PDF });
  await expect(firm.getByText('Uploaded')).toBeVisible();
  await firm.getByRole('button', { name: 'File the appeal' }).click();
  await firm.waitForURL(/\/appeals\/\d+$/);
  await expect(firm.locator('[data-appeal-status="submitted"]')).toBeVisible();
  return new URL(firm.url()).pathname;
}

/** assessor1 proposes to accept with a corrected value; assessor2 confirms it. */
export async function acceptAppeal(a1: Page, a2: Page, path: string, corrected = '95'): Promise<void> {
  await a1.goto(path);
  await a1.getByLabel('Accept with corrected values').check();
  await a1.getByLabel(/^Corrected value:/).first().fill(corrected);
  await a1.getByRole('button', { name: 'Propose this decision' }).click();
  await expect(a1.locator('[data-appeal-status="proposed"]')).toBeVisible();
  // The proposer cannot confirm: the button is disabled and says why.
  await expect(a1.getByRole('button', { name: 'Confirm the decision' })).toBeDisabled();
  await expect(a1.getByText('You proposed this decision: another assessor or an administrator must confirm it.')).toBeVisible();
  await a2.goto(path);
  await a2.getByRole('button', { name: 'Confirm the decision' }).click();
  await expect(a2.locator('[data-appeal-status="accepted"]')).toBeVisible();
}

/** The whole flow, signed in as each user in turn: the accepted appeal's path and its corrected value. */
export async function fileAndAcceptAppeal(browser: Browser, baseURL: string | undefined): Promise<{ path: string; corrected: number }> {
  const admin = await signedInPage(browser, baseURL, 'admin');
  await openAppealWindow(admin);
  const firm = await signedInPage(browser, baseURL, 'firm1');
  const path = await fileAppeal(firm);
  const [a1, a2] = [await signedInPage(browser, baseURL, 'assessor1'), await signedInPage(browser, baseURL, 'assessor2')];
  await acceptAppeal(a1, a2, path);
  for (const p of [admin, firm, a1, a2]) await p.context().close();
  return { path, corrected: 95 };
}
