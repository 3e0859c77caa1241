// One evaluation as the form shows it: the stakeholder, the KPI-set document and indicator
// definitions, the stored values, each indicator's last approved value and its county's usual
// change, what the live preview needs of the approved peers (a summary without identities:
// server/queries/peer-summary.ts), the timeline with what each entry changed, the comments of the
// latest return and what the caller may do now.
import 'server-only';
import type { Db } from '@/db';
import type { SessionUser } from '@/server/auth/session';
import { allowedActions } from '@/core/domain/evaluation-workflow';
import { historyView } from '@/core/domain/evaluation-history';
import { evaluationInScope, indicatorDefs, storedValues, timeline, userName } from '@/server/queries/evaluations';
import { loadKpiSetVersion } from '@/server/queries/kpi-documents';
import { peerSummaryOf } from '@/server/queries/peer-summary';
import { returnComments } from '@/server/queries/return-comments';
import { changeSpreads, countyPathOf, previousValues } from '@/server/queries/value-history';
import { countyAndTownshipOf, regionNames } from '@/server/queries/regions';

export function getEvaluation(db: Db, me: SessionUser, id: number) {
  const { evaluation, stakeholder, path, period } = evaluationInScope(db, me, id);
  const loaded = loadKpiSetVersion(db, evaluation.kpiSetVersionId);
  const defs = indicatorDefs(db, loaded);
  const ids = defs.map((d) => d.id);
  const before = previousValues(db, stakeholder.id, period, ids);
  const spreads = changeSpreads(db, countyPathOf(path), period, ids);
  const history = historyView(timeline(db, evaluation.id), returnComments(db, evaluation.id), evaluation.returnReason !== null);
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
    indicators: defs,
    values: storedValues(db, evaluation.id),
    // Per indicator: the latest earlier approved value and the county's usual size of a change.
    previous: Object.fromEntries(defs.map((d) => [d.code, { ...(before.get(d.id) ?? { value: null, periodCode: null }), spread: spreads.get(d.id)?.spread ?? null }])),
    peers: peerSummaryOf(db, period.id, evaluation.kpiSetVersionId, stakeholder.id, loaded.document),
    timeline: history.timeline,
    returnComments: history.returnComments,
    actions: allowedActions(me, evaluation, period),
  };
}
