// A stakeholder as the services read it, within the caller's scope.
import 'server-only';
import { and, eq, inArray, like, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db';
import { regions, stakeholders } from '@/db/schema';
import type { SessionUser } from '@/server/auth/session';
import { NotFoundError } from '@/server/errors';
import { stakeholderInScope } from './scope';
import type { StakeholderType } from '@/core/domain/enums';

/** A stakeholder's code is its type's prefix and a serial: MK-0042. */
const CODE_PREFIX = { county_town: 'CT', rural: 'RU', market: 'MK' } as const satisfies Record<StakeholderType, string>;

export function stakeholderCodeOf(type: StakeholderType, serial: number): string {
  return `${CODE_PREFIX[type]}-${String(serial).padStart(4, '0')}`;
}

/** The highest serial used with a type's prefix (0 when none): the next code is one more. */
export function lastStakeholderSerial(db: DbOrTx, type: StakeholderType): number {
  const prefix = CODE_PREFIX[type];
  const last = db
    .select({ code: stakeholders.code })
    .from(stakeholders)
    .where(like(stakeholders.code, `${prefix}-%`))
    .orderBy(sql`cast(substr(${stakeholders.code}, 4) as integer) desc`)
    .limit(1)
    .get();
  return last ? Number(last.code.slice(3)) || 0 : 0;
}

export const stakeholderColumns = {
  id: stakeholders.id,
  code: stakeholders.code,
  name: stakeholders.name,
  type: stakeholders.type,
  regionId: stakeholders.regionId,
  regionName: { en: regions.nameEn, 'zh-CN': regions.nameZh },
  regionCode: regions.code,
  creditCode: stakeholders.creditCode,
  contactName: stakeholders.contactName,
  contactPhone: stakeholders.contactPhone,
  active: stakeholders.active,
  updatedAt: stakeholders.updatedAt,
};

/**
 * The stakeholder with its region; NOT_FOUND when missing or outside the caller's scope — the two
 * answers are the same, so ids outside one's scope can't be probed.
 */
export function getStakeholder(db: DbOrTx, user: SessionUser, id: number) {
  const row = db
    .select(stakeholderColumns)
    .from(stakeholders)
    .innerJoin(regions, eq(regions.id, stakeholders.regionId))
    .where(and(eq(stakeholders.id, id), stakeholderInScope(user)))
    .get();
  if (!row) throw new NotFoundError('Stakeholder', id);
  return row;
}

/** Names of the given stakeholders by id (read in chunks: SQLite limits bound parameters). */
export function stakeholderNames(db: DbOrTx, ids: readonly number[]): Map<number, string> {
  const names = new Map<number, string>();
  for (let i = 0; i < ids.length; i += 500)
    for (const r of db.select({ id: stakeholders.id, name: stakeholders.name }).from(stakeholders).where(inArray(stakeholders.id, ids.slice(i, i + 500))).all()) names.set(r.id, r.name);
  return names;
}
