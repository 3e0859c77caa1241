// Scorecard exports: GET ?format=csv|xlsx&period=2026Q2 downloads at once; the PDF is a job
// (POST …/pdf answers the job to follow, 503 with Retry-After while the queue is full) whose file
// its starter alone downloads (GET /api/jobs/[id]/file). The scorecard is read with the caller's
// session, so the same permission and scope apply as on the page (a stakeholder user exports its
// own scorecard only).
import 'server-only';
import { getLocale, getTranslations } from 'next-intl/server';
import { z } from 'zod';
import { periodCodeSchema } from '@/core/schemas/period-code';
import { NotFoundError } from '@/server/errors';
import { getNextBand, getScorecard } from '@/server/services/scorecards/stakeholder';
import { scorecardCsv, scorecardXlsx, type ExportExtras, type ExportLabels } from '@/server/services/scorecards/export';
import { scorecardPublication } from '@/server/services/scorecards/publication';
import { scorecardPdfFile } from '@/server/services/scorecards/pdf';
import { defineRoute } from '../define-route';
import { acceptPdfJob } from './pdf-job';

const scorecardInput = z.object({ id: z.coerce.number().int().positive(), period: periodCodeSchema.optional() });

export const scorecardExportRoute = defineRoute({
  method: 'GET',
  path: '/api/scorecards/[id]/export',
  action: 'scorecards.read',
  input: scorecardInput.extend({ format: z.enum(['csv', 'xlsx']) }),
  handler: async ({ db, user, input }) => {
    const data = getScorecard(db, user, { stakeholderId: input.id, period: input.period });
    if (!data.card || !data.period) throw new NotFoundError('A published scorecard of stakeholder', input.id);
    const card = { ...data, card: data.card };
    const base = `scorecard-${data.stakeholder.code}-${data.period}`;
    const headers = (type: string, ext: string) => ({
      'content-type': type,
      'content-disposition': `attachment; filename="${base}.${ext}"`,
      'cache-control': 'no-store',
    });
    const [t, tx, ti, tc, locale] = await Promise.all([getTranslations('scorecard'), getTranslations('scorecardExports'), getTranslations('incentives'), getTranslations('common'), getLocale()]);
    const labels: ExportLabels = {
      t: (key, values) => t(key as never, values as never),
      tx: (key, values) => tx(key as never, values as never),
      ti: (key, values) => ti(key as never, values as never),
      typeLabel: tc(`stakeholderTypes.${data.stakeholder.type}`),
      locale: locale === 'en' ? 'en' : 'zh-CN',
    };
    // What the page shows beside the card: the run's publication and the path to the next band.
    const extras: ExportExtras = {
      publication: scorecardPublication(db, user, { stakeholderId: input.id, period: data.period }),
      nextBand: getNextBand(db, user, { stakeholderId: input.id, period: data.period }),
    };
    if (input.format === 'csv') return new Response(scorecardCsv(card, labels, extras), { headers: headers('text/csv; charset=utf-8', 'csv') });
    const xlsx = await scorecardXlsx(card, labels, extras);
    return new Response(new Uint8Array(xlsx), { headers: headers('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'xlsx') });
  },
});

export const scorecardPdfRoute = defineRoute({
  method: 'POST',
  path: '/api/scorecards/[id]/pdf',
  action: 'scorecards.read',
  input: scorecardInput,
  handler: ({ db, user, input, request }) => {
    const data = getScorecard(db, user, { stakeholderId: input.id, period: input.period });
    if (!data.card || !data.period) throw new NotFoundError('A published scorecard of stakeholder', input.id);
    const fileName = `scorecard-${data.stakeholder.code}-${data.period}.pdf`;
    return acceptPdfJob(db, user.id, { stakeholderId: input.id, period: data.period, fileName }, request);
  },
});

/** A file a job made (a rendered PDF), for the user who started the job. */
export const jobFileRoute = defineRoute({
  method: 'GET',
  path: '/api/jobs/[id]/file',
  action: 'jobs.read',
  input: z.object({ id: z.coerce.number().int().positive() }),
  handler: ({ db, user, input }) => {
    const file = scorecardPdfFile(db, user, input.id);
    return new Response(new Uint8Array(file.bytes), {
      headers: { 'content-type': 'application/pdf', 'content-disposition': `attachment; filename="${file.fileName}"`, 'cache-control': 'no-store' },
    });
  },
});
