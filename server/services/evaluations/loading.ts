// One evaluation as the form shows it: the stakeholder, the KPI-set document and indicator
// definitions, the stored values, last period's values, what the live preview needs of the
// approved peers (a summary without identities: server/queries/peer-summary.ts), the timeline and
// what the caller may do now.
import 'server-only';
import type { Db } from '@/db';
import type { SessionUser } from '@/server/auth/session';
import { allowedActions } from '@/core/domain/evaluation-workflow';
import { evaluationInScope, evaluationOf, indicatorDefs, storedValues, timeline, userName } from '@/server/queries/evaluations';
import { loadKpiSetVersion } from '@/server/queries/kpi-documents';
import { peerSummaryOf } from '@/server/queries/peer-summary';
import { previousPeriod } from '@/server/queries/periods';
import { countyAndTownshipOf, regionNames } from '@/server/queries/regions';

export function getEvaluation(db: Db, me: SessionUser, id: number) {
  const { evaluation, stakeholder, path, period } = evaluationInScope(db, me, id);
  const loaded = loadKpiSetVersion(db, evaluation.kpiSetVersionId);
  const prev = previousPeriod(db, period);
  const prevEval = prev ? evaluationOf(db, stakeholder.id, prev.id) : undefined;
  const { countyId, townshipId } = countyAndTownshipOf(path);
  const names = regionNames(db, [countyId, townshipId].filter((r) => r !== null));
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
    peers: peerSummaryOf(db, period.id, evaluation.kpiSetVersionId, stakeholder.id, loaded.document),
    timeline: timeline(db, evaluation.id),
    actions: allowedActions(me, evaluation, period),
  };
}
