// The demo's periods (three published quarters and the open one) and its evaluations with their
// values, as the plan made them.
import type { Tx } from '@/db/client';
import { evaluations, evaluationValues, periods } from '@/db/schema';
import type { StakeholderType } from '@/core/domain/enums';
import type { DemoPlan } from './plan';
import { cst, type PlannedPeriod } from './plan-periods';
import { chunks, idLookup } from './rows';

/** Inserts the periods; returns their ids by code. */
export function insertPeriods(tx: Tx, planned: readonly PlannedPeriod[]): (code: string) => number {
  const ids = new Map<string, number>();
  for (const p of planned) {
    // Each quarter is set up by the office shortly before it starts.
    const createdAt = new Date(cst(p.startsOn).getTime() - 7 * 86_400_000);
    const { id } = tx.insert(periods).values({ ...p, kind: 'quarter', createdAt }).returning({ id: periods.id }).get();
    ids.set(p.code, id);
  }
  return idLookup(ids, 'period');
}

/** Inserts the evaluations and their values; returns the number of values. */
export function insertEvaluations(
  tx: Tx,
  plan: DemoPlan,
  ids: {
    stakeholderId: (code: string) => number;
    periodId: (code: string) => number;
    userId: (username: string) => string;
    indicatorId: (code: string) => number;
    versionIdByType: ReadonlyMap<StakeholderType, number>;
  },
): number {
  const typeOf = idLookup(new Map(plan.stakeholders.map((s) => [s.code, s.type])), 'stakeholder');
  const versionOf = idLookup(ids.versionIdByType, 'KPI set for type');
  const evaluationIds = new Map<string, number>();
  for (const rows of chunks(plan.evaluations)) {
    const inserted = tx
      .insert(evaluations)
      .values(
        rows.map((e) => ({
          stakeholderId: ids.stakeholderId(e.stakeholderCode),
          periodId: ids.periodId(e.periodCode),
          kpiSetVersionId: versionOf(typeOf(e.stakeholderCode)),
          status: e.status,
          revision: e.revision,
          returnReason: e.returnReason,
          createdBy: ids.userId(e.createdBy),
          submittedBy: e.submittedBy ? ids.userId(e.submittedBy) : null,
          submittedAt: e.submittedAt,
          approvedBy: e.approvedBy ? ids.userId(e.approvedBy) : null,
          approvedAt: e.approvedAt,
          createdAt: e.createdAt,
          updatedAt: e.updatedAt,
        })),
      )
      .returning({ id: evaluations.id, stakeholderId: evaluations.stakeholderId, periodId: evaluations.periodId })
      .all();
    for (const r of inserted) evaluationIds.set(`${r.stakeholderId}:${r.periodId}`, r.id);
  }
  const evaluationId = idLookup(evaluationIds, 'evaluation');
  const valueRows: (typeof evaluationValues.$inferInsert)[] = [];
  for (const e of plan.evaluations) {
    const id = evaluationId(`${ids.stakeholderId(e.stakeholderCode)}:${ids.periodId(e.periodCode)}`);
    for (const v of e.values) valueRows.push({ evaluationId: id, indicatorId: ids.indicatorId(v.indicatorCode), value: v.value, note: v.note, evidenceUrl: v.evidenceUrl });
  }
  for (const rows of chunks(valueRows)) tx.insert(evaluationValues).values(rows).run();
  return valueRows.length;
}
