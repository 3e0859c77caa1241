// Every change writes one append-only audit row: who, when, what, before, after; admins read the
// log a page at a time, by key (the page's first or last id), newest first.
import 'server-only';
import { and, asc, count, desc, eq, gt, inArray, lt, max, min, or, type SQL } from 'drizzle-orm';
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

type AuditFilters = Pick<AuditListParams, 'entity' | 'action' | 'actor' | 'entityId'>;

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
 * The filters as one condition, or null when no row can match. The actors are looked up first, so
 * the log is read through the actor index by equality rather than joined to the users.
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
export function auditRowsQuery(db: DbOrTx, where: SQL | undefined, p: Pick<AuditListParams, 'before' | 'after' | 'pageSize'>) {
  const newer = p.after !== undefined && p.before === undefined;
  return db
    .select(entryColumns)
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorId))
    .where(and(where, newer ? gt(auditLog.id, p.after!) : p.before !== undefined ? lt(auditLog.id, p.before) : undefined))
    .orderBy(newer ? asc(auditLog.id) : desc(auditLog.id))
    .limit(p.pageSize);
}

/** Whether a matching row lies beyond an id, newer or older: one step into an index. */
function anyBeyond(db: DbOrTx, where: SQL | undefined, id: number, side: 'newer' | 'older'): boolean {
  return db
    .select({ id: auditLog.id })
    .from(auditLog)
    .where(and(where, side === 'newer' ? gt(auditLog.id, id) : lt(auditLog.id, id)))
    .limit(1)
    .get() !== undefined;
}

/**
 * The matching rows newer than an id, for the page's position. Unfiltered, the rows are never
 * deleted: when as many as the ids from the first to the last, every id between is there and the
 * answer is arithmetic. Otherwise they are counted on the filter's index (its entries, no rows).
 */
function newerCount(db: DbOrTx, where: SQL | undefined, id: number, total: number): number {
  if (where === undefined) {
    // Two queries: SQLite reads one end of the key for a lone min() or max(), but scans for both.
    const lo = db.select({ id: min(auditLog.id) }).from(auditLog).get()?.id;
    const hi = db.select({ id: max(auditLog.id) }).from(auditLog).get()?.id;
    if (lo != null && hi != null && hi - lo + 1 === total) return hi - id;
  }
  return db.select({ n: count() }).from(auditLog).where(and(where, gt(auditLog.id, id))).get()?.n ?? 0;
}

/**
 * One page of the audit log, newest first, with the actor's name; the cursors of the pages either
 * side (null at the ends); the number of rows all pages hold, from the stored counts per entity
 * and action or (filtered by actor or entity id) counted on their indexes; and the position of the
 * page's newest row, counted from the newest entry.
 */
export function auditPage(db: DbOrTx, p: AuditListParams) {
  const where = auditConditions(db, p);
  if (where === null) return { items: [], total: 0, newerThan: null, olderThan: null, offset: 0 };
  const newer = p.after !== undefined && p.before === undefined;
  let items = auditRowsQuery(db, where, p).all();
  if (newer) items.reverse();
  // Back at the newest end with a short page, or past the oldest (a stale link): the newest page.
  if ((newer && items.length < p.pageSize) || (!newer && p.before !== undefined && items.length === 0)) {
    items = auditRowsQuery(db, where, { pageSize: p.pageSize }).all();
  }
  const first = items[0]?.id;
  const last = items.at(-1)?.id;
  const hasNewer = first !== undefined && anyBeyond(db, where, first, 'newer');
  const hasOlder = last !== undefined && anyBeyond(db, where, last, 'older');
  const total =
    p.actor || p.entityId
      ? (db.select({ n: count() }).from(auditLog).where(where).get()?.n ?? 0)
      : auditCountRows(db, { entity: p.entity, action: p.action }).reduce((n, r) => n + r.n, 0);
  const offset = hasNewer ? newerCount(db, where, first!, total) : 0;
  return { items, total, newerThan: hasNewer ? first! : null, olderThan: hasOlder ? last! : null, offset };
}

/** The entities and actions the log holds, for the filters (from the stored counts). */
export function auditVocabulary(db: DbOrTx) {
  const rows = auditCountRows(db);
  return { entities: [...new Set(rows.map((r) => r.entity))].sort(), actions: [...new Set(rows.map((r) => r.action))].sort() };
}
