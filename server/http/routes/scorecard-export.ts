// Scorecard exports: ?format=pdf|csv|xlsx&period=2026Q2. The scorecard is read with the caller's
// session, so the same permission and scope apply as on the page (a stakeholder user exports its
// own scorecard only).
import 'server-only';
import { NextRequest } from 'next/server';
import { getLocale, getTranslations } from 'next-intl/server';
import { z } from 'zod';
import { periodCodeSchema } from '@/core/schemas/period-code';
import { NotFoundError } from '@/server/errors';
import { getScorecard } from '@/server/services/scorecards/stakeholder';
import { renderPdf, scorecardCsv, scorecardXlsx, type ExportLabels } from '@/server/services/scorecards/export';
import { defineRoute } from '../define-route';

export const scorecardExportRoute = defineRoute({
  method: 'GET',
  path: '/api/scorecards/[id]/export',
  action: 'scorecards.read',
  input: z.object({
    id: z.coerce.number().int().positive(),
    format: z.enum(['pdf', 'csv', 'xlsx']).default('pdf'),
    period: periodCodeSchema.optional(),
  }),
  handler: async ({ db, user, input, request }) => {
    const data = getScorecard(db, user, { stakeholderId: input.id, period: input.period });
    if (!data.card || !data.period) throw new NotFoundError('A published scorecard of stakeholder', input.id);
    const card = { ...data, card: data.card };
    const base = `scorecard-${data.stakeholder.code}-${data.period}`;
    const headers = (type: string, ext: string) => ({
      'content-type': type,
      'content-disposition': `attachment; filename="${base}.${ext}"`,
      'cache-control': 'no-store',
    });
    if (input.format === 'pdf') {
      const cookies = new NextRequest(request).cookies.getAll();
      const pdf = await renderPdf(`/scorecards/${input.id}/print?period=${encodeURIComponent(data.period)}`, cookies);
      return new Response(new Uint8Array(pdf), { headers: headers('application/pdf', 'pdf') });
    }
    const [t, tc, locale] = await Promise.all([getTranslations('scorecard'), getTranslations('common'), getLocale()]);
    const labels: ExportLabels = {
      t: (key, values) => t(key as never, values as never),
      typeLabel: tc(`stakeholderTypes.${data.stakeholder.type}`),
      locale: locale === 'en' ? 'en' : 'zh-CN',
    };
    if (input.format === 'csv') return new Response(scorecardCsv(card, labels), { headers: headers('text/csv; charset=utf-8', 'csv') });
    const xlsx = await scorecardXlsx(card, labels);
    return new Response(new Uint8Array(xlsx), { headers: headers('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'xlsx') });
  },
});
