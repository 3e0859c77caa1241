// Every change writes one append-only audit row: who, when, what, before, after.
import 'server-only';
import type { DbOrTx } from '@/db';
import { auditLog } from '@/db/schema';
import { toJsonValue } from '@/core/schemas/json';

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
