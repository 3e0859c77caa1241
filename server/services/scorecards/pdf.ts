// The scorecard as a PDF, rendered as a `scorecard.pdf` job: the print page opened in the one
// shared Chromium with its caller's own cookies (so the PDF shows nothing that caller could not
// open), written under the data folder for a short while, and handed only to the user who asked.
import 'server-only';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { Db } from '@/db';
import type { SessionUser } from '@/server/auth/session';
import { env } from '@/server/env';
import { NotFoundError } from '@/server/errors';
import { sharedBrowserPool } from '@/server/pdf/browser-pool';
import { getJobRow } from '@/server/queries/jobs';
import { noProgress, type ReportProgress } from '@/core/domain/jobs';
import type { CountyScorecardParams } from '@/core/schemas/county-scorecard';

/** How long a rendered PDF is kept for its download. */
export const PDF_KEEP_MS = 15 * 60_000;

export type PdfCookie = { name: string; value: string };
/** A stakeholder's scorecard, or a county's (its summary and the first page of its list, in the order asked). */
export type PdfRequest =
  | { stakeholderId: number; period: string; fileName: string }
  | { countyId: number; period: string; fileName: string; sort?: CountyScorecardParams['sort'] | undefined; dir?: CountyScorecardParams['dir'] | undefined };

/** The print page a request renders. */
export function printPathOf(input: PdfRequest): string {
  const period = `period=${encodeURIComponent(input.period)}`;
  if ('stakeholderId' in input) return `/scorecards/${input.stakeholderId}/print?${period}`;
  const order = input.sort ? `&sort=${encodeURIComponent(input.sort)}&dir=${input.dir ?? 'asc'}` : '';
  return `/scorecards/county/print?countyId=${input.countyId}&${period}${order}`;
}

/**
 * Chromium's footer from the print page's `data-pdf-footer` line, `[[page]]` and `[[pages]]`
 * standing for the page number and count: the page writes it in its reader's language.
 */
export function footerTemplate(line: string): string {
  const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  const html = escape(line).replace('[[page]]', '<span class="pageNumber"></span>').replace('[[pages]]', '<span class="totalPages"></span>');
  // The footer is its own document: without a font size Chromium draws it nearly invisibly small.
  return `<div style="box-sizing:border-box;width:100%;padding:0 14mm;font-size:9px;color:#475569;text-align:center;font-family:'Noto Sans','Noto Sans CJK SC',sans-serif">${html}</div>`;
}

const pdfResult = z.object({ file: z.string().regex(/^[0-9a-f-]{36}\.pdf$/), fileName: z.string(), bytes: z.number() });
export type PdfResult = z.output<typeof pdfResult>;

const exportsDir = () => path.join(env.DATA_DIR, 'exports');

/**
 * A print page of this app as an A4 PDF, signed in with the given cookies; waits for the page's
 * footer line (every print page has one) and for the charts to draw, and numbers the pages.
 */
export async function renderPdf(pathAndQuery: string, cookies: readonly PdfCookie[]): Promise<Uint8Array> {
  const origin = new URL(env.APP_URL);
  // The A4 content width (210 mm − 2 × 14 mm margins ≈ 688 CSS px): charts lay out at the width
  // they are printed at instead of being drawn for a desktop window and clipped.
  return sharedBrowserPool().render({ viewport: { width: 688, height: 1000 } }, async (context) => {
    await context.addCookies(cookies.map((c) => ({ name: c.name, value: c.value, domain: origin.hostname, path: '/', httpOnly: true, sameSite: 'Lax' as const })));
    const page = await context.newPage();
    const response = await page.goto(new URL(pathAndQuery, origin).toString(), { waitUntil: 'networkidle', timeout: 30_000 });
    if (!response || !response.ok()) throw new Error(`the print page answered ${response?.status() ?? 'nothing'}`);
    await page.waitForSelector('[data-pdf-footer]', { state: 'attached', timeout: 15_000 });
    await page.waitForFunction(() => document.querySelectorAll('figure[data-echart][aria-busy="true"]').length === 0, undefined, { timeout: 15_000 });
    await page.emulateMedia({ media: 'print' });
    const footer = await page.evaluate(() => document.querySelector('[data-pdf-footer]')?.getAttribute('data-pdf-footer') ?? '');
    return new Uint8Array(
      await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true, displayHeaderFooter: true, headerTemplate: '<span></span>', footerTemplate: footerTemplate(footer) }),
    );
  });
}

/** The job's work: renders the scorecard's (or county's) print page and keeps the file for its download. */
export async function renderScorecardPdf(input: PdfRequest, cookies: readonly PdfCookie[], progress: ReportProgress = noProgress): Promise<PdfResult> {
  sweepPdfFiles();
  progress(0.1, 'rendering');
  const bytes = await renderPdf(printPathOf(input), cookies);
  progress(0.9, 'saving');
  fs.mkdirSync(exportsDir(), { recursive: true });
  const file = `${crypto.randomUUID()}.pdf`;
  fs.writeFileSync(path.join(exportsDir(), file), bytes, { mode: 0o600 });
  return { file, fileName: input.fileName, bytes: bytes.length };
}

/**
 * The PDF a finished job rendered, for the user who started it only (anyone else, an
 * administrator included, is answered as for a job that does not exist); gone after PDF_KEEP_MS.
 */
export function scorecardPdfFile(db: Db, me: SessionUser, jobId: number, now = Date.now()): { fileName: string; bytes: Uint8Array } {
  const missing = new NotFoundError('A rendered PDF of job', jobId);
  const row = (() => {
    try {
      return getJobRow(db, jobId);
    } catch {
      throw missing;
    }
  })();
  if (row.kind !== 'scorecard.pdf' || row.startedBy !== me.id || row.status !== 'succeeded') throw missing;
  const result = pdfResult.safeParse(row.result);
  if (!result.success) throw missing;
  const full = path.join(exportsDir(), result.data.file);
  const stat = fs.statSync(full, { throwIfNoEntry: false });
  if (!stat || now - stat.mtimeMs > PDF_KEEP_MS) throw new NotFoundError('A rendered PDF (kept for 15 minutes) of job', jobId);
  return { fileName: result.data.fileName, bytes: fs.readFileSync(full) };
}

/** Deletes rendered PDFs older than PDF_KEEP_MS. */
export function sweepPdfFiles(now = Date.now()): number {
  let removed = 0;
  if (!fs.existsSync(exportsDir())) return 0;
  for (const name of fs.readdirSync(exportsDir(), { withFileTypes: true }).filter((d) => d.isFile() && d.name.endsWith('.pdf'))) {
    const full = path.join(exportsDir(), name.name);
    const stat = fs.statSync(full, { throwIfNoEntry: false });
    if (stat && now - stat.mtimeMs > PDF_KEEP_MS) {
      fs.rmSync(full, { force: true });
      removed++;
    }
  }
  return removed;
}
