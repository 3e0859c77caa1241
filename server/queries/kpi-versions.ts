// KPI-set versions as services read them: the row, its content by id, and which version applies
// to a period — the version in effect (what new evaluations are entered under) and the published
// versions a period's evaluations actually use (what its scores and previews are computed under).
import 'server-only';
import { and, asc, desc, eq, inArray, isNull, lte, or } from 'drizzle-orm';
import type { DbOrTx } from '@/db';
import { evaluations, indicators, kpiSetIndicators, kpiSetObjectives, kpiSets, kpiSetVersions, objectives, periods } from '@/db/schema';
import { NotFoundError } from '@/server/errors';
import type { DraftContent } from '@/core/schemas/method';
import type { StakeholderType } from '@/core/domain/enums';
import { getPeriod, type Period } from './periods';

export type VersionRow = typeof kpiSetVersions.$inferSelect;

export type KpiSetRow = typeof kpiSets.$inferSelect;

export function getKpiSet(db: DbOrTx, kpiSetId: number): KpiSetRow {
  const set = db.select().from(kpiSets).where(eq(kpiSets.id, kpiSetId)).get();
  if (!set) throw new NotFoundError('KPI set', kpiSetId);
  return set;
}

export function getVersionRow(db: DbOrTx, versionId: number): VersionRow {
  const v = db.select().from(kpiSetVersions).where(eq(kpiSetVersions.id, versionId)).get();
  if (!v) throw new NotFoundError('KPI-set version', versionId);
  return v;
}

/**
 * The published version of a stakeholder type's KPI set in effect for a period: the one with the
 * latest effective-from period starting on or before it (a version without one counts from the start).
 */
export function versionInEffect(db: DbOrTx, stakeholderType: StakeholderType, period: Period | number) {
  const { startsOn } = typeof period === 'number' ? getPeriod(db, period) : period;
  return (
    db
      .select({ id: kpiSetVersions.id, version: kpiSetVersions.version, kpiSetId: kpiSets.id, effectiveFrom: periods.startsOn })
      .from(kpiSetVersions)
      .innerJoin(kpiSets, eq(kpiSets.id, kpiSetVersions.kpiSetId))
      .leftJoin(periods, eq(periods.id, kpiSetVersions.effectiveFromPeriodId))
      .where(and(eq(kpiSets.stakeholderType, stakeholderType), eq(kpiSetVersions.status, 'published'), or(isNull(periods.startsOn), lte(periods.startsOn, startsOn))))
      .orderBy(desc(periods.startsOn), desc(kpiSetVersions.version))
      .get() ?? null
  );
}

/** Published versions the period's evaluations are under (of one KPI set, if given), newest first. */
export function publishedVersionsInPeriod(db: DbOrTx, periodId: number, kpiSetId?: number): number[] {
  return db
    .selectDistinct({ id: evaluations.kpiSetVersionId })
    .from(evaluations)
    .innerJoin(kpiSetVersions, eq(kpiSetVersions.id, evaluations.kpiSetVersionId))
    .where(and(eq(evaluations.periodId, periodId), eq(kpiSetVersions.status, 'published'), kpiSetId === undefined ? undefined : eq(kpiSetVersions.kpiSetId, kpiSetId)))
    .orderBy(desc(evaluations.kpiSetVersionId))
    .all()
    .map((r) => r.id);
}

/** A version's objectives with their weights, in the order the document lists them. */
export function versionObjectives(db: DbOrTx, versionId: number) {
  return db
    .select({ id: objectives.id, code: objectives.code, nameEn: objectives.nameEn, nameZh: objectives.nameZh, weight: kpiSetObjectives.weight })
    .from(kpiSetObjectives)
    .innerJoin(objectives, eq(objectives.id, kpiSetObjectives.objectiveId))
    .where(eq(kpiSetObjectives.versionId, versionId))
    .orderBy(asc(kpiSetObjectives.position), asc(objectives.position))
    .all();
}

/** A version's scoring settings, as the draft content and the kpi-set/v1 document both hold them. */
export function versionSettings(v: VersionRow) {
  return {
    scale: v.scale,
    aggregation: { indicators: v.aggregationIndicators, objectives: v.aggregationObjectives },
    missing: { policy: v.missingPolicy, minCompleteness: v.minCompleteness },
    grades: v.grades,
  };
}

/** A version's items by id, in the order the document lists them. */
export function draftContentOf(db: DbOrTx, versionId: number): DraftContent {
  const v = getVersionRow(db, versionId);
  const objectiveRows = versionObjectives(db, versionId);
  const indicatorRows = db
    .select({ indicatorId: kpiSetIndicators.indicatorId, objectiveId: kpiSetIndicators.objectiveId, weight: kpiSetIndicators.weight, normalization: kpiSetIndicators.normalization })
    .from(kpiSetIndicators)
    .where(eq(kpiSetIndicators.versionId, versionId))
    .orderBy(asc(kpiSetIndicators.position), asc(kpiSetIndicators.indicatorId))
    .all();
  return {
    ...versionSettings(v),
    objectives: objectiveRows.map((o) => ({
      objectiveId: o.id,
      weight: o.weight,
      indicators: indicatorRows
        .filter((i) => i.objectiveId === o.id)
        .map((i) => ({ indicatorId: i.indicatorId, weight: i.weight, normalization: i.normalization })),
    })),
  };
}

/** Red-flag limits (indicator code → limit) of the given indicators, or of a version's indicators. */
export function redFlagLimits(db: DbOrTx, of: { versionId: number } | { indicatorIds: number[] }): Record<string, number> {
  const rows =
    'versionId' in of
      ? db
          .select({ code: indicators.code, limit: indicators.redFlagAbove })
          .from(kpiSetIndicators)
          .innerJoin(indicators, eq(indicators.id, kpiSetIndicators.indicatorId))
          .where(eq(kpiSetIndicators.versionId, of.versionId))
          .all()
      : of.indicatorIds.length
        ? db.select({ code: indicators.code, limit: indicators.redFlagAbove }).from(indicators).where(inArray(indicators.id, of.indicatorIds)).all()
        : [];
  const out: Record<string, number> = {};
  for (const r of rows) if (r.limit !== null) out[r.code] = r.limit;
  return out;
}
