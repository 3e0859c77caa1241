// The one shared Chromium behind every PDF (server/pdf/browser-pool.ts), with the real browser:
// concurrent renders share one browser process and at most two pages print at a time; a full
// queue is refused at once; a browser killed in the middle of a render is started again and the
// render still ends; a render that hangs times out and frees its slot.
import { execFileSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { chromium } from 'playwright-core';
import { BrowserPool, CHROMIUM_ARGS, QueueFullError, RenderTimeoutError } from '@/server/pdf/browser-pool';
import { env } from '@/server/env';

const launch = () => chromium.launch({ executablePath: env.CHROMIUM_PATH, args: CHROMIUM_ARGS, timeout: 30_000 });
const pools: BrowserPool[] = [];
function poolOf(limits: { concurrency: number; queue: number; timeoutMs: number }) {
  const pool = new BrowserPool(launch, limits);
  pools.push(pool);
  return pool;
}
// Each test's browser is closed after it, so the next one counts only its own.
afterEach(async () => {
  await Promise.all(pools.splice(0).map((p) => p.close()));
});

/** Chromium processes started by this process (a browser's own helpers are its children, not ours). */
function browserChildren(): number[] {
  const out = execFileSync('ps', ['-o', 'pid=,comm=', '--ppid', String(process.pid)], { encoding: 'utf8' });
  return out
    .split('\n')
    .map((l) => l.trim().split(/\s+/))
    .filter(([pid, comm]) => pid && /chrom/i.test(comm ?? ''))
    .map(([pid]) => Number(pid));
}

function deferred() {
  let release!: () => void;
  const promise = new Promise<void>((r) => (release = r));
  return { promise, release };
}

const html = (i: number) => `<html><body><h1>Scorecard ${i}</h1><p>评分卡</p></body></html>`;

describe('the shared browser', () => {
  it('renders concurrent exports in one browser process, two pages at a time', async () => {
    const pool = poolOf({ concurrency: 2, queue: 10, timeoutMs: 30_000 });
    let active = 0;
    let most = 0;
    const seen = new Set<number>();
    const pdfs = await Promise.all(
      Array.from({ length: 4 }, (_, i) =>
        pool.render({}, async (context) => {
          most = Math.max(most, ++active);
          try {
            const page = await context.newPage();
            await page.setContent(html(i));
            for (const pid of browserChildren()) seen.add(pid);
            return await page.pdf({ format: 'A4' });
          } finally {
            active--;
          }
        }),
      ),
    );
    expect(pdfs.every((b) => b.subarray(0, 5).toString() === '%PDF-')).toBe(true);
    expect(most).toBe(2);
    expect(pool.launches).toBe(1);
    expect(seen.size).toBe(1);
  }, 60_000);

  it('refuses at once when the queue is full', async () => {
    const pool = poolOf({ concurrency: 1, queue: 1, timeoutMs: 30_000 });
    const gate = deferred();
    const hold = () => pool.render({}, () => gate.promise);
    const first = hold();
    const second = hold();
    await expect(hold()).rejects.toBeInstanceOf(QueueFullError);
    expect(pool.load).toBe(2);
    gate.release();
    await Promise.all([first, second]);
    expect(pool.load).toBe(0);
  }, 60_000);

  it('starts the browser again when it dies in the middle of a render', async () => {
    const pool = poolOf({ concurrency: 2, queue: 2, timeoutMs: 30_000 });
    await pool.render({}, async (context) => (await context.newPage()).setContent(html(0)));
    const [before] = browserChildren();
    expect(before).toBeGreaterThan(0);
    const opened = deferred();
    const killed = deferred();
    let tries = 0;
    const rendering = pool.render({}, async (context) => {
      tries++;
      const page = await context.newPage();
      await page.setContent(html(1));
      opened.release();
      await killed.promise;
      return page.pdf({ format: 'A4' });
    });
    await opened.promise;
    process.kill(before!, 'SIGKILL');
    await new Promise((r) => setTimeout(r, 300));
    killed.release();
    const pdf = await rendering;
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(tries).toBe(2);
    expect(pool.launches).toBe(2);
    const after = browserChildren();
    expect(after).toHaveLength(1);
    expect(after[0]).not.toBe(before);
  }, 60_000);

  it('times out a render that never ends and frees its slot', async () => {
    const pool = poolOf({ concurrency: 1, queue: 1, timeoutMs: 1_500 });
    await expect(pool.render({}, () => new Promise<never>(() => {}))).rejects.toBeInstanceOf(RenderTimeoutError);
    const pdf = await pool.render({}, async (context) => {
      const page = await context.newPage();
      await page.setContent(html(2));
      return page.pdf({ format: 'A4' });
    });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pool.load).toBe(0);
  }, 60_000);
});
