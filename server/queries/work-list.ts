// The work list of a period: stakeholders in the caller's scope with their evaluation, one page at
// a time, and the status counts per region. Scope, filters and sort are SQL; a page costs its rows,
// the counts cost one grouped scan (rows per region and status, never per stakeholder).
import 'server-only';
import { and, asc, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '@/db';
import { evaluations, regions, stakeholders, user as users } from '@/db/schema';
import type { SessionUser } from '@/server/auth/session';
import type { WorkStatus } from '@/core/domain/evaluation-workflow';
import type { EvaluationStatus } from '@/core/domain/enums';
import { pageOffset, type SortDirection } from '@/core/schemas/list-params';
import type { WorkListParams } from '@/core/schemas/lists';
import type { WorkView } from '@/core/domain/work-views';
import { regionInScope } from './scope';
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

type Filters = Pick<WorkListParams, 'search' | 'status' | 'type' | 'view'> & { regionPath?: string | undefined };

/** The views the caller's own evaluations make up: read from those (by submitter), not from the scope. */
const OWN_VIEWS: ReadonlySet<WorkView> = new Set(['returned', 'mine']);

/**
 * The rows of a view of the work list for `me` (core/domain/work-views.ts). Returned stays flagged
 * until resubmitted: a return (or reopen) sets the reason, edits keep it, a submit or approval
 * clears it. Written on the coalesced work status, as the status filter is, so the left join stays
 * a left join and SQLite keeps reaching the evaluations from the stakeholders.
 */
function viewCondition(me: SessionUser, view: WorkView): SQL {
  const byMe = sql`coalesce(${evaluations.submittedBy} = ${me.id}, 0)`;
  const returnedToMe = sql`coalesce(${evaluations.submittedBy} = ${me.id} and ${evaluations.returnReason} is not null, 0)`;
  switch (view) {
    case 'toEnter':
      return sql`(${workStatus} in ('not_started', 'draft', 'returned') and not ${returnedToMe})`;
    case 'returned':
      return sql`(${workStatus} in ('draft', 'returned') and ${returnedToMe})`;
    case 'toReview':
      return sql`(${workStatus} = 'submitted' and not ${byMe})`;
    case 'mine':
      return sql`(${workStatus} = 'submitted' and ${byMe})`;
  }
}

function searchCondition(search: string): SQL {
  return sql`(${containsText(stakeholders.name, search)} or ${containsText(stakeholders.code, search)} or ${containsText(stakeholders.creditCode, search)})`;
}

/**
 * The stakeholders with their region and their evaluation of the period. An assessor's rows are
 * reached from the regions in scope (CROSS JOIN keeps that order), so a county costs what it holds
 * rather than a walk over the province's stakeholders.
 */
function workRows(me: SessionUser, periodId: number): SQL {
  const from = regionInScope(me)
    ? sql`${regions} cross join ${stakeholders} on ${stakeholders.regionId} = ${regions.id}`
    : sql`${stakeholders} inner join ${regions} on ${regions.id} = ${stakeholders.regionId}`;
  return sql`${from} left join ${evaluations} on ${evaluations.stakeholderId} = ${stakeholders.id} and ${evaluations.periodId} = ${periodId}`;
}

/** The rows of the work list: in scope, active or evaluated in the period, and the filters. */
function conditions(me: SessionUser, f: Filters): SQL | undefined {
  const conds: (SQL | undefined)[] = [regionInScope(me), sql`(${stakeholders.active} = 1 or ${evaluations.id} is not null)`];
  // Within a scope the rows come from its regions; `+` keeps SQLite from reaching them through the
  // type index instead (every stakeholder of the type in the province, once per region).
  if (f.type) conds.push(regionInScope(me) ? sql`+${stakeholders.type} = ${f.type}` : eq(stakeholders.type, f.type));
  // On the work status (coalesced): the left join stays a left join, so SQLite keeps reaching the
  // evaluations from the stakeholders (in code order, or from an assessor's regions).
  if (f.status) conds.push(eq(workStatus, f.status));
  if (f.view) conds.push(viewCondition(me, f.view));
  if (f.regionPath) conds.push(regionWithin(f.regionPath));
  if (f.search) conds.push(searchCondition(f.search));
  return and(...conds);
}

/**
 * One page of the work list (or the rows of `window`), and the number of rows all pages hold:
 * `knownTotal` when the caller has it from the stored counts, else counted here.
 */
export function workListPage(
  db: DbOrTx,
  me: SessionUser,
  periodId: number,
  p: WorkListParams & { regionPath?: string | undefined; window?: { limit: number; offset: number } },
  knownTotal?: number,
) {
  const where = conditions(me, p);
  // An assessor's rows are reached from the regions in scope (CROSS JOIN keeps that order), so a
  // county costs what it holds rather than a walk over the province's code index.
  const scope = regionInScope(me);
  const columns = {
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
    submittedByMe: sql<number>`coalesce(${evaluations.submittedBy} = ${me.id}, 0)`,
  };
  const evaluationOf = and(eq(evaluations.stakeholderId, stakeholders.id), eq(evaluations.periodId, periodId));
  const ownRows = p.view && OWN_VIEWS.has(p.view) ? and(eq(evaluations.periodId, periodId), eq(evaluations.submittedBy, me.id)) : undefined;
  const items = ownRows
    ? db
        .select(columns)
        .from(evaluations)
        .innerJoin(stakeholders, eq(stakeholders.id, evaluations.stakeholderId))
        .innerJoin(regions, eq(regions.id, stakeholders.regionId))
        .leftJoin(users, eq(users.id, evaluations.submittedBy))
        .where(and(ownRows, where))
        .orderBy(...orderBy(p.sort, p.dir))
        .limit(p.window?.limit ?? p.pageSize)
        .offset(p.window?.offset ?? pageOffset(p))
        .all()
    : scope
    ? db
        .select(columns)
        .from(regions)
        .crossJoin(stakeholders)
        .leftJoin(evaluations, evaluationOf)
        .leftJoin(users, eq(users.id, evaluations.submittedBy))
        .where(and(eq(stakeholders.regionId, regions.id), where))
        .orderBy(...orderBy(p.sort, p.dir))
        .limit(p.window?.limit ?? p.pageSize)
        .offset(p.window?.offset ?? pageOffset(p))
        .all()
    : db
        .select(columns)
        .from(stakeholders)
        .innerJoin(regions, eq(regions.id, stakeholders.regionId))
        .leftJoin(evaluations, evaluationOf)
        .leftJoin(users, eq(users.id, evaluations.submittedBy))
        .where(where)
        .orderBy(...orderBy(p.sort, p.dir))
        .limit(p.window?.limit ?? p.pageSize)
        .offset(p.window?.offset ?? pageOffset(p))
        .all();
  const from = ownRows
    ? sql`${evaluations} inner join ${stakeholders} on ${stakeholders.id} = ${evaluations.stakeholderId} inner join ${regions} on ${regions.id} = ${stakeholders.regionId} where ${ownRows} and`
    : sql`${workRows(me, periodId)} where`;
  const total = knownTotal ?? db.get<{ n: number }>(sql`select count(*) as n from ${from} ${where ?? sql`1`}`)!.n;
  return { items, total };
}

/**
 * How many rows of the work list (without the status filter) have each status, per region the
 * stakeholders sit in; the service rolls them up to townships and counties by path.
 */
export function workStatusByRegion(db: DbOrTx, me: SessionUser, periodId: number, f: Omit<Filters, 'status' | 'view'>) {
  return db.all<{ path: string; status: WorkStatus; n: number }>(
    sql`select ${regions.path} as path, ${workStatus} as status, count(*) as n from ${workRows(me, periodId)} where ${conditions(me, f) ?? sql`1`} group by ${regions.id}, ${workStatus}`,
  );
}

/**
 * The first `limit` active stakeholders in the caller's scope, by code, whose evaluation of the
 * period is not started, a draft or returned. Over the whole province the code index is walked
 * until enough are found; within a scope the rows are reached from its regions (CROSS JOIN keeps
 * that order), so a county costs what it holds.
 */
export function unfinishedWork(db: DbOrTx, me: SessionUser, periodId: number, limit: number) {
  const scope = regionInScope(me);
  const unfinished = sql`${stakeholders.active} = 1 and (${evaluations.id} is null or ${evaluations.status} in ('draft', 'returned'))`;
  return db.all<{ stakeholderId: number; code: string; name: string; evaluationId: number | null; status: EvaluationStatus | null }>(sql`
    select ${stakeholders.id} as stakeholderId, ${stakeholders.code} as code, ${stakeholders.name} as name, ${evaluations.id} as evaluationId, ${evaluations.status} as status
    from ${workRows(me, periodId)}
    where ${unfinished} ${scope ? sql`and ${scope}` : sql``}
    order by ${stakeholders.code} limit ${limit}`);
}

/**
 * The caller's own rows of the period per region and status: returned to them (draft or returned,
 * not resubmitted) and submitted by them awaiting review. Reached from the evaluations they submitted
 * (evaluations_submitter_period_status_idx), so it costs their work, not the scope's.
 */
export function ownWorkByRegion(db: DbOrTx, me: SessionUser, periodId: number, f: Pick<Filters, 'search' | 'type'>) {
  const conds = [
    eq(evaluations.periodId, periodId),
    sql`${evaluations.submittedBy} = ${me.id}`,
    sql`${evaluations.status} in ('draft', 'returned', 'submitted')`,
    sql`(${evaluations.status} = 'submitted' or ${evaluations.returnReason} is not null)`,
    regionInScope(me),
    f.type ? eq(stakeholders.type, f.type) : undefined,
    f.search ? searchCondition(f.search) : undefined,
  ];
  return db.all<{ path: string; status: 'draft' | 'returned' | 'submitted'; n: number }>(sql`
    select ${regions.path} as path, ${evaluations.status} as status, count(*) as n
    from ${evaluations}
    inner join ${stakeholders} on ${stakeholders.id} = ${evaluations.stakeholderId}
    inner join ${regions} on ${regions.id} = ${stakeholders.regionId}
    where ${and(...conds)}
    group by ${regions.id}, ${evaluations.status}`);
}
