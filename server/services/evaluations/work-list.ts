// The work list of a period: one page of the stakeholders in the caller's scope with their
// evaluation status, and completion per county (and per township of the chosen region), counted in
// SQL or read from the stored counts. The page's cost depends on its size and the number of
// regions, not on the stakeholders.
import 'server-only';
import type { Db } from '@/db';
import type { SessionUser } from '@/server/auth/session';
import { WORK_STATUSES, type WorkStatus } from '@/core/domain/evaluation-workflow';
import { pageOffset, pagedResult } from '@/core/schemas/list-params';
import type { WorkListParams } from '@/core/schemas/lists';
import type { Label } from '@/core/i18n/label';
import { listPeriods, resolvePeriod } from '@/server/queries/periods';
import { countyAndTownshipOf, regionNames, regionPath as pathOf } from '@/server/queries/regions';
import { ownWorkByRegion, workListPage, workStatusByRegion } from '@/server/queries/work-list';
import { dueState, isoDay, viewStatusCounts, viewTotals, WORK_VIEWS, type WorkView } from '@/core/domain/work-views';
import { submitReadiness } from '@/server/queries/submit-readiness';
import { workCountsByRegion } from '@/server/queries/stored-counts';
import { keptUntilWrite, scopeKey } from '@/server/queries/kept-until-write';

export type Progress = {
  regionId: number;
  code: string;
  name: Label;
  total: number;
  counts: Record<WorkStatus, number>;
};

const noCounts = () => Object.fromEntries(WORK_STATUSES.map((s) => [s, 0])) as Record<WorkStatus, number>;

/** Rolls counts per region up to the regions given by `keyOf` (a county or township id, or null). */
function rollUp(rows: readonly { path: string; status: WorkStatus; n: number }[], keyOf: (path: string) => number | null) {
  const totals = new Map<number, Record<WorkStatus, number>>();
  for (const r of rows) {
    const id = keyOf(r.path);
    if (id === null) continue;
    const counts = totals.get(id) ?? totals.set(id, noCounts()).get(id)!;
    counts[r.status] += r.n;
  }
  return totals;
}

function progressOf(totals: Map<number, Record<WorkStatus, number>>, names: ReturnType<typeof regionNames>): Progress[] {
  return [...totals]
    .flatMap(([id, counts]) => {
      const r = names.get(id);
      return r ? [{ regionId: id, code: r.code, name: r.name, total: WORK_STATUSES.reduce((a, s) => a + counts[s], 0), counts }] : [];
    })
    .sort((a, b) => a.code.localeCompare(b.code));
}

/**
 * A page in status order, as the statuses' runs one after another: the stored counts say which
 * runs the page falls in, and each run is read in code order like a status filter, so the page
 * costs its rows rather than sorting every row of the scope.
 */
function statusOrderedPage(db: Db, me: SessionUser, periodId: number, filters: WorkListParams & { regionPath?: string | undefined }, byStatus: Record<WorkStatus, number>) {
  const order = [...WORK_STATUSES].sort((a, b) => (filters.dir === 'desc' ? b.localeCompare(a) : a.localeCompare(b)));
  const total = order.reduce((n, s) => n + byStatus[s], 0);
  let skip = pageOffset(filters);
  const items: ReturnType<typeof workListPage>['items'] = [];
  for (const status of order) {
    const left = filters.pageSize - items.length;
    if (left <= 0) break;
    if (skip >= byStatus[status]) {
      skip -= byStatus[status];
      continue;
    }
    items.push(...workListPage(db, me, periodId, { ...filters, status, sort: 'code', window: { limit: left, offset: skip } }, byStatus[status]).items);
    skip = 0;
  }
  return { items, total };
}

/**
 * One page of the stakeholders in the caller's scope with their evaluation status in a period
 * (default: the open one), with filters and sort; completion per county over the whole scope, and
 * per township of the chosen region's county (or of the only county in scope). Inactive stakeholders appear only when they have an evaluation in the period.
 */
export function workList(db: Db, me: SessionUser, params: WorkListParams, now: Date = new Date()) {
  const periods = listPeriods(db);
  const period = resolvePeriod(db, params.periodId);
  const region = params.regionId ? pathOf(db, params.regionId) : undefined;
  // An unknown region matches nothing rather than everything.
  const regionPath = params.regionId ? (region ?? '/none/') : undefined;
  const noViews = Object.fromEntries(WORK_VIEWS.map((v) => [v, 0])) as Record<WorkView, number>;
  if (!period) return { period: null, periods, params, ...pagedResult([], 0, params), focusCountyId: null, townships: [] as Progress[], counties: [] as Progress[], views: noViews, due: null };
  const filters = { ...params, regionPath };
  // Progress over the whole scope (the region filter narrows the rows, not the overview): from the
  // stored counts, unless a text search asks for rows the counts cannot tell apart.
  const byRegion = params.search ? workStatusByRegion(db, me, period.id, { type: params.type, search: params.search }) : workCountsByRegion(db, me, period.id, { type: params.type });
  // The views' counts follow the rows' filters but not the status filter, as the status counts do.
  const inRegion = (r: { path: string }) => !regionPath || r.path.startsWith(regionPath);
  const byStatus = noCounts();
  for (const r of byRegion) if (inRegion(r)) byStatus[r.status] += r.n;
  const own = { draft: 0, returned: 0, submitted: 0 };
  for (const r of ownWorkByRegion(db, me, period.id, { type: params.type, search: params.search })) if (inRegion(r)) own[r.status] += r.n;
  const perStatus = viewStatusCounts(byStatus, own);
  const views = viewTotals(perStatus);
  const knownTotal = params.search
    ? undefined
    : params.view
      ? params.status ? perStatus[params.view][params.status] : views[params.view]
      : byRegion.filter((r) => inRegion(r) && (!params.status || r.status === params.status)).reduce((n, r) => n + r.n, 0);
  const { items, total } =
    params.sort === 'status' && !params.status && !params.search
      ? statusOrderedPage(db, me, period.id, filters, params.view ? perStatus[params.view] : byStatus)
      : workListPage(db, me, period.id, filters, knownTotal);
  const countyOf = (path: string) => countyAndTownshipOf(path).countyId;
  // Rolled up from the stored counts, the counties stay what they were until the next write.
  const counties = params.search ? rollUp(byRegion, countyOf) : keptUntilWrite(db, `workListCounties:${scopeKey(me)}:${period.id}:${params.type ?? ''}`, () => rollUp(byRegion, countyOf));
  // Townships of one county only, the chosen region's or the only one (a province has over a thousand).
  const focusCounty = region ? countyOf(region) : counties.size === 1 ? [...counties.keys()][0]! : null;
  const townships = focusCounty === null ? new Map<number, Record<WorkStatus, number>>() : rollUp(byRegion.filter((r) => countyOf(r.path) === focusCounty), (path) => countyAndTownshipOf(path).townshipId);
  const names = regionNames(db, [...new Set([...counties.keys(), ...townships.keys(), ...items.map((i) => countyAndTownshipOf(i.path)).flatMap((r) => [r.countyId, r.townshipId]).filter((id) => id !== null)])]);
  // Whether each editable evaluation on the page could be submitted now (bulk submit offers those).
  const readiness = period.status === 'open' ? submitReadiness(db, items.filter((i) => i.evaluationId !== null && (i.status === 'draft' || i.status === 'returned')).map((i) => i.evaluationId!)) : new Map<number, number>();
  const rows = items.map(({ path, ...r }) => {
    const { countyId, townshipId } = countyAndTownshipOf(path);
    const name = (id: number | null) => (id === null ? null : (names.get(id)?.name ?? null));
    const missing = r.evaluationId === null ? undefined : readiness.get(r.evaluationId);
    return { ...r, countyId, townshipId, countyName: name(countyId), townshipName: name(townshipId), fieldsToFix: missing ?? null };
  });
  return {
    period,
    periods,
    params,
    ...pagedResult(rows, total, params),
    focusCountyId: focusCounty,
    counties: progressOf(counties, names),
    townships: progressOf(townships, names),
    views,
    due: period.dueOn ? dueState(period.dueOn, isoDay(now)) : null,
  };
}

export type WorkItem = ReturnType<typeof workList>['items'][number];
