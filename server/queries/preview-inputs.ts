// What the method tools score a draft against: the draft's document, the published version the
// period was entered under, and the period's approved values; and the engine's matrix pass with
// its refusal of unscorable rows turned into a field error. Read by the impact preview (a job),
// the sensitivity basis and the data weights alike.
import 'server-only';
import { and, desc, eq, exists } from 'drizzle-orm';
import type { Db } from '@/db';
import { evaluations, kpiSetVersions } from '@/db/schema';
import { vmsg } from '@/core/domain/messages';
import { ValidationError } from '@/server/errors';
import { ScoringInputError, type KpiSetV1 } from '@/core/scoring';
import { scoreLight, type LightScores } from '@/core/scoring/period-scoring';
import type { StakeholderType } from '@/core/domain/enums';
import { loadKpiSetVersion } from './kpi-documents';
import { publishedVersionsInPeriod } from './kpi-versions';
import { getPeriod } from './periods';
import { gatherValues, type ScoringInput } from './score-runs';

export type Baseline = {
  periodCode: string;
  periodStatus: string;
  stakeholderType: StakeholderType;
  baselineVersionId: number;
  baseline: KpiSetV1;
  draft: KpiSetV1;
  /** indicator code → id of the draft's indicators (for their red-flag limits). */
  draftIndicatorIds: Map<string, number>;
  input: ScoringInput;
  draftVersion: number;
  baselineVersion: number;
};

function noBaselineError(periodCode: string, kpiSetCode: string): ValidationError {
  return new ValidationError(`No published version of ${kpiSetCode} has evaluations in ${periodCode}; choose another period.`, { periodId: [vmsg('validation.method.noBaseline')] }, 'no_baseline');
}

/**
 * What the request checks before it starts a preview's job: the draft and period exist and a
 * published version of the set has evaluations in the period (the newest, as publishedVersionsInPeriod
 * answers, found by index: a province's period has 100,000 evaluations to scan otherwise).
 */
export function checkPreviewTarget(db: Db, versionId: number, periodId: number): void {
  const draft = loadKpiSetVersion(db, versionId);
  const period = getPeriod(db, periodId);
  const entered = exists(db.select({ one: evaluations.id }).from(evaluations).where(and(eq(evaluations.periodId, periodId), eq(evaluations.kpiSetVersionId, kpiSetVersions.id))));
  const baseline = db
    .select({ id: kpiSetVersions.id })
    .from(kpiSetVersions)
    .where(and(eq(kpiSetVersions.kpiSetId, draft.kpiSet.id), eq(kpiSetVersions.status, 'published'), entered))
    .orderBy(desc(kpiSetVersions.id))
    .get();
  if (!baseline) throw noBaselineError(period.code, draft.kpiSet.code);
}

/** The draft's document, the published baseline for the period, and the period's approved values. */
export function previewInputs(db: Db, versionId: number, periodId: number): Baseline {
  const draft = loadKpiSetVersion(db, versionId);
  const period = getPeriod(db, periodId);
  const baselineVersionId = publishedVersionsInPeriod(db, periodId, draft.kpiSet.id)[0];
  if (baselineVersionId === undefined) throw noBaselineError(period.code, draft.kpiSet.code);
  const baseline = loadKpiSetVersion(db, baselineVersionId);
  const input = gatherValues(db, periodId, baselineVersionId, ['approved']);
  if (input.rows.length === 0)
    throw new ValidationError(`${period.code} has no approved evaluations of ${draft.kpiSet.code} to preview with.`, { periodId: [vmsg('validation.method.noValues')] }, 'no_values');
  return {
    periodCode: period.code,
    periodStatus: period.status,
    stakeholderType: draft.kpiSet.stakeholderType,
    baselineVersionId,
    baseline: baseline.document,
    draft: draft.document,
    draftIndicatorIds: draft.indicatorIds,
    input,
    draftVersion: draft.version.version,
    baselineVersion: baseline.version.version,
  };
}

/** The engine's matrix pass, its refusal of unscorable rows turned into a field error. */
export function scoreForPreview(doc: KpiSetV1, input: ScoringInput): LightScores {
  try {
    return scoreLight(doc, input);
  } catch (e) {
    if (e instanceof ScoringInputError) {
      const detail = vmsg(`errors.engine.scoring.${e.code}`, { stakeholder: e.stakeholder ?? '', indicator: e.indicator ?? '' });
      throw new ValidationError(`The period cannot be scored under this version: ${e.message}`, { periodId: [vmsg('validation.method.cannotScore')] }, 'cannot_score').with({}, detail);
    }
    throw e;
  }
}
