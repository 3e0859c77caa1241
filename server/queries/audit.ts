// Every change writes one append-only audit row: who, when, what, before, after; admins read the
// log a page at a time, by key (the page's first or last id), newest first, filtered by entity,
// action, actor, entity id and days.
import 'server-only';
import { and, asc, count, desc, eq, gte, inArray, lt, lte, max, min, or, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '@/db';
import { auditLog, user as users } from '@/db/schema';
import { toJsonValue } from '@/core/schemas/json';
import type { AuditListParams } from '@/core/schemas/lists';
import { containsText } from './search';
import { auditCountRows } from './stored-counts';

export type AuditEntry = {
  actorId: string | null;
  action: string;
  entity: string;
  entityId: string | number | null;
  before?: unknown;
  after?: unknown;
  reason?: string | null;
};

export function writeAudit(db: DbOrTx, e: AuditEntry): void {
  db.insert(auditLog)
    .values({
      actorId: e.actorId,
      action: e.action,
      entity: e.entity,
      entityId: e.entityId === null ? null : String(e.entityId),
      before: toJsonValue(e.before),
      after: toJsonValue(e.after),
      reason: e.reason ?? null,
    })
    .run();
}

type AuditFilters = Pick<AuditListParams, 'entity' | 'action' | 'actor' | 'entityId' | 'from' | 'to'>;

/** Ids from `lo` to `hi`, both included; an end left out is open. */
export type IdBounds = { lo?: number; hi?: number };

/**
 * Two ranges as one: a lower and an upper bound at most. SQLite uses one bound of each side on the
 * key and checks any other row by row, so `id >= 5 and id > 900000` would read from 5.
 */
function within(a: IdBounds, b: IdBounds): IdBounds {
  const pick = (x: number | undefined, y: number | undefined, f: (...n: number[]) => number) => (x === undefined ? y : y === undefined ? x : f(x, y));
  return { lo: pick(a.lo, b.lo, Math.max), hi: pick(a.hi, b.hi, Math.min) };
}

function idsWithin(b: IdBounds): SQL | undefined {
  return and(b.lo !== undefined ? gte(auditLog.id, b.lo) : undefined, b.hi !== undefined ? lte(auditLog.id, b.hi) : undefined);
}

/** The start of a day on the office's clock (Beijing time, no daylight saving), as the pages show times. */
const dayStart = (isoDate: string) => Date.parse(`${isoDate}T00:00:00+08:00`);
const DAY_MS = 86_400_000;

/**
 * The ids of the first and last entry written within the days (either end open), or null when
 * none was. Entries are appended with the time they are written, so ids follow time and the days
 * are one range of the key: every filter's index then reads just that range, and paging by id
 * goes on unchanged. Two seeks into the time index. (A bulk write stamps its rows with the moment
 * it started, so an entry of a job running across midnight may count on the day it started.)
 */
export function auditIdRange(db: DbOrTx, f: Partial<Pick<AuditFilters, 'from' | 'to'>>): IdBounds | null {
  const range: IdBounds = {};
  if (f.from) {
    const first = db.select({ id: auditLog.id }).from(auditLog).where(gte(auditLog.at, new Date(dayStart(f.from)))).orderBy(asc(auditLog.at), asc(auditLog.id)).limit(1).get();
    if (!first) return null;
    range.lo = first.id;
  }
  if (f.to) {
    const last = db.select({ id: auditLog.id }).from(auditLog).where(lt(auditLog.at, new Date(dayStart(f.to) + DAY_MS))).orderBy(desc(auditLog.at), desc(auditLog.id)).limit(1).get();
    if (!last) return null;
    range.hi = last.id;
  }
  if (range.lo !== undefined && range.hi !== undefined && range.lo > range.hi) return null;
  // Days that hold the whole log filter nothing: the stored counts can then answer the totals.
  if (range.lo !== undefined && range.lo <= (db.select({ id: min(auditLog.id) }).from(auditLog).get()?.id ?? 0)) delete range.lo;
  if (range.hi !== undefined && range.hi >= (db.select({ id: max(auditLog.id) }).from(auditLog).get()?.id ?? 0)) delete range.hi;
  return range;
}

/** The users whose username or name contains the text (few: they are the people who sign in). */
function actorIds(db: DbOrTx, actor: string): string[] {
  return db
    .select({ id: users.id })
    .from(users)
    .where(or(containsText(users.username, actor), containsText(users.name, actor)))
    .all()
    .map((u) => u.id);
}

/**
 * The filters but the days as one condition, or null when no row can match. The actors are looked
 * up first, so the log is read through the actor index by equality rather than joined to the users.
 * The days are a range of ids (auditIdRange), given to each query with its own cursor.
 */
export function auditConditions(db: DbOrTx, f: Partial<AuditFilters>): SQL | undefined | null {
  const actors = f.actor ? actorIds(db, f.actor) : undefined;
  if (actors && actors.length === 0) return null;
  return and(
    f.entity ? eq(auditLog.entity, f.entity) : undefined,
    f.entityId ? eq(auditLog.entityId, f.entityId) : undefined,
    f.action ? eq(auditLog.action, f.action) : undefined,
    actors ? (actors.length === 1 ? eq(auditLog.actorId, actors[0]!) : inArray(auditLog.actorId, actors)) : undefined,
  );
}

const entryColumns = {
  id: auditLog.id,
  at: auditLog.at,
  action: auditLog.action,
  entity: auditLog.entity,
  entityId: auditLog.entityId,
  actorId: auditLog.actorId,
  actorName: users.name,
  actorUsername: users.username,
  before: auditLog.before,
  after: auditLog.after,
  reason: auditLog.reason,
};

/**
 * The page's rows: the `pageSize` newest older than `before`, or the `pageSize` oldest newer than
 * `after` (then turned newest first). Either reads one range of an index, however deep the page.
 */
export function auditRowsQuery(db: DbOrTx, where: SQL | undefined, p: Pick<AuditListParams, 'before' | 'after' | 'pageSize'>, days: IdBounds = {}) {
  const newer = p.after !== undefined && p.before === undefined;
  const cursor: IdBounds = newer ? { lo: p.after! + 1 } : p.before !== undefined ? { hi: p.before - 1 } : {};
  return db
    .select(entryColumns)
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorId))
    .where(and(where, idsWithin(within(days, cursor))))
    .orderBy(newer ? asc(auditLog.id) : desc(auditLog.id))
    .limit(p.pageSize);
}

/** Whether a matching row lies beyond an id, newer or older: one step into an index. */
function anyBeyond(db: DbOrTx, where: SQL | undefined, days: IdBounds, id: number, side: 'newer' | 'older'): boolean {
  return db
    .select({ id: auditLog.id })
    .from(auditLog)
    .where(and(where, idsWithin(within(days, side === 'newer' ? { lo: id + 1 } : { hi: id - 1 }))))
    .limit(1)
    .get() !== undefined;
}

/**
 * The log's first and last ids when every id between is there. Rows are never deleted, so when
 * there are as many rows (the stored counts) as ids from the first to the last, none is missing
 * and a range of ids counts itself. Two queries: SQLite reads one end of the key for a lone min()
 * or max(), but scans for both.
 */
function contiguousSpan(db: DbOrTx): { lo: number; hi: number } | null {
  const lo = db.select({ id: min(auditLog.id) }).from(auditLog).get()?.id;
  const hi = db.select({ id: max(auditLog.id) }).from(auditLog).get()?.id;
  const rows = auditCountRows(db).reduce((n, r) => n + r.n, 0);
  return lo != null && hi != null && hi - lo + 1 === rows ? { lo, hi } : null;
}

const byDaysAlone = (p: Partial<AuditFilters>) => !p.entity && !p.action && !p.actor && !p.entityId;

/**
 * The rows all pages hold: arithmetic over the ids when only days (or nothing) filter a contiguous
 * log, the stored counts per entity and action, else counted on the filter's index (its entries,
 * no rows).
 */
function matchingCount(db: DbOrTx, p: AuditListParams, where: SQL | undefined, days: IdBounds): number {
  const span = byDaysAlone(p) ? contiguousSpan(db) : null;
  if (span) return (days.hi ?? span.hi) - (days.lo ?? span.lo) + 1;
  if (p.actor || p.entityId || days.lo !== undefined || days.hi !== undefined) return db.select({ n: count() }).from(auditLog).where(and(where, idsWithin(days))).get()?.n ?? 0;
  return auditCountRows(db, { entity: p.entity, action: p.action }).reduce((n, r) => n + r.n, 0);
}

/** The matching rows newer than an id, for the page's position: arithmetic or counted, as the total. */
function newerCount(db: DbOrTx, p: AuditListParams, where: SQL | undefined, days: IdBounds, id: number): number {
  const span = byDaysAlone(p) ? contiguousSpan(db) : null;
  if (span) return (days.hi ?? span.hi) - id;
  return db.select({ n: count() }).from(auditLog).where(and(where, idsWithin(within(days, { lo: id + 1 })))).get()?.n ?? 0;
}

/**
 * One page of the audit log, newest first, with the actor's name; the cursors of the pages either
 * side (null at the ends); the number of rows all pages hold; and the position of the page's
 * newest row, counted from the newest entry.
 */
export function auditPage(db: DbOrTx, p: AuditListParams) {
  const days = auditIdRange(db, p);
  const where = days === null ? null : auditConditions(db, p);
  if (where === null || days === null) return { items: [], total: 0, newerThan: null, olderThan: null, offset: 0 };
  const newer = p.after !== undefined && p.before === undefined;
  let items = auditRowsQuery(db, where, p, days).all();
  if (newer) items.reverse();
  // Back at the newest end with a short page, or past the oldest (a stale link): the newest page.
  if ((newer && items.length < p.pageSize) || (!newer && p.before !== undefined && items.length === 0)) {
    items = auditRowsQuery(db, where, { pageSize: p.pageSize }, days).all();
  }
  const first = items[0]?.id;
  const last = items.at(-1)?.id;
  const hasNewer = first !== undefined && anyBeyond(db, where, days, first, 'newer');
  const hasOlder = last !== undefined && anyBeyond(db, where, days, last, 'older');
  const total = matchingCount(db, p, where, days);
  const offset = hasNewer ? newerCount(db, p, where, days, first!) : 0;
  return { items, total, newerThan: hasNewer ? first! : null, olderThan: hasOlder ? last! : null, offset };
}

/** The entities and actions the log holds, for the filters (from the stored counts). */
export function auditVocabulary(db: DbOrTx) {
  const rows = auditCountRows(db);
  return { entities: [...new Set(rows.map((r) => r.entity))].sort(), actions: [...new Set(rows.map((r) => r.action))].sort() };
}

/**
 * The newest audit row's id: every change to data is audited, so a result computed from the data
 * is still current while this is unchanged (the impact preview keeps its last results by it).
 */
export function lastAuditId(db: DbOrTx): number {
  return db.select({ id: max(auditLog.id) }).from(auditLog).get()?.id ?? 0;
}
