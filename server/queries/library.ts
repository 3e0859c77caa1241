// The method's library: every objective and every indicator, in the order lists show them.
import 'server-only';
import { asc } from 'drizzle-orm';
import type { DbOrTx } from '@/db';
import { indicators, objectives } from '@/db/schema';

export function listObjectives(db: DbOrTx) {
  return db.select().from(objectives).orderBy(asc(objectives.position), asc(objectives.id)).all();
}

export function listIndicators(db: DbOrTx) {
  return db.select().from(indicators).orderBy(asc(indicators.code)).all();
}
