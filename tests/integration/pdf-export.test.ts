// PDF exports as jobs, through the route handlers, with a stand-in browser (the real one is under
// test in pdf-browser.test.ts): the job goes queued → rendering → done, its file is served to its
// starter only and for a limited time; once the renders running and waiting fill the pool, the
// start is answered 503 with Retry-After and a message in the reader's language.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Browser } from 'playwright-core';
import { countyPdfRoute, jobFileRoute, scorecardExportRoute, scorecardPdfRoute } from '@/server/http';
import { settleJobs } from '@/server/jobs/runner';
import { env } from '@/server/env';
import { footerTemplate, PDF_KEEP_MS } from '@/server/services/scorecards/pdf';
import { publishedWorld } from './factory';

// Each page.pdf() waits for the test to let it go; the pages' addresses are recorded.
const fake = vi.hoisted(() => ({ gates: [] as (() => void)[], visited: [] as string[], rendering: 0, options: [] as Record<string, unknown>[] }));
vi.mock('@/server/pdf/browser-pool', async (importOriginal) => {
  const real = await importOriginal<typeof import('@/server/pdf/browser-pool')>();
  const page = {
    goto: async (url: string) => {
      fake.visited.push(url);
      return { ok: () => true, status: () => 200 };
    },
    waitForSelector: async () => null,
    waitForFunction: async () => null,
    emulateMedia: async () => undefined,
    evaluate: async () => 'Scorecard · page [[page]] of [[pages]]',
    pdf: (options: Record<string, unknown>) =>
      new Promise<Buffer>((resolve) => {
        fake.options.push(options);
        fake.rendering++;
        fake.gates.push(() => {
          fake.rendering--;
          resolve(Buffer.from('%PDF-1.7 stand-in'));
        });
      }),
  };
  const context = { addCookies: async () => undefined, newPage: async () => page, close: async () => undefined };
  const browser = { newContext: async () => context, isConnected: () => true, on: () => browser, close: async () => undefined } as unknown as Browser;
  const pool = new real.BrowserPool(async () => browser, real.PDF_LIMITS);
  return { ...real, sharedBrowserPool: () => pool };
});

let w: Awaited<ReturnType<typeof publishedWorld>>;
const made: string[] = [];
beforeAll(async () => {
  w = await publishedWorld();
}, 60_000);
afterAll(() => {
  for (const file of made) fs.rmSync(path.join(env.DATA_DIR, 'exports', file), { force: true });
});

const startAs = (user: typeof w.admin, cookie = '') =>
  scorecardPdfRoute.run({ db: w.db, user }, new Request(`http://localhost/api/scorecards/${w.who.firm.id}/pdf?period=2026Q2`, { method: 'POST', headers: { cookie } }), { id: String(w.who.firm.id) });
const fileAs = (user: typeof w.admin, jobId: number) => jobFileRoute.run({ db: w.db, user }, new Request(`http://localhost/api/jobs/${jobId}/file`), { id: String(jobId) });
const jobOf = (jobId: number) => w.caller(w.users.firm).jobs.get({ id: jobId });
const tick = () => new Promise((r) => setTimeout(r, 10));
async function until(ok: () => boolean | Promise<boolean>) {
  for (let i = 0; i < 200 && !(await ok()); i++) await tick();
}

describe('PDF export as a job', () => {
  it('renders as its starter, shows its steps, and serves the file to its starter only', async () => {
    const res = await startAs(w.users.firm, 'session=abc; NEXT_LOCALE=en');
    expect(res.status).toBe(202);
    const { jobId, kind } = (await res.json()) as { jobId: number; kind: string };
    expect(kind).toBe('scorecard.pdf');
    await until(() => fake.rendering === 1);
    expect(await jobOf(jobId)).toMatchObject({ status: 'running', step: 'rendering' });
    expect(fake.visited.at(-1)).toBe(`${new URL(`/scorecards/${w.who.firm.id}/print?period=2026Q2`, env.APP_URL)}`);
    fake.gates.shift()!();
    await settleJobs();
    const job = await jobOf(jobId);
    expect(job).toMatchObject({ status: 'succeeded', step: 'done', result: { fileName: expect.stringMatching(/^scorecard-MK-\d+-2026Q2\.pdf$/) } });
    made.push((job.result as { file: string }).file);

    const mine = await fileAs(w.users.firm, jobId);
    expect(mine.status).toBe(200);
    expect(mine.headers.get('content-disposition')).toMatch(/attachment; filename="scorecard-MK-\d+-2026Q2\.pdf"/);
    expect(Buffer.from(await mine.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');
    // Anyone else, an administrator too, is answered as for a job that does not exist.
    expect((await fileAs(w.admin, jobId)).status).toBe(404);
    expect((await fileAs(w.users.coop, jobId)).status).toBe(404);
    // Kept for a while only.
    const file = path.join(env.DATA_DIR, 'exports', (job.result as { file: string }).file);
    const old = (Date.now() - PDF_KEEP_MS - 60_000) / 1000;
    fs.utimesSync(file, old, old);
    expect((await fileAs(w.users.firm, jobId)).status).toBe(404);
  });

  it('numbers the pages with the footer line the print page wrote', async () => {
    const res = await startAs(w.users.firm);
    const { jobId } = (await res.json()) as { jobId: number };
    await until(() => fake.gates.length > 0);
    const options = fake.options.at(-1)!;
    expect(options).toMatchObject({ format: 'A4', displayHeaderFooter: true, headerTemplate: '<span></span>' });
    expect(options.footerTemplate).toContain('Scorecard · page <span class="pageNumber"></span> of <span class="totalPages"></span>');
    fake.gates.shift()!();
    await settleJobs();
    made.push(((await jobOf(jobId)).result as { file: string }).file);
  });

  it('writes the footer line as text: a name is never markup', () => {
    const html = footerTemplate('<img src=x onerror=alert(1)> & “Co” · page [[page]] of [[pages]]');
    expect(html).not.toContain('<img');
    expect(html).toContain('&#60;img src=x onerror=alert(1)&#62; &#38; “Co” · page <span class="pageNumber"></span> of <span class="totalPages"></span>');
  });

  it('renders the county scorecard’s print page in the order asked, for those who may read the county', async () => {
    const start = (user: typeof w.admin, query: string) =>
      countyPdfRoute.run({ db: w.db, user }, new Request(`http://localhost/api/scorecards/county/pdf?${query}`, { method: 'POST' }));
    const countyA = w.w.countyA.id;
    const res = await start(w.users.assessorA, `countyId=${countyA}&period=2026Q2&sort=composite&dir=desc`);
    expect(res.status).toBe(202);
    const { jobId, kind } = (await res.json()) as { jobId: number; kind: string };
    expect(kind).toBe('scorecard.pdf');
    await until(() => fake.gates.length > 0);
    expect(fake.visited.at(-1)).toBe(`${new URL(`/scorecards/county/print?countyId=${countyA}&period=2026Q2&sort=composite&dir=desc`, env.APP_URL)}`);
    fake.gates.shift()!();
    await settleJobs();
    const job = await w.caller(w.users.assessorA).jobs.get({ id: jobId });
    expect(job.result).toMatchObject({ fileName: expect.stringMatching(/^county-scorecard-\d+-2026Q2\.pdf$/) });
    made.push((job.result as { file: string }).file);
    // Another county's assessor and a stakeholder user are refused before any job starts.
    const before = fake.visited.length;
    expect((await start(w.users.assessorB, `countyId=${countyA}&period=2026Q2`)).status).toBe(403);
    expect((await start(w.users.firm, `countyId=${countyA}`)).status).toBe(403);
    expect((await start(w.users.assessorA, `countyId=${countyA}&period=2026Q3`)).status).toBe(404);
    await settleJobs();
    expect(fake.visited.length).toBe(before);
  });

  it('refuses another stakeholder’s scorecard before any job starts', async () => {
    const before = fake.visited.length;
    const res = await scorecardPdfRoute.run({ db: w.db, user: w.users.coop }, new Request(`http://localhost/api/scorecards/${w.who.firm.id}/pdf`, { method: 'POST' }), { id: String(w.who.firm.id) });
    expect([403, 404]).toContain(res.status);
    await settleJobs();
    expect(fake.visited.length).toBe(before);
  });

  it('answers 503 with Retry-After, in the reader’s language, once running and waiting renders fill the pool', async () => {
    const handles: number[] = [];
    for (let i = 0; i < 10; i++) {
      const res = await startAs(w.users.firm);
      expect(res.status, `start ${i + 1}`).toBe(202);
      handles.push(((await res.json()) as { jobId: number }).jobId);
    }
    await until(() => fake.rendering === 2);
    expect(fake.rendering).toBe(2); // at most two pages at a time
    const full = await startAs(w.users.firm, 'NEXT_LOCALE=zh-CN');
    expect(full.status).toBe(503);
    expect(Number(full.headers.get('retry-after'))).toBeGreaterThan(0);
    const body = (await full.json()) as { error: { message: string; reason: string } };
    expect(body.error.reason).toBe('busy');
    expect(body.error.message).toMatch(/PDF 过多，请 \d+ 秒后重试/);
    // Let them all through: every job ends with its file.
    while (handles.length) {
      await until(() => fake.gates.length > 0);
      fake.gates.shift()!();
      const done = handles.shift()!;
      await until(async () => (await jobOf(done)).status === 'succeeded');
      made.push(((await jobOf(done)).result as { file: string }).file);
    }
    await settleJobs();
    expect((await startAs(w.users.firm)).status).toBe(202);
    await until(() => fake.gates.length > 0);
    fake.gates.shift()!();
    await settleJobs();
  });

  it('no longer renders a PDF in the download request', async () => {
    const get = (format: string) => scorecardExportRoute.run({ db: w.db, user: w.users.firm }, new Request(`http://localhost/api/scorecards/${w.who.firm.id}/export?format=${format}`), { id: String(w.who.firm.id) });
    expect((await get('pdf')).status).toBe(400);
  });
});
