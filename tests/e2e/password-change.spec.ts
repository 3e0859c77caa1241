// Sign-in as an attacker would try it and as a new colleague lives it: a password an administrator
// set must be replaced before any page opens, weak passwords are refused at the field, a crafted
// `next` cannot send anyone to another site, and repeated guesses are answered with a wait.
import { DEMO_PASSWORD, expect, test } from './fixtures';

// The field's name ends with the required marker; "New password again" must not match.
const NEW_PASSWORD = /^New password\W*$/;

test.describe('passwords and sign-in', () => {
  test('a new account chooses its own password before anything else', async ({ page, signInAs, browser, shot, baseURL }) => {
    const username = `pw${Date.now().toString(36)}`;
    await signInAs(page, 'admin');
    // Another test may have left the admin's profile in Chinese; this one reads the English page.
    await page.context().addCookies([{ name: 'NEXT_LOCALE', value: 'en', url: baseURL ?? 'http://127.0.0.1' }]);
    await page.goto('/admin/users');
    await page.getByRole('button', { name: 'New user' }).click();
    const panel = page.locator('form').filter({ has: page.getByRole('button', { name: 'Save' }) });
    await panel.getByLabel('Username').fill(username);
    await panel.getByLabel('Display name').fill('Password Tester');
    await panel.getByLabel('Role').selectOption('admin');
    // Long enough, but one of the most common passwords: refused by the server, at the field.
    await panel.getByLabel('Initial password').fill('qwertyuiop');
    await panel.getByRole('button', { name: 'Save' }).click();
    await expect(panel.getByText('This password is on a list of commonly used passwords', { exact: false })).toBeVisible();
    await expect(panel.getByLabel('Initial password')).toHaveAttribute('aria-invalid', 'true');
    await panel.getByLabel('Initial password').fill('set-by-the-admin');
    await panel.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByText(`${username} was created.`)).toBeVisible();

    const context = await browser.newContext({ baseURL: page.url().replace(/\/admin.*$/, '') });
    const theirs = await context.newPage();
    await signInAs(theirs, username, 'set-by-the-admin');
    await expect(theirs).toHaveURL(/\/change-password$/);
    await expect(theirs.getByRole('heading', { level: 1, name: 'Choose your own password' })).toBeVisible();
    // Every page leads back here until it is done.
    await theirs.goto('/admin/users');
    await expect(theirs).toHaveURL(/\/change-password$/);

    await theirs.getByLabel('Current password').fill('set-by-the-admin');
    await theirs.getByLabel(NEW_PASSWORD).fill('short');
    await theirs.getByLabel('New password again').fill('short');
    await theirs.getByRole('button', { name: 'Change password' }).click();
    await expect(theirs.getByText('At least 10 characters.', { exact: true })).toBeVisible();
    await expect(theirs.getByLabel(NEW_PASSWORD)).toBeFocused();
    await shot(theirs, 'forced-password-change-en');

    await theirs.getByLabel(NEW_PASSWORD).fill('my-very-own-secret');
    await theirs.getByLabel('New password again').fill('my-very-own-secret');
    await theirs.getByRole('button', { name: 'Change password' }).click();
    await expect(theirs).toHaveURL(/\/admin$/);
    await theirs.goto('/admin/users');
    await expect(theirs.getByRole('heading', { level: 1, name: 'Users' })).toBeVisible();
    await context.close();

    // The new password works, the administrator's no longer does, and no change is asked again.
    const again = await browser.newContext({ baseURL: page.url().replace(/\/admin.*$/, '') });
    const next = await again.newPage();
    await signInAs(next, username, 'my-very-own-secret');
    await expect(next).toHaveURL(/\/admin$/);
    await again.close();
  });

  test('a crafted next stays on this site', async ({ page, baseURL }) => {
    for (const payload of ['%2F%09%2Fevil.example%2F', '%2F%0A%2Fevil.example%2F', '%2F%5Cevil.example', '%2F%2Fevil.example', 'https%3A%2F%2Fevil.example%2F']) {
      await page.context().clearCookies();
      await page.goto(`/sign-in?next=${payload}`);
      await page.getByLabel('Username').fill('assessor1');
      await page.getByLabel('Password').fill(DEMO_PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
      expect(new URL(page.url()).origin, payload).toBe(new URL(baseURL!).origin);
    }
  });

  test('repeated wrong guesses are answered with a wait, in the reader language', async ({ page }) => {
    const username = `ghost${Date.now().toString(36)}`;
    await page.goto('/sign-in');
    await page.getByLabel('Username').fill(username);
    let throttled = false;
    // A refusal comes back to the form with the username kept: guess again at once. The waits
    // double, so they soon outlast the time one guess takes.
    for (let i = 0; i < 12 && !throttled; i++) {
      await page.getByLabel('Password').fill(`wrong-guess-${i}`);
      const response = page.waitForResponse((r) => r.url().endsWith('/api/session/sign-in'));
      const form = page.waitForResponse((r) => r.request().method() === 'GET' && /\/sign-in\?error=/.test(r.url()));
      await page.getByRole('button', { name: 'Sign in' }).click();
      const answer = await response;
      throttled = answer.status() === 429;
      if (throttled) expect(Number(answer.headers()['retry-after'])).toBeGreaterThan(0);
      await form;
      await page.waitForLoadState();
    }
    expect(throttled).toBe(true);
    await expect(page.getByRole('alert').filter({ hasText: 'Too many failed attempts' })).toBeVisible();
    await expect(page.getByRole('alert').filter({ hasText: 'Too many failed attempts' })).toContainText(/Try again in \d+ seconds?/);
  });
});
