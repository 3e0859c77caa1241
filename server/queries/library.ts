// The method's library: every objective and every indicator, in the order lists show them.
import 'server-only';
import { asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '@/db';
import { indicators, objectives, units } from '@/db/schema';

export function listObjectives(db: DbOrTx) {
  return db.select().from(objectives).orderBy(asc(objectives.position), asc(objectives.id)).all();
}

/** Each indicator with its catalogue unit (null when it has none). */
export function listIndicators(db: DbOrTx) {
  return db
    .select({ indicator: indicators, unit: { code: units.code, nameEn: units.nameEn, nameZh: units.nameZh, attached: units.attached } })
    .from(indicators)
    .leftJoin(units, eq(units.code, indicators.unitCode))
    .orderBy(asc(indicators.code))
    .all()
    .map((r) => ({ ...r.indicator, unit: r.unit }));
}
