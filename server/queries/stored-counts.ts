// Reads of the counts the database keeps by trigger (db/schema/counts.ts): evaluations per period,
// region, type and status; stakeholders per region, type and active; audit rows per entity and
// action. Each read costs the rows per region (or per entity), never a row per stakeholder.
import 'server-only';
import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '@/db';
import { auditCounts, evaluationCounts, regions, stakeholderCounts } from '@/db/schema';
import type { SessionUser } from '@/server/auth/session';
import type { EvaluationStatus, StakeholderType } from '@/core/domain/enums';
import type { WorkStatus } from '@/core/domain/evaluation-workflow';
import { regionInScope } from './scope';
import { regionWithin } from './regions';
import { keptUntilWrite, scopeKey } from './kept-until-write';

/** Evaluations per period, status and whether they are excluded from the scores. */
export function evaluationCountsByPeriod(db: DbOrTx, periodIds?: readonly number[]) {
  return keptUntilWrite(db, `evaluationCountsByPeriod:${periodIds?.join(',') ?? '*'}`, () => db
    .select({ periodId: evaluationCounts.periodId, status: evaluationCounts.status, excluded: evaluationCounts.excluded, n: sql<number>`sum(${evaluationCounts.n})` })
    .from(evaluationCounts)
    .where(periodIds ? inArray(evaluationCounts.periodId, [...periodIds]) : undefined)
    .groupBy(evaluationCounts.periodId, evaluationCounts.status, evaluationCounts.excluded)
    .all() as { periodId: number; status: EvaluationStatus; excluded: boolean; n: number }[]);
}

/** Active stakeholders per type, within a condition on `regions` (none: all). */
export function activeStakeholdersByType(db: DbOrTx, regionScope?: SQL) {
  return db
    .select({ type: stakeholderCounts.stakeholderType, n: sql<number>`sum(${stakeholderCounts.n})` })
    .from(stakeholderCounts)
    .innerJoin(regions, eq(regions.id, stakeholderCounts.regionId))
    .where(and(eq(stakeholderCounts.active, true), regionScope))
    .groupBy(stakeholderCounts.stakeholderType)
    .all() as { type: StakeholderType; n: number }[];
}

/**
 * The rows of a period's work list per region and status, in the caller's scope (optionally of
 * one type): evaluations by status whatever the stakeholder's state, and "not started" for the
 * active stakeholders without an evaluation. Equal to counting the work list itself.
 */
export function workCountsByRegion(db: DbOrTx, me: SessionUser, periodId: number, f: { type?: StakeholderType | undefined }): readonly { path: string; status: WorkStatus; n: number }[] {
  return keptUntilWrite(db, `workCountsByRegion:${scopeKey(me)}:${periodId}:${f.type ?? ''}`, () => countWorkByRegion(db, me, periodId, f));
}

function countWorkByRegion(db: DbOrTx, me: SessionUser, periodId: number, f: { type?: StakeholderType | undefined }) {
  const scope = regionInScope(me);
  const evaluated = db
    .select({ regionId: evaluationCounts.regionId, path: regions.path, status: evaluationCounts.status, active: evaluationCounts.active, n: sql<number>`sum(${evaluationCounts.n})` })
    .from(evaluationCounts)
    .innerJoin(regions, eq(regions.id, evaluationCounts.regionId))
    .where(and(eq(evaluationCounts.periodId, periodId), f.type ? eq(evaluationCounts.stakeholderType, f.type) : undefined, scope))
    .groupBy(evaluationCounts.regionId, evaluationCounts.status, evaluationCounts.active)
    .all();
  const active = db
    .select({ regionId: stakeholderCounts.regionId, path: regions.path, n: sql<number>`sum(${stakeholderCounts.n})` })
    .from(stakeholderCounts)
    .innerJoin(regions, eq(regions.id, stakeholderCounts.regionId))
    .where(and(eq(stakeholderCounts.active, true), f.type ? eq(stakeholderCounts.stakeholderType, f.type) : undefined, scope))
    .groupBy(stakeholderCounts.regionId)
    .all();
  const rows: { path: string; status: WorkStatus; n: number }[] = [];
  const activeEvaluated = new Map<number, number>();
  const byKey = new Map<string, { path: string; status: WorkStatus; n: number }>();
  for (const r of evaluated) {
    if (r.active) activeEvaluated.set(r.regionId, (activeEvaluated.get(r.regionId) ?? 0) + r.n);
    const key = `${r.regionId}:${r.status}`;
    const row = byKey.get(key);
    if (row) row.n += r.n;
    else byKey.set(key, { path: r.path, status: r.status as WorkStatus, n: r.n });
  }
  rows.push(...byKey.values());
  for (const r of active) {
    const notStarted = r.n - (activeEvaluated.get(r.regionId) ?? 0);
    if (notStarted > 0) rows.push({ path: r.path, status: 'not_started', n: notStarted });
  }
  return rows.filter((r) => r.n > 0);
}

/** Audit rows per entity and action, optionally of one entity and/or one action. */
export function auditCountRows(db: DbOrTx, f: { entity?: string | undefined; action?: string | undefined } = {}) {
  return db
    .select()
    .from(auditCounts)
    .where(and(f.entity ? eq(auditCounts.entity, f.entity) : undefined, f.action ? eq(auditCounts.action, f.action) : undefined))
    .orderBy(auditCounts.entity, auditCounts.action)
    .all();
}

/** Active stakeholders in the caller's scope whose evaluation of the period is not started, a draft or returned. */
export function unfinishedCount(db: DbOrTx, me: SessionUser, periodId: number): number {
  return keptUntilWrite(db, `unfinishedCount:${scopeKey(me)}:${periodId}`, () => countUnfinished(db, me, periodId));
}

function countUnfinished(db: DbOrTx, me: SessionUser, periodId: number): number {
  const scope = regionInScope(me);
  // The whole province (no scope) needs no region of each count row.
  const active = db.select({ n: sql<number>`coalesce(sum(${stakeholderCounts.n}), 0)` }).from(stakeholderCounts);
  const activeWhere = and(eq(stakeholderCounts.active, true), scope);
  const finished = db.select({ n: sql<number>`coalesce(sum(${evaluationCounts.n}), 0)` }).from(evaluationCounts);
  const finishedWhere = and(eq(evaluationCounts.periodId, periodId), eq(evaluationCounts.active, true), inArray(evaluationCounts.status, ['submitted', 'approved']), scope);
  const activeN = (scope ? active.innerJoin(regions, eq(regions.id, stakeholderCounts.regionId)).where(activeWhere) : active.where(activeWhere)).get()!.n;
  const finishedN = (scope ? finished.innerJoin(regions, eq(regions.id, evaluationCounts.regionId)).where(finishedWhere) : finished.where(finishedWhere)).get()!.n;
  return activeN - finishedN;
}

/**
 * Stakeholders in an admin's or assessor's scope (active ones, or all), optionally of one type and
 * within a region's path (null: an unknown region, which holds none). Other roles see none.
 */
export function stakeholderTotal(db: DbOrTx, me: SessionUser, f: { type?: StakeholderType | undefined; includeInactive: boolean; regionPath?: string | null | undefined }): number {
  if (f.regionPath === null) return 0;
  return db
    .select({ n: sql<number>`coalesce(sum(${stakeholderCounts.n}), 0)` })
    .from(stakeholderCounts)
    .innerJoin(regions, eq(regions.id, stakeholderCounts.regionId))
    .where(
      and(
        f.includeInactive ? undefined : eq(stakeholderCounts.active, true),
        f.type ? eq(stakeholderCounts.stakeholderType, f.type) : undefined,
        f.regionPath ? regionWithin(f.regionPath) : undefined,
        regionInScope(me),
      ),
    )
    .get()!.n;
}
