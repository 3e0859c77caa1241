// The XLSX template of a KPI set: the header `stakeholder, name, <indicator codes>` with each
// indicator's name, unit, valid range, direction and evidence rule in the header cell's note; one
// row per active stakeholder of the set's type in the caller's scope; a second sheet lists the
// indicators.
import 'server-only';
import type { Db } from '@/db';
import type { SessionUser } from '@/server/auth/session';
import { ValidationError } from '@/server/errors';
import { indicatorDefs } from '@/server/queries/evaluations';
import { importTarget, templateStakeholders } from '@/server/queries/imports';
import { loadKpiSetVersion } from '@/server/queries/kpi-documents';
import type { IndicatorDef } from '@/core/domain/evaluation-values';
import { safeCell } from '@/core/export/sheet-writer';
import { labelOf, pickName } from '@/core/i18n/label';
import type { Locale } from '@/i18n/config';

// The template is a file, not a page: its few words live here rather than in the catalogs.
const WORDS = {
  en: {
    stakeholderNote: 'Stakeholder code or unified social credit code',
    nameNote: 'Name (for reference; ignored on import)',
    unit: 'Unit: ',
    range: 'Valid range: ',
    higher: 'Higher is better',
    lower: 'Lower is better',
    integer: 'Whole number',
    evidence: 'Evidence link required (enter it in the form)',
    sheet: 'indicators',
    columns: ['code', 'name', 'unit', 'valid range', 'direction', 'evidence required'],
    higherShort: 'higher is better',
    lowerShort: 'lower is better',
    yes: 'yes',
  },
  'zh-CN': {
    stakeholderNote: '主体编码或统一社会信用代码',
    nameNote: '主体名称（仅供参考，导入时忽略）',
    unit: '单位：',
    range: '有效范围：',
    higher: '越高越好',
    lower: '越低越好',
    integer: '整数',
    evidence: '须附佐证材料（在表单中填写链接）',
    sheet: '指标说明',
    columns: ['编码', '名称', '单位', '有效范围', '方向', '须附佐证'],
    higherShort: '越高越好',
    lowerShort: '越低越好',
    yes: '是',
  },
} as const;

function validRange(d: IndicatorDef): string {
  if (d.min !== null && d.max !== null) return `${d.min} – ${d.max}`;
  if (d.min !== null) return `≥ ${d.min}`;
  if (d.max !== null) return `≤ ${d.max}`;
  return '—';
}

/** The note on an indicator's header cell. */
function describe(d: IndicatorDef, locale: Locale): string {
  const w = WORDS[locale];
  return [
    pickName(labelOf(d), locale),
    `${w.unit}${d.unit}`,
    `${w.range}${validRange(d)}`,
    d.direction === 'higher' ? w.higher : w.lower,
    ...(d.valueType === 'integer' ? [w.integer] : []),
    ...(d.evidenceRequired ? [w.evidence] : []),
  ].join('\n');
}

export async function importTemplate(db: Db, me: SessionUser, kpiSetCode: string, locale: Locale): Promise<{ fileName: string; bytes: Buffer }> {
  const { set, period, version } = importTarget(db, kpiSetCode);
  if (!version || !period) throw new ValidationError('There is no open period or no published version of this KPI set.', {}, 'no_template');
  const defs = indicatorDefs(db, loadKpiSetVersion(db, version.id));
  const w = WORDS[locale];
  const ExcelJS = (await import('exceljs')).default;
  const workbook = new ExcelJS.Workbook();

  const sheet = workbook.addWorksheet('values');
  sheet.addRow(['stakeholder', 'name', ...defs.map((d) => d.code)]);
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.getCell(1).note = w.stakeholderNote;
  header.getCell(2).note = w.nameNote;
  defs.forEach((d, j) => {
    header.getCell(j + 3).note = describe(d, locale);
  });
  // Names and indicator texts are typed by users: written through the formula-safe cell rule.
  for (const s of templateStakeholders(db, me, set.stakeholderType)) sheet.addRow([s.code, s.name].map(safeCell));
  sheet.columns.forEach((c, i) => {
    c.width = i === 1 ? 36 : 18;
  });
  sheet.views = [{ state: 'frozen', xSplit: 2, ySplit: 1 }];

  const info = workbook.addWorksheet(w.sheet);
  info.addRow([...w.columns]);
  info.getRow(1).font = { bold: true };
  for (const d of defs) {
    info.addRow([d.code, pickName(labelOf(d), locale), d.unit, validRange(d), d.direction === 'higher' ? w.higherShort : w.lowerShort, d.evidenceRequired ? w.yes : ''].map(safeCell));
  }
  info.columns.forEach((c, i) => {
    c.width = i === 1 ? 40 : 18;
  });
  return { fileName: `${set.code}-${period.code}-template.xlsx`, bytes: Buffer.from(await workbook.xlsx.writeBuffer()) };
}
