// Shared helpers for the browser tests: sign in through the real form, and save screenshots
// for people to look at. Import `test` and `expect` from here instead of @playwright/test.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test as base, expect, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { DEMO_PASSWORD } from '../../core/domain/demo-users';

/** The password every demo user has: the one constant, in core/domain/demo-users.ts. */
export { DEMO_PASSWORD };

export const SCREENSHOTS_DIR = fileURLToPath(new URL('../../test-results/screenshots/', import.meta.url));

const onSignInPage = (url: URL) => /\/sign-in\/?$/.test(url.pathname);

/**
 * Signs in through /sign-in with the labelled fields (English or Chinese labels) and waits until
 * the app navigates away. On failure, the error names the user and quotes the page's alert.
 */
export async function signInAs(page: Page, username: string, password: string = DEMO_PASSWORD): Promise<void> {
  await page.goto('/sign-in');
  // `.and(locator('input'))`: only the inputs, not e.g. a "show password" button with a label.
  await page.getByLabel(/username|用户名/i).and(page.locator('input')).fill(username);
  await page.getByLabel(/password|密码/i).and(page.locator('input')).fill(password);
  await page.getByRole('button', { name: /sign in|登录/i }).click();
  try {
    await page.waitForURL((url) => !onSignInPage(url), { timeout: 20_000 });
  } catch {
    const alerts = await page.getByRole('alert').filter({ hasText: /\S/ }).allInnerTexts();
    const said = alerts.map((a) => a.trim()).filter(Boolean).join(' / ');
    throw new Error(`Signing in as "${username}" did not leave /sign-in${said ? `; the page says: ${said}` : ''}`);
  }
}

type Session = Awaited<ReturnType<BrowserContext['storageState']>>;

/**
 * The session cookies of each user this worker has signed in, reused by later `signedInPage`
 * calls: the form costs a page load and the home page's render every time, and it is tested
 * where it is the subject (`signInAs`). No spec signs these users out or changes their password.
 */
const sessions = new Map<string, Session>();

/**
 * A page in a new browser context, signed in as the user and reading `locale` whatever the
 * profile's language: signing in sets the profile's, which parallel specs share and may switch.
 * The first call for a user in a worker signs in through the form (and leaves the page on the
 * user's home); later ones start from the saved session on a blank page, so go to a page first.
 */
export async function signedInPage(
  browser: Browser,
  baseURL: string | undefined,
  username: string,
  { locale = 'en', viewport = { width: 1280, height: 800 } }: { locale?: 'en' | 'zh-CN'; viewport?: { width: number; height: number } } = {},
): Promise<Page> {
  const saved = sessions.get(username);
  const context = await browser.newContext({ baseURL, locale: locale === 'en' ? 'en-US' : 'zh-CN', viewport, storageState: saved });
  const page = await context.newPage();
  if (!saved) {
    await signInAs(page, username);
    sessions.set(username, await context.storageState());
  }
  await context.addCookies([{ name: 'NEXT_LOCALE', value: locale, url: baseURL! }]);
  return page;
}

/**
 * Whether screenshots are taken: always locally, in CI (CI=true) only with SCREENSHOTS=1. Nobody
 * looks at a CI run's pictures, and a hundred full-page captures cost the suite minutes.
 */
export const TAKE_SCREENSHOTS = !process.env.CI || !!process.env.SCREENSHOTS;

/**
 * Saves a full-page screenshot to test-results/screenshots/<name>.png and attaches it to the
 * test report (when TAKE_SCREENSHOTS). Names are made file-safe.
 */
export async function shot(page: Page, name: string): Promise<void> {
  if (!TAKE_SCREENSHOTS) return;
  const safeName = name.replace(/[^\p{L}\p{N}._-]+/gu, '-').replace(/^-+|-+$/g, '') || 'screenshot';
  fs.mkdirSync(SCREENSHOTS_DIR, { recursive: true });
  const file = path.join(SCREENSHOTS_DIR, `${safeName}.png`);
  await page.screenshot({ path: file, fullPage: true });
  await test.info().attach(safeName, { path: file, contentType: 'image/png' });
}

type Fixtures = {
  /** `signInAs(page, username, password = DEMO_PASSWORD)` */
  signInAs: typeof signInAs;
  /** `shot(page, name)` → test-results/screenshots/<name>.png */
  shot: typeof shot;
};

// The fixture callback's parameter is conventionally `use`; named `provide` here so the React
// hooks lint rule does not mistake it for React's `use`.
export const test = base.extend<Fixtures>({
  signInAs: async ({}, provide) => {
    await provide(signInAs);
  },
  shot: async ({}, provide) => {
    await provide(shot);
  },
});

export { expect };
