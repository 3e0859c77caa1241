// The demo data loader: a believable (and clearly fictional) deployment in southern Yunnan.
// Everything is written in one synchronous transaction: the demo lands whole or not at all. The
// steps live beside this file (insert-*.ts), the figures in catalogue.ts, geography.ts and plan*.ts.
import { hashPassword } from 'better-auth/crypto';
import { sql } from 'drizzle-orm';
import type { Db, Tx } from '@/db/client';
import { indicators, kpiSets, objectives, periods, regions, stakeholders, stakeholderTypes, user } from '@/db/schema';
import type { EvaluationStatus, StakeholderType } from '@/core/domain/enums';
import { DEMO_PASSWORD } from '@/core/domain/demo-users';
import { writeAudit } from '@/server/queries/audit';
import { DEMO_SEED_ACTION, DEMO_SEED_ENTITY, isSeeded } from '@/server/queries/demo';
import { INDICATOR_SEEDS, KPI_SET_SEEDS, OBJECTIVE_SEEDS } from './catalogue';
import { insertEvaluations, insertPeriods } from './insert-evaluations';
import { insertKpiSets, insertLibrary } from './insert-method';
import { insertRegions, type RegionCount } from './insert-regions';
import { insertStakeholders, insertStakeholderTypes } from './insert-stakeholders';
import { insertUsers, type UserRow } from './insert-users';
import { planDemo, type DemoPlan } from './plan';
import { seedDemoPrograms } from './programs';
import { scoreDemoPeriods } from './score-periods';

export { isSeeded } from '@/server/queries/demo';

/** Recorded with the demo's audit row. */
export const DEMO_NOTICE = {
  en: 'Demo data — all organisations, people, figures and credit codes are fictional.',
  'zh-CN': '演示数据——所有机构、人员、数值与信用代码均为虚构。',
} as const;

export interface SeedSummary {
  regions: RegionCount;
  stakeholders: { total: number; active: number; byType: Record<StakeholderType, number> };
  users: { total: number; admin: number; assessor: number; stakeholder: number };
  objectives: number;
  indicators: number;
  kpiSetVersions: number;
  periods: number;
  evaluations: { total: number; byStatus: Record<EvaluationStatus, number> };
  values: number;
}

/** Whether nothing the demo would create exists yet (no types, regions, users, indicators…). */
export function isEmpty(db: Db | Tx): boolean {
  const row = db.get<{ n: number }>(sql`select
      (select count(*) from ${stakeholderTypes}) + (select count(*) from ${regions}) +
      (select count(*) from ${stakeholders}) + (select count(*) from ${user}) +
      (select count(*) from ${objectives}) + (select count(*) from ${indicators}) +
      (select count(*) from ${periods}) + (select count(*) from ${kpiSets}) as n`);
  return row.n === 0;
}

export interface SeedOptions {
  /**
   * A hash of DEMO_PASSWORD made earlier with better-auth's `hashPassword`: suites that seed
   * many databases hash once instead of once per seed.
   */
  passwordHash?: string;
}

/**
 * Loads the demo into an empty, migrated database. The password is hashed first (async); every
 * write then happens in one synchronous transaction. Throws when the database is not empty.
 */
export async function seedDemo(db: Db, options: SeedOptions = {}): Promise<SeedSummary> {
  const plan = planDemo();
  // Every demo account has the same published password, so one salted hash serves them all
  // (scrypt is deliberately slow; hashing per account would dominate the seeding time).
  const passwordHash = options.passwordHash ?? (await hashPassword(DEMO_PASSWORD));

  return db.transaction((tx) => {
    if (isSeeded(tx)) throw new Error('The demo data is already loaded.');
    if (!isEmpty(tx)) throw new Error('The database already holds data; demo data loads only into an empty database.');

    insertStakeholderTypes(tx);
    const { count: regionCount, regionId } = insertRegions(tx);
    const stakeholderId = insertStakeholders(tx, plan.stakeholders, regionId);
    const users = insertUsers(tx, { planned: plan.stakeholders, stakeholderId, regionId, passwordHash });
    const { objectiveId, indicatorId } = insertLibrary(tx);
    const periodId = insertPeriods(tx, plan.periods);
    const firstPeriod = plan.periods[0];
    if (!firstPeriod) throw new Error('demo: no periods planned');
    const versionIdByType = insertKpiSets(tx, { objectiveId, indicatorId, adminId: users.userId('admin'), firstPeriodId: periodId(firstPeriod.code) });
    const valueCount = insertEvaluations(tx, plan, { stakeholderId, periodId, userId: users.userId, indicatorId, versionIdByType });

    const summary = summarize(plan, regionCount, users.rows, valueCount);
    writeAudit(tx, {
      actorId: null,
      action: DEMO_SEED_ACTION,
      entity: DEMO_SEED_ENTITY,
      entityId: null,
      after: { notice: DEMO_NOTICE, summary },
      reason: DEMO_NOTICE.en,
    });
    return summary;
  });
}

function summarize(plan: DemoPlan, regionCount: RegionCount, userRows: readonly UserRow[], valueCount: number): SeedSummary {
  const byType: Record<StakeholderType, number> = { county_town: 0, rural: 0, market: 0 };
  for (const s of plan.stakeholders) byType[s.type]++;
  const byStatus: Record<EvaluationStatus, number> = { draft: 0, submitted: 0, returned: 0, approved: 0 };
  for (const e of plan.evaluations) byStatus[e.status]++;
  const roleCount = (role: string) => userRows.filter((u) => u.role === role).length;
  return {
    regions: { ...regionCount },
    stakeholders: { total: plan.stakeholders.length, active: plan.stakeholders.filter((s) => s.active).length, byType },
    users: { total: userRows.length, admin: roleCount('admin'), assessor: roleCount('assessor'), stakeholder: roleCount('stakeholder') },
    objectives: OBJECTIVE_SEEDS.length,
    indicators: INDICATOR_SEEDS.length,
    kpiSetVersions: KPI_SET_SEEDS.length,
    periods: plan.periods.length,
    evaluations: { total: plan.evaluations.length, byStatus },
    values: valueCount,
  };
}

/**
 * Loads the demo only into an empty database, scores its periods and runs its programs; returns
 * its summary, or null when it did not load.
 */
export async function seedIfEmpty(db: Db, options: SeedOptions = {}): Promise<SeedSummary | null> {
  if (isSeeded(db) || !isEmpty(db)) return null;
  const summary = await seedDemo(db, options);
  scoreDemoPeriods(db);
  seedDemoPrograms(db);
  return summary;
}

/** One line for people: "Loaded demo data: 300 stakeholders, …". */
export function describeSeedSummary(s: SeedSummary): string {
  const regions = s.regions.prefecture + s.regions.county + s.regions.township + s.regions.province;
  const statuses = Object.entries(s.evaluations.byStatus)
    .map(([status, n]) => `${n} ${status}`)
    .join(', ');
  return (
    `Loaded demo data: ${s.stakeholders.total} stakeholders (${s.stakeholders.byType.county_town} county/town, ` +
    `${s.stakeholders.byType.rural} rural, ${s.stakeholders.byType.market} market), ${regions} regions ` +
    `(${s.regions.county} counties, ${s.regions.township} townships), ${s.indicators} indicators in ` +
    `${s.kpiSetVersions} KPI sets, ${s.periods} periods, ${s.evaluations.total} evaluations (${statuses}), ` +
    `${s.values} values, ${s.users.total} users.`
  );
}
