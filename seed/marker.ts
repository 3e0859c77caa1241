// How a database says it holds the demo data: one audit row written by the seeding. Kept apart
// from the seeder so pages can ask cheaply without loading the demo catalogue.
import { and, eq, isNull } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { auditLog } from '@/db/schema';

export const DEMO_SEED_ACTION = 'demo.seed';
export const DEMO_SEED_ENTITY = 'database';

/** True when the demo data was loaded; an index lookup (entity, entity_id), not a scan. */
export function isSeeded(db: DbOrTx): boolean {
  return Boolean(
    db
      .select({ id: auditLog.id })
      .from(auditLog)
      .where(and(eq(auditLog.entity, DEMO_SEED_ENTITY), isNull(auditLog.entityId), eq(auditLog.action, DEMO_SEED_ACTION)))
      .limit(1)
      .get(),
  );
}
