// What a first visit costs on a slow rural link: every page of every role (tests/e2e/pages.ts, the
// list the JavaScript budget test uses), each in a new browser context (empty cache) in Debian's
// Chromium over an emulated 400 kbps / 400 ms link. Per page: the transferred bytes by kind, first
// paint (`first-contentful-paint`), interactive (the `app-hydrated` mark that
// components/app/hydration-mark.tsx sets once React has hydrated the page) and charts drawn (the
// last moment at which every chart on the page — `[data-echart]` or `[data-chart]` — held an
// <svg> or <canvas>). No CPU slowdown is emulated: the figures are the network's share.
// First comes the floor: the smallest page the app serves (the not-found page, a 404), which
// loads only React, Next's runtime and the root layout — what the framework itself costs on
// that link, shown beside the goal but not held to it.
import { chromium, type Browser, type BrowserContext } from '@playwright/test';
import { PUBLIC_PAGES, ROLES, ROLE_USERS, resolveRolePages, routeName, type RoleName } from '../tests/e2e/pages';
import { recordTransfers, type Bytes } from '../tests/e2e/transfer';
import { signIn } from './lib/http';
import type { Server } from './lib/servers';

/** The emulated link: 400 kbit/s (400,000 bits) each way, 400 ms round trip. */
export const SLOW_LINK = { offline: false, latency: 400, downloadThroughput: 400_000 / 8, uploadThroughput: 400_000 / 8 };
/** Goal: interactive within 4 s on that link; charts drawn no later than first paint. */
export const INTERACTIVE_GOAL_MS = 4000;

/**
 * A path no page answers: the not-found page, the least a visitor's browser downloads. Under
 * /sign-in, which proxy.ts leaves open, so that a visitor without a session gets the 404 itself
 * rather than a redirect to the sign-in page.
 */
export const FLOOR_PATH = '/sign-in/this-page-does-not-exist';

/** How long one page may take on the slow link before its missing figures count as not reached. */
const PAGE_TIMEOUT_MS = 90_000;

export interface PageLoadFigure {
  /** `floor`: the not-found page (FLOOR_PATH), measured for reference. */
  role: RoleName | 'public' | 'floor';
  /** The route (/evaluations/[id]), as the request figures name pages. */
  name: string;
  path: string;
  status: number;
  bytes: Bytes;
  /** Milliseconds from navigation start; null when the page never reached it. */
  firstPaintMs: number | null;
  interactiveMs: number | null;
  /** Null when the page has no chart (or never drew them all). */
  chartsMs: number | null;
  charts: number;
}

/**
 * Whether a page met the goals: interactive in time, and its charts (if any) with first paint.
 * The floor is a reference, not a page held to the goals (its 404 is what it is for).
 */
export function pageLoadProblems(f: PageLoadFigure): string[] {
  if (f.role === 'floor') return [];
  return [
    f.status >= 400 || f.status === 0 ? `HTTP ${f.status}` : '',
    f.interactiveMs === null ? 'never interactive' : f.interactiveMs > INTERACTIVE_GOAL_MS ? `interactive > ${INTERACTIVE_GOAL_MS / 1000} s` : '',
    f.charts > 0 && (f.chartsMs === null || f.firstPaintMs === null || f.chartsMs > f.firstPaintMs) ? 'charts after first paint' : '',
  ].filter(Boolean);
}

/**
 * Runs in the page before its own scripts: records in `window.__chartsDrawnAt` the last time the
 * DOM went from "some chart not drawn" to "every chart drawn" (charts stream in with the HTML, so
 * the first such moment may come before the later charts have arrived). A string, not a function:
 * tsx would wrap a function's inner functions in a helper the page does not have.
 */
const WATCH_CHARTS = `(() => {
  window.__chartsDrawnAt = null;
  window.__charts = 0;
  let drawn = false;
  new MutationObserver(() => {
    const charts = Array.from(document.querySelectorAll('[data-echart], [data-chart]'));
    window.__charts = charts.length;
    const now = charts.length > 0 && charts.every((c) => c.querySelector('svg, canvas'));
    if (now && !drawn) window.__chartsDrawnAt = performance.now();
    drawn = now;
  }).observe(document, { childList: true, subtree: true });
})();`;

/** One page, once: a new context (empty cache) over the slow link. */
export async function measurePage(browser: Browser, base: string, role: PageLoadFigure['role'], path: string, cookie: string | null): Promise<PageLoadFigure> {
  const context: BrowserContext = await browser.newContext({ baseURL: base, locale: 'en-US', viewport: { width: 1280, height: 800 } });
  try {
    if (cookie) await context.addCookies(parseCookies(cookie, base));
    const page = await context.newPage();
    const log = await recordTransfers(page);
    await log.cdp.send('Network.emulateNetworkConditions', SLOW_LINK);
    await page.addInitScript(WATCH_CHARTS);
    const response = await page.goto(path, { waitUntil: 'load', timeout: PAGE_TIMEOUT_MS });
    // Interactive and every chart, or the time is up (the figure then stays null).
    await page
      .waitForFunction(
        () => {
          const w = window as unknown as { __chartsDrawnAt: number | null; __charts: number };
          return performance.getEntriesByName('app-hydrated').length > 0 && (w.__charts === 0 || w.__chartsDrawnAt !== null);
        },
        undefined,
        { timeout: PAGE_TIMEOUT_MS, polling: 100 },
      )
      .catch(() => undefined);
    await page.waitForLoadState('networkidle', { timeout: PAGE_TIMEOUT_MS }).catch(() => undefined);
    const timing = await page.evaluate(() => {
      const w = window as unknown as { __chartsDrawnAt: number | null; __charts: number };
      return {
        firstPaintMs: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null,
        interactiveMs: performance.getEntriesByName('app-hydrated')[0]?.startTime ?? null,
        chartsMs: w.__charts > 0 ? w.__chartsDrawnAt : null,
        charts: w.__charts,
      };
    });
    return { role, name: routeName(path), path, status: response?.status() ?? 0, bytes: log.bytes(), ...timing };
  } finally {
    await context.close();
  }
}

function parseCookies(header: string, url: string) {
  return header.split('; ').map((pair) => {
    const at = pair.indexOf('=');
    return { name: pair.slice(0, at), value: pair.slice(at + 1), url };
  });
}

/** Every page of every role on one server, each once, cache empty, over the slow link. */
export async function measurePageLoads(server: Server): Promise<PageLoadFigure[]> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const figures: PageLoadFigure[] = [];
  try {
    figures.push(await measurePage(browser, server.base, 'floor', FLOOR_PATH, null));
    for (const path of PUBLIC_PAGES) figures.push(await measurePage(browser, server.base, 'public', path, null));
    for (const role of ROLES) {
      const session = await signIn(server.base, ROLE_USERS[role]);
      // The list is resolved at full speed in one warm context; only the measured visits are slow.
      const context = await browser.newContext({ baseURL: server.base });
      await context.addCookies(parseCookies(session.cookie, server.base));
      const paths = await resolveRolePages(await context.newPage(), role);
      await context.close();
      for (const path of paths) {
        const figure = await measurePage(browser, server.base, role, path, session.cookie);
        figures.push(figure);
        console.log(`page load ${server.database.label} ${role} ${path}: js ${(figure.bytes.js / 1024).toFixed(0)} KB, interactive ${figure.interactiveMs?.toFixed(0) ?? '–'} ms`);
      }
    }
  } finally {
    await browser.close();
  }
  return figures;
}
