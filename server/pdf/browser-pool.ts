// One headless Chromium for every PDF: started on the first render, started again if it dies,
// rendering at most `concurrency` pages at a time with a bounded queue and a timeout per render.
// A browser per export (as before) spawned about ten processes each and took 17–19 s under load.
import 'server-only';
import type { Browser, BrowserContext, BrowserContextOptions } from 'playwright-core';
import { env } from '@/server/env';

export type PoolLimits = { concurrency: number; queue: number; timeoutMs: number };

/** More renders are waiting than the queue holds: ask again later. */
export class QueueFullError extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super(`The PDF queue is full; try again in ${retryAfterSeconds} s.`);
  }
}

export class RenderTimeoutError extends Error {
  constructor(ms: number) {
    super(`The PDF was not ready within ${Math.round(ms / 1000)} s.`);
  }
}

export class BrowserPool {
  private browser: Promise<Browser> | null = null;
  private live: Browser | null = null;
  private active = 0;
  private readonly waiting: (() => void)[] = [];
  /** Browsers started so far (tests check that a dead one was replaced, and only then). */
  launches = 0;

  constructor(
    private readonly launch: () => Promise<Browser>,
    readonly limits: PoolLimits,
  ) {}

  /** Renders running or waiting for a slot. */
  get load(): number {
    return this.active + this.waiting.length;
  }

  /** A rough wait before a slot frees: one render's timeout, shared by the slots. */
  retryAfterSeconds(): number {
    return Math.max(1, Math.ceil(this.limits.timeoutMs / 1000 / this.limits.concurrency));
  }

  /**
   * Runs `work` in a fresh browser context (closed afterwards, also on timeout). Refuses at once
   * with QueueFullError when the queue is full. If the browser died during the work, it is
   * started again and the work tried once more.
   */
  async render<T>(options: BrowserContextOptions, work: (context: BrowserContext) => Promise<T>): Promise<T> {
    if (this.active >= this.limits.concurrency && this.waiting.length >= this.limits.queue) throw new QueueFullError(this.retryAfterSeconds());
    await this.slot();
    try {
      return await this.attempt(options, work, true);
    } finally {
      this.release();
    }
  }

  /** Closes the browser (tests, shutdown); the next render starts a new one. */
  async close(): Promise<void> {
    const b = this.browser;
    this.browser = null;
    this.live = null;
    await (await b?.catch(() => null))?.close().catch(() => {});
  }

  private async attempt<T>(options: BrowserContextOptions, work: (context: BrowserContext) => Promise<T>, retry: boolean): Promise<T> {
    const browser = await this.current();
    let context: BrowserContext | null = null;
    let timer: NodeJS.Timeout | undefined;
    try {
      context = await browser.newContext(options);
      const ctx = context;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new RenderTimeoutError(this.limits.timeoutMs)), this.limits.timeoutMs);
      });
      return await Promise.race([work(ctx), timeout]);
    } catch (e) {
      if (retry && !browser.isConnected()) {
        this.forget(browser);
        return this.attempt(options, work, false);
      }
      throw e;
    } finally {
      clearTimeout(timer);
      await context?.close().catch(() => {});
    }
  }

  private current(): Promise<Browser> {
    if (this.browser) return this.browser;
    this.launches++;
    const started = this.launch().then(
      (b) => {
        this.live = b;
        b.on('disconnected', () => this.forget(b));
        return b;
      },
      (e: unknown) => {
        if (this.browser === started) this.browser = null;
        throw e;
      },
    );
    this.browser = started;
    return started;
  }

  /** A browser that died (or was closed) is never handed out again. */
  private forget(b: Browser): void {
    if (this.live !== b) return;
    this.live = null;
    this.browser = null;
  }

  private slot(): Promise<void> {
    if (this.active < this.limits.concurrency) {
      this.active++;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private release(): void {
    const next = this.waiting.shift();
    // The slot passes straight to the next render in line.
    if (next) next();
    else this.active--;
  }
}

/** Chromium's flags for a server: no sandbox (containers), no GPU, nothing fetched in the background. */
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
export const PDF_LIMITS: PoolLimits = { concurrency: 2, queue: 8, timeoutMs: 60_000 };

const globalForPdf = globalThis as unknown as { __scorecardBrowserPool?: BrowserPool };

/** The process's one browser pool (kept across hot reloads in development). */
export function sharedBrowserPool(): BrowserPool {
  return (globalForPdf.__scorecardBrowserPool ??= new BrowserPool(async () => {
    const { chromium } = await import('playwright-core');
    return chromium.launch({ executablePath: env.CHROMIUM_PATH, args: CHROMIUM_ARGS, timeout: 30_000 });
  }, PDF_LIMITS));
}
