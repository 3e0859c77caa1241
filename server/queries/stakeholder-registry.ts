// What the stakeholder registry import reads before it writes, each in one query whatever the size
// of the file: every stakeholder's code and credit code (and whether the caller may see it), the
// regions by code, the stakeholder types. Duplicate checks then run against these in memory.
import 'server-only';
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db';
import { regions, stakeholders, stakeholderTypes } from '@/db/schema';
import type { SessionUser } from '@/server/auth/session';
import type { RegionLevel, StakeholderType } from '@/core/domain/enums';
import { stakeholderInScope } from './scope';

export type RegisteredKey = { code: string; inScope: boolean };

/** Stakeholders by code and by credit code (upper case), each marked in or out of the caller's scope. */
export function registeredKeys(db: DbOrTx, me: SessionUser) {
  const scope = stakeholderInScope(me);
  const rows = db
    .select({
      code: stakeholders.code,
      creditCode: stakeholders.creditCode,
      inScope: scope ? sql<number>`case when ${scope} then 1 else 0 end` : sql<number>`1`,
    })
    .from(stakeholders)
    .all();
  const byCode = new Map<string, RegisteredKey>();
  const byCreditCode = new Map<string, RegisteredKey>();
  for (const r of rows) {
    const key = { code: r.code, inScope: r.inScope === 1 };
    byCode.set(r.code, key);
    if (r.creditCode) byCreditCode.set(r.creditCode.toUpperCase(), key);
  }
  return { byCode, byCreditCode };
}

export type RegistryRegion = { id: number; level: RegionLevel; path: string; retired: boolean };

/** Every region by its code (townships and the levels a wrong code may name instead). */
export function regionsByCode(db: DbOrTx): Map<string, RegistryRegion> {
  const rows = db
    .select({ id: regions.id, code: regions.code, level: regions.level, path: regions.path, retiredAt: regions.retiredAt })
    .from(regions)
    .all();
  return new Map(rows.map((r) => [r.code, { id: r.id, level: r.level, path: r.path, retired: r.retiredAt !== null }]));
}

/** The stakeholder types with their names, as a file may spell them. */
export function stakeholderTypeNames(db: DbOrTx): { code: StakeholderType; nameZh: string; nameEn: string }[] {
  return db.select().from(stakeholderTypes).all();
}
