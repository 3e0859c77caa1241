// Charts drawn on the server: the scorecard, the county scorecard and the county dashboard carry
// their charts as SVG in the HTML (Chinese labels on Chinese pages), a first visit loads no
// ECharts at all, and pointing at a chart loads it and adds tooltips over the same drawing.
import type { Page, Response } from '@playwright/test';
import { expect, shot, signedInPage, test } from './fixtures';

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };

/** A string only ECharts' code contains (a public method name survives minification). */
const ECHARTS_MARK = 'renderToSVGString';

/** The page's HTML as the server sends it (the session's cookies go along). */
async function htmlOf(page: Page, url: string): Promise<string> {
  const res = await page.request.get(url);
  expect(res.status(), url).toBe(200);
  return res.text();
}

/** The server-drawn charts in an HTML document: each figure's drawings (one per width band). */
function chartsIn(html: string): { svgs: number; figures: number } {
  return {
    figures: html.match(/<figure[^>]*data-echart=""/g)?.length ?? 0,
    svgs: html.match(/data-chart-variant="(narrow|medium|wide)"[^>]*><svg /g)?.length ?? 0,
  };
}

/** The texts drawn in the server's chart SVGs. */
function chartTexts(html: string): string[] {
  const svgs = [...html.matchAll(/data-chart-variant="[a-z]+"[^>]*><svg [\s\S]*?<\/svg>/g)].map((m) => m[0]);
  return svgs.flatMap((svg) => [...svg.matchAll(/<text[^>]*>([^<]+)<\/text>/g)].map((m) => m[1]!));
}

/** Bodies of the JavaScript responses seen from now on. */
function collectScripts(page: Page): { urls: string[]; bodies: Promise<string>[] } {
  const seen = { urls: [] as string[], bodies: [] as Promise<string>[] };
  page.on('response', (r: Response) => {
    if (r.request().resourceType() !== 'script') return;
    seen.urls.push(r.url());
    seen.bodies.push(r.text().catch(() => ''));
  });
  return seen;
}

const PAGES = [
  { user: 'firm1', url: '/me', charts: 2, zhText: /[\u4e00-\u9fff]/ },
  { user: 'assessor1', url: '/scorecards/county', charts: 1, zhText: /[\u4e00-\u9fff]/ },
  { user: 'assessor1', url: '/assessor/dashboard', charts: 2, zhText: /^(乡村主体|市场主体)$/ },
] as const;

test.describe('server-drawn charts', () => {
  for (const p of PAGES) {
    test(`${p.url}: charts are SVG in the HTML, in both languages, without ECharts until pointed at`, async ({ browser, baseURL }) => {
      test.setTimeout(120_000);
      const page = await signedInPage(browser, baseURL, p.user, { locale: 'en', viewport: DESKTOP });
      const html = await htmlOf(page, p.url);
      const { figures, svgs } = chartsIn(html);
      expect(figures, 'charts in the HTML').toBeGreaterThanOrEqual(p.charts);
      expect(svgs, 'three drawings per chart').toBe(figures * 3);

      const zhPage = await signedInPage(browser, baseURL, p.user, { locale: 'zh-CN', viewport: DESKTOP });
      const zhHtml = await htmlOf(zhPage, p.url);
      expect(chartsIn(zhHtml).figures).toBe(figures);
      // Chinese labels drawn in the SVG (not only in the page around it), and English ones on the English page.
      expect(chartTexts(zhHtml).some((text) => p.zhText.test(text)), 'Chinese text in the charts').toBe(true);
      expect(chartTexts(html).length).toBeGreaterThan(0);
      await zhPage.context().close();

      // A first visit: the charts show, and no script carries ECharts.
      const scripts = collectScripts(page);
      await page.goto(p.url);
      await page.waitForLoadState('networkidle');
      const first = page.locator('figure[data-echart]').first();
      await expect(first.locator('[data-chart-variant]:visible svg')).toBeVisible();
      await expect(first).toHaveAttribute('data-chart-state', 'static');
      const before = await Promise.all(scripts.bodies);
      expect(before.length).toBeGreaterThan(0);
      expect(before.filter((b) => b.includes(ECHARTS_MARK)), 'ECharts loaded on a first visit').toHaveLength(0);

      // Pointing at the chart loads ECharts and draws it in the browser, at the same height.
      const box = (await first.boundingBox())!;
      await first.scrollIntoViewIfNeeded();
      await first.hover();
      await expect(first).toHaveAttribute('data-chart-state', 'ready');
      await expect(first.locator('[data-chart-variant]')).toHaveCount(0);
      await expect(first.locator('svg')).toBeVisible();
      expect(Math.abs((await first.boundingBox())!.height - box.height)).toBeLessThan(2);
      await page.waitForLoadState('networkidle');
      const after = await Promise.all(scripts.bodies);
      expect(after.some((b) => b.includes(ECHARTS_MARK)), 'ECharts loaded after pointing at the chart').toBe(true);
      await page.context().close();
    });
  }

  test('screenshots at 1280 and 390 px, English and Chinese', async ({ browser, baseURL }) => {
    test.setTimeout(240_000);
    for (const p of PAGES) {
      for (const locale of ['en', 'zh-CN'] as const) {
        for (const [size, viewport] of [['desktop', DESKTOP], ['phone', PHONE]] as const) {
          const page = await signedInPage(browser, baseURL, p.user, { locale, viewport });
          await page.goto(p.url);
          const figure = page.locator('figure[data-echart]').first();
          await expect(figure.locator('[data-chart-variant]:visible svg')).toBeVisible();
          // The drawing that shows fits its box: no chart wider than the page.
          const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
          expect(overflow, `${p.url} ${locale} ${size}: page wider than the screen`).toBeLessThanOrEqual(0);
          // The figure is the container the variants answer to: narrow below 520 px, medium below
          // 900, wide above (a desktop page with the sidebar leaves a half-width card narrow too).
          const shown = await figure.locator('[data-chart-variant]:visible').getAttribute('data-chart-variant');
          const width = await figure.evaluate((el) => el.getBoundingClientRect().width);
          expect(shown, `${p.url} ${locale} ${size}: a ${width}px box`).toBe(width < 520 ? 'narrow' : width < 900 ? 'medium' : 'wide');
          if (size === 'phone') expect(shown).toBe('narrow');
          await shot(page, `charts${p.url.replace(/\//g, '-')}-${locale}-${size}`);
          await page.context().close();
        }
      }
    }
  });
});
