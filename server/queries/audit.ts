// Every change writes one append-only audit row: who, when, what, before, after; admins read the
// log a page at a time.
import 'server-only';
import { and, asc, count, desc, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '@/db';
import { auditLog, user as users } from '@/db/schema';
import { toJsonValue } from '@/core/schemas/json';
import { pageOffset } from '@/core/schemas/list-params';
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

const AUDIT_SORTS = { at: auditLog.id } as const; // ids grow with time, and the rowid is its own index

type AuditFilters = Pick<AuditListParams, 'entity' | 'action' | 'actor' | 'entityId'>;

/** The users whose username or name contains the text. */
const actorIds = (actor: string) => sql`(select ${users.id} from ${users} where ${or(containsText(users.username, actor), containsText(users.name, actor))})`;

function auditConditions(f: AuditFilters): SQL | undefined {
  return and(
    f.entity ? eq(auditLog.entity, f.entity) : undefined,
    f.entityId ? eq(auditLog.entityId, f.entityId) : undefined,
    f.action ? eq(auditLog.action, f.action) : undefined,
    // The matching users first, then their rows through the actor index.
    f.actor ? inArray(auditLog.actorId, actorIds(f.actor)) : undefined,
  );
}

/**
 * One page of the audit log with the actor's name, and the number of rows all pages hold: from the
 * stored counts per entity and action, or (filtered by actor or entity id) counted on their indexes.
 */
export function auditPage(db: DbOrTx, p: AuditListParams) {
  const where = auditConditions(p);
  const order = p.dir === 'desc' ? desc(AUDIT_SORTS[p.sort]) : asc(AUDIT_SORTS[p.sort]);
  const items = db
    .select({
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
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorId))
    .where(where)
    .orderBy(order)
    .limit(p.pageSize)
    .offset(pageOffset(p))
    .all();
  const total =
    p.actor || p.entityId
      ? (db.select({ n: count() }).from(auditLog).where(where).get()?.n ?? 0)
      : auditCountRows(db, { entity: p.entity, action: p.action }).reduce((n, r) => n + r.n, 0);
  return { items, total };
}

/** The entities and actions the log holds, for the filters (from the stored counts). */
export function auditVocabulary(db: DbOrTx) {
  const rows = auditCountRows(db);
  return { entities: [...new Set(rows.map((r) => r.entity))].sort(), actions: [...new Set(rows.map((r) => r.action))].sort() };
}
