// Scorecard exports: CSV and XLSX (three sheets, numbers as numbers) through the one sheet writer
// (formula-safe text). Labels come from the catalogs. The PDF is a job: scorecards/pdf.ts.
import 'server-only';
import { csvFile, xlsxFile } from '@/core/export/sheet-writer';
import type { Scorecard } from './stakeholder';
import { pickName } from '@/core/i18n/label';
import { unitName } from '@/core/i18n/units';

type Card = NonNullable<Scorecard['card']>;
type Lang = 'en' | 'zh-CN';
/** A translator for the `scorecard` namespace plus stakeholder type labels. */
export type ExportLabels = {
  t: (key: string, values?: Record<string, string | number>) => string;
  typeLabel: string;
  locale: Lang;
};

type Row = (string | number | null)[];

function reference(i: Card['indicators'][number], t: ExportLabels['t']): string {
  const n = i.normalization;
  if (n.method === 'goalposts') return t(n.ln ? 'indicators.goalpostsLn' : 'indicators.goalposts', { min: n.min!, max: n.max! });
  if (n.method === 'target') return t('indicators.target', { target: n.target!, baseline: n.baseline! });
  return t('indicators.peerRelative', { method: t(`indicators.methods.${n.method}`) });
}

const round = (x: number | null | undefined, digits: number) => (x === null || x === undefined ? null : Number(x.toFixed(digits)));

/** The scorecard as blocks of rows: summary, goals, indicators, trend. */
export function scorecardTables(data: Scorecard & { card: Card }, labels: ExportLabels) {
  const { t, locale } = labels;
  const card = data.card;
  const s = data.stakeholder;
  const summary: Row[] = [
    [t('export.field'), t('export.value')],
    [t('export.stakeholder'), s.name],
    [t('export.code'), s.code],
    [t('export.type'), labels.typeLabel],
    [t('export.region'), pickName(s.regionName, locale)],
    [t('period'), data.period],
    [t('summary.composite'), round(card.composite, 2)],
    [t('summary.grade'), card.grade ? `${card.grade.code} ${card.grade.label[locale]}` : null],
    [t('summary.countyPercentile'), round(card.peers.county.percentile, 1)],
    [t('summary.provincePercentile'), round(card.peers.province.percentile, 1)],
    [t('summary.coordination'), card.coupling ? card.coupling.label[locale] : null],
    ['D', round(card.coupling?.D, 4)],
  ];
  const goals: Row[] = [
    [t('objectives.objective'), t('objectives.score'), t('objectives.weight')],
    ...card.objectives.map((o) => [o.name[locale], round(o.score, 2), round(o.weight, 4)]),
  ];
  const indicators: Row[] = [
    [
      t('export.objective'),
      t('indicators.indicator'),
      t('indicators.raw'),
      t('export.unit'),
      t('indicators.normalized'),
      t('indicators.weight'),
      t('indicators.contribution'),
      t('indicators.reference'),
    ],
    ...card.indicators.map((i) => [
      card.objectives.find((o) => o.code === i.objective)!.name[locale],
      i.name[locale],
      i.raw,
      unitName(i.unit, locale),
      round(i.normalized, 2),
      round(i.effectiveWeight, 4),
      round(i.contribution, 2),
      reference(i, t),
    ]),
  ];
  const trend: Row[] = [
    [t('trend.period'), t('trend.composite'), t('trend.grade'), ...card.objectives.map((o) => o.name[locale])],
    ...data.trend.map((p) => [p.period, round(p.composite, 2), p.grade, ...card.objectives.map((o) => round(p.objectives[o.code], 2))]),
  ];
  return { summary, goals, indicators, trend };
}

export function scorecardCsv(data: Scorecard & { card: Card }, labels: ExportLabels): string {
  const tables = scorecardTables(data, labels);
  return csvFile([tables.summary, tables.goals, tables.indicators, tables.trend]);
}

export async function scorecardXlsx(data: Scorecard & { card: Card }, labels: ExportLabels): Promise<Uint8Array<ArrayBuffer>> {
  const tables = scorecardTables(data, labels);
  const { t } = labels;
  const layout = { widths: [28, 34], defaultWidth: 18 };
  return xlsxFile([
    { name: t('export.sheet'), blocks: [tables.summary, tables.goals], ...layout },
    { name: t('export.indicatorsSheet'), blocks: [tables.indicators], ...layout },
    { name: t('export.trendSheet'), blocks: [tables.trend], ...layout },
  ]);
}
