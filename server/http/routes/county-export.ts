// County scorecard exports: GET …/county/export?countyId=&period= streams the XLSX (every scored
// stakeholder of the county, in code order); POST …/county/pdf starts a PDF job of the county's
// print page (its figures and the first page of its list, in the order asked), followed like the
// stakeholder scorecard's and answered 503 with Retry-After while the queue is full.
import 'server-only';
import { NextRequest } from 'next/server';
import { getLocale, getTranslations } from 'next-intl/server';
import { createTranslator } from 'next-intl';
import { z } from 'zod';
import { vmsg } from '@/core/domain/messages';
import { countyScorecardSchema } from '@/core/schemas/county-scorecard';
import { catalogs } from '@/i18n/messages';
import { requestLocale } from '@/server/auth/locale';
import { BusyError, NotFoundError } from '@/server/errors';
import { startPdfJob } from '@/server/jobs/pdf';
import { QueueFullError } from '@/server/pdf/browser-pool';
import { countyExport, getCountyScorecard } from '@/server/services/scorecards/county';
import { countyXlsx, type CountyExportLabels } from '@/server/services/scorecards/export';
import { defineRoute } from '../define-route';

const countyInput = countyScorecardSchema.pick({ countyId: true, period: true, sort: true, dir: true });

export const countyExportRoute = defineRoute({
  method: 'GET',
  path: '/api/scorecards/county/export',
  action: 'scorecards.county',
  input: countyInput.extend({ format: z.literal('xlsx').default('xlsx') }),
  handler: async ({ db, user, input }) => {
    const exp = countyExport(db, user, { countyId: input.countyId, period: input.period });
    const [t, tx, tc, locale] = await Promise.all([getTranslations('scorecard'), getTranslations('scorecardExports'), getTranslations('common'), getLocale()]);
    const labels: CountyExportLabels = {
      t: (key, values) => t(key as never, values as never),
      tx: (key, values) => tx(key as never, values as never),
      typeLabel: (type) => tc(`stakeholderTypes.${type}` as never),
      locale: locale === 'en' ? 'en' : 'zh-CN',
    };
    return new Response(countyXlsx(exp, labels), {
      headers: {
        'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        'content-disposition': `attachment; filename="county-scorecard-${exp.data.county.code}-${exp.data.period}.xlsx"`,
        'cache-control': 'no-store',
      },
    });
  },
});

export const countyPdfRoute = defineRoute({
  method: 'POST',
  path: '/api/scorecards/county/pdf',
  action: 'scorecards.county',
  input: countyInput,
  handler: ({ db, user, input, request }) => {
    const data = getCountyScorecard(db, user, { countyId: input.countyId, period: input.period, pageSize: 1 });
    if (!data.county || !data.summary || !data.period) throw new NotFoundError('A published county scorecard of county', input.countyId ?? 0);
    const fileName = `county-scorecard-${data.county.code}-${data.period}.pdf`;
    try {
      const pdf = { countyId: data.county.id, period: data.period, fileName, sort: input.sort, dir: input.dir };
      const job = startPdfJob(db, user.id, pdf, new NextRequest(request).cookies.getAll());
      return Response.json(job, { status: 202, headers: { 'cache-control': 'no-store' } });
    } catch (e) {
      if (!(e instanceof QueueFullError)) throw e;
      const locale = requestLocale(request.headers);
      const t = createTranslator({ locale, messages: catalogs[locale], namespace: 'jobs.pdf' });
      throw new BusyError(t('busy', { seconds: e.retryAfterSeconds }), e.retryAfterSeconds).with({}, vmsg('jobs.pdf.busy', { seconds: e.retryAfterSeconds }));
    }
  },
});
