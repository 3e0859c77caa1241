// Only the messages a page's client components use travel with it (components/app/client-messages.tsx).
// Every page of every role is checked for that by the page walk (a11y.spec.ts, page-checks.ts);
// here the signed-out pages, in both languages, and the assets the sign-in page loads.
import { test, expect } from './fixtures';
import { PUBLIC_PAGES } from './pages';
import { problemsOf, visit } from './page-checks';

const LOCALES = ['en', 'zh-CN'] as const;

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
}
