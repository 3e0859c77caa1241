// The spreadsheet round trip: the template downloaded through the service, filled by another
// program — openpyxl, LibreOffice headless — and uploaded through the route the browser uses, the
// values landing. The template lists only the stakeholders whose evaluation can still be edited;
// headers may be Chinese names, a stakeholder may be named, notes and evidence links travel in
// their own columns (so a file can be checked as submitted where evidence is required).
import { and, eq, inArray } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { evaluations, evaluationValues, indicators, stakeholders } from '@/db/schema';
import { importUploadRoute } from '@/server/http';
import { importTemplate } from '@/server/services/imports';
import { planImport } from '@/server/services/imports/plan';
import { runImport } from '@/server/services/imports/run';
import { writeImportTexts } from '@/server/services/imports/write-texts';
import type { ImportMode, ImportReport } from '@/core/domain/imports';
import { makeFactory, type IndicatorSpec } from './factory';
import { validCreditCode, waitForJob } from './helpers';
import { fillWithOpenpyxl, NO_OPENPYXL, NO_SOFFICE, PYTHON_WITH_OPENPYXL, saveWithLibreOffice, SOFFICE } from './office';

const INDICATORS: IndicatorSpec[] = [
  { code: 'mk_hires', max: 1000, name: { en: 'Local hires', zh: '本地雇工人数' } },
  { code: 'mk_sales', max: 100000, name: { en: 'Sales', zh: '销售额' } },
  { code: 'mk_violations', direction: 'lower', max: 10, evidenceRequired: true, name: { en: 'Environmental violations', zh: '环境违法次数' } },
];

async function roundTripWorld() {
  const f = makeFactory();
  const q3 = await f.period(2026, 3);
  await f.kpiSet('market', [{ code: 'market', indicators: INDICATORS }], { effectiveFromPeriodId: q3.id });
  const created = f.db
    .insert(stakeholders)
    .values(
      ['屏边一号企业', '屏边二号企业', '屏边三号企业', '屏边四号企业', '重名企业', '重名企业'].map((name, i) => ({
        code: `MK-R${String(i).padStart(3, '0')}`,
        name,
        type: 'market' as const,
        regionId: f.w.townA.id,
        creditCode: validCreditCode('532523', `MA6R${String(i).padStart(5, '0')}`),
      })),
    )
    .returning()
    .all();
  const values = { mk_hires: 1, mk_sales: 1, mk_violations: 0 };
  await f.evaluate(f.w.shA.id, values); // approved
  await f.evaluate(created[2]!.id, values, 'submitted');
  await f.evaluate(created[3]!.id, values, 'draft');
  return { ...f, created, assessor: f.user('assessor', { regionIds: [f.w.countyA.id], username: 'round-trip' }) };
}

let w: Awaited<ReturnType<typeof roundTripWorld>>;
/** A skipped test says why in its title. */
const skipped = (missing: boolean, why: string) => (missing ? ` — skipped: ${why}` : '');
beforeAll(async () => {
  w = await roundTripWorld();
});

async function sheets(bytes: Uint8Array) {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes as unknown as ArrayBuffer);
  return book.worksheets;
}

/** Uploads as the import page does (multipart to POST /api/imports): the dry run's report. */
async function check(bytes: Uint8Array, mode: ImportMode): Promise<ImportReport> {
  const form = new FormData();
  form.set('file', new File([new Uint8Array(bytes)], 'filled.xlsx'));
  form.set('kpiSet', 'market');
  form.set('mode', mode);
  form.set('dryRun', '1');
  const res = await importUploadRoute.run({ db: w.db, user: w.assessor }, new Request('http://localhost/api/imports', { method: 'POST', body: form }));
  expect(res.status).toBe(200);
  return ((await res.json()) as { report: ImportReport }).report;
}

/** Uploads for the import itself and waits for its job. */
async function importFile(bytes: Uint8Array, mode: ImportMode) {
  const form = new FormData();
  form.set('file', new File([new Uint8Array(bytes)], 'filled.xlsx'));
  form.set('kpiSet', 'market');
  form.set('mode', mode);
  const res = await importUploadRoute.run({ db: w.db, user: w.assessor }, new Request('http://localhost/api/imports', { method: 'POST', body: form }));
  expect(res.status).toBe(200);
  return waitForJob(w.caller(w.assessor), (await res.json()) as { jobId: number; kind: 'evaluations.import' });
}

/** The stored values of a stakeholder's evaluation in the open period, by indicator code. */
function stored(stakeholderId: number) {
  return Object.fromEntries(
    w.db
      .select({ code: indicators.code, value: evaluationValues.value, note: evaluationValues.note, evidenceUrl: evaluationValues.evidenceUrl, status: evaluations.status })
      .from(evaluationValues)
      .innerJoin(evaluations, eq(evaluations.id, evaluationValues.evaluationId))
      .innerJoin(indicators, eq(indicators.id, evaluationValues.indicatorId))
      .where(eq(evaluations.stakeholderId, stakeholderId))
      .all()
      .map(({ code, ...v }) => [code, v]),
  );
}

describe('the import template', () => {
  it('has no comments, a help row the reader skips, a help sheet, and only editable stakeholders on the values sheet', async () => {
    const { bytes } = await importTemplate(w.db, w.assessor, 'market', 'zh-CN');
    const [values, help, readOnly] = await sheets(bytes);
    expect([values!.name, help!.name, readOnly!.name]).toEqual(['填报', '说明 Help', '只读']);
    expect(values!.getRow(1).values).toEqual([undefined, 'stakeholder', 'name', 'mk_hires', 'mk_sales', 'mk_violations', 'mk_violations:evidence', 'mk_hires:note', 'mk_sales:note', 'mk_violations:note']);
    expect(String(values!.getRow(2).getCell(1).value)).toMatch(/^# 单位/);
    expect(String(values!.getRow(2).getCell(5).value)).toBe('— · 0 – 10 · 越低越好');
    const listed = (sheet: ExcelJS.Worksheet, from: number) => sheet.getColumn(1).values.slice(from).map(String);
    // Not started and the draft; the approved (shA) and submitted ones only for reference.
    expect(listed(values!, 3)).toEqual(['MK-R000', 'MK-R001', 'MK-R003', 'MK-R004', 'MK-R005']);
    expect(listed(readOnly!, 3)).toEqual(['MK-0001', 'MK-R002']);
    expect(readOnly!.getRow(3).getCell(3).value).toBe('已批准');
    // exceljs reads the protection back but leaves it out of its typings.
    expect((readOnly as unknown as { sheetProtection: unknown }).sheetProtection).toMatchObject({ sheet: true });
    for (const sheet of [values!, help!, readOnly!]) sheet.eachRow((row) => row.eachCell((cell) => expect(cell.note).toBeUndefined()));
    expect(help!.getColumn(2).values).toContain('环境违法次数');
    // The untouched template is a clean file with nothing to import.
    expect(await check(bytes, 'draft')).toMatchObject({ ok: false, rows: 0, problems: [{ code: 'no_rows' }] });
  });
});

describe('filled by another program', () => {
  it.skipIf(!PYTHON_WITH_OPENPYXL)(`openpyxl: Chinese headers, a stakeholder by name, numbers as text, a note; the rest left empty${skipped(!PYTHON_WITH_OPENPYXL, NO_OPENPYXL)}`, async () => {
    const { bytes } = await importTemplate(w.db, w.assessor, 'market', 'zh-CN');
    const filled = fillWithOpenpyxl(bytes, {
      rename: { mk_hires: '本地雇工人数', mk_sales: 'Sales' },
      rows: {
        'MK-R000': { mk_hires: 12, mk_sales: '3500.5', 'mk_hires:note': '含季节工' },
        'MK-R001': { stakeholder: '屏边二号企业', mk_violations: 1 },
        'MK-R004': { mk_hires: 3 }, // 重名企业, by its code
      },
    });
    const report = await check(filled, 'draft');
    expect(report.problems).toEqual([]);
    expect(report).toMatchObject({ ok: true, format: 'xlsx', rows: 3, creates: 3, updates: 0 });
    const result = await importFile(filled, 'draft');
    expect(result).toMatchObject({ imported: true });
    expect(stored(w.created[0]!.id)).toMatchObject({ mk_hires: { value: 12, status: 'draft' }, mk_sales: { value: 3500.5 }, mk_violations: { value: null } });
    expect(stored(w.created[1]!.id)).toMatchObject({ mk_violations: { value: 1 } });
    expect(stored(w.created[4]!.id)).toMatchObject({ mk_hires: { value: 3 } });
    // Another row naming a stakeholder two share is refused by name, with the way out.
    const ambiguous = fillWithOpenpyxl(bytes, { rows: { 'MK-R005': { stakeholder: '重名企业', mk_hires: 1 } } });
    expect((await check(ambiguous, 'draft')).problems).toEqual([{ code: 'ambiguous_stakeholder', params: { value: '重名企业', n: 2 }, row: 7, column: '"stakeholder" (A)' }]);
  });

  it.skipIf(!PYTHON_WITH_OPENPYXL || !SOFFICE)(`LibreOffice: the workbook saved again checks as submitted with its evidence links, and imports${skipped(!PYTHON_WITH_OPENPYXL, NO_OPENPYXL)}${skipped(!SOFFICE, NO_SOFFICE)}`, async () => {
    const { bytes } = await importTemplate(w.db, w.assessor, 'market', 'en');
    const filled = fillWithOpenpyxl(bytes, {
      rows: {
        'MK-R003': { mk_hires: 40, mk_sales: 900, mk_violations: 2 }, // a draft: its link is stored
        'MK-R005': { mk_hires: 8, mk_sales: 70, mk_violations: 1, 'mk_violations:evidence': 'https://evidence.example.cn/r005.pdf', 'mk_violations:note': '已整改' },
      },
    });
    const saved = saveWithLibreOffice(filled, 'xlsx');
    expect(saved.subarray(0, 2)).toEqual(new Uint8Array([0x50, 0x4b]));
    const report = await check(saved, 'submitted');
    expect(report.problems).toEqual([]);
    expect(report).toMatchObject({ ok: true, rows: 2, creates: 1, updates: 1 });
    // Without the link, submitting is refused at the indicator's cell.
    const unlinked = saveWithLibreOffice(fillWithOpenpyxl(bytes, { rows: { 'MK-R005': { mk_hires: 8, mk_sales: 70, mk_violations: 1 } } }), 'xlsx');
    expect((await check(unlinked, 'submitted')).problems).toEqual([{ code: 'evidence_for_submit', params: { indicator: 'mk_violations' }, row: 7, column: '"mk_violations" (E)' }]);
    expect(await importFile(saved, 'draft')).toMatchObject({ imported: true });
    expect(stored(w.created[3]!.id)).toMatchObject({ mk_hires: { value: 40, status: 'draft' }, mk_violations: { value: 2 } });
    expect(stored(w.created[5]!.id)).toMatchObject({ mk_hires: { value: 8, status: 'draft' }, mk_violations: { value: 1 } });
  });

  it.skipIf(!SOFFICE)(`LibreOffice: a filled CSV with Chinese headers converted to a workbook${skipped(!SOFFICE, NO_SOFFICE)}`, async () => {
    const csv = ['主体,名称,本地雇工人数,销售额,环境违法次数', 'MK-R005,重名企业,7,"1,200",0', 'MK-R000,,,,'].join('\n');
    const saved = saveWithLibreOffice(new TextEncoder().encode(csv), 'csv');
    const report = await check(saved, 'draft');
    expect(report.problems).toEqual([]);
    expect(report).toMatchObject({ ok: true, format: 'xlsx', rows: 1 });
  });
});

describe('notes and evidence links', () => {
  it('are planned from their columns and written by writeImportTexts, an empty cell keeping the stored text', async () => {
    const csv = ['stakeholder,mk_hires,mk_sales,mk_violations,mk_violations:evidence,mk_hires:note', 'MK-R001,5,6,0,https://evidence.example.cn/r001.pdf,新招5人'].join('\n');
    const input = { kpiSetCode: 'market', mode: 'draft' as const, bytes: new TextEncoder().encode(csv) };
    const plan = await planImport(w.db, w.assessor, input);
    expect(plan.planned[0]!.texts).toEqual([
      { indicator: 0, note: '新招5人', evidenceUrl: null },
      { indicator: 2, note: null, evidenceUrl: 'https://evidence.example.cn/r001.pdf' },
    ]);
    const { evaluationIds } = await runImport(w.db, w.assessor, input);
    w.db.transaction(() => writeImportTexts(w.db, plan.defs, plan.planned, evaluationIds));
    expect(stored(w.created[1]!.id)).toMatchObject({
      mk_hires: { value: 5, note: '新招5人', evidenceUrl: null },
      mk_violations: { value: 0, evidenceUrl: 'https://evidence.example.cn/r001.pdf' },
    });
    const again = await planImport(w.db, w.assessor, { ...input, bytes: new TextEncoder().encode('stakeholder,mk_hires,mk_hires:note\nMK-R001,6,\n') });
    expect(again.planned[0]!.texts).toBeUndefined();
    const ids = w.db.select({ id: evaluations.id }).from(evaluations).where(and(eq(evaluations.stakeholderId, w.created[1]!.id), inArray(evaluations.status, ['draft']))).all();
    expect(ids).toHaveLength(1);
  });

  it('a row without values is skipped, unless a generator asks to keep every line', async () => {
    const bytes = new TextEncoder().encode('stakeholder,mk_hires,mk_sales\nMK-R000,,\nMK-R001,,\n');
    const skipped = await planImport(w.db, w.assessor, { kpiSetCode: 'market', mode: 'draft', bytes });
    expect(skipped.report).toMatchObject({ rows: 0, problems: [{ code: 'no_rows' }] });
    const kept = await planImport(w.db, w.assessor, { kpiSetCode: 'market', mode: 'draft', bytes, keepUnfilledRows: true });
    expect(kept.report).toMatchObject({ ok: true, rows: 2 });
  });
});
