// The beneficiary list of an eligibility run (overrides applied) as CSV or XLSX. Same permission
// as the tRPC procedure: the data come through the caller.
import { getLocale, getTranslations } from 'next-intl/server';
import { TRPCError } from '@trpc/server';
import ExcelJS from 'exceljs';
import { contextFromHeaders } from '@/server/trpc/context';
import { createCaller } from '@/server/trpc/root';

export const dynamic = 'force-dynamic';

const STATUS: Partial<Record<TRPCError['code'], number>> = { UNAUTHORIZED: 401, FORBIDDEN: 403, NOT_FOUND: 404, BAD_REQUEST: 400 };

function csvCell(v: string | number | null): string {
  if (v === null) return '';
  const s = String(v);
  // Quote when needed; a leading = + - @ is prefixed so spreadsheets do not run it as a formula.
  const safe = /^[=+\-@]/.test(s) && typeof v === 'string' ? `'${s}` : s;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export async function GET(req: Request, { params }: { params: Promise<{ runId: string }> }) {
  const { runId } = await params;
  const format = new URL(req.url).searchParams.get('format') === 'xlsx' ? 'xlsx' : 'csv';
  const caller = createCaller(await contextFromHeaders(req.headers));
  let data;
  try {
    data = await caller.eligibility.beneficiaries({ runId: Number(runId) });
  } catch (e) {
    if (e instanceof TRPCError) return new Response(e.message, { status: STATUS[e.code] ?? 500 });
    throw e;
  }
  const t = await getTranslations('incentives.export');
  const tc = await getTranslations('common');
  const locale = await getLocale();
  const header = [t('code'), t('name'), t('type'), t('county'), t('composite'), t('amount'), t('rate'), t('title'), t('overridden'), t('overrideReason')];
  const rows = data.rows.map((d) => [
    d.stakeholder,
    d.name,
    tc(`stakeholderTypes.${d.type}`),
    (locale === 'en' ? d.countyEn : d.countyZh) ?? '',
    d.composite === null ? null : Math.round(d.composite * 100) / 100,
    d.amount,
    d.rate,
    d.title ? (locale === 'en' ? d.title.en : d.title['zh-CN']) : null,
    d.override ? t('yes') : t('no'),
    d.override?.reason ?? null,
  ]);
  const base = `beneficiaries-${data.run.programCode}-${data.run.periodCode}-run${data.run.id}`;
  if (format === 'csv') {
    // BOM so spreadsheet programs read the Chinese names as UTF-8.
    const body = '\uFEFF' + [header, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
    return new Response(body, {
      headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${base}.csv"` },
    });
  }
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(t('sheet'));
  ws.addRow(header).font = { bold: true };
  for (const r of rows) ws.addRow(r);
  ws.columns.forEach((c, i) => {
    c.width = [14, 28, 14, 12, 10, 14, 10, 24, 10, 40][i] ?? 14;
  });
  ws.getColumn(6).numFmt = '#,##0.00';
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  const info = wb.addWorksheet(t('about'));
  info.addRows([
    [t('program'), data.run.programCode],
    [t('period'), data.run.periodCode],
    [t('run'), data.run.id],
    [t('inputHash'), data.run.inputHash],
  ]);
  const buffer = await wb.xlsx.writeBuffer();
  return new Response(new Uint8Array(buffer as ArrayBuffer), {
    headers: {
      'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'content-disposition': `attachment; filename="${base}.xlsx"`,
    },
  });
}
