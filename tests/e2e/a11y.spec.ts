// The page walk: every page of every role in English and Chinese, each visit checked for
// - WCAG 2.1 AA (which covers GB/T 37668-2019) with axe-core in the browser, in English at desktop
//   width and in Chinese at 320 px, and the reflow without sideways scrolling at 320 px in both
//   (checkPage says why): any serious or critical violation fails, listed with its rule, the
//   elements and axe's help;
// - the messages its client components need and no others (page-checks.ts);
// - in Chinese, no English sentence a reader can see (page-checks.ts).
// One walk for all three: each page is loaded and settled once per language. Also forms in their
// error state, and by keyboard what axe cannot: focus after a refused sign-in, and fields not
// hidden under the sticky header when tabbing back.
import { createRequire } from 'node:module';
import type { Browser, Page } from '@playwright/test';
import { test, expect, signedInPage } from './fixtures';
import { NAV, PUBLIC_PAGES, ROLE_USERS, ROLES, newDetailPages, routeName, type RoleName } from './pages';
import { PROBES, expectNoEnglish, problemsOf, recordMissingMessages, type Visit } from './page-checks';

// axe's own bundle, evaluated in the page: a <script> tag would be refused by the CSP's nonce.
const AXE_SOURCE: string = (createRequire(import.meta.url)('axe-core') as { source: string }).source;
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const LOCALES = ['en', 'zh-CN'] as const;
type Locale = (typeof LOCALES)[number];
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 320, height: 640 };

type Finding = { id: string; impact: string; help: string; helpUrl: string; targets: string[] };

/** The serious and critical violations axe finds on the page as it is now. */
async function axeViolations(page: Page): Promise<Finding[]> {
  await page.evaluate(AXE_SOURCE);
  return page.evaluate(async (tags) => {
    type AxeResult = { violations: { id: string; impact?: string | null; help: string; helpUrl: string; nodes: { target: unknown[] }[] }[] };
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<AxeResult> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({ id: v.id, impact: v.impact!, help: v.help, helpUrl: v.helpUrl, targets: v.nodes.map((n) => n.target.map(String).join(' > ')) }));
  }, TAGS);
}

function describe(findings: Finding[]): string {
  return findings
    .map((f) => `  [${f.impact}] ${f.id}: ${f.help} (${f.helpUrl})\n${f.targets.slice(0, 8).map((t) => `      ${t}`).join('\n')}${f.targets.length > 8 ? `\n      … and ${f.targets.length - 8} more` : ''}`)
    .join('\n');
}

/** Fails (softly: every page is still checked) on serious or critical violations, listing each. */
async function checkAxe(page: Page, where: string): Promise<void> {
  const findings = await axeViolations(page);
  expect.soft(findings.length, `axe on ${where} (${page.url()}):\n${describe(findings)}`).toBe(0);
}

/** Elements wider than the window that make the whole page scroll sideways (WCAG 1.4.10). */
async function overflowing(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    if (document.documentElement.scrollWidth <= width + 1) return [];
    // The outermost elements reaching past the right edge, outside any scroll region of their own.
    const inScroller = (el: Element): boolean => {
      for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
        const o = getComputedStyle(p).overflowX;
        if (o === 'auto' || o === 'scroll' || o === 'hidden' || o === 'clip') return true;
      }
      return false;
    };
    const culprits = Array.from(document.body.querySelectorAll('*')).filter((el) => {
      const r = el.getBoundingClientRect();
      return r.width > 0 && r.right > width + 1 && !inScroller(el);
    });
    const outermost = culprits.filter((el) => !culprits.some((other) => other !== el && other.contains(el) && other !== document.body));
    const name = (el: Element) =>
      `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${typeof el.className === 'string' && el.className ? `.${el.className.trim().split(/\s+/).slice(0, 4).join('.')}` : ''} (${Math.round(el.getBoundingClientRect().right)} px)`;
    return [`page ${document.documentElement.scrollWidth} px wide in ${width} px`, ...outermost.slice(0, 6).map(name)];
  });
}

async function settle(page: Page) {
  // Pages that poll (a job, the bell) never go quiet: a few seconds is enough for the rest.
  await page.waitForLoadState('networkidle', { timeout: 5_000 }).catch(() => undefined);
  // Client lists load after hydration: wait for their skeletons to go.
  await expect(page.locator('[data-slot="skeleton"], .animate-pulse')).toHaveCount(0, { timeout: 10_000 }).catch(() => undefined);
}

/**
 * One page at both widths: at 1280 px axe in English and the English check in Chinese, then at
 * 320 px the reflow check in both and axe in Chinese. axe's rules look at structure, names,
 * roles and contrast, the same in both languages: each width is checked in one language, each
 * language at one width (what the walk cost halved), and the reflow, which the language's text
 * lengths change, in both. Answers the visit (the HTML and the missing messages it logged).
 */
async function checkPage(page: Page, path: string, where: string, locale: Locale): Promise<Visit> {
  await page.setViewportSize(DESKTOP);
  const log = recordMissingMessages(page);
  const response = await page.goto(path);
  expect.soft(response?.ok(), `${where}: ${path} answered ${response?.status()}`).toBe(true);
  const html = (await response?.text()) ?? '';
  // Effects run after hydration: by then every client component has rendered (and logged a missing message).
  await page.locator('html[data-hydrated="1"]').waitFor({ state: 'attached' });
  await settle(page);
  log.stop();
  if (locale === 'en') await checkAxe(page, `${where} ${path} at 1280 px`);
  else await expectNoEnglish(page, `${where} ${path}`);
  await page.setViewportSize(PHONE);
  // The data tables behind "Show the table" disclosures must fit too: open them all.
  await page.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
  // Layout and ResizeObserver-driven parts (table scroll hints) catch up with the new width.
  await page.waitForTimeout(200);
  // The print views are laid out for A4 paper, not a screen.
  if (!/\/print$/.test(path)) expect.soft(await overflowing(page), `${where} ${path} at 320 px scrolls sideways`).toEqual([]);
  if (locale === 'zh-CN') await checkAxe(page, `${where} ${path} at 320 px`);
  return { path, html, missing: log.missing };
}

/** Messages missing or carried for another page, over a walk's visits (softly). */
function checkMessages(visits: Visit[], where: string): void {
  expect.soft(problemsOf(visits), `${where}: client messages`).toEqual([]);
}

/** The role's pages: its NAV list, then the first detail page of each kind linked from them. */
async function checkRole(browser: Browser, baseURL: string | undefined, role: RoleName, locale: Locale) {
  const page = await signedInPage(browser, baseURL, ROLE_USERS[role], { locale, viewport: DESKTOP });
  const paths = [...NAV[role]];
  const seen = new Set<string>();
  const visits: Visit[] = [];
  for (let i = 0; i < paths.length; i++) {
    const path = paths[i]!;
    visits.push(await checkPage(page, path, `${role} (${locale})`, locale));
    await page.setViewportSize(DESKTOP);
    const hrefs = await page.locator('a[href^="/"]').evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
    paths.push(...newDetailPages(hrefs, seen));
  }
  // Staff pages link evaluations, scorecards and the rest: finding none means the walk went wrong.
  if (role !== 'stakeholder') expect.soft(paths.length, `${role}: detail pages found`).toBeGreaterThan(NAV[role].length);
  checkMessages(visits, `${role} (${locale})`);
  // The probes would see a namespace that is there: some page of the walk carries its own.
  const own = visits.find((v) => PROBES.some((p) => p.routes.includes(routeName(v.path.replace(/\?.*$/, '')))));
  expect.soft(own, `${role} (${locale}): a page that carries a probed namespace`).toBeTruthy();
  if (own) expect.soft(own.html).toContain(PROBES.find((p) => p.routes.includes(routeName(own.path.replace(/\?.*$/, ''))))!.key);
  test.info().annotations.push({ type: 'pages checked', description: `${paths.length}: ${paths.join(' ')}` });
  await page.context().close();
}

test.describe('WCAG 2.1 AA', () => {
  test.describe.configure({ mode: 'parallel' });

  for (const locale of LOCALES) {
    test(`signed out (${locale})`, async ({ browser, baseURL }) => {
      const context = await browser.newContext({ baseURL, viewport: DESKTOP });
      await context.addCookies([{ name: 'NEXT_LOCALE', value: locale, url: baseURL! }]);
      const page = await context.newPage();
      for (const path of [...PUBLIC_PAGES, '/no-such-page']) await checkPage(page, path, `signed out (${locale})`, locale);
      await context.close();
    });

    for (const role of ROLES) {
      test(`${role} (${locale}): every page`, async ({ browser, baseURL }) => {
        test.setTimeout(480_000);
        await checkRole(browser, baseURL, role, locale);
      });
    }

    test(`sign-in refused (${locale}): fields marked invalid, focus on the password, no violations`, async ({ browser, baseURL, shot }) => {
      const context = await browser.newContext({ baseURL, viewport: DESKTOP });
      await context.addCookies([{ name: 'NEXT_LOCALE', value: locale, url: baseURL! }]);
      const page = await context.newPage();
      await page.goto('/sign-in');
      const username = page.getByLabel(/username|用户名/i).and(page.locator('input'));
      const password = page.getByLabel(/password|密码/i).and(page.locator('input'));
      await username.fill('admin');
      await password.fill('not-the-password');
      await password.press('Enter');
      await page.waitForURL(/[?&]error=/);
      const alert = page.getByRole('alert').filter({ hasText: /\S/ });
      await expect(alert).toBeVisible();
      // Both fields say they are wrong and point at the message; focus waits in the field to retype.
      const alertId = await alert.getAttribute('id');
      expect(alertId).toBeTruthy();
      for (const field of [username, password]) {
        await expect(field).toHaveAttribute('aria-invalid', 'true');
        await expect(field).toHaveAttribute('aria-describedby', new RegExp(`(^| )${alertId!.replace(/[^\w-]/g, '\\$&')}( |$)`));
      }
      await expect(username).toHaveValue('admin');
      await expect(password).toBeFocused();
      await checkAxe(page, `the refused sign-in (${locale})`);
      // By keyboard: back to the name, forward past the password to the button.
      await page.keyboard.press('Shift+Tab');
      await expect(username).toBeFocused();
      await page.keyboard.press('Tab');
      await page.keyboard.press('Tab');
      await expect(page.getByRole('button', { name: /sign in|登录/i })).toBeFocused();
      await page.keyboard.press('Shift+Tab');
      await expect(password).toBeFocused();
      await shot(page, `a11y-sign-in-refused-${locale}`);
      await page.setViewportSize(PHONE);
      await checkAxe(page, `the refused sign-in at 320 px (${locale})`);
      expect(await overflowing(page), 'the refused sign-in at 320 px scrolls sideways').toEqual([]);
      await context.close();
    });
  }

  test('the stakeholder form with invalid values', async ({ browser, baseURL, shot }) => {
    const page = await signedInPage(browser, baseURL, ROLE_USERS.admin, { viewport: DESKTOP });
    await page.goto('/stakeholders/new');
    await page.getByRole('button', { name: 'Create stakeholder' }).click();
    await expect(page.locator('[aria-invalid="true"]').first()).toBeVisible();
    await page.getByLabel(/credit code/i).fill('91532523MA6N0XJ9');
    await page.getByRole('button', { name: 'Create stakeholder' }).click();
    await expect(page.locator('[aria-invalid="true"]').first()).toBeVisible();
    await checkAxe(page, 'the stakeholder form with errors');
    await shot(page, 'a11y-stakeholder-form-errors');
    await page.context().close();
  });

  test('the evaluation form with an invalid value; tabbing back never hides a field under the header', async ({ browser, baseURL, shot }) => {
    test.setTimeout(120_000);
    const page = await signedInPage(browser, baseURL, ROLE_USERS.assessor, { viewport: DESKTOP });
    // A draft already there: the not-started evaluations of the demo are what the workflow tests start.
    await page.goto('/evaluations?status=draft&type=rural');
    const open = page.locator('[data-testid^="work-row-"] a[href^="/evaluations/"]').first();
    await expect(open).toBeVisible();
    await open.click();
    await page.waitForURL(/\/evaluations\/\d+$/);
    const first = page.locator('input[id^="f-"][id$="-value"]').first();
    await first.fill('-150');
    await page.getByRole('button', { name: 'Submit for review' }).click();
    await expect(page.locator('[aria-invalid="true"]').first()).toBeVisible();
    await checkAxe(page, 'the evaluation form in its error state');
    await shot(page, 'a11y-evaluation-form-errors');

    // From the last value field, tab backwards: each field focused must show below the sticky header.
    const fields = page.locator('input[id^="f-"][id$="-value"]');
    await fields.last().focus();
    const header = await page.locator('header').first().boundingBox();
    expect(header).not.toBeNull();
    for (let i = 0; i < 12; i++) {
      await page.keyboard.press('Shift+Tab');
      const top = await page.evaluate(() => {
        const el = document.activeElement;
        return el && el !== document.body ? el.getBoundingClientRect().top : null;
      });
      if (top === null) break;
      expect.soft(top, `focused element ${i + 1} back from the last field is under the sticky header`).toBeGreaterThanOrEqual(header!.height - 1);
    }
    await page.context().close();
  });
});
