// A stakeholder's earlier values, for "change since the last period" on the evaluation form, and
// the usual size of a period's change of each indicator in its county (the unusual-change rule,
// core/domain/value-change.ts). Both read approved evaluations of periods of the same kind only
// (a quarter is compared with quarters), each in one statement over the primary-key indexes.
import 'server-only';
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db';
import { SPREAD_MIN_N } from '@/core/domain/value-change';
import type { Period } from './periods';
import { regionPathIds } from './regions';

export type PreviousValue = { value: number; periodCode: string };

const idList = (ids: readonly number[]) => sql.join(ids.map((id) => sql`${id}`), sql`, `);

/**
 * Per indicator, the stakeholder's latest approved value before the period (a value left empty
 * there is skipped for the one before): evaluations by (stakeholder, period), values by
 * (evaluation, indicator).
 */
export function previousValues(db: DbOrTx, stakeholderId: number, period: Pick<Period, 'startsOn' | 'kind'>, indicatorIds: readonly number[]): Map<number, PreviousValue> {
  if (indicatorIds.length === 0) return new Map();
  const rows = db.all<{ indicatorId: number; value: number; periodCode: string }>(sql`
    select indicator_id as indicatorId, value, code as periodCode from (
      select v.indicator_id, v.value, p.code,
             row_number() over (partition by v.indicator_id order by p.starts_on desc) as k
      from evaluations e
      join periods p on p.id = e.period_id
      join evaluation_values v on v.evaluation_id = e.id
      where e.stakeholder_id = ${stakeholderId} and e.status = 'approved'
        and p.kind = ${period.kind} and p.starts_on < ${period.startsOn}
        and v.indicator_id in (${idList(indicatorIds)}) and v.value is not null
    ) where k = 1`);
  return new Map(rows.map((r) => [r.indicatorId, { value: r.value, periodCode: r.periodCode }]));
}

/** The path prefix of the county a region lies in (the region's own path above county level). */
export function countyPathOf(path: string): string {
  const ids = regionPathIds(path);
  return ids.length > 3 ? `/${ids.slice(0, 3).join('/')}/` : path;
}

export type ChangeSpread = { spread: number; n: number; periodCode: string };

type PairPeriod = { id: number; code: string; status: string };
type Cached = { at: number; spreads: Map<number, ChangeSpread> };
/**
 * Spreads kept per database for the last counties read: between two published periods for good
 * (they can no longer change), otherwise for a minute (an approval there moves a percentile little).
 */
const cached = new WeakMap<object, Map<string, Cached>>();
const CACHED = 256;
const UNPUBLISHED_MS = 60_000;

/**
 * Per indicator, the usual size of a period's change in the county: between the two latest
 * periods of the kind before this one, the nearest-rank 90th percentile of |value − previous|
 * over the county's stakeholders approved in both (⌈0.9·n⌉-th smallest, as usualSpread), when
 * at least SPREAD_MIN_N changes exist. It reads the county's few hundred stakeholders, never the
 * province's: CROSS JOIN keeps SQLite's order from the county's regions down through the
 * (stakeholder, period) and (evaluation, indicator) indexes.
 */
export function changeSpreads(db: DbOrTx, countyPath: string, period: Pick<Period, 'startsOn' | 'kind'>, indicatorIds: readonly number[]): Map<number, ChangeSpread> {
  if (indicatorIds.length === 0) return new Map();
  const pair = db.all<PairPeriod>(sql`select id, code, status from periods where kind = ${period.kind} and starts_on < ${period.startsOn} order by starts_on desc limit 2`);
  if (pair.length < 2) return new Map();
  const [later, earlier] = pair as [PairPeriod, PairPeriod];
  const frozen = later.status === 'published' && earlier.status === 'published';
  const key = `${countyPath}|${later.id}|${earlier.id}|${[...indicatorIds].sort((a, b) => a - b).join(',')}`;
  const cache = cached.get(db) ?? new Map<string, Cached>();
  const hit = cache.get(key);
  if (hit && (frozen || Date.now() - hit.at < UNPUBLISHED_MS)) return hit.spreads;
  const rows = db.all<{ indicatorId: number; size: number; n: number }>(sql`
    with sizes as (
      select a.indicator_id, abs(a.value - b.value) as size
      from regions r
      cross join stakeholders s
      cross join evaluations e1
      cross join evaluations e2
      cross join evaluation_values a
      cross join evaluation_values b
      where r.path like ${countyPath + '%'} and s.region_id = r.id
        and e1.stakeholder_id = s.id and e1.period_id = ${later.id} and e1.status = 'approved'
        and e2.stakeholder_id = s.id and e2.period_id = ${earlier.id} and e2.status = 'approved'
        and a.evaluation_id = e1.id and a.indicator_id in (${idList(indicatorIds)}) and a.value is not null
        and b.evaluation_id = e2.id and b.indicator_id = a.indicator_id and b.value is not null
    ), ranked as (
      select indicator_id, size,
             row_number() over (partition by indicator_id order by size) as k,
             count(*) over (partition by indicator_id) as n
      from sizes
    )
    select indicator_id as indicatorId, size, n from ranked where n >= ${SPREAD_MIN_N} and k = (9 * n + 9) / 10`);
  const out = new Map(rows.map((r) => [r.indicatorId, { spread: r.size, n: r.n, periodCode: later.code }]));
  cache.delete(key);
  if (cache.size >= CACHED) cache.delete(cache.keys().next().value!);
  cache.set(key, { at: Date.now(), spreads: out });
  cached.set(db, cache);
  return out;
}
