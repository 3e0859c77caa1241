// Publishing runs as a job in a worker thread: the admin publishes a period and the dialog shows
// the job's progress (a progress bar with its value, the step announced politely) until it ends;
// then the result is reported. A recorder in the page keeps every state the bar went through.
import { expect, test } from './fixtures';

test('admin publishes a period and watches the job to the end', async ({ page, signInAs, shot }) => {
  await signInAs(page, 'admin');
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
  const bar = page.getByRole('alertdialog').getByRole('progressbar', { name: 'Progress: publishing the period' });
  await expect(bar).toBeVisible();
  await shot(page, 'jobs-publish-progress-desktop-en');
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
