// Only the messages a page's client components use travel with it (components/app/client-messages.tsx):
// on every page of every role, in both languages, no client component misses a message (next-intl
// logs MISSING_MESSAGE and shows the key), and the page carries no namespace of another page's.
// The unit check (tests/unit/i18n/client-messages.test.ts) covers the states a visit does not show.
import { test, expect, signedInPage } from './fixtures';
import { PUBLIC_PAGES, ROLES, ROLE_USERS, resolveRolePages, routeName } from './pages';

/** A message key of one namespace and the only routes whose HTML may carry it. */
const PROBES = [
  { key: 'conflictKeepMine', namespace: 'evaluations.editor', routes: ['/evaluations/[id]'] },
  { key: 'rulePasses', namespace: 'whatIf.panel', routes: ['/me', '/scorecards/[id]', '/scorecards/[id]/print'] },
  { key: 'markAllRead', namespace: 'notifications', routes: ['/notifications'] },
  { key: 'throttled', namespace: 'auth.signIn', routes: ['/sign-in'] },
];

const LOCALES = ['en', 'zh-CN'] as const;

type Visit = { path: string; html: string; missing: string[] };

async function visit(page: import('@playwright/test').Page, path: string): Promise<Visit> {
  const missing: string[] = [];
  const onConsole = (m: import('@playwright/test').ConsoleMessage) => {
    if (/MISSING_MESSAGE|INSUFFICIENT_PATH/.test(m.text())) missing.push(m.text().slice(0, 200));
  };
  page.on('console', onConsole);
  try {
    const response = await page.goto(path);
    expect(response?.ok(), `${path} answered ${response?.status()}`).toBe(true);
    const html = await response!.text();
    // Effects run after hydration: by then every client component has rendered in the browser.
    await page.locator('html[data-hydrated="1"]').waitFor({ state: 'attached' });
    return { path, html, missing };
  } finally {
    page.off('console', onConsole);
  }
}

function problemsOf(visits: Visit[]): string[] {
  const problems: string[] = [];
  for (const v of visits) {
    for (const m of v.missing) problems.push(`${v.path}: ${m}`);
    for (const probe of PROBES) {
      const carries = v.html.includes(probe.key);
      if (carries && !probe.routes.includes(routeName(v.path.replace(/\?.*$/, '')))) problems.push(`${v.path} carries ${probe.namespace} ("${probe.key}")`);
    }
  }
  return problems;
}

for (const locale of LOCALES) {
  test(`the sign-in page gets its messages and no others, and its assets are served (${locale})`, async ({ browser, baseURL }) => {
    const context = await browser.newContext({ baseURL, locale: locale === 'en' ? 'en-US' : 'zh-CN' });
    await context.addCookies([{ name: 'NEXT_LOCALE', value: locale, url: baseURL! }]);
    const page = await context.newPage();
    const redirected: string[] = [];
    page.on('response', (r) => {
      if (r.status() >= 300 && r.status() < 400 && r.request().resourceType() !== 'document') redirected.push(`${r.url()} → ${r.headers().location}`);
    });
    const visits = [];
    for (const path of PUBLIC_PAGES) visits.push(await visit(page, path));
    expect(problemsOf(visits)).toEqual([]);
    // The probe finds what is there: the sign-in page does carry its own namespace.
    expect(visits[0]!.html).toContain('throttled');
    // The icon (and every other asset the page loads) is served, not sent to the sign-in page.
    expect(redirected).toEqual([]);
    const icon = await page.request.get('/icon.svg', { maxRedirects: 0 });
    expect(icon.status()).toBe(200);
    expect(icon.headers()['content-type']).toContain('image/svg+xml');
    const robots = await page.request.get('/robots.txt', { maxRedirects: 0 });
    expect(robots.status()).toBe(200);
    expect(await robots.text()).toMatch(/Disallow: \/\s*$/m);
    await context.close();
  });

  for (const role of ROLES) {
    test(`every ${role} page gets its messages and no others (${locale})`, async ({ browser, baseURL }) => {
      test.setTimeout(240_000);
      const page = await signedInPage(browser, baseURL, ROLE_USERS[role], { locale });
      const paths = await resolveRolePages(page, role);
      const visits = [];
      for (const path of paths) visits.push(await visit(page, path));
      expect(problemsOf(visits)).toEqual([]);
      // The probes would see a namespace that is there.
      const own = visits.find((v) => PROBES.some((p) => p.routes.includes(routeName(v.path.replace(/\?.*$/, '')))));
      expect(own, 'a page that carries a probed namespace').toBeTruthy();
      const probe = PROBES.find((p) => p.routes.includes(routeName(own!.path.replace(/\?.*$/, ''))))!;
      expect(own!.html).toContain(probe.key);
      await page.context().close();
    });
  }
}
