// The JavaScript budget: every page of every role, opened with an empty cache as a first visit on
// a slow rural phone would, transfers at most JS_BUDGET_BYTES of JavaScript (compressed), counted
// until the network is idle (so the chunks a page loads after hydrating, and those of the links
// it prefetches, count too). Prints each page's bytes by kind.
import type { Browser } from '@playwright/test';
import { expect, signedInPage, test } from './fixtures';
import { NAV, PUBLIC_PAGES, ROLES, ROLE_USERS, newDetailPages, routeName, type RoleName } from './pages';
import { JS_BUDGET_BYTES, KINDS, kb, recordTransfers, type Bytes } from './transfer';

// JS_BUDGET_KB lowers (or raises) the limit, e.g. to see the test fail: JS_BUDGET_KB=50.
const BUDGET = process.env.JS_BUDGET_KB ? Number(process.env.JS_BUDGET_KB) * 1024 : JS_BUDGET_BYTES;

type Session = Awaited<ReturnType<import('@playwright/test').BrowserContext['storageState']>>;

interface Row {
  path: string;
  status: number;
  bytes: Bytes;
  /** The largest scripts, named when the page is over budget. */
  heaviest: string[];
  /** The page's site-relative links, to find the detail pages the walk visits next. */
  hrefs: string[];
}

/** Opens `path` in a new browser context (its own, empty cache) and counts what arrives. */
async function measure(browser: Browser, baseURL: string, path: string, session?: Session): Promise<Row> {
  const context = await browser.newContext({ baseURL, storageState: session, locale: 'en-US' });
  try {
    const page = await context.newPage();
    const log = await recordTransfers(page);
    const response = await page.goto(path, { waitUntil: 'networkidle' });
    const heaviest = log
      .responses()
      .filter((r) => r.kind === 'js')
      .sort((a, b) => b.bytes - a.bytes)
      .slice(0, 5)
      .map((r) => `${new URL(r.url).pathname} ${kb(r.bytes)} KB`);
    // Site-relative hrefs as written, not resolved URLs: an absolute link elsewhere never matches.
    const hrefs = response?.ok() ? await page.locator('a[href^="/"]').evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? '')) : [];
    return { path, status: response?.status() ?? 0, bytes: log.bytes(), heaviest, hrefs };
  } finally {
    await context.close();
  }
}

function table(title: string, rows: Row[]): string {
  const head = ['page', ...KINDS.map((k) => `${k} KB`)];
  const lines = rows.map((r) => [routeName(r.path), ...KINDS.map((k) => kb(r.bytes[k]))]);
  const widths = head.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const fmt = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [`${title} (empty cache, transferred bytes; JavaScript budget ${kb(BUDGET)} KB)`, fmt(head), ...lines.map(fmt)].join('\n');
}

function check(title: string, rows: Row[]): void {
  console.log(table(title, rows));
  const failed = rows.filter((r) => r.status >= 400 || r.status === 0).map((r) => `${r.path}: HTTP ${r.status}`);
  expect(failed, 'every page opens').toEqual([]);
  const over = rows.filter((r) => r.bytes.js > BUDGET).map((r) => `${r.path}: ${kb(r.bytes.js)} KB of JavaScript (${r.heaviest.join(', ')})`);
  expect(over, `pages over the ${kb(BUDGET)} KB JavaScript budget`).toEqual([]);
}

test.describe('JavaScript budget', () => {
  test('public pages', async ({ browser, baseURL }) => {
    const rows: Row[] = [];
    for (const path of PUBLIC_PAGES) rows.push(await measure(browser, baseURL!, path));
    check('public', rows);
  });

  for (const role of ROLES as RoleName[]) {
    test(`every page of ${role} (${ROLE_USERS[role]})`, async ({ browser, baseURL }) => {
      test.setTimeout(6 * 60_000);
      const page = await signedInPage(browser, baseURL, ROLE_USERS[role]);
      const session = await page.context().storageState();
      await page.context().close();
      // The role's pages as resolveRolePages finds them (NAV, then the first detail page of each
      // kind linked), read off the measured visits themselves instead of a walk of their own.
      const paths = [...NAV[role]];
      const seen = new Set<string>();
      const rows: Row[] = [];
      for (let i = 0; i < paths.length; i++) {
        const row = await measure(browser, baseURL!, paths[i]!, session);
        rows.push(row);
        paths.push(...newDetailPages(row.hrefs, seen));
      }
      check(`${role} (${ROLE_USERS[role]})`, rows);
    });
  }
});
