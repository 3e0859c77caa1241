// How an import writes: new evaluations, their values and the audit rows go many rows per
// statement, so these check what each evaluation ends with across statement boundaries, with
// creates and updates mixed, and that a row started by someone between the check and the write
// still aborts the whole import, naming it.
import { and, asc, count, eq, inArray, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { auditLog, evaluations, evaluationValues, indicators, stakeholders } from '@/db/schema';
import { runImport } from '@/server/services/imports';
import { makeFactory, type IndicatorSpec } from './factory';

// Something to do between the import's check and its write (a colleague starting an evaluation).
const afterPlan = vi.hoisted(() => ({ run: null as null | (() => Promise<void>) }));
vi.mock('@/server/services/imports/plan', async (importOriginal) => {
  const real = await importOriginal<typeof import('@/server/services/imports/plan')>();
  return {
    ...real,
    planImport: async (...args: Parameters<typeof real.planImport>) => {
      const plan = await real.planImport(...args);
      await afterPlan.run?.();
      return plan;
    },
  };
});

const CODES = ['mk_a', 'mk_b', 'mk_c'];
const INDICATORS: IndicatorSpec[] = CODES.map((code) => ({ code, max: 1000 }));
const csv = (lines: string[]) => new TextEncoder().encode(['stakeholder,' + CODES.join(','), ...lines].join('\n') + '\n');

async function world() {
  const f = makeFactory();
  const q3 = await f.period(2026, 3);
  await f.kpiSet('market', [{ code: 'market', indicators: INDICATORS }], { effectiveFromPeriodId: q3.id });
  const codes = Array.from({ length: 600 }, (_, i) => `MKW-${String(i).padStart(4, '0')}`);
  f.db.insert(stakeholders).values(codes.map((code) => ({ code, name: `测试企业 ${code}`, type: 'market' as const, regionId: f.w.townA.id }))).run();
  return { ...f, codes };
}
type World = Awaited<ReturnType<typeof world>>;

/** Each evaluation's stored values by stakeholder code, as `a,b,c` (empty for null). */
function storedByCode(w: World, codes: readonly string[]) {
  const rows = w.db
    .select({ code: stakeholders.code, indicator: indicators.code, value: evaluationValues.value })
    .from(evaluationValues)
    .innerJoin(evaluations, eq(evaluations.id, evaluationValues.evaluationId))
    .innerJoin(stakeholders, eq(stakeholders.id, evaluations.stakeholderId))
    .innerJoin(indicators, eq(indicators.id, evaluationValues.indicatorId))
    .where(inArray(stakeholders.code, [...codes]))
    .all();
  const out = new Map<string, Record<string, number | null>>();
  for (const r of rows) out.set(r.code, { ...out.get(r.code), [r.indicator]: r.value });
  return new Map([...out].map(([code, v]) => [code, CODES.map((c) => v[c] ?? '').join(',')]));
}

describe('import writes', () => {
  let w: World;
  beforeAll(async () => {
    w = await world();
  }, 60_000);

  it('writes every row of a file longer than one statement, creates and updates mixed, with an audit row each in the file order', async () => {
    const first = w.codes.slice(0, 300);
    const line = (code: string, i: number, b: string = String(i % 7)) => `${code},${i},${b},${(i * 3) % 1000}`;
    const created = await runImport(w.db, w.admin, { kpiSetCode: 'market', mode: 'draft', bytes: csv(first.map((c, i) => line(c, i))) });
    expect(created.imported).toBe(true);
    expect(storedByCode(w, first)).toEqual(new Map(first.map((c, i) => [c, `${i},${i % 7},${(i * 3) % 1000}`])));

    // New and existing rows alternate; an existing row's empty cell leaves its stored value alone.
    const mixed = w.codes.slice(300, 560).flatMap((c, i) => [c, first[i]!]);
    const auditBefore = w.db.select({ id: sql<number>`coalesce(max(${auditLog.id}), 0)` }).from(auditLog).get()!.id;
    const second = await runImport(w.db, w.admin, { kpiSetCode: 'market', mode: 'draft', bytes: csv(mixed.map((c, i) => line(c, i, i % 2 ? '' : '5'))) });
    expect(second.report).toMatchObject({ ok: true, creates: 260, updates: 260 });
    const expected = new Map(
      mixed.map((c, i) => {
        const old = first.indexOf(c);
        return [c, old >= 0 ? `${i},${old % 7},${(i * 3) % 1000}` : `${i},5,${(i * 3) % 1000}`];
      }),
    );
    expect(storedByCode(w, mixed)).toEqual(expected);

    // The ids come back in the file's order, and so do the audit rows, each with the values it wrote.
    const idOf = new Map(
      w.db.select({ id: evaluations.id, code: stakeholders.code }).from(evaluations).innerJoin(stakeholders, eq(stakeholders.id, evaluations.stakeholderId)).all().map((r) => [r.code, r.id]),
    );
    expect(second.evaluationIds).toEqual(mixed.map((c) => idOf.get(c)));
    const audit = w.db
      .select({ entityId: auditLog.entityId, before: auditLog.before, after: auditLog.after })
      .from(auditLog)
      .where(and(eq(auditLog.action, 'evaluation.import'), sql`${auditLog.id} > ${auditBefore}`))
      .orderBy(asc(auditLog.id))
      .all();
    expect(audit.map((a) => Number(a.entityId))).toEqual(second.evaluationIds);
    expect(audit[0]).toMatchObject({ before: null, after: { status: 'draft', row: 2, values: { mk_a: 0, mk_b: 5, mk_c: 0 } } });
    expect(audit[1]).toMatchObject({ before: { status: 'draft', revision: 1 }, after: { status: 'draft', row: 3, values: { mk_a: 1, mk_c: 3 } } });
    expect(Object.keys((audit[1]!.after as { values: object }).values)).toEqual(['mk_a', 'mk_c']);
  });

  it('aborts the whole import, naming the row, when one of its new evaluations was started since the check', async () => {
    const rows = w.codes.slice(560, 600);
    const taken = rows[30]!;
    const stakeholderId = w.db.select({ id: stakeholders.id }).from(stakeholders).where(eq(stakeholders.code, taken)).get()!.id;
    afterPlan.run = async () => {
      await w.evaluate(stakeholderId, { mk_a: 1, mk_b: 1, mk_c: 1 }, 'draft');
    };
    const evaluationsBefore = w.db.select({ n: count() }).from(evaluations).get()!.n;
    try {
      await expect(runImport(w.db, w.admin, { kpiSetCode: 'market', mode: 'draft', bytes: csv(rows.map((c) => `${c},1,2,3`)) })).rejects.toMatchObject({
        reason: 'import_stale',
        message: expect.stringContaining(taken),
      });
    } finally {
      afterPlan.run = null;
    }
    // Only the colleague's evaluation was written.
    expect(w.db.select({ n: count() }).from(evaluations).get()!.n).toBe(evaluationsBefore + 1);
  });
});
