// How a database says it holds the demo data: one audit row written by the seeding. Read by the
// app (demo banner, demo logins on the sign-in page) and by the seeder (never seed twice).
import 'server-only';
import { and, eq, isNull } from 'drizzle-orm';
import type { DbOrTx } from '@/db';
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
