// Bulk import: the dry run reports every problem by row and column; the import is all or nothing;
// GB18030 CSV and XLSX (from the template) read; generated corruptions of a valid file never
// import partially and never raise anything but a report or a domain error; 10,000 rows import.
// Files go through the imports procedures (base64), as scripts send them. Its own world: the
// market KPI set's eight indicators, the open period 2026Q3, two assessors of 屏边.
import { and, count, eq, sql } from 'drizzle-orm';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { beforeAll, describe, expect, it } from 'vitest';
import { TRPCError } from '@trpc/server';
import { ZodError } from 'zod';
import { auditLog, evaluations, evaluationValues, regions, stakeholders } from '@/db/schema';
import { DomainError } from '@/server/errors';
import { importTemplate } from '@/server/services/imports';
import type { ImportMode } from '@/core/domain/imports';
import type { Db } from '@/db/client';
import { JobFailedError, validCreditCode, waitForJob } from './helpers';
import { makeFactory, type IndicatorSpec, type SessionUser } from './factory';

const MARKET = ['mk_local_hires_monitored', 'mk_coop_purchases_10k', 'mk_value_added_10k', 'mk_rd_investment_pct', 'mk_env_violations', 'mk_local_farmer_wages_10k', 'mk_contract_farming_payments_10k', 'mk_profit_shared_pct'];
const INDICATORS: IndicatorSpec[] = [
  { code: 'mk_local_hires_monitored', max: 1000 },
  { code: 'mk_coop_purchases_10k', max: 10000 },
  { code: 'mk_value_added_10k', max: 100000 },
  { code: 'mk_rd_investment_pct', max: 100 },
  { code: 'mk_env_violations', direction: 'lower', max: 10, evidenceRequired: true },
  { code: 'mk_local_farmer_wages_10k', max: 10000 },
  { code: 'mk_contract_farming_payments_10k', max: 10000, evidenceRequired: true },
  { code: 'mk_profit_shared_pct', max: 100 },
];

/** The market set in effect from the open 2026Q3; 屏边's shA approved, 金平's shB not started. */
async function importWorld() {
  const f = makeFactory();
  const q3 = await f.period(2026, 3);
  await f.kpiSet('market', [{ code: 'market', indicators: INDICATORS }], { effectiveFromPeriodId: q3.id });
  await f.evaluate(f.w.shA.id, Object.fromEntries(MARKET.map((code) => [code, 1])));
  const assessor = (username: string) => f.user('assessor', { regionIds: [f.w.countyA.id], username });
  return { ...f, assessor1: assessor('assessor1'), assessor2: assessor('assessor2') };
}
type World = Awaited<ReturnType<typeof importWorld>>;

/** Adds not-started market stakeholders (with credit codes) to 玉屏镇 of 屏边. */
function addPingbianMarket(w: World, n: number) {
  w.db.insert(stakeholders)
    .values(Array.from({ length: n }, (_, i) => ({
      code: `MK-T${String(i).padStart(3, '0')}`,
      name: `测试企业 ${i}`,
      type: 'market' as const,
      regionId: w.w.townA.id,
      creditCode: validCreditCode('532523', `MA6T${String(i).padStart(5, '0')}`),
    })))
    .run();
}

/** Market stakeholders of a county with their status in the open period. */
function marketOf(w: World, countyCode: string) {
  const county = w.db.select().from(regions).where(eq(regions.code, countyCode)).get()!;
  return w.db
    .select({ id: stakeholders.id, code: stakeholders.code, creditCode: stakeholders.creditCode, status: evaluations.status })
    .from(stakeholders)
    .innerJoin(regions, eq(regions.id, stakeholders.regionId))
    .leftJoin(evaluations, eq(evaluations.stakeholderId, stakeholders.id))
    .where(and(eq(stakeholders.type, 'market'), eq(stakeholders.active, true), sql`${regions.path} like ${county.path + '%'}`))
    .orderBy(stakeholders.code)
    .all();
}

type FileInput = { mode: ImportMode; bytes: Uint8Array; fileName?: string };
const procedureInput = (i: FileInput) => ({ kpiSetCode: 'market', mode: i.mode, contentBase64: Buffer.from(i.bytes).toString('base64'), ...(i.fileName ? { fileName: i.fileName } : {}) });
const checkImport = (w: World, me: SessionUser, i: FileInput) => w.caller(me).imports.check(procedureInput(i));
const runImport = async (w: World, me: SessionUser, i: FileInput) => waitForJob(w.caller(me), await w.caller(me).imports.run(procedureInput(i)));
/** The evaluations an import wrote, from its audit rows (the job's result only counts them). */
const importedSince = (db: Db, auditId: number) =>
  db.select({ id: auditLog.entityId }).from(auditLog).where(and(eq(auditLog.action, 'evaluation.import'), sql`${auditLog.id} > ${auditId}`)).all().map((r) => Number(r.id));
const lastAuditId = (db: Db) => db.select({ id: sql<number>`coalesce(max(${auditLog.id}), 0)` }).from(auditLog).get()!.id;

const row = (code: string, i: number) => [code, 12 + i, 230, 900 + i, 1.8, 0, 120, 300, 6].join(',');
const csv = (lines: string[]) => ['stakeholder,' + MARKET.join(','), ...lines].join('\n') + '\n';
const bytes = (s: string) => new TextEncoder().encode(s);

function counts(db: Db) {
  return {
    evaluations: db.select({ n: count() }).from(evaluations).get()!.n,
    values: db.select({ n: count() }).from(evaluationValues).get()!.n,
    audit: db.select({ n: count() }).from(auditLog).get()!.n,
    revisions: db.get<{ s: number }>(sql`select coalesce(sum(revision), 0) as s from evaluations`).s,
    valueSum: db.get<{ s: number }>(sql`select coalesce(sum(value), 0) as s from evaluation_values`).s,
  };
}

describe('import', () => {
  let w: World;
  let db: Db;
  beforeAll(async () => {
    w = await importWorld();
    db = w.db;
    addPingbianMarket(w, 40);
  }, 60_000);

  it('dry run reports every problem by row and column; the import then writes nothing', async () => {
    const me = w.assessor1;
    const mine = marketOf(w, '532523');
    const fresh = mine.filter((s) => s.status === null);
    const approved = mine.find((s) => s.status === 'approved')!;
    const foreign = marketOf(w, '532530')[0]!;
    const withCredit = fresh.slice(3).find((s) => s.creditCode)!;
    const lines = [
      row(fresh[0]!.code, 0), // row 2: fine
      row('MK-NOPE', 1), // row 3: unknown
      row(foreign.code, 2), // row 4: out of scope, reported as unknown
      [fresh[1]!.code, 12, 230, 900, 120, 0, 120, 300, 6].join(','), // row 5: R&D 120 % > 100
      [fresh[2]!.code, 'abc', 230, 900, 1, 0, 120, 300, 6].join(','), // row 6: not a number
      row(approved.code, 3), // row 7: already approved
      row(withCredit.code, 4), // row 8: fine
      row(withCredit.creditCode!, 5), // row 9: same stakeholder by credit code
    ];
    const report = await checkImport(w, me, { mode: 'draft', bytes: bytes(csv(lines)) });
    expect(report.ok).toBe(false);
    const seen = report.problems.map((p) => `${p.row}:${p.code}:${p.column ?? ''}`);
    expect(seen).toContain(`3:unknown_stakeholder:"stakeholder" (A)`);
    // Outside the assessor's scope reads exactly as a code that doesn't exist: no existence oracle.
    expect(seen).toContain(`4:unknown_stakeholder:"stakeholder" (A)`);
    const said = (r: number) => report.problems.find((p) => p.row === r)!;
    expect(said(4).params).toEqual({ value: foreign.code });
    expect(Object.keys(said(4))).toEqual(Object.keys(said(3)));
    expect(seen.some((s) => s.startsWith('5:range_aboveMax:"mk_rd_investment_pct" (E)'))).toBe(true);
    expect(seen.some((s) => s.startsWith('6:not_number:"mk_local_hires_monitored" (B)'))).toBe(true);
    expect(seen).toContain(`7:already_approved:"stakeholder" (A)`);
    expect(seen).toContain(`9:duplicate_row:"stakeholder" (A)`);
    expect(report.problems.every((p) => p.row !== 2 && p.row !== 8)).toBe(true);

    const before = counts(db);
    const result = await runImport(w, me, { mode: 'draft', bytes: bytes(csv(lines)) });
    expect(result.imported).toBe(false);
    expect(counts(db)).toEqual(before);
  });

  it('imports a clean file as drafts, then updates them as submitted (values only), audited', async () => {
    const me = w.assessor1;
    const fresh = marketOf(w, '532523').filter((s) => s.status === null).slice(0, 3);
    const lines = fresh.map((s, i) => row(s.code, i));
    const before = counts(db);
    const auditBefore = lastAuditId(db);
    const drafted = await runImport(w, me, { mode: 'draft', bytes: bytes(csv(lines)), fileName: 'q3.csv' });
    const draftedIds = importedSince(db, auditBefore);
    expect(draftedIds).toHaveLength(drafted.count);
    expect(drafted.imported).toBe(true);
    expect(drafted.report).toMatchObject({ creates: 3, updates: 0, rows: 3, format: 'csv', encoding: 'utf-8' });
    const after = counts(db);
    expect(after.evaluations - before.evaluations).toBe(3);
    expect(after.values - before.values).toBe(3 * MARKET.length);
    expect(after.audit - before.audit).toBe(4);
    const list = await w.caller(me).evaluations.workList();
    expect(fresh.map((s) => list.items.find((i) => i.code === s.code)!.status)).toEqual(['draft', 'draft', 'draft']);

    // Submitting needs evidence where the indicator requires it: the report says so, per cell.
    const refused = await checkImport(w, me, { mode: 'submitted', bytes: bytes(csv(lines)) });
    expect(refused.problems.filter((p) => p.code === 'evidence_for_submit')).toHaveLength(3 * 2);
    // With the evidence links entered in the form, the same file submits.
    const caller = w.caller(me);
    for (const id of draftedIds) {
      const e = await caller.evaluations.get({ id });
      await caller.evaluations.save({
        id,
        revision: e.evaluation.revision,
        values: {
          mk_env_violations: { value: 0, evidenceUrl: 'https://evidence.example.cn/env.pdf' },
          mk_contract_farming_payments_10k: { value: 300, evidenceUrl: 'https://evidence.example.cn/contract.pdf' },
        },
      });
    }
    const submitted = await runImport(w, me, { mode: 'submitted', bytes: bytes(csv(lines)) });
    expect(submitted.report.problems).toEqual([]);
    expect(submitted).toMatchObject({ imported: true, report: { creates: 0, updates: 3 } });
    const view = await caller.evaluations.get({ id: draftedIds[0]! });
    expect(view.evaluation.status).toBe('submitted');
    expect(view.values.mk_env_violations?.evidenceUrl).toBe('https://evidence.example.cn/env.pdf');
    expect(view.timeline.map((t) => t.action)).toEqual(['evaluation.import', 'evaluation.save', 'evaluation.import']);
  });

  it('reads GB18030 CSV and the XLSX template', async () => {
    const me = w.assessor2;
    const fresh = marketOf(w, '532523').filter((s) => s.status === null);
    const gbText = ['stakeholder,name,' + MARKET.join(','), `${fresh[0]!.code},屏边测试公司,` + row(fresh[0]!.code, 0).split(',').slice(1).join(',')].join('\r\n');
    const gb = iconv.encode(gbText, 'gb18030');
    const r1 = await checkImport(w, me, { mode: 'draft', bytes: gb });
    expect(r1).toMatchObject({ ok: true, encoding: 'gb18030', creates: 1 });

    const template = await importTemplate(db, me, 'market', 'zh-CN');
    expect(template.fileName).toBe('market-2026Q3-template.xlsx');
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(template.bytes as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0]!;
    expect(sheet.getRow(1).getCell(3).value).toBe(MARKET[0]);
    // The help is a skipped second row, not cell comments (which other programs' saves break).
    expect(String(sheet.getRow(2).getCell(1).value)).toMatch(/^# .*有效范围/);
    expect(sheet.getRow(1).getCell(3).note).toBeUndefined();
    // Keep only rows of not-started stakeholders and fill them in.
    const freshCodes = new Set(fresh.slice(1, 4).map((s) => s.code));
    const out = new ExcelJS.Workbook();
    const ws = out.addWorksheet('values');
    ws.addRow(sheet.getRow(1).values as unknown[]);
    sheet.eachRow((r, n) => {
      const code = String(r.getCell(1).value);
      if (n > 1 && freshCodes.has(code)) ws.addRow([code, r.getCell(2).value, 10, 200, 800, 2, 0, 100, 250, 5]);
    });
    const xlsx = new Uint8Array(await out.xlsx.writeBuffer());
    const r2 = await runImport(w, me, { mode: 'draft', bytes: xlsx });
    expect(r2.report.problems).toEqual([]);
    expect(r2).toMatchObject({ imported: true, report: { format: 'xlsx', creates: 3 } });
  });

  it('reads UTF-16 CSV by its byte-order mark, and refuses a formula without a computed value by its cell (as the CLI does)', async () => {
    const me = w.assessor2;
    const fresh = marketOf(w, '532523').filter((s) => s.status === null);
    const text = csv([row(fresh[0]!.code, 0)]);
    const utf16 = new Uint8Array(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    expect(await checkImport(w, me, { mode: 'draft', bytes: utf16 })).toMatchObject({ ok: true, format: 'csv', encoding: 'utf-16le', creates: 1, problems: [] });

    const ExcelJS = (await import('exceljs')).default;
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('values');
    sheet.addRow(['stakeholder', ...MARKET]);
    sheet.addRow([fresh[0]!.code, 12, 230, 900, { formula: 'B2/10' }, 0, 120, 300, 6]);
    const report = await checkImport(w, me, { mode: 'draft', bytes: new Uint8Array(await book.xlsx.writeBuffer()) });
    expect(report.ok).toBe(false);
    expect(report.problems).toEqual([{ code: 'formula_without_value', row: 2, column: 'E' }]);
  });

  it('generated corruptions of a valid file never import partially and never throw a non-domain error', async () => {
    const me = w.assessor1;
    const mine = marketOf(w, '532523');
    const targets = mine.filter((s) => s.status === null || s.status === 'draft' || s.status === 'returned').slice(0, 12);
    const approved = mine.find((s) => s.status === 'approved')!.code;
    const foreign = marketOf(w, '532530')[0]!.code;
    expect(targets).toHaveLength(12);
    const valid = csv(targets.map((s, i) => row(s.code, i)));
    const cellValues = fc.oneof(
      fc.constantFrom('', 'abc', '-5', '1e9', '12,5', '5%', '"', '""', '１２', 'NaN', ' 7 ', '0x10', approved, foreign, 'MK-NOPE', targets[0]!.code),
      fc.double({ noNaN: false }).map(String),
      fc.string({ maxLength: 6 }),
    );
    const corruption = fc.oneof(
      fc.record({ kind: fc.constant('cell' as const), line: fc.nat(20), column: fc.nat(10), text: cellValues }),
      fc.record({ kind: fc.constant('truncate' as const), at: fc.nat(valid.length) }),
      fc.record({ kind: fc.constant('byte' as const), at: fc.nat(valid.length - 1), byte: fc.integer({ min: 0, max: 255 }) }),
      fc.record({ kind: fc.constant('duplicate' as const), line: fc.nat(20) }),
      fc.record({ kind: fc.constant('drop' as const), line: fc.nat(20) }),
      fc.record({ kind: fc.constant('insert' as const), line: fc.nat(20), text: fc.string({ maxLength: 30 }) }),
    );
    let imported = 0;
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(corruption, { minLength: 1, maxLength: 3 }), fc.constantFrom<ImportMode>('draft', 'submitted'), async (ops, mode) => {
        let file: Uint8Array = bytes(valid);
        for (const op of ops) {
          const lines = new TextDecoder().decode(file).split('\n');
          const at = (n: number) => n % Math.max(1, lines.length);
          if (op.kind === 'cell') {
            const i = at(op.line);
            const cells = lines[i]!.split(',');
            cells[op.column % Math.max(1, cells.length)] = op.text;
            lines[i] = cells.join(',');
            file = bytes(lines.join('\n'));
          } else if (op.kind === 'duplicate') {
            lines.splice(at(op.line), 0, lines[at(op.line)]!);
            file = bytes(lines.join('\n'));
          } else if (op.kind === 'drop') {
            lines.splice(at(op.line), 1);
            file = bytes(lines.join('\n'));
          } else if (op.kind === 'insert') {
            lines.splice(at(op.line), 0, op.text);
            file = bytes(lines.join('\n'));
          } else if (op.kind === 'truncate') {
            file = file.slice(0, op.at);
          } else {
            file = file.slice();
            if (file.length) file[op.at % file.length] = op.byte;
          }
        }
        const before = counts(db);
        const auditBefore = lastAuditId(db);
        let result: Awaited<ReturnType<typeof runImport>>;
        try {
          result = await runImport(w, me, { mode, bytes: file });
        } catch (e) {
          if (e instanceof JobFailedError) {
            // A domain error inside the job: it failed with the error's reason, nothing written.
            expect(e.error?.code).toBe('rejected');
            expect(counts(db)).toEqual(before);
            return;
          }
          // Only a domain error (or an empty file, refused by the procedure's input schema) may
          // escape, and then nothing was written.
          expect(e).toBeInstanceOf(TRPCError);
          expect((e as TRPCError).cause instanceof DomainError || (e as TRPCError).cause instanceof ZodError).toBe(true);
          expect(counts(db)).toEqual(before);
          return;
        }
        const after = counts(db);
        if (!result.imported) {
          refused++;
          expect(result.report.ok).toBe(false);
          expect(result.report.problems.length + result.report.moreProblems).toBeGreaterThan(0);
          expect(after).toEqual(before);
        } else {
          imported++;
          // Whole: every checked row landed, one audit row each plus the import's.
          const ids = importedSince(db, auditBefore);
          expect(result.count).toBe(result.report.creates + result.report.updates);
          expect(ids).toHaveLength(result.count);
          expect(after.evaluations - before.evaluations).toBe(result.report.creates);
          expect(after.audit - before.audit).toBe(result.count + 1);
          // Submitted imports were refused above (evidence), so every import leaves drafts.
          const statuses = db.select({ s: evaluations.status }).from(evaluations).where(sql`${evaluations.id} in (${sql.join(ids.map((i) => sql`${i}`), sql`, `)})`).all();
          expect(statuses.every((s) => s.s === 'draft')).toBe(true);
        }
      }),
      { numRuns: 300, seed: 20261123 },
    );
    // The generator must exercise both outcomes.
    expect(refused).toBeGreaterThan(50);
    expect(imported).toBeGreaterThan(5);
  }, 120_000);
});

describe('a 10,000-row import', () => {
  it('lands whole as drafts', async () => {
    const w = await importWorld();
    const db = w.db;
    const township = w.w.townA;
    const codes = Array.from({ length: 10_000 }, (_, i) => `BULK-${String(i).padStart(5, '0')}`);
    db.transaction((tx) => {
      for (let i = 0; i < codes.length; i += 500)
        tx.insert(stakeholders).values(codes.slice(i, i + 500).map((code) => ({ code, name: `批量主体 ${code}`, type: 'market' as const, regionId: township.id }))).run();
    });
    const file = bytes(csv(codes.map((c, i) => row(c, i % 30))));
    const before = counts(db);
    const started = performance.now();
    const result = await runImport(w, w.admin, { mode: 'draft', bytes: file });
    const ms = performance.now() - started;
    expect(result.report.problems).toEqual([]);
    expect(result).toMatchObject({ imported: true, report: { rows: 10_000, creates: 10_000 } });
    const after = counts(db);
    expect(after.evaluations - before.evaluations).toBe(10_000);
    expect(after.values - before.values).toBe(10_000 * MARKET.length);
    console.info(`10,000-row import: ${Math.round(ms)} ms`);
  }, 120_000);
});
