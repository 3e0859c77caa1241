// The review queue: an assessor's own submission never waits for their own review; it waits for
// the other assessor of the county (assessor1 and assessor2 share 屏边). The views, search and page
// live in the URL, so Back returns to the view. Uses a 屏边 rural stakeholder not yet started.
import type { Browser, Page } from '@playwright/test';
import { test, expect, signedInPage } from './fixtures';

const asUser = (browser: Browser, baseURL: string | undefined, username: string): Promise<Page> => signedInPage(browser, baseURL, username);

const RURAL: Record<string, string> = {
  ru_at_risk_members_assisted_pct: '80',
  ru_members_from_monitored_households: '12',
  ru_collective_income_10k: '30',
  ru_specialty_output_10k: '200',
  ru_local_processing_share_pct: '25',
  ru_member_income_growth_pct: '5',
  ru_dividend_per_member_yuan: '400',
};

const rowOf = (page: Page, code: string) => page.getByTestId(`work-row-${code}`);

test('an assessor’s own submission is never in their review queue, and is in the other assessor’s', async ({ browser, baseURL, shot }) => {
  test.setTimeout(180_000);
  const a1 = await asUser(browser, baseURL, 'assessor1');
  // A rural stakeholder from the middle of the first page (other specs take the first and last ones).
  await a1.goto('/evaluations?view=toEnter&status=not_started&type=rural');
  const rows = a1.locator('[data-testid^="work-row-"]');
  await expect(rows.first()).toBeVisible();
  const codes = await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')!.replace('work-row-', '')));
  const code = codes[Math.floor(codes.length / 2)]!;

  await rowOf(a1, code).getByRole('button', { name: /Start the evaluation/ }).click();
  await a1.waitForURL(/\/evaluations\/\d+$/);
  for (const [indicator, value] of Object.entries(RURAL)) await a1.locator(`#f-${indicator}-value`).fill(value);
  await a1.locator('#f-ru_members_trained-note').fill('培训台账尚未汇总，下期补报');
  // A KPI-set version another spec publishes may add indicators: each still empty gets its note.
  for (const input of await a1.locator('input[id^="f-"][id$="-value"]').all()) {
    if ((await input.inputValue()) !== '') continue;
    const note = a1.locator(`#${(await input.getAttribute('id'))!.replace(/-value$/, '-note')}`);
    if ((await note.inputValue()) === '') await note.fill('本期数据暂缺，下期补报');
  }
  await expect(a1.getByTestId('save-state')).toHaveText(/Draft saved/, { timeout: 15_000 });
  await a1.getByRole('button', { name: 'Submit for review' }).click();
  await expect(a1.getByText('You submitted this evaluation; another assessor of the county reviews it.')).toBeVisible();

  // assessor1: in "mine awaiting review", never in "waiting for my review".
  await a1.goto(`/evaluations?search=${code}`);
  await a1.getByTestId('work-view-mine').click();
  await a1.waitForURL((url) => url.searchParams.get('view') === 'mine' && url.searchParams.get('search') === code);
  await expect(rowOf(a1, code)).toBeVisible();
  await expect(rowOf(a1, code)).toContainText('submitted by you');
  await a1.getByTestId('work-view-toReview').click();
  await a1.waitForURL((url) => url.searchParams.get('view') === 'toReview');
  await expect(a1.getByText('Your own submissions never appear here')).toBeVisible();
  await expect(rowOf(a1, code)).toHaveCount(0);
  // Counted with the search: one of assessor1's own awaits review, none waits for theirs.
  await expect(a1.getByTestId('work-view-count-toReview')).toHaveText('0');
  await expect(a1.getByTestId('work-view-count-mine')).toHaveText('1');
  await shot(a1, 'review-queue-own-en');
  // Back returns to the previous view with its search.
  await a1.goBack();
  await a1.waitForURL((url) => url.searchParams.get('view') === 'mine' && url.searchParams.get('search') === code);
  await expect(rowOf(a1, code)).toBeVisible();

  // assessor2 of the same county: waiting for their review, with the count on the tab.
  const a2 = await asUser(browser, baseURL, 'assessor2');
  await a2.goto(`/evaluations?view=toReview&search=${code}`);
  await expect(rowOf(a2, code)).toBeVisible();
  await expect(rowOf(a2, code).getByRole('link', { name: /Open the evaluation|Review/ })).toBeVisible();
  await expect(a2.getByTestId('work-view-count-toReview')).toHaveText('1');
  await expect(a2.getByTestId('work-view-count-mine')).toHaveText('0');
  await shot(a2, 'review-queue-other-en');
});

test('an administrator sets the period’s due date; the work list says how overdue entry is', async ({ browser, baseURL, shot }) => {
  test.setTimeout(120_000);
  const admin = await asUser(browser, baseURL, 'admin');
  await admin.goto('/admin/periods');
  await admin.getByRole('button', { name: 'Set the due date of 2026Q3' }).click();
  const dialog = admin.getByRole('alertdialog');
  // Before the period's start: refused at the field, in the reader's words.
  await dialog.getByTestId('period-due-input').fill('2026-06-30');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog.getByText('The due date must be on or after the start of the period (2026-07-01).')).toBeVisible();
  await dialog.getByTestId('period-due-input').fill('2026-09-30');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(admin.getByTestId('period-due-2026Q3')).toHaveText('2026-09-30');

  // Days count from the server's today; the server runs on this machine, in its time zone.
  const d = new Date();
  const today = Date.UTC(d.getFullYear(), d.getMonth(), d.getDate());
  const days = Math.round((Date.UTC(2026, 8, 30) - today) / 86_400_000);
  const expected = days < 0 ? `${-days} day${days === -1 ? '' : 's'} overdue` : days === 0 ? 'due today' : `${days} day${days === 1 ? '' : 's'} left`;
  const a1 = await asUser(browser, baseURL, 'assessor1');
  await a1.goto('/evaluations');
  await expect(a1.getByTestId('due-note')).toContainText('Due 2026-09-30');
  await expect(a1.getByTestId('due-badge')).toHaveText(expected);
  await a1.goto('/assessor');
  await expect(a1.getByTestId('due-badge')).toHaveText(expected);
  await shot(a1, 'review-queue-due-en');
});
