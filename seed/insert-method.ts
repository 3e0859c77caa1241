// The demo's method: the objectives, the indicator catalogue, and one KPI set per stakeholder
// type with a first version, published with the engine's hash of its kpi-set/v1 document.
import { eq } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { indicators, kpiSetIndicators, kpiSetObjectives, kpiSets, kpiSetVersions, objectives } from '@/db/schema';
import type { StakeholderType } from '@/core/domain/enums';
import { methodHash } from '@/core/scoring';
import { legacyUnitCode } from '@/core/i18n/units';
import { loadKpiSetVersion } from '@/server/queries/kpi-documents';
import { GRADE_BANDS, INDICATOR_SEEDS, KPI_SET_SEEDS, OBJECTIVE_SEEDS, type KpiSetSeed } from './catalogue';
import { cst } from './plan-periods';
import { idLookup } from './rows';

/** Inserts the objectives and the indicators; returns their ids by code. */
export function insertLibrary(tx: Tx): { objectiveId: (code: string) => number; indicatorId: (code: string) => number } {
  const objectiveIds = new Map<string, number>();
  for (const [position, o] of OBJECTIVE_SEEDS.entries()) {
    const { id } = tx.insert(objectives).values({ ...o, position }).returning({ id: objectives.id }).get();
    objectiveIds.set(o.code, id);
  }
  const inserted = tx
    .insert(indicators)
    .values(
      INDICATOR_SEEDS.map((i) => ({
        code: i.code,
        nameZh: i.nameZh,
        nameEn: i.nameEn,
        descriptionZh: i.descriptionZh,
        descriptionEn: i.descriptionEn,
        unitCode: legacyUnitCode(i.unit),
        direction: i.direction,
        valueType: i.valueType,
        minValue: i.minValue,
        maxValue: i.maxValue,
        evidenceRequired: i.evidenceRequired,
        redFlagAbove: i.redFlagAbove,
      })),
    )
    .returning({ id: indicators.id, code: indicators.code })
    .all();
  return {
    objectiveId: idLookup(objectiveIds, 'objective'),
    indicatorId: idLookup(new Map(inserted.map((r) => [r.code, r.id])), 'indicator'),
  };
}

/**
 * Inserts each KPI set with version 1: as a draft, filled, then published (the triggers refuse
 * items in a published version). Returns the version id of each stakeholder type.
 */
export function insertKpiSets(
  tx: Tx,
  ids: { objectiveId: (code: string) => number; indicatorId: (code: string) => number; adminId: string; firstPeriodId: number },
): Map<StakeholderType, number> {
  const versionIdByType = new Map<StakeholderType, number>();
  for (const set of KPI_SET_SEEDS) {
    const { id: kpiSetId } = tx
      .insert(kpiSets)
      .values({ code: set.code, stakeholderType: set.type, nameZh: set.nameZh, nameEn: set.nameEn, createdAt: cst('2025-09-10') })
      .returning({ id: kpiSets.id })
      .get();
    const { id: versionId } = tx
      .insert(kpiSetVersions)
      .values({
        kpiSetId,
        version: 1,
        status: 'draft',
        scale: set.scale,
        aggregationIndicators: set.aggregationIndicators,
        aggregationObjectives: set.aggregationObjectives,
        missingPolicy: set.missingPolicy,
        minCompleteness: set.minCompleteness,
        grades: [...GRADE_BANDS],
        effectiveFromPeriodId: ids.firstPeriodId,
        createdAt: cst('2025-09-10'),
        createdBy: ids.adminId,
      })
      .returning({ id: kpiSetVersions.id })
      .get();
    insertItems(tx, versionId, set, ids);
    tx.update(kpiSetVersions)
      .set({
        status: 'published',
        // The engine's hash of the kpi-set/v1 document, exactly as score runs record it.
        methodHash: methodHash(loadKpiSetVersion(tx, versionId).document),
        changeNote: 'Initial version',
        publishedAt: cst('2025-09-26', '15:00'),
        publishedBy: ids.adminId,
      })
      .where(eq(kpiSetVersions.id, versionId))
      .run();
    versionIdByType.set(set.type, versionId);
  }
  return versionIdByType;
}

/** A version's objectives (weights from the set) and its type's indicators, in catalogue order. */
function insertItems(tx: Tx, versionId: number, set: KpiSetSeed, ids: { objectiveId: (code: string) => number; indicatorId: (code: string) => number }): void {
  tx.insert(kpiSetObjectives)
    .values(OBJECTIVE_SEEDS.map((o, position) => ({ versionId, objectiveId: ids.objectiveId(o.code), weight: set.objectiveWeights[o.code], position })))
    .run();
  tx.insert(kpiSetIndicators)
    .values(
      INDICATOR_SEEDS.filter((i) => i.type === set.type).map((i, position) => ({
        versionId,
        indicatorId: ids.indicatorId(i.code),
        objectiveId: ids.objectiveId(i.objective),
        weight: i.weight,
        normalization: i.normalization,
        position,
      })),
    )
    .run();
}
