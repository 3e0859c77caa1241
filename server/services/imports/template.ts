// The XLSX template of a KPI set, laid out for the round trip through Excel, WPS, LibreOffice and
// openpyxl: no cell comments (a workbook with exceljs's comments can't be read back once another
// program has saved it). The values sheet comes first (the reader reads the first sheet): row 1
// the column keys — `stakeholder`, `name`, each indicator's code, `<code>:evidence` where evidence
// is required and `<code>:note` for each — and row 2 a help row ("unit · valid range · direction")
// whose stakeholder cell starts with "#", which the reader skips; then one row per stakeholder whose
// evaluation can still be edited (not started, draft, returned). A "说明 / Help" sheet explains
// each indicator and how to fill the file; the stakeholders that can't be imported into (submitted,
// approved, under another version) are listed on a protected read-only sheet.
import 'server-only';
import type { Db } from '@/db';
import type { SessionUser } from '@/server/auth/session';
import { ValidationError } from '@/server/errors';
import { indicatorDefs } from '@/server/queries/evaluations';
import { importTarget, templateStakeholders } from '@/server/queries/imports';
import { loadKpiSetVersion } from '@/server/queries/kpi-documents';
import { HELP_ROW_MARK } from '@/core/decode';
import type { EvaluationStatus } from '@/core/domain/enums';
import { NOTE_MAX, type IndicatorDef } from '@/core/domain/evaluation-values';
import { safeCell } from '@/core/export/sheet-writer';
import { unitName } from '@/core/i18n/units';
import type { Locale } from '@/i18n/config';
import { TEMPLATE_WORDS, type TemplateWords } from './template-words';

function validRange(d: IndicatorDef): string {
  if (d.min !== null && d.max !== null) return `${d.min} – ${d.max}`;
  if (d.min !== null) return `≥ ${d.min}`;
  if (d.max !== null) return `≤ ${d.max}`;
  return '—';
}

/** The help row's cell under an indicator's value column. */
function valueHelp(d: IndicatorDef, w: TemplateWords, locale: Locale): string {
  return [unitName(d.unit, locale) || '—', validRange(d), d.direction === 'higher' ? w.higher : w.lower, ...(d.valueType === 'integer' ? [w.integer] : [])].join(' · ');
}

/** The period's evaluation can still be overwritten by a file (not started, or a draft or returned one of this version). */
function editable(s: { status: EvaluationStatus | null; versionId: number | null }, versionId: number): boolean {
  return s.status === null || ((s.status === 'draft' || s.status === 'returned') && s.versionId === versionId);
}

export async function importTemplate(db: Db, me: SessionUser, kpiSetCode: string, locale: Locale): Promise<{ fileName: string; bytes: Buffer }> {
  const { set, period, version } = importTarget(db, kpiSetCode);
  if (!version || !period) throw new ValidationError('There is no open period or no published version of this KPI set.', {}, 'no_template');
  const defs = indicatorDefs(db, loadKpiSetVersion(db, version.id));
  const w = TEMPLATE_WORDS[locale];
  const ExcelJS = (await import('exceljs')).default;
  const workbook = new ExcelJS.Workbook();
  const withEvidence = defs.filter((d) => d.evidenceRequired);

  const sheet = workbook.addWorksheet(w.valuesSheet);
  sheet.addRow(['stakeholder', 'name', ...defs.map((d) => d.code), ...withEvidence.map((d) => `${d.code}:evidence`), ...defs.map((d) => `${d.code}:note`)]);
  sheet.getRow(1).font = { bold: true };
  // Indicator names and units are typed by administrators: written through the formula-safe cell rule.
  const help = sheet.addRow(
    [`${HELP_ROW_MARK} ${w.helpRow}`, w.nameHelp, ...defs.map((d) => valueHelp(d, w, locale)), ...withEvidence.map(() => w.evidenceHelp), ...defs.map(() => w.noteHelp.replace('{max}', String(NOTE_MAX)))].map(safeCell),
  );
  help.font = { italic: true, color: { argb: 'FF6B7280' } };
  const stakeholders = templateStakeholders(db, me, set.stakeholderType, period.id);
  const locked = stakeholders.filter((s) => !editable(s, version.id));
  for (const s of stakeholders) if (editable(s, version.id)) sheet.addRow([s.code, s.name].map(safeCell));
  sheet.columns.forEach((c, i) => {
    c.width = i === 1 ? 36 : 22;
  });
  sheet.views = [{ state: 'frozen', xSplit: 2, ySplit: 2 }];

  const info = workbook.addWorksheet('说明 Help');
  info.addRow([w.helpTitle(set.code, period.code)]).font = { bold: true, size: 13 };
  for (const line of w.howTo) info.addRow([line]);
  info.addRow([]);
  info.addRow([...w.columns]).font = { bold: true };
  for (const d of defs) {
    info.addRow(
      [d.code, d.nameZh, d.nameEn, unitName(d.unit, locale), validRange(d), d.direction === 'higher' ? w.higher : w.lower, d.valueType === 'integer' ? w.yes : '', d.evidenceRequired ? w.evidenceRequired : w.evidenceOptional].map(safeCell),
    );
  }
  info.columns.forEach((c, i) => {
    c.width = i === 0 ? 30 : i === 1 || i === 2 ? 32 : 16;
  });

  const readOnly = workbook.addWorksheet(w.readOnlySheet);
  readOnly.addRow([w.readOnlyNote]).font = { italic: true };
  readOnly.addRow(['stakeholder', 'name', w.statusColumn]).font = { bold: true };
  for (const s of locked) readOnly.addRow([s.code, s.name, s.versionId !== version.id && s.status !== 'submitted' && s.status !== 'approved' ? w.otherVersion : w.status[s.status!]].map(safeCell));
  readOnly.columns.forEach((c, i) => {
    c.width = i === 1 ? 36 : 22;
  });
  // Without a password: the protection says "for reference", it does not guard a secret.
  await readOnly.protect('', { selectLockedCells: true, selectUnlockedCells: true });
  return { fileName: `${set.code}-${period.code}-template.xlsx`, bytes: Buffer.from(await workbook.xlsx.writeBuffer()) };
}
