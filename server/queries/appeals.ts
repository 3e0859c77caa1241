// Appeals as the services read and write them: the published score contested, the appeal in the
// caller's scope (out of scope reads as not found, like a stakeholder), its items, files and steps,
// the lists and the administrators' overview (SQL aggregates), and who is told of each step.
import 'server-only';
import { and, asc, count, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '@/db';
import { appealFiles, appealItems, appeals, appealSteps, indicators, periods, regions, scoreRuns, scores, stakeholders, user, userRegionScopes } from '@/db/schema';
import type { SessionUser } from '@/server/auth/session';
import { NotFoundError } from '@/server/errors';
import { OPEN_APPEAL_STATUSES, type AppealDecision, type AppealStatus, type AppealStep } from '@/core/domain/appeals';
import { publishedScoresOnly } from './periods';
import { stakeholderInScope } from './scope';

export type AppealRow = typeof appeals.$inferSelect;
export type AppealItemRow = typeof appealItems.$inferSelect;

/**
 * The stakeholder's score in the latest published official run of the period that holds it (a
 * period may have several runs, one per KPI-set version, and revisions: the latest id counts).
 */
export function publishedScoreIn(db: DbOrTx, stakeholderId: number, periodId: number) {
  return db
    .select({ runId: scoreRuns.id, versionId: scoreRuns.kpiSetVersionId, indicators: scores.indicators })
    .from(scores)
    .innerJoin(scoreRuns, eq(scoreRuns.id, scores.runId))
    .innerJoin(periods, eq(periods.id, scoreRuns.periodId))
    .where(and(eq(scores.stakeholderId, stakeholderId), eq(scoreRuns.periodId, periodId), publishedScoresOnly))
    .orderBy(desc(scoreRuns.id))
    .limit(1)
    .get();
}

/** A period by its code (2026Q2); NOT_FOUND when there is none. */
export function periodByCode(db: DbOrTx, code: string) {
  const row = db.select().from(periods).where(eq(periods.code, code)).get();
  if (!row) throw new NotFoundError('Period', code);
  return row;
}

/** The KPI-set version of a score run (the one an appeal contests). */
export function runVersionId(db: DbOrTx, runId: number): number {
  const row = db.select({ versionId: scoreRuns.kpiSetVersionId }).from(scoreRuns).where(eq(scoreRuns.id, runId)).get();
  if (!row) throw new NotFoundError('Score run', runId);
  return row.versionId;
}

/** The stakeholder's open appeal of the period, if any (one at a time). */
export function openAppealOf(db: DbOrTx, stakeholderId: number, periodId: number): AppealRow | undefined {
  return db
    .select()
    .from(appeals)
    .where(and(eq(appeals.stakeholderId, stakeholderId), eq(appeals.periodId, periodId), inArray(appeals.status, [...OPEN_APPEAL_STATUSES])))
    .get();
}

/** Every appeal of a stakeholder, newest first. */
export function appealsOfStakeholder(db: DbOrTx, stakeholderId: number) {
  return db
    .select({ appeal: appeals, period: periods.code })
    .from(appeals)
    .innerJoin(periods, eq(periods.id, appeals.periodId))
    .where(eq(appeals.stakeholderId, stakeholderId))
    .orderBy(desc(appeals.id))
    .all();
}

export function insertAppeal(db: DbOrTx, values: typeof appeals.$inferInsert): AppealRow {
  return db.insert(appeals).values(values).returning().get();
}

export function insertAppealItem(db: DbOrTx, values: typeof appealItems.$inferInsert): AppealItemRow {
  return db.insert(appealItems).values(values).returning().get();
}

export function insertAppealFile(db: DbOrTx, values: typeof appealFiles.$inferInsert) {
  return db.insert(appealFiles).values(values).returning().get();
}

export function insertAppealStep(db: DbOrTx, values: { appealId: number; step: AppealStep; decision?: AppealDecision | null; reason?: string | null; actorId: string; at: Date }) {
  return db.insert(appealSteps).values(values).returning().get();
}

/** Changes an appeal only if it is still in `from` (another reviewer may have acted meanwhile). */
export function updateAppealFrom(db: DbOrTx, id: number, from: AppealStatus, set: Partial<typeof appeals.$inferInsert>): AppealRow | undefined {
  return db
    .update(appeals)
    .set(set)
    .where(and(eq(appeals.id, id), eq(appeals.status, from)))
    .returning()
    .get();
}

export function setCorrectedValue(db: DbOrTx, itemId: number, correctedValue: number | null) {
  db.update(appealItems)
    .set({ corrected: correctedValue !== null, correctedValue })
    .where(eq(appealItems.id, itemId))
    .run();
}

/** The appeal with its stakeholder and period, in the caller's scope; NOT_FOUND otherwise. */
export function appealInScope(db: DbOrTx, me: SessionUser, id: number) {
  const row = db
    .select({
      appeal: appeals,
      stakeholder: { id: stakeholders.id, code: stakeholders.code, name: stakeholders.name, type: stakeholders.type },
      regionPath: regions.path,
      period: { id: periods.id, code: periods.code },
    })
    .from(appeals)
    .innerJoin(stakeholders, eq(stakeholders.id, appeals.stakeholderId))
    .innerJoin(regions, eq(regions.id, stakeholders.regionId))
    .innerJoin(periods, eq(periods.id, appeals.periodId))
    .where(and(eq(appeals.id, id), stakeholderInScope(me)))
    .get();
  if (!row) throw new NotFoundError('Appeal', id);
  return row;
}

/** The items of an appeal with their indicators, in the order they were filed. */
export function appealItemsOf(db: DbOrTx, appealId: number) {
  return db
    .select({ item: appealItems, code: indicators.code, name: { en: indicators.nameEn, 'zh-CN': indicators.nameZh }, valueType: indicators.valueType, unit: indicators.unitCode })
    .from(appealItems)
    .innerJoin(indicators, eq(indicators.id, appealItems.indicatorId))
    .where(eq(appealItems.appealId, appealId))
    .orderBy(asc(appealItems.id))
    .all();
}

/** The evidence files of an appeal's items (what a reader may download). */
export function appealFilesOf(db: DbOrTx, itemIds: readonly number[]) {
  if (itemIds.length === 0) return [];
  return db
    .select({ id: appealFiles.id, itemId: appealFiles.appealItemId, fileName: appealFiles.fileName, contentType: appealFiles.contentType, size: appealFiles.size })
    .from(appealFiles)
    .where(inArray(appealFiles.appealItemId, [...itemIds]))
    .orderBy(asc(appealFiles.id))
    .all();
}

/** One stored file with the appeal it belongs to (its reader must be allowed to see that appeal). */
export function appealFileById(db: DbOrTx, fileId: number) {
  return db
    .select({ file: appealFiles, appealId: appealItems.appealId })
    .from(appealFiles)
    .innerJoin(appealItems, eq(appealItems.id, appealFiles.appealItemId))
    .where(eq(appealFiles.id, fileId))
    .get();
}

/** The steps of an appeal, in order, with who took them. */
export function appealStepsOf(db: DbOrTx, appealId: number) {
  return db
    .select({ id: appealSteps.id, step: appealSteps.step, decision: appealSteps.decision, reason: appealSteps.reason, at: appealSteps.at, actorId: appealSteps.actorId, actor: user.name })
    .from(appealSteps)
    .innerJoin(user, eq(user.id, appealSteps.actorId))
    .where(eq(appealSteps.appealId, appealId))
    .orderBy(asc(appealSteps.id))
    .all();
}

/** Active assessors whose regions include a region at this path (they see and decide its appeals). */
export function assessorsCovering(db: DbOrTx, regionPath: string): string[] {
  return db
    .selectDistinct({ id: user.id })
    .from(userRegionScopes)
    .innerJoin(regions, eq(regions.id, userRegionScopes.regionId))
    .innerJoin(user, eq(user.id, userRegionScopes.userId))
    .where(and(eq(user.role, 'assessor'), eq(user.disabled, false), sql`${regionPath} like ${regions.path} || '%'`))
    .all()
    .map((r) => r.id);
}

/** Active users who speak for the stakeholder. */
export function stakeholderUserIds(db: DbOrTx, stakeholderId: number): string[] {
  return db
    .select({ id: user.id })
    .from(user)
    .where(and(eq(user.stakeholderId, stakeholderId), eq(user.disabled, false)))
    .all()
    .map((r) => r.id);
}

export type AppealListFilter = { state: 'open' | 'decided' | 'all'; periodId?: number | undefined };

function listWhere(me: SessionUser, filter: AppealListFilter): SQL | undefined {
  const state =
    filter.state === 'open'
      ? inArray(appeals.status, [...OPEN_APPEAL_STATUSES])
      : filter.state === 'decided'
        ? inArray(appeals.status, ['accepted', 'rejected', 'withdrawn'])
        : undefined;
  return and(state, filter.periodId === undefined ? undefined : eq(appeals.periodId, filter.periodId), stakeholderInScope(me));
}

/** A page of the appeals in the caller's scope, and how many there are. */
export function listAppealRows(db: DbOrTx, me: SessionUser, filter: AppealListFilter, page: { offset: number; limit: number; sort: 'dueOn' | 'createdAt'; dir: 'asc' | 'desc' }) {
  const where = listWhere(me, filter);
  const order = page.sort === 'dueOn' ? appeals.dueOn : appeals.createdAt;
  const items = db
    .select({
      id: appeals.id,
      status: appeals.status,
      dueOn: appeals.dueOn,
      createdAt: appeals.createdAt,
      decidedAt: appeals.decidedAt,
      proposal: appeals.proposal,
      proposedBy: appeals.proposedBy,
      createdBy: appeals.createdBy,
      stakeholder: { id: stakeholders.id, code: stakeholders.code, name: stakeholders.name },
      period: periods.code,
      items: sql<number>`(select count(*) from ${appealItems} i where i.appeal_id = ${appeals.id})`,
    })
    .from(appeals)
    .innerJoin(stakeholders, eq(stakeholders.id, appeals.stakeholderId))
    .innerJoin(periods, eq(periods.id, appeals.periodId))
    .where(where)
    .orderBy(page.dir === 'asc' ? asc(order) : desc(order), asc(appeals.id))
    .limit(page.limit)
    .offset(page.offset)
    .all();
  const total = db.select({ n: count() }).from(appeals).innerJoin(stakeholders, eq(stakeholders.id, appeals.stakeholderId)).where(where).get()?.n ?? 0;
  return { items, total };
}

/** Open appeals in the caller's scope, and how many of them are past their due date. */
export function openAppealCounts(db: DbOrTx, me: SessionUser, today: string) {
  const row = db
    .select({ open: count(), overdue: sql<number>`coalesce(sum(case when ${appeals.dueOn} < ${today} then 1 else 0 end), 0)` })
    .from(appeals)
    .innerJoin(stakeholders, eq(stakeholders.id, appeals.stakeholderId))
    .where(and(inArray(appeals.status, [...OPEN_APPEAL_STATUSES]), stakeholderInScope(me)))
    .get();
  return { open: row?.open ?? 0, overdue: Number(row?.overdue ?? 0) };
}

/**
 * The overview's figures per stakeholder region and period (the service adds them up per county):
 * appeals, open, accepted, decided, overdue. Grouped in SQL, so it reads the appeals once.
 */
export function appealCountsByRegion(db: DbOrTx, today: string, periodId?: number) {
  return db
    .select({
      regionId: stakeholders.regionId,
      periodId: appeals.periodId,
      n: count(),
      open: sql<number>`sum(case when ${appeals.status} in ('submitted','proposed') then 1 else 0 end)`,
      accepted: sql<number>`sum(case when ${appeals.status} = 'accepted' then 1 else 0 end)`,
      decided: sql<number>`sum(case when ${appeals.status} in ('accepted','rejected') then 1 else 0 end)`,
      overdue: sql<number>`sum(case when ${appeals.status} in ('submitted','proposed') and ${appeals.dueOn} < ${today} then 1 else 0 end)`,
    })
    .from(appeals)
    .innerJoin(stakeholders, eq(stakeholders.id, appeals.stakeholderId))
    .where(periodId === undefined ? undefined : eq(appeals.periodId, periodId))
    .groupBy(stakeholders.regionId, appeals.periodId)
    .all();
}

/** Whole days from filing to decision of each decided appeal, per stakeholder region and period (for the medians). */
export function decisionDaysByRegion(db: DbOrTx, periodId?: number) {
  return db
    .select({
      regionId: stakeholders.regionId,
      periodId: appeals.periodId,
      days: sql<number>`cast(round((${appeals.decidedAt} - ${appeals.createdAt}) / 86400000.0) as integer)`,
    })
    .from(appeals)
    .innerJoin(stakeholders, eq(stakeholders.id, appeals.stakeholderId))
    .where(and(inArray(appeals.status, ['accepted', 'rejected']), periodId === undefined ? undefined : eq(appeals.periodId, periodId)))
    .all();
}

/** Regions by id with their paths (to find each one's county). */
export function regionPaths(db: DbOrTx, ids: readonly number[]) {
  const out = new Map<number, string>();
  for (let i = 0; i < ids.length; i += 500) for (const r of db.select({ id: regions.id, path: regions.path }).from(regions).where(inArray(regions.id, ids.slice(i, i + 500))).all()) out.set(r.id, r.path);
  return out;
}

