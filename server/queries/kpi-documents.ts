// A KPI-set version as stored (version row + items) ⇄ the portable kpi-set/v1 document the
// engine scores with. The document is what the method hash covers, so a published score can be
// re-derived from files alone.
import 'server-only';
import { asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '@/db';
import { indicators, kpiSetIndicators, units } from '@/db/schema';
import { KPI_SET_FORMAT, validateKpiSet, type KpiSetV1 } from '@/core/scoring';
import { ValidationError } from '@/server/errors';
import { getKpiSet, getVersionRow, versionObjectives, versionSettings, type KpiSetRow, type VersionRow } from './kpi-versions';

export type LoadedVersion = {
  version: VersionRow;
  kpiSet: KpiSetRow;
  document: KpiSetV1;
  /** indicator code → id, for mapping values. */
  indicatorIds: Map<string, number>;
};

export function loadKpiSetVersion(db: DbOrTx, versionId: number): LoadedVersion {
  const version = getVersionRow(db, versionId);
  const kpiSet = getKpiSet(db, version.kpiSetId);
  const objectiveRows = versionObjectives(db, versionId);
  const indicatorRows = db
    .select({
      id: indicators.id,
      code: indicators.code,
      nameEn: indicators.nameEn,
      nameZh: indicators.nameZh,
      // The English name, as before units had codes: published method hashes stay as they were.
      unit: units.nameEn,
      direction: indicators.direction,
      objectiveId: kpiSetIndicators.objectiveId,
      weight: kpiSetIndicators.weight,
      normalization: kpiSetIndicators.normalization,
    })
    .from(kpiSetIndicators)
    .innerJoin(indicators, eq(indicators.id, kpiSetIndicators.indicatorId))
    .leftJoin(units, eq(units.code, indicators.unitCode))
    .where(eq(kpiSetIndicators.versionId, versionId))
    .orderBy(asc(kpiSetIndicators.position), asc(indicators.id))
    .all();
  const raw = {
    format: KPI_SET_FORMAT,
    code: kpiSet.code,
    name: { en: kpiSet.nameEn, 'zh-CN': kpiSet.nameZh },
    stakeholderType: kpiSet.stakeholderType,
    ...versionSettings(version),
    objectives: objectiveRows.map((o) => ({
      code: o.code,
      name: { en: o.nameEn, 'zh-CN': o.nameZh },
      weight: o.weight,
      indicators: indicatorRows
        .filter((i) => i.objectiveId === o.id)
        .map((i) => ({
          code: i.code,
          name: { en: i.nameEn, 'zh-CN': i.nameZh },
          unit: i.unit ?? '',
          direction: i.direction,
          weight: i.weight,
          normalization: i.normalization,
        })),
    })),
  };
  const checked = validateKpiSet(raw);
  if (!checked.ok) {
    throw new ValidationError(
      `KPI-set version ${kpiSet.code} v${version.version} is not a valid kpi-set/v1 document: ` +
        checked.errors.map((e) => `${e.path}: ${e.message}`).join('; '),
    );
  }
  return { version, kpiSet, document: checked.value, indicatorIds: new Map(indicatorRows.map((i) => [i.code, i.id])) };
}
