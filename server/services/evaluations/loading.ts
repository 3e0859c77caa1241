// One evaluation as the form shows it: the stakeholder, the KPI-set document and indicator
// definitions, the stored values, last period's values, the approved peers (for the live
// preview), the timeline and what the caller may do now.
import 'server-only';
import type { Db } from '@/db';
import type { SessionUser } from '@/server/auth/session';
import { allowedActions } from '@/core/domain/evaluation-workflow';
import type { ValuesRow } from '@/core/scoring';
import { evaluationInScope, evaluationOf, indicatorDefs, storedValues, timeline, userName } from '@/server/queries/evaluations';
import { loadKpiSetVersion } from '@/server/queries/kpi-documents';
import { previousPeriod } from '@/server/queries/periods';
import { countyAndTownshipOf, regionNames } from '@/server/queries/regions';
import { gatherValues } from '@/server/queries/score-runs';

/** The other stakeholders' approved values of the period, anonymous: the preview needs their values, not who they are (many are outside the caller's scope). */
function anonymousPeers(db: Db, periodId: number, versionId: number, stakeholderCode: string): ValuesRow[] {
  return gatherValues(db, periodId, versionId, ['approved'])
    .rows.filter((r) => r.stakeholder !== stakeholderCode)
    .map((r, i) => ({ stakeholder: `peer:${i + 1}`, values: r.values }));
}

export function getEvaluation(db: Db, me: SessionUser, id: number) {
  const { evaluation, stakeholder, path, period } = evaluationInScope(db, me, id);
  const loaded = loadKpiSetVersion(db, evaluation.kpiSetVersionId);
  const prev = previousPeriod(db, period);
  const prevEval = prev ? evaluationOf(db, stakeholder.id, prev.id) : undefined;
  const names = regionNames(db);
  const { countyId, townshipId } = countyAndTownshipOf(path);
  return {
    evaluation: {
      ...evaluation,
      submittedByName: userName(db, evaluation.submittedBy),
      approvedByName: userName(db, evaluation.approvedBy),
    },
    stakeholder: {
      id: stakeholder.id,
      code: stakeholder.code,
      name: stakeholder.name,
      type: stakeholder.type,
      creditCode: stakeholder.creditCode,
      county: countyId ? (names.get(countyId) ?? null) : null,
      township: townshipId ? (names.get(townshipId) ?? null) : null,
    },
    period,
    kpiSet: { code: loaded.kpiSet.code, nameEn: loaded.kpiSet.nameEn, nameZh: loaded.kpiSet.nameZh, version: loaded.version.version },
    document: loaded.document,
    indicators: indicatorDefs(db, loaded),
    values: storedValues(db, evaluation.id),
    previous: prev && prevEval ? { periodCode: prev.code, status: prevEval.status, values: storedValues(db, prevEval.id) } : null,
    peers: anonymousPeers(db, period.id, evaluation.kpiSetVersionId, stakeholder.code),
    timeline: timeline(db, evaluation.id),
    actions: allowedActions(me, evaluation, period),
  };
}
