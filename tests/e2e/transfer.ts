// What a page costs on the wire: every response's transferred bytes (compressed, headers included,
// as Chromium's network stack counts them), by kind. Shared by the JavaScript budget test and the
// page-load bench. Only types come from Playwright, so the bench can load this file on its own.
import type { CDPSession, Page } from '@playwright/test';

export const KINDS = ['js', 'css', 'html/rsc', 'font', 'image', 'other'] as const;
export type Kind = (typeof KINDS)[number];
export type Bytes = Record<Kind, number>;

/** The page's JavaScript may transfer at most this much with an empty cache (compressed). */
export const JS_BUDGET_BYTES = 250 * 1024;

export const noBytes = (): Bytes => ({ js: 0, css: 0, 'html/rsc': 0, font: 0, image: 0, other: 0 });

/** The kind of a response, from Chromium's resource type and the MIME type. */
export function kindOf(resourceType: string, mimeType: string): Kind {
  if (resourceType === 'Script' || /javascript|ecmascript/.test(mimeType)) return 'js';
  if (resourceType === 'Stylesheet' || mimeType === 'text/css') return 'css';
  if (resourceType === 'Document' || /text\/html|text\/x-component/.test(mimeType)) return 'html/rsc';
  if (resourceType === 'Font' || mimeType.startsWith('font/')) return 'font';
  if (resourceType === 'Image' || mimeType.startsWith('image/')) return 'image';
  return 'other';
}

export interface TransferLog {
  /** Bytes so far by kind (responses that finished loading). */
  bytes: () => Bytes;
  /** The finished responses: URL, kind and bytes, e.g. to name what made a page heavy. */
  responses: () => { url: string; kind: Kind; bytes: number }[];
}

/**
 * Starts counting the responses `page` receives, through the DevTools protocol: its
 * Network.loadingFinished carries the encoded (on-the-wire) length, which Playwright's own
 * request events do not give for every response. Call before the page navigates.
 */
export async function recordTransfers(page: Page): Promise<TransferLog & { cdp: CDPSession }> {
  const cdp = await page.context().newCDPSession(page);
  const pending = new Map<string, { url: string; kind: Kind }>();
  const done: { url: string; kind: Kind; bytes: number }[] = [];
  cdp.on('Network.responseReceived', (e) => pending.set(e.requestId, { url: e.response.url, kind: kindOf(e.type, e.response.mimeType) }));
  cdp.on('Network.loadingFinished', (e) => {
    const seen = pending.get(e.requestId);
    if (!seen) return;
    pending.delete(e.requestId);
    done.push({ ...seen, bytes: e.encodedDataLength });
  });
  await cdp.send('Network.enable');
  return {
    cdp,
    responses: () => [...done],
    bytes: () => {
      const sum = noBytes();
      for (const r of done) sum[r.kind] += r.bytes;
      return sum;
    },
  };
}

export const kb = (bytes: number): string => (bytes / 1024).toFixed(1);
