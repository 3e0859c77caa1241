// How many of a period's approved evaluations under one version carry a value for each indicator:
// counted in SQL, so the weighting tab can warn about empty indicators without loading the
// period's rows (a province has 100,000 of them). The same evaluations as gatherValues uses.
import 'server-only';
import { and, count, eq, inArray, isNotNull, isNull } from 'drizzle-orm';
import type { DbOrTx } from '@/db';
import { evaluations, evaluationValues } from '@/db/schema';

export function indicatorValueCounts(db: DbOrTx, periodId: number, versionId: number, indicatorIds: readonly number[]): { rows: number; values: Map<number, number> } {
  const chosen = and(
    eq(evaluations.periodId, periodId),
    eq(evaluations.kpiSetVersionId, versionId),
    eq(evaluations.status, 'approved'),
    isNull(evaluations.excludedReason),
  );
  const rows = db.select({ n: count() }).from(evaluations).where(chosen).get()?.n ?? 0;
  const values = new Map<number, number>(indicatorIds.map((id) => [id, 0]));
  if (rows === 0 || indicatorIds.length === 0) return { rows, values };
  const counted = db
    .select({ indicatorId: evaluationValues.indicatorId, n: count() })
    .from(evaluationValues)
    .innerJoin(evaluations, eq(evaluations.id, evaluationValues.evaluationId))
    .where(and(chosen, inArray(evaluationValues.indicatorId, [...indicatorIds]), isNotNull(evaluationValues.value)))
    .groupBy(evaluationValues.indicatorId)
    .all();
  for (const c of counted) values.set(c.indicatorId, c.n);
  return { rows, values };
}
