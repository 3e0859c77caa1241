// What each visit of the page walks checks besides accessibility (a11y.spec.ts walks every page of
// every role in both languages; chinese-sweep.spec.ts and client-messages.spec.ts add the states a
// walk does not reach):
// - in Chinese, no English sentence a reader can see (a run of three or more Latin words that is
//   not a code, a unit, an address or a proper name in the allowlist below);
// - only the messages a page's client components use travel with it (components/app/client-messages.tsx):
//   no client component misses a message (next-intl logs MISSING_MESSAGE and shows the key), and the
//   page carries no namespace of another page's. The unit check (tests/unit/i18n/client-messages.test.ts)
//   covers the states a visit does not show.
import { expect, type ConsoleMessage, type Page } from '@playwright/test';
import { routeName } from './pages';

// Words that stay Latin in Chinese on purpose: product and method names, file formats.
const ALLOWED = [/\bkpi-set\/v1\b/gi, /\bCRITIC\b/g, /\bAHP\b/g, /\bTOPSIS\b/g, /\bWPS\b/g, /\bExcel\b/g, /\bLibreOffice\b/g, /\bPDF\b/g, /\bCSV\b/g, /\bXLSX\b/g, /\bJSON\b/g, /\bUTF-8\b/g, /\bGB18030\b/g];
const URL_OR_EMAIL = /\b(?:https?:\/\/\S+|[\w.+-]+@[\w-]+\.[\w.]+)/g;
// Three or more Latin words in a row, within one cell (a code such as ru_member_income carries "_" or
// digits and is one word at most; a tab separates table cells).
const SENTENCE = /(?<![\w-])[A-Za-z][A-Za-z'’]*(?: +[A-Za-z][A-Za-z'’]*){2,}(?![\w-])/g;

/** English runs in a text, after taking out addresses and allowed names. */
export function englishRuns(text: string): string[] {
  let t = text.replace(URL_OR_EMAIL, ' ');
  for (const a of ALLOWED) t = t.replace(a, ' ');
  return [...new Set(t.split('\n').flatMap((line) => [...line.matchAll(SENTENCE)].map((m) => m[0])))];
}

/**
 * What a reader sees: the rendered text, labels read out by screen readers, placeholders and the
 * title. Content marked as English on purpose (`lang="en"`, e.g. a rule's English sentence shown
 * beside the Chinese one) or as not to be translated (`translate="no"`: people's own words, such
 * as an audit reason) is left out.
 */
export async function visibleText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const skipped = Array.from(document.querySelectorAll<HTMLElement>('body [lang^="en"], [translate="no"]'));
    const display = skipped.map((el) => el.style.display);
    for (const el of skipped) el.style.display = 'none';
    const parts = [document.title, document.body.innerText];
    skipped.forEach((el, i) => (el.style.display = display[i]!));
    for (const el of Array.from(document.querySelectorAll<HTMLElement>('[placeholder],[aria-label],[title]'))) {
      if (!el.getClientRects().length || el.closest('[lang^="en"], [translate="no"]')) continue;
      for (const attr of ['placeholder', 'aria-label', 'title']) {
        const v = el.getAttribute(attr);
        if (v) parts.push(v);
      }
    }
    return parts.join('\n');
  });
}

/** A message key of one namespace and the only routes whose HTML may carry it. */
export const PROBES = [
  { key: 'conflictKeepMine', namespace: 'evaluations.editor', routes: ['/evaluations/[id]'] },
  { key: 'rulePasses', namespace: 'whatIf.panel', routes: ['/me', '/scorecards/[id]', '/scorecards/[id]/print'] },
  { key: 'markAllRead', namespace: 'notifications', routes: ['/notifications'] },
  { key: 'throttled', namespace: 'auth.signIn', routes: ['/sign-in'] },
];

export type Visit = { path: string; html: string; missing: string[] };

/** Opens `path` and waits for hydration (every client component has rendered), with what the visit logged. */
export async function visit(page: Page, path: string): Promise<Visit> {
  const log = recordMissingMessages(page);
  try {
    const response = await page.goto(path);
    expect(response?.ok(), `${path} answered ${response?.status()}`).toBe(true);
    const html = await response!.text();
    await page.locator('html[data-hydrated="1"]').waitFor({ state: 'attached' });
    return { path, html, missing: log.missing };
  } finally {
    log.stop();
  }
}

export function problemsOf(visits: Visit[]): string[] {
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

/** Collects next-intl's console reports of missing messages into `missing` until `stop()`. */
export function recordMissingMessages(page: Page): { missing: string[]; stop: () => void } {
  const missing: string[] = [];
  const onConsole = (m: ConsoleMessage) => {
    if (/MISSING_MESSAGE|INSUFFICIENT_PATH/.test(m.text())) missing.push(m.text().slice(0, 200));
  };
  page.on('console', onConsole);
  return { missing, stop: () => page.off('console', onConsole) };
}

/** Fails softly on any English sentence visible on the page as it is now. */
export async function expectNoEnglish(page: Page, where: string): Promise<void> {
  expect.soft(englishRuns(await visibleText(page)), `English on ${where} (${page.url()})`).toEqual([]);
}
