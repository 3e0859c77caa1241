// The work list of a period: stakeholders in the caller's scope with their evaluation, one page at
// a time, and the status counts per region. Scope, filters and sort are SQL; a page costs its rows,
// the counts cost one grouped scan (rows per region and status, never per stakeholder).
import 'server-only';
import { and, asc, count, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '@/db';
import { evaluations, regions, stakeholders, user as users } from '@/db/schema';
import type { SessionUser } from '@/server/auth/session';
import type { WorkStatus } from '@/core/domain/evaluation-workflow';
import { pageOffset, type SortDirection } from '@/core/schemas/list-params';
import type { WorkListParams } from '@/core/schemas/lists';
import { stakeholderInScope } from './scope';
import { containsText } from './search';
import { regionWithin } from './regions';

const workStatus = sql<WorkStatus>`coalesce(${evaluations.status}, 'not_started')`;

const SORTS = {
  code: [stakeholders.code],
  name: [stakeholders.name, stakeholders.code],
  status: [workStatus, stakeholders.code],
  updatedAt: [evaluations.updatedAt, stakeholders.code],
} as const;

function orderBy(sort: WorkListParams['sort'], dir: SortDirection) {
  return SORTS[sort].map((c) => (dir === 'desc' ? desc(c) : asc(c)));
}

type Filters = Pick<WorkListParams, 'search' | 'status' | 'type'> & { regionPath?: string | undefined };

/** The rows of the work list: in scope, active or evaluated in the period, and the filters. */
function conditions(me: SessionUser, f: Filters): SQL | undefined {
  const conds: (SQL | undefined)[] = [stakeholderInScope(me), sql`(${stakeholders.active} = 1 or ${evaluations.id} is not null)`];
  if (f.type) conds.push(eq(stakeholders.type, f.type));
  if (f.status) conds.push(f.status === 'not_started' ? sql`${evaluations.id} is null` : eq(evaluations.status, f.status));
  if (f.regionPath) conds.push(regionWithin(f.regionPath));
  if (f.search) conds.push(sql`(${containsText(stakeholders.name, f.search)} or ${containsText(stakeholders.code, f.search)} or ${containsText(stakeholders.creditCode, f.search)})`);
  return and(...conds);
}

/** One page of the work list, and the number of rows all pages hold. */
export function workListPage(db: DbOrTx, me: SessionUser, periodId: number, p: WorkListParams & { regionPath?: string | undefined }) {
  const where = conditions(me, p);
  const items = db
    .select({
      stakeholderId: stakeholders.id,
      code: stakeholders.code,
      name: stakeholders.name,
      type: stakeholders.type,
      creditCode: stakeholders.creditCode,
      active: stakeholders.active,
      regionId: stakeholders.regionId,
      path: regions.path,
      evaluationId: evaluations.id,
      status: workStatus,
      revision: evaluations.revision,
      updatedAt: evaluations.updatedAt,
      submittedBy: users.name,
      returnReason: evaluations.returnReason,
    })
    .from(stakeholders)
    .innerJoin(regions, eq(regions.id, stakeholders.regionId))
    .leftJoin(evaluations, and(eq(evaluations.stakeholderId, stakeholders.id), eq(evaluations.periodId, periodId)))
    .leftJoin(users, eq(users.id, evaluations.submittedBy))
    .where(where)
    .orderBy(...orderBy(p.sort, p.dir))
    .limit(p.pageSize)
    .offset(pageOffset(p))
    .all();
  const total =
    db
      .select({ n: count() })
      .from(stakeholders)
      .innerJoin(regions, eq(regions.id, stakeholders.regionId))
      .leftJoin(evaluations, and(eq(evaluations.stakeholderId, stakeholders.id), eq(evaluations.periodId, periodId)))
      .where(where)
      .get()?.n ?? 0;
  return { items, total };
}

/**
 * How many rows of the work list (without the status filter) have each status, per region the
 * stakeholders sit in; the service rolls them up to townships and counties by path.
 */
export function workStatusByRegion(db: DbOrTx, me: SessionUser, periodId: number, f: Omit<Filters, 'status'>) {
  return db
    .select({ path: regions.path, status: workStatus, n: count() })
    .from(stakeholders)
    .innerJoin(regions, eq(regions.id, stakeholders.regionId))
    .leftJoin(evaluations, and(eq(evaluations.stakeholderId, stakeholders.id), eq(evaluations.periodId, periodId)))
    .where(conditions(me, f))
    .groupBy(regions.id, workStatus)
    .all();
}
