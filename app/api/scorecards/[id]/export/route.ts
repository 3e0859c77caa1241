// Scorecard exports: ?format=pdf|csv|xlsx&period=2026Q2. The scorecard is read through the tRPC
// caller with the caller's session, so the same permission and scope checks apply as on the page
// (a stakeholder user can export its own scorecard only).
import { TRPCError } from '@trpc/server';
import { getLocale, getTranslations } from 'next-intl/server';
import type { NextRequest } from 'next/server';
import { contextFromHeaders } from '@/server/trpc/context';
import { createCaller } from '@/server/trpc/root';
import { renderPdf, scorecardCsv, scorecardXlsx, type ExportLabels } from '@/server/services/scorecard-export';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

const STATUS: Partial<Record<TRPCError['code'], number>> = { UNAUTHORIZED: 401, FORBIDDEN: 403, NOT_FOUND: 404, BAD_REQUEST: 400 };

function text(status: number, message: string) {
  return new Response(message, { status, headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' } });
}

export async function GET(request: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  const id = Number((await params).id);
  const format = request.nextUrl.searchParams.get('format') ?? 'pdf';
  const period = request.nextUrl.searchParams.get('period') ?? undefined;
  if (!Number.isInteger(id) || id <= 0) return text(400, 'Unknown stakeholder.');
  if (!['pdf', 'csv', 'xlsx'].includes(format)) return text(400, 'Choose format pdf, csv or xlsx.');
  const ctx = await contextFromHeaders(request.headers);
  if (!ctx.user) return text(401, 'Please sign in.');
  let data;
  try {
    data = await createCaller(ctx).scorecards.get({ stakeholderId: id, period });
  } catch (e) {
    if (e instanceof TRPCError && STATUS[e.code]) return text(STATUS[e.code]!, e.message);
    throw e;
  }
  if (!data.card || !data.period) return text(404, 'There is no published scorecard to export.');
  const card = { ...data, card: data.card };
  const base = `scorecard-${data.stakeholder.code}-${data.period}`;
  const headers = (type: string, ext: string) => ({
    'content-type': type,
    'content-disposition': `attachment; filename="${base}.${ext}"`,
    'cache-control': 'no-store',
  });

  if (format === 'pdf') {
    const pdf = await renderPdf(`/scorecards/${id}/print?period=${encodeURIComponent(data.period)}`, request.cookies.getAll());
    return new Response(new Uint8Array(pdf), { headers: headers('application/pdf', 'pdf') });
  }
  const [t, tc, locale] = await Promise.all([getTranslations('scorecard'), getTranslations('common'), getLocale()]);
  const labels: ExportLabels = {
    t: (key, values) => t(key as never, values as never),
    typeLabel: tc(`stakeholderTypes.${data.stakeholder.type}`),
    locale: locale === 'en' ? 'en' : 'zh-CN',
  };
  if (format === 'csv') return new Response(scorecardCsv(card, labels), { headers: headers('text/csv; charset=utf-8', 'csv') });
  const xlsx = await scorecardXlsx(card, labels);
  return new Response(new Uint8Array(xlsx), { headers: headers('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'xlsx') });
}
