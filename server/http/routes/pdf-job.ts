// Answering a request for a PDF: the job started (202, with its id for the progress), or, when the
// browser pool's queue is full, 503 with Retry-After and the reason in the reader's language.
import 'server-only';
import { NextRequest } from 'next/server';
import { createTranslator } from 'use-intl/core';
import type { Db } from '@/db';
import { vmsg } from '@/core/domain/messages';
import { catalogs } from '@/i18n/messages';
import { requestLocale } from '@/server/auth/locale';
import { BusyError } from '@/server/errors';
import { startPdfJob } from '@/server/jobs/pdf';
import { QueueFullError } from '@/server/pdf/browser-pool';
import type { PdfRequest } from '@/server/services/scorecards/pdf';

export function acceptPdfJob(db: Db, userId: string, pdf: PdfRequest, request: Request): Response {
  try {
    // The print page is rendered as the requesting user: the job carries their session cookies.
    const job = startPdfJob(db, userId, pdf, new NextRequest(request).cookies.getAll());
    return Response.json(job, { status: 202, headers: { 'cache-control': 'no-store' } });
  } catch (e) {
    if (!(e instanceof QueueFullError)) throw e;
    const locale = requestLocale(request.headers);
    const t = createTranslator({ locale, messages: catalogs[locale], namespace: 'jobs.pdf' });
    throw new BusyError(t('busy', { seconds: e.retryAfterSeconds }), e.retryAfterSeconds).with({}, vmsg('jobs.pdf.busy', { seconds: e.retryAfterSeconds }));
  }
}
