// Publishing runs as a job in a worker thread: the admin publishes a period and the dialog shows
// the job's progress (a progress bar with its value, the step announced politely) until it ends;
// then the result is reported. A recorder in the page keeps every state the bar went through.
import fs from 'node:fs';
import { expect, test } from './fixtures';

test('admin publishes a period and watches the job to the end', async ({ page, signInAs, shot }) => {
  await signInAs(page, 'admin');
  // Another test may have left the admin's profile in Chinese; this one reads the English page.
  await page.context().addCookies([{ name: 'NEXT_LOCALE', value: 'en', url: page.url() }]);
  await page.goto('/admin/periods');
  // 2000–2024: below the demo's quarters and apart from the years method.spec.ts creates.
  const year = 2000 + Math.floor(Math.random() * 25);
  await page.getByLabel('Kind').selectOption('year');
  await page.getByLabel('Year').fill(String(year));
  await page.getByRole('button', { name: 'Create period' }).click();
  await expect(page.getByText(`Period ${year} is created and open.`)).toBeVisible();
  await page.getByRole('button', { name: `Close ${year}` }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Close' }).click();
  await expect(page.getByText(`Period ${year} is closed.`)).toBeVisible();
  await page.getByRole('button', { name: `Publish ${year}` }).click();
  await expect(page.getByText('Every evaluation of this period is approved.')).toBeVisible();

  // Record every value and step the job's progress shows, however briefly.
  await page.evaluate(() => {
    const seen: { value: string | null; status: string | null; step: string }[] = [];
    (window as unknown as { __jobStates: typeof seen }).__jobStates = seen;
    const record = () => {
      const box = document.querySelector('[data-job-status]');
      if (!box) return;
      const bar = box.querySelector('[role="progressbar"]');
      const state = { value: bar?.getAttribute('aria-valuenow') ?? null, status: box.getAttribute('data-job-status'), step: box.querySelector('[aria-live]')?.textContent ?? '' };
      const last = seen.at(-1);
      if (!last || last.value !== state.value || last.status !== state.status || last.step !== state.step) seen.push(state);
    };
    new MutationObserver(record).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
  });
  await page.getByRole('alertdialog').getByRole('button', { name: 'Publish' }).click();
  // The publish of a period without evaluations can end before the bar is looked for: the
  // recorder has seen it either way (below); the picture is taken while it still shows.
  const bar = page.getByRole('alertdialog').getByRole('progressbar', { name: 'Progress: publishing the period' });
  if (await bar.isVisible()) await shot(page, 'jobs-publish-progress-desktop-en');
  await expect(page.getByText(`Period ${year} is published with 0 official score runs.`)).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole('alertdialog')).toHaveCount(0);

  const states = await page.evaluate(() => (window as unknown as { __jobStates: { value: string | null; status: string | null; step: string }[] }).__jobStates);
  expect(states.length).toBeGreaterThan(0);
  expect(states[0]).toMatchObject({ value: '0', step: 'Waiting to start…' });
  const values = states.map((s) => Number(s.value));
  expect(values).toEqual([...values].sort((a, b) => a - b));
  // It ended well: no failure was ever shown.
  expect(states.every((s) => s.status !== 'failed')).toBe(true);
});

// The PDF export is a job too: the button shows its progress and then the file downloads; the
// link to it stays on the page.
test('a stakeholder exports its scorecard as a PDF and watches the job to the download', async ({ page, signInAs }) => {
  test.setTimeout(120_000);
  await signInAs(page, 'coop1');
  await expect(page).toHaveURL(/\/me$/);
  await page.goto('/me?period=2026Q2');
  const button = page.locator('[data-export="pdf"]').getByRole('button');
  const download = page.waitForEvent('download', { timeout: 90_000 });
  await button.click();
  await expect(page.locator('[data-export="pdf"] [role="progressbar"]')).toBeVisible();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^scorecard-RU-\d+-2026Q2\.pdf$/);
  const saved = test.info().outputPath('export.pdf');
  await file.saveAs(saved);
  expect(fs.readFileSync(saved).subarray(0, 5).toString()).toBe('%PDF-');
  await expect(page.locator('[data-export="pdf"] [data-job-status]')).toHaveAttribute('data-job-status', 'succeeded');
  const link = page.locator('a[data-pdf-download]');
  await expect(link).toBeVisible();
  // The file is its starter's (integration tests check other users get 404); without a session, 401.
  const href = (await link.getAttribute('href'))!;
  expect((await page.request.get(href)).status()).toBe(200);
  const stranger = await page.context().browser()!.newContext();
  expect((await stranger.request.get(new URL(href, page.url()).toString())).status()).toBe(401);
  await stranger.close();
});
