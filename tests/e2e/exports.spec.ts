// The scorecards' exports as people get them: the stakeholder's PDF (numbered pages, no blank last
// page, no "show as table" toggles, nothing past a card's border, the publication date, the method
// version and hash, the path to the next band and the incentives), read back with poppler's
// pdfinfo and pdftotext; the county scorecard's PDF (a job with its progress, saying how much of
// the list it holds) and its XLSX of every stakeholder of the county.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import type { Page } from '@playwright/test';
import { expect, shot, signedInPage, test } from './fixtures';

const hasPoppler = (() => {
  try {
    execFileSync('pdfinfo', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

/** Page count and each page's text (whitespace folded, CJK compatibility ideographs folded by NFKC). */
function readPdf(file: string): { pages: number; text: string[] } {
  const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))![1]);
  const text = Array.from({ length: pages }, (_, i) =>
    execFileSync('pdftotext', ['-f', String(i + 1), '-l', String(i + 1), '-layout', file, '-'], { encoding: 'utf8' }).normalize('NFKC').replace(/\s+/g, ' ').trim(),
  );
  return { pages, text };
}

/** Starts the PDF job with the page's button, watches its progress and saves the download. */
async function downloadPdf(page: Page, name: string): Promise<string> {
  const download = page.waitForEvent('download', { timeout: 90_000 });
  await page.locator('[data-export="pdf"]').getByRole('button').click();
  await expect(page.locator('[data-export="pdf"] [role="progressbar"]')).toBeVisible();
  const file = test.info().outputPath(name);
  await (await download).saveAs(file);
  expect(fs.readFileSync(file).subarray(0, 5).toString()).toBe('%PDF-');
  return file;
}

/** Elements of the print layout that run past the card holding them (none should). */
async function pastCardBorders(page: Page): Promise<string[]> {
  await page.setViewportSize({ width: 688, height: 1000 });
  await page.emulateMedia({ media: 'print' });
  return page.evaluate(() => {
    const out: string[] = [];
    for (const card of document.querySelectorAll<HTMLElement>('[data-card]')) {
      const box = card.getBoundingClientRect();
      for (const el of card.querySelectorAll<HTMLElement>('table, th, td, p, h2, h3, figure')) {
        const r = el.getBoundingClientRect();
        if (r.width > 0 && (r.right > box.right + 1 || r.left < box.left - 1)) out.push(`${el.tagName} “${(el.textContent ?? '').slice(0, 40)}” ends at ${Math.round(r.right)} past ${Math.round(box.right)}`);
      }
    }
    return out;
  });
}

test.describe('exports', () => {
  // The test command installs poppler-utils; in CI a missing one fails rather than skips.
  test.skip(!hasPoppler && !process.env.CI, 'poppler-utils (pdfinfo, pdftotext) is not installed: apt-get install poppler-utils');

  for (const [user, locale] of [
    ['coop1', 'en'],
    ['firm1', 'zh-CN'],
  ] as const) {
    test(`${user}'s scorecard PDF (${locale}) is numbered, complete and cites its method`, async ({ browser, baseURL }) => {
      test.setTimeout(150_000);
      const page = await signedInPage(browser, baseURL, user, { locale });
      await page.goto('/me');
      const href = await page.locator('a[data-export="csv"]').getAttribute('href');
      const id = Number(/\/api\/scorecards\/(\d+)\//.exec(href ?? '')![1]);
      const file = await downloadPdf(page, `${user}.pdf`);

      // What the print page cites, to find in the PDF.
      await page.goto(`/scorecards/${id}/print?period=2026Q2`);
      const hash = (await page.locator('[data-method-hash]').innerText()).trim();
      expect(hash).toMatch(/^sha256:[0-9a-f]{64}$/);
      const published = (await page.locator('[data-published-at]').innerText()).trim();
      const footer = (await page.locator('[data-pdf-footer]').getAttribute('data-pdf-footer'))!;
      await shot(page, `exports-print-${user}-${locale}-1280`);
      await page.setViewportSize({ width: 390, height: 844 });
      await shot(page, `exports-print-${user}-${locale}-390`);
      expect(await pastCardBorders(page)).toEqual([]);
      await shot(page, `exports-print-${user}-${locale}-paper`);

      const pdf = readPdf(file);
      expect(pdf.pages).toBeGreaterThan(1);
      const all = pdf.text.join(' ');
      expect(footer).toContain(locale === 'en' ? 'page [[page]] of [[pages]]' : '第 [[page]] 页，共 [[pages]] 页');
      pdf.text.forEach((text, i) => {
        const numbered = footer.replace('[[page]]', String(i + 1)).replace('[[pages]]', String(pdf.pages)).normalize('NFKC').replace(/\s+/g, ' ');
        expect(text, `page ${i + 1}`).toContain(numbered);
        // Every page, the last included, holds more than its footer.
        expect(text.replace(numbered, '').trim().length, `page ${i + 1} is blank`).toBeGreaterThan(40);
      });
      expect(all.replace(/\s+/g, '')).toContain(hash);
      expect(all).toContain(published);
      if (locale === 'en') {
        for (const heading of ['Path to the next band', 'Incentives', 'About these scores', 'Method hash']) expect(all).toContain(heading);
        expect(all).not.toMatch(/Show the .* as a table/);
      } else {
        for (const heading of ['晋级路径', '激励政策', '评分来源', '方法哈希']) expect(all.replace(/\s+/g, '')).toContain(heading);
        expect(all).not.toMatch(/以表格显示|显示为表格/);
      }
    });
  }

  test('the county scorecard exports a PDF with its progress and an XLSX of every stakeholder', async ({ browser, baseURL }) => {
    test.setTimeout(180_000);
    for (const locale of ['en', 'zh-CN'] as const) {
      const page = await signedInPage(browser, baseURL, 'admin', { locale });
      await page.goto('/scorecards/county?sort=composite&dir=desc');
      await expect(page.locator('[data-county-scorecard]')).toBeVisible();
      await shot(page, `exports-county-${locale}-1280`);
      await page.setViewportSize({ width: 390, height: 844 });
      await shot(page, `exports-county-${locale}-390`);
      await page.setViewportSize({ width: 1280, height: 800 });
      if (locale === 'zh-CN') continue;

      const range = await page.getByText(/^\d+–\d+ of [\d,]+$/).innerText();
      const total = Number(/of ([\d,]+)$/.exec(range)![1]!.replace(/,/g, ''));
      const pdf = readPdf(await downloadPdf(page, 'county.pdf'));
      const all = pdf.text.join(' ');
      pdf.text.forEach((text, i) => expect(text, `page ${i + 1}`).toContain(`page ${i + 1} of ${pdf.pages}`));
      expect(all).toMatch(total > 100 ? new RegExp(`first 100 stakeholders of ${total}`) : /All \d+ stakeholders? of the county are listed/);
      expect(all).toContain('About these scores');
      expect(all.replace(/\s+/g, '')).toMatch(/sha256:[0-9a-f]{64}/);
      expect(all).not.toMatch(/Show the .* as a table/);

      const href = await page.locator('a[data-export="xlsx"]').getAttribute('href');
      const res = await page.request.get(href!);
      expect(res.status()).toBe(200);
      expect(res.headers()['content-disposition']).toMatch(/county-scorecard-\d+-\d{4}Q\d\.xlsx/);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load((await res.body()) as unknown as ArrayBuffer);
      expect(book.getWorksheet('Stakeholders')!.actualRowCount).toBe(total + 1);
    }
  });
});
