// Evaluations and their values: the reads and writes that the work list, the evaluation form, the
// review workflow, the import and the county dashboard share. Scope is applied here, in the SQL.
import 'server-only';
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db';
import { auditLog, evaluations, evaluationValues, indicators, periods, redFlagValues as redFlagValuesTable, regions, stakeholders, units, user as users } from '@/db/schema';
import type { SessionUser } from '@/server/auth/session';
import type { EvaluationValues, IndicatorDef } from '@/core/domain/evaluation-values';
import type { JsonValue } from '@/core/schemas/json';
import { isPeerDependent } from '@/core/scoring';
import { NotFoundError } from '@/server/errors';
import type { LoadedVersion } from './kpi-documents';
import { stakeholderInScope } from './scope';
import { unitLookup } from './units';

export type Evaluation = typeof evaluations.$inferSelect;
export type EvaluationChange = Partial<typeof evaluations.$inferInsert>;

/**
 * An evaluation with its stakeholder, region path and period; NOT_FOUND when missing or outside
 * the caller's scope (one answer for both, so ids can't be probed).
 */
export function evaluationInScope(db: DbOrTx, me: SessionUser, id: number) {
  const row = db
    .select({ evaluation: evaluations, stakeholder: stakeholders, path: regions.path, period: periods })
    .from(evaluations)
    .innerJoin(stakeholders, eq(stakeholders.id, evaluations.stakeholderId))
    .innerJoin(regions, eq(regions.id, stakeholders.regionId))
    .innerJoin(periods, eq(periods.id, evaluations.periodId))
    .where(and(eq(evaluations.id, id), stakeholderInScope(me)))
    .get();
  if (!row) throw new NotFoundError('Evaluation', id);
  return row;
}

export function evaluationById(db: DbOrTx, id: number): Evaluation | undefined {
  return db.select().from(evaluations).where(eq(evaluations.id, id)).get();
}

/** The stakeholder's evaluation in a period, if it was started. */
export function evaluationOf(db: DbOrTx, stakeholderId: number, periodId: number): Evaluation | undefined {
  return db
    .select()
    .from(evaluations)
    .where(and(eq(evaluations.stakeholderId, stakeholderId), eq(evaluations.periodId, periodId)))
    .get();
}

export function insertEvaluation(tx: DbOrTx, values: typeof evaluations.$inferInsert): Evaluation {
  return tx.insert(evaluations).values(values).returning().get();
}

/** Updates the row only when the revision still matches (the check and the write are one statement); undefined when it did not. */
export function updateAtRevision(tx: DbOrTx, e: Evaluation, revision: number, set: EvaluationChange): Evaluation | undefined {
  return tx
    .update(evaluations)
    .set({ ...set, revision: e.revision + 1, updatedAt: new Date() })
    .where(and(eq(evaluations.id, e.id), eq(evaluations.revision, revision)))
    .returning()
    .get();
}

/** The indicator definitions of a loaded version, in the document's order. */
export function indicatorDefs(db: DbOrTx, loaded: LoadedVersion): IndicatorDef[] {
  const ids = [...loaded.indicatorIds.values()];
  const rows = ids.length ? db.select().from(indicators).where(inArray(indicators.id, ids)).all() : [];
  const byId = new Map(rows.map((r) => [r.id, r]));
  const unitOf = unitLookup(db);
  return loaded.document.objectives.flatMap((o) =>
    o.indicators.map((i) => {
      const id = loaded.indicatorIds.get(i.code)!;
      const row = byId.get(id)!;
      return {
        id,
        code: i.code,
        objectiveCode: o.code,
        nameEn: i.name.en,
        nameZh: i.name['zh-CN'],
        unit: unitOf(i.unit),
        direction: i.direction,
        valueType: row.valueType,
        min: row.minValue,
        max: row.maxValue,
        evidenceRequired: row.evidenceRequired,
        redFlagAbove: row.redFlagAbove,
        peerDependent: isPeerDependent(i.normalization),
      };
    }),
  );
}

/** The stored values of an evaluation, by indicator code. */
export function storedValues(db: DbOrTx, evaluationId: number): EvaluationValues {
  const rows = db
    .select({ code: indicators.code, value: evaluationValues.value, note: evaluationValues.note, evidenceUrl: evaluationValues.evidenceUrl })
    .from(evaluationValues)
    .innerJoin(indicators, eq(indicators.id, evaluationValues.indicatorId))
    .where(eq(evaluationValues.evaluationId, evaluationId))
    .all();
  return Object.fromEntries(rows.map((r) => [r.code, { value: r.value, note: r.note, evidenceUrl: r.evidenceUrl }]));
}

/** Inserts or replaces the given values (the others stay as they are). */
export function writeValues(tx: DbOrTx, evaluationId: number, defs: readonly IndicatorDef[], values: EvaluationValues): void {
  const idOf = new Map(defs.map((d) => [d.code, d.id]));
  const rows = Object.entries(values).map(([code, v]) => ({
    evaluationId,
    indicatorId: idOf.get(code)!,
    value: v.value,
    note: v.note,
    evidenceUrl: v.evidenceUrl,
  }));
  // SQLite limits bound parameters per statement: write in chunks.
  for (let i = 0; i < rows.length; i += 200) {
    tx.insert(evaluationValues)
      .values(rows.slice(i, i + 200))
      .onConflictDoUpdate({
        target: [evaluationValues.evaluationId, evaluationValues.indicatorId],
        set: { value: sql`excluded.value`, note: sql`excluded.note`, evidenceUrl: sql`excluded.evidence_url` },
      })
      .run();
  }
}

export type TimelineEntry = {
  id: number;
  at: Date;
  action: string;
  actorName: string | null;
  reason: string | null;
  before: JsonValue | null;
  after: JsonValue | null;
};

const timelineOf = (evaluationId: number) => and(eq(auditLog.entity, 'evaluation'), eq(auditLog.entityId, String(evaluationId)));

/** The evaluation's history from the audit log, oldest first. */
export function timeline(db: DbOrTx, evaluationId: number): TimelineEntry[] {
  return db
    .select({
      id: auditLog.id,
      at: auditLog.at,
      action: auditLog.action,
      actorName: users.name,
      reason: auditLog.reason,
      before: auditLog.before,
      after: auditLog.after,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorId))
    .where(timelineOf(evaluationId))
    .orderBy(asc(auditLog.id))
    .all();
}

/** Who changed the evaluation last (null when unknown). */
export function lastEditorName(db: DbOrTx, evaluationId: number): string | null {
  return (
    db
      .select({ name: users.name })
      .from(auditLog)
      .leftJoin(users, eq(users.id, auditLog.actorId))
      .where(timelineOf(evaluationId))
      .orderBy(desc(auditLog.id))
      .get()?.name ?? null
  );
}

export function userName(db: DbOrTx, id: string | null): string | null {
  if (!id) return null;
  return db.select({ name: users.name }).from(users).where(eq(users.id, id)).get()?.name ?? null;
}

/** Values above their indicator's red-flag threshold in the period's evaluations (the first `limit`, with the `total`), inside the caller's scope. */
export function redFlagValues(db: DbOrTx, me: SessionUser, periodId: number, limit = -1) {
  return db
    .select({
      total: sql<number>`count(*) over ()`,
      stakeholderId: stakeholders.id,
      code: stakeholders.code,
      name: stakeholders.name,
      evaluationId: evaluations.id,
      indicator: indicators.code,
      indicatorEn: indicators.nameEn,
      indicatorZh: indicators.nameZh,
      value: redFlagValuesTable.value,
      limit: indicators.redFlagAbove,
      unitEn: units.nameEn,
      unitZh: units.nameZh,
      unitAttached: units.attached,
    })
    // From the few stored red flags (red_flag_values, kept by triggers) to their evaluations:
    // CROSS JOIN keeps SQLite's join order, instead of every evaluation of the period first.
    .from(redFlagValuesTable)
    .crossJoin(evaluations)
    .innerJoin(indicators, eq(indicators.id, redFlagValuesTable.indicatorId))
    .leftJoin(units, eq(units.code, indicators.unitCode))
    .innerJoin(stakeholders, eq(stakeholders.id, evaluations.stakeholderId))
    .where(and(eq(evaluations.id, redFlagValuesTable.evaluationId), eq(evaluations.periodId, periodId), stakeholderInScope(me)))
    .orderBy(stakeholders.code)
    .limit(limit)
    .all();
}
