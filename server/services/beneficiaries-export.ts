// The beneficiary list of an eligibility run (overrides applied) as CSV or XLSX (numbers as
// numbers, and a sheet naming the run), through the one formula-safe sheet writer.
// Labels come from the catalogs through the caller.
import 'server-only';
import { csvFile, xlsxFile, type SheetCell } from '@/core/export/sheet-writer';
import type { StakeholderType } from '@/core/domain/enums';
import { pickName, type Label } from '@/core/i18n/label';
import type { Locale } from '@/i18n/config';

/** What the export needs of a run and its beneficiaries (as `beneficiaries` in eligibility-runs returns them). */
export type BeneficiaryList = {
  run: { id: number; programCode: string; periodCode: string; inputHash: string };
  /** Each determination's stability under the run's latest robustness check (empty before any). */
  stability: ReadonlyMap<number, number>;
  rows: readonly {
    id: number;
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
  /** The stability column's heading (robustness.export). */
  stability: string;
  locale: Locale;
};

type Cell = SheetCell;

function table(data: BeneficiaryList, { t, typeLabel, stability, locale }: BeneficiaryLabels): Cell[][] {
  const header = [t('code'), t('name'), t('type'), t('county'), t('composite'), t('amount'), t('rate'), t('title'), t('overridden'), t('overrideReason'), stability];
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
    // A share 0…1, four decimals: enough for 1 in 10,000 draws.
    data.stability.has(d.id) ? Math.round(data.stability.get(d.id)! * 1e4) / 1e4 : null,
  ]);
  return [header, ...rows];
}

export function beneficiariesFileName(data: BeneficiaryList, ext: 'csv' | 'xlsx'): string {
  return `beneficiaries-${data.run.programCode}-${data.run.periodCode}-run${data.run.id}.${ext}`;
}

export function beneficiariesCsv(data: BeneficiaryList, labels: BeneficiaryLabels): string {
  return csvFile([table(data, labels)]);
}

export async function beneficiariesXlsx(data: BeneficiaryList, labels: BeneficiaryLabels): Promise<Uint8Array<ArrayBuffer>> {
  const { t } = labels;
  return xlsxFile([
    { name: t('sheet'), blocks: [table(data, labels)], widths: [14, 28, 14, 12, 10, 14, 10, 24, 10, 40, 10], defaultWidth: 14, numFmt: { 6: '#,##0.00' }, freeze: { rows: 1 } },
    {
      name: t('about'),
      header: false,
      blocks: [
        [
          [t('program'), data.run.programCode],
          [t('period'), data.run.periodCode],
          [t('run'), data.run.id],
          [t('inputHash'), data.run.inputHash],
        ],
      ],
    },
  ]);
}
