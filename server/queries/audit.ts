// Every change writes one append-only audit row: who, when, what, before, after; admins read the
// log a page at a time.
import 'server-only';
import { and, asc, count, desc, eq, or, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '@/db';
import { auditLog, user as users } from '@/db/schema';
import { toJsonValue } from '@/core/schemas/json';
import { pageOffset } from '@/core/schemas/list-params';
import type { AuditListParams } from '@/core/schemas/lists';
import { containsText } from './search';

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

function auditConditions(f: AuditFilters): SQL | undefined {
  return and(
    f.entity ? eq(auditLog.entity, f.entity) : undefined,
    f.entityId ? eq(auditLog.entityId, f.entityId) : undefined,
    f.action ? eq(auditLog.action, f.action) : undefined,
    f.actor ? or(containsText(users.username, f.actor), containsText(users.name, f.actor)) : undefined,
  );
}

/** One page of the audit log with the actor's name, and the number of rows all pages hold. */
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
  // Join the users only when the actor filter needs them.
  const counted = db.select({ n: count() }).from(auditLog);
  const total = (p.actor ? counted.leftJoin(users, eq(users.id, auditLog.actorId)) : counted).where(where).get()?.n ?? 0;
  return { items, total };
}

/** The entities and actions the log holds, for the filters (distinct values, read from their indexes). */
export function auditVocabulary(db: DbOrTx) {
  return {
    entities: db.selectDistinct({ v: auditLog.entity }).from(auditLog).orderBy(auditLog.entity).all().map((r) => r.v),
    actions: db.selectDistinct({ v: auditLog.action }).from(auditLog).orderBy(auditLog.action).all().map((r) => r.v),
  };
}
