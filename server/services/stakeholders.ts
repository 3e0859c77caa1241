// Stakeholder use cases. Every query carries the caller's scope condition.
import 'server-only';
import { and, asc, count, desc, eq, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '@/db';
import { evaluations, regions, stakeholders } from '@/db/schema';
import type { SessionUser } from '@/server/auth/session';
import type { StakeholderInput } from '@/core/schemas/org';
import { ConflictError, ValidationError } from '@/server/errors';
import { vmsg } from '@/core/domain/messages';
import { writeAudit } from '@/server/queries/audit';
import { containsText } from '@/server/queries/search';
import { assertRegionInScope, regionInScope, stakeholderInScope } from '@/server/queries/scope';
import { stakeholderTotal } from '@/server/queries/stored-counts';
import { regionPath, regionWithin } from '@/server/queries/regions';
import { retiredUnitOnPath } from '@/server/queries/region-tree';
import { pageOffset, pagedResult } from '@/core/schemas/list-params';
import type { StakeholderListParams } from '@/core/schemas/lists';
import { getStakeholder as readStakeholder, lastStakeholderSerial, stakeholderCodeOf, stakeholderColumns } from '@/server/queries/stakeholders';
import { can } from '@/server/auth/permissions';

/** A stakeholder for its page: whether its type is still free (no evaluations) and what the caller may do. */
export function getStakeholder(db: Db, user: SessionUser, id: number) {
  return { ...readStakeholder(db, user, id), typeLocked: stakeholderHasEvaluations(db, id), actions: { update: can(user.role, 'stakeholders.update') } };
}

const STAKEHOLDER_SORTS = {
  code: [stakeholders.code],
  name: [stakeholders.name, stakeholders.code],
  updatedAt: [stakeholders.updatedAt, stakeholders.code],
} as const;

/** One page of the stakeholders in the caller's scope, with filters and sort; the total counted in SQL or stored. */
export function listStakeholders(db: Db, user: SessionUser, input: StakeholderListParams) {
  // An assessor's rows are reached from the regions in scope (CROSS JOIN keeps that order), so a
  // county costs what it holds rather than a walk over the province's code index.
  const scope = regionInScope(user);
  const conds: (SQL | undefined)[] = scope ? [eq(stakeholders.regionId, regions.id), scope] : [stakeholderInScope(user)];
  if (!input.includeInactive) conds.push(eq(stakeholders.active, true));
  if (input.type) conds.push(eq(stakeholders.type, input.type));
  if (input.regionId) {
    const path = regionPath(db, input.regionId);
    conds.push(path ? regionWithin(path) : sql`0`);
  }
  if (input.search) {
    conds.push(
      or(
        containsText(stakeholders.name, input.search),
        containsText(stakeholders.code, input.search),
        containsText(stakeholders.creditCode, input.search),
      ),
    );
  }
  const where = and(...conds);
  // Without a text search the stored counts per region, type and state answer.
  const total = input.search
    ? ((scope ? db.select({ n: count() }).from(regions).crossJoin(stakeholders) : db.select({ n: count() }).from(stakeholders).innerJoin(regions, eq(regions.id, stakeholders.regionId))).where(where).get()?.n ?? 0)
    : stakeholderTotal(db, user, { type: input.type, includeInactive: input.includeInactive ?? false, regionPath: input.regionId ? (regionPath(db, input.regionId) ?? null) : undefined });
  const rows = scope ? db.select(stakeholderColumns).from(regions).crossJoin(stakeholders).$dynamic() : db.select(stakeholderColumns).from(stakeholders).innerJoin(regions, eq(regions.id, stakeholders.regionId)).$dynamic();
  const items = rows
    .where(where)
    .orderBy(...STAKEHOLDER_SORTS[input.sort].map((c) => (input.dir === 'desc' ? desc(c) : asc(c))))
    .limit(input.pageSize)
    .offset(pageOffset(input))
    .all();
  return pagedResult(items, total, input);
}

function assertCreditCodeFree(db: Db, creditCode: string | null, exceptId?: number) {
  if (!creditCode) return;
  const other = db.select({ id: stakeholders.id }).from(stakeholders).where(eq(stakeholders.creditCode, creditCode)).get();
  if (other && other.id !== exceptId) {
    throw new ValidationError('Another stakeholder already has this unified social credit code.', {
      creditCode: [vmsg('validation.creditCode.taken')],
    });
  }
}

/** A retired unit (or one below a retired unit) takes no new stakeholders. */
function assertRegionOpen(db: Db, region: { path: string }) {
  const retired = retiredUnitOnPath(db, region.path);
  if (retired) {
    throw new ValidationError(`${retired.code} ${retired.nameZh} is retired and takes no new stakeholders.`, {
      regionId: [vmsg('validation.region.retired')],
    });
  }
}

function assertRegionLevel(level: string) {
  if (level === 'province' || level === 'prefecture') {
    throw new ValidationError('A stakeholder belongs to a county, township or village.', {
      regionId: [vmsg('validation.region.level')],
    });
  }
}

/** Once a stakeholder has evaluations its type (which decides the KPI set) is fixed. */
function stakeholderHasEvaluations(db: Db, id: number): boolean {
  return Boolean(db.select({ id: evaluations.id }).from(evaluations).where(eq(evaluations.stakeholderId, id)).limit(1).get());
}

export function createStakeholder(db: Db, user: SessionUser, input: StakeholderInput) {
  const region = assertRegionInScope(db, user, input.regionId);
  assertRegionLevel(region.level);
  assertRegionOpen(db, region);
  assertCreditCodeFree(db, input.creditCode);
  return db.transaction((tx) => {
    const code = stakeholderCodeOf(input.type, lastStakeholderSerial(tx, input.type) + 1);
    const row = tx
      .insert(stakeholders)
      .values({ ...input, code })
      .returning()
      .get();
    writeAudit(tx, { actorId: user.id, action: 'stakeholder.create', entity: 'stakeholder', entityId: row.id, after: row });
    return row;
  });
}

export function updateStakeholder(db: Db, user: SessionUser, id: number, input: StakeholderInput) {
  const before = readStakeholder(db, user, id);
  const region = assertRegionInScope(db, user, input.regionId);
  assertRegionLevel(region.level);
  // Staying in a unit retired since is fine; moving into one is not.
  if (region.id !== before.regionId) assertRegionOpen(db, region);
  assertCreditCodeFree(db, input.creditCode, id);
  if (before.type !== input.type) {
    // The type decides the KPI set; changing it would orphan the evaluations already entered.
    if (stakeholderHasEvaluations(db, id)) throw new ConflictError('The type cannot change once the stakeholder has evaluations.', 'type_locked');
  }
  return db.transaction((tx) => {
    const row = tx
      .update(stakeholders)
      .set({ ...input, updatedAt: new Date() })
      .where(eq(stakeholders.id, id))
      .returning()
      .get();
    writeAudit(tx, { actorId: user.id, action: 'stakeholder.update', entity: 'stakeholder', entityId: id, before, after: row });
    return row;
  });
}

export function setStakeholderActive(db: Db, user: SessionUser, id: number, active: boolean) {
  const before = readStakeholder(db, user, id);
  return db.transaction((tx) => {
    const row = tx
      .update(stakeholders)
      .set({ active, updatedAt: new Date() })
      .where(eq(stakeholders.id, id))
      .returning()
      .get();
    writeAudit(tx, {
      actorId: user.id,
      action: active ? 'stakeholder.activate' : 'stakeholder.deactivate',
      entity: 'stakeholder',
      entityId: id,
      before: { active: before.active },
      after: { active },
    });
    return row;
  });
}
