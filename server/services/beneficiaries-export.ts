// The beneficiary list of an eligibility run (overrides applied) as CSV (UTF-8 with BOM, so
// spreadsheet programs read the Chinese names) or XLSX (numbers as numbers, and a sheet naming
// the run). Labels come from the catalogs through the caller.
import 'server-only';
import ExcelJS from 'exceljs';
import type { StakeholderType } from '@/core/domain/enums';
import { pickName, type Label } from '@/core/i18n/label';
import type { Locale } from '@/i18n/config';

/** What the export needs of a run and its beneficiaries (as `beneficiaries` in eligibility-runs returns them). */
export type BeneficiaryList = {
  run: { id: number; programCode: string; periodCode: string; inputHash: string };
  rows: readonly {
    stakeholder: string;
    name: string;
    type: StakeholderType;
    countyName: Label | null;
    composite: number | null;
    amount: number | null;
    rate: number | null;
    title: Label | null;
    override: { reason: string } | null;
  }[];
};

export type BeneficiaryLabels = {
  /** A translator for the `incentives.export` namespace. */
  t: (key: string) => string;
  typeLabel: (type: StakeholderType) => string;
  locale: Locale;
};

type Cell = string | number | null;

function csvCell(v: Cell): string {
  if (v === null) return '';
  const s = String(v);
  // Quote when needed; a leading = + - @ is prefixed so spreadsheets do not run it as a formula.
  const safe = /^[=+\-@]/.test(s) && typeof v === 'string' ? `'${s}` : s;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

function table(data: BeneficiaryList, { t, typeLabel, locale }: BeneficiaryLabels): Cell[][] {
  const header = [t('code'), t('name'), t('type'), t('county'), t('composite'), t('amount'), t('rate'), t('title'), t('overridden'), t('overrideReason')];
  const rows = data.rows.map((d) => [
    d.stakeholder,
    d.name,
    typeLabel(d.type),
    d.countyName ? pickName(d.countyName, locale) : '',
    d.composite === null ? null : Math.round(d.composite * 100) / 100,
    d.amount,
    d.rate,
    d.title ? d.title[locale] : null,
    d.override ? t('yes') : t('no'),
    d.override?.reason ?? null,
  ]);
  return [header, ...rows];
}

export function beneficiariesFileName(data: BeneficiaryList, ext: 'csv' | 'xlsx'): string {
  return `beneficiaries-${data.run.programCode}-${data.run.periodCode}-run${data.run.id}.${ext}`;
}

export function beneficiariesCsv(data: BeneficiaryList, labels: BeneficiaryLabels): string {
  return '\uFEFF' + table(data, labels).map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

export async function beneficiariesXlsx(data: BeneficiaryList, labels: BeneficiaryLabels): Promise<Uint8Array<ArrayBuffer>> {
  const { t } = labels;
  const [header, ...rows] = table(data, labels);
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(t('sheet'));
  ws.addRow(header!).font = { bold: true };
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
  return new Uint8Array(await wb.xlsx.writeBuffer());
}
