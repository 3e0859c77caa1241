// County scorecard exports: GET …/county/export?countyId=&period= streams the XLSX (every scored
// stakeholder of the county, in code order); POST …/county/pdf starts a PDF job of the county's
// print page (its figures and the first page of its list, in the order asked), followed like the
// stakeholder scorecard's and answered 503 with Retry-After while the queue is full.
import 'server-only';
import { getLocale, getTranslations } from 'next-intl/server';
import { z } from 'zod';
import { countyScorecardSchema } from '@/core/schemas/county-scorecard';
import { NotFoundError } from '@/server/errors';
import { countyExport, getCountyScorecard } from '@/server/services/scorecards/county';
import { countyXlsx, type CountyExportLabels } from '@/server/services/scorecards/export';
import { defineRoute } from '../define-route';
import { acceptPdfJob } from './pdf-job';

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
    return acceptPdfJob(db, user.id, { countyId: data.county.id, period: data.period, fileName, sort: input.sort, dir: input.dir }, request);
  },
});
