// The one list of "every page of every role", shared by the browser tests (JavaScript budget,
// accessibility) and the bench (bench/web.ts, bench/page-load.ts). Pages that take an id are found
// by following the first link of each kind, since the demo and a generated province hold different
// ids. Only a type is imported from Playwright, so the bench can load this file without it.
import type { Page } from '@playwright/test';

/** Users measured, one per role (the demo logins; the province generator keeps them). */
export const ROLE_USERS = { admin: 'admin', assessor: 'assessor1', stakeholder: 'firm1' } as const;
export type RoleName = keyof typeof ROLE_USERS;
export const ROLES = Object.keys(ROLE_USERS) as RoleName[];

/** Pages anyone can open without signing in. */
export const PUBLIC_PAGES = ['/sign-in'];

/**
 * Each role's navigation (app/(app)/layout.tsx), then the pages outside it that the role can open
 * (forms, imports, filtered views, the profile, the notifications, print views).
 */
export const NAV: Record<RoleName, string[]> = {
  admin: [
    '/admin', '/admin/periods', '/admin/indicators', '/admin/kpi-sets', '/evaluations', '/assessor/dashboard', '/scorecards/county', '/admin/programs', '/admin/stakeholders', '/admin/users', '/admin/regions', '/admin/audit',
    '/evaluations/import', '/stakeholders/import', '/stakeholders/new', '/admin/programs/new', '/evaluations?view=toReview', '/scorecards/county/print', '/notifications', '/me/profile', '/me/profile/password', '/appeals', '/appeals?state=all', '/admin/appeals',
  ],
  assessor: [
    '/assessor', '/evaluations', '/assessor/dashboard', '/scorecards/county',
    '/evaluations/import', '/stakeholders/import', '/stakeholders/new', '/evaluations?view=toReview', '/evaluations?view=mine', '/scorecards/county/print', '/notifications', '/me/profile', '/me/profile/password', '/appeals', '/appeals?state=all',
  ],
  stakeholder: ['/me', '/me/profile', '/me/profile/password', '/notifications', '/appeals', '/appeals/new'],
};

/** Detail pages: the first link of each kind found on the role's pages is visited too. */
export const DETAIL_PATTERNS = [
  /^\/evaluations\/\d+$/, /^\/scorecards\/\d+$/, /^\/scorecards\/\d+\/print$/, /^\/stakeholders\/\d+$/, /^\/admin\/kpi-sets\/\d+$/,
  /^\/admin\/programs\/\d+$/, /^\/admin\/programs\/\d+\/edit$/, /^\/admin\/programs\/\d+\/runs\/\d+$/,
  /^\/admin\/periods\/\d+\/revisions$/, /^\/appeals\/\d+$/,
];

/** A detail page's route name (/evaluations/[id]): the same row whatever id a database links to. */
export const routeName = (path: string): string => path.replace(/\/\d+/g, '/[id]');

/**
 * The detail pages among `hrefs` (paths, query and fragment ignored) of a kind not in `seen` yet,
 * the lowest-numbered of each kind (the seeded records: a draft another test made a moment ago may
 * be gone by the time the page is visited); adds their kinds to `seen`.
 */
export function newDetailPages(hrefs: Iterable<string>, seen: Set<string>): string[] {
  const lowest = new Map<string, string>();
  for (const href of hrefs) {
    const path = href.replace(/[?#].*$/, '');
    const pattern = DETAIL_PATTERNS.find((p) => p.test(path));
    if (!pattern || seen.has(pattern.source)) continue;
    const kept = lowest.get(pattern.source);
    if (kept === undefined || compareIds(path, kept) < 0) lowest.set(pattern.source, path);
  }
  for (const kind of lowest.keys()) seen.add(kind);
  return [...lowest.values()];
}

/** Orders two paths of one kind by their numbers, left to right. */
function compareIds(a: string, b: string): number {
  const ids = (path: string) => (path.match(/\d+/g) ?? []).map(Number);
  const [x, y] = [ids(a), ids(b)];
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
  return x.length - y.length;
}

/**
 * Every page of `role` as paths: its NAV pages, then the first detail page of each kind linked from
 * them (and from those detail pages in turn). `page` must be signed in as the role's user; it is
 * left on the last page visited. A page that fails to load is still listed (the caller's test
 * then fails on it) but its links are not followed.
 */
export async function resolveRolePages(page: Page, role: RoleName): Promise<string[]> {
  const paths = [...NAV[role]];
  const seen = new Set<string>();
  for (let i = 0; i < paths.length; i++) {
    // Network idle: lists drawn in the browser (after their query answers) hold links too.
    const response = await page.goto(paths[i]!, { waitUntil: 'networkidle' });
    if (!response?.ok()) continue;
    // Site-relative hrefs as written, not resolved URLs: an absolute link elsewhere never matches.
    const hrefs = await page.locator('a[href^="/"]').evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
    paths.push(...newDetailPages(hrefs, seen));
  }
  return paths;
}
