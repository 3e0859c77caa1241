// The weight-tuning workspace: weights from the data (entropy, CRITIC), what the weighting tab
// says about each indicator's values, and the basis of a sensitivity run. The impact preview is a
// job of its own (services/impact-preview.ts). Writing the chosen weights into the draft is a
// draft edit (services/kpi-sets.ts). Values are a period's approved evaluations under the
// published version of the same KPI set; indicators new in the draft have no values there (missing).
import 'server-only';
import type { Db } from '@/db';
import { vmsg } from '@/core/domain/messages';
import { ValidationError } from '@/server/errors';
import { criticWeights, entropyWeights, WeightsInputError } from '@/core/scoring';
import { sensitivityBasisOf } from '@/core/scoring/sensitivity';
import { coverageLevel, type IndicatorCoverage } from '@/core/scoring/impact-coverage';
import type { WeightTarget } from '@/core/schemas/method';
import { loadKpiSetVersion } from '@/server/queries/kpi-documents';
import { draftContentOf, publishedVersionsInPeriod } from '@/server/queries/kpi-versions';
import { getPeriod } from '@/server/queries/periods';
import { indicatorValueCounts } from '@/server/queries/indicator-coverage';
import { stakeholderNames } from '@/server/queries/stakeholders';
import { previewInputs, scoreForPreview } from '@/server/queries/preview-inputs';

/**
 * Per indicator of the draft, how many of the period's approved evaluations (under the published
 * version in effect there) have a value: what the weighting tab warns about before any weighting.
 * Counted in SQL; the period's rows are not loaded.
 */
export function indicatorValues(db: Db, input: { versionId: number; periodId: number }) {
  const draft = loadKpiSetVersion(db, input.versionId);
  const period = getPeriod(db, input.periodId);
  const baselineVersionId = publishedVersionsInPeriod(db, input.periodId, draft.kpiSet.id)[0];
  const published = baselineVersionId === undefined ? null : loadKpiSetVersion(db, baselineVersionId).document;
  const inPublished = new Set(published?.objectives.flatMap((o) => o.indicators.map((i) => i.code)) ?? []);
  const counted = baselineVersionId === undefined ? { rows: 0, values: new Map<number, number>() } : indicatorValueCounts(db, input.periodId, baselineVersionId, [...draft.indicatorIds.values()]);
  const indicators: IndicatorCoverage[] = draft.document.objectives.flatMap((o) =>
    o.indicators.map((i) => {
      const values = counted.values.get(draft.indicatorIds.get(i.code)!) ?? 0;
      return { code: i.code, objective: o.code, name: i.name, values, rows: counted.rows, level: coverageLevel(values, counted.rows), added: !inPublished.has(i.code) };
    }),
  );
  return { period: { id: period.id, code: period.code }, rows: counted.rows, indicators };
}

/** What a sensitivity run needs (normalized values, weights, grades), for the client to sample. */
export function sensitivityBasis(db: Db, input: { versionId: number; periodId: number }) {
  const b = previewInputs(db, input.versionId, input.periodId);
  const { compiled, matrix, scores } = scoreForPreview(b.draft, b.input);
  const ids = matrix.stakeholders.map((code) => b.input.meta.get(code)!.stakeholderId);
  const names = stakeholderNames(db, ids);
  return {
    period: { id: input.periodId, code: b.periodCode },
    basis: sensitivityBasisOf(compiled, scores),
    stakeholders: matrix.stakeholders.map((code, r) => ({ code, id: ids[r]!, name: names.get(ids[r]!) ?? code })),
    grades: b.draft.grades.map((g) => ({ code: g.code, label: g.label })),
  };
}

/** Entropy or CRITIC weights from the period's approved values, for the objectives or one objective's indicators. */
export function dataWeights(db: Db, input: { versionId: number; periodId: number; target: WeightTarget; method: 'entropy' | 'critic' }) {
  const b = previewInputs(db, input.versionId, input.periodId);
  let codes: string[];
  let data: (number | null)[][];
  let directions: ('higher' | 'lower')[];
  const target = input.target;
  if (target.level === 'objectives') {
    const scored = scoreForPreview(b.draft, b.input);
    codes = b.draft.objectives.map((o) => o.code);
    data = scored.rows.map((r) => codes.map((c) => r.objectives[c] ?? null));
    directions = codes.map(() => 'higher');
  } else {
    const content = draftContentOf(db, input.versionId);
    const index = content.objectives.findIndex((o) => o.objectiveId === target.objectiveId);
    if (index < 0) throw new ValidationError('This objective is not part of the version.', { target: [vmsg('validation.method.unknownObjective')] });
    const objective = b.draft.objectives[index]!;
    codes = objective.indicators.map((i) => i.code);
    directions = objective.indicators.map((i) => i.direction);
    data = b.input.rows.map((r) => codes.map((c) => r.values[c] ?? null));
  }
  try {
    const result = input.method === 'entropy' ? entropyWeights(data, directions, codes) : criticWeights(data, directions, codes);
    return { codes, weights: result.weights, warnings: result.warnings, notices: result.notices, rowsUsed: result.rowsUsed, rows: data.length, period: b.periodCode };
  } catch (e) {
    if (e instanceof WeightsInputError) {
      const detail = vmsg(`errors.engine.weights.${e.code}`, { complete: 0, indicators: '', ...e.params });
      throw new ValidationError(e.message, { method: [detail] }, 'no_data_weights').with({}, detail);
    }
    throw e;
  }
}
