// The demo data loader: a believable (and clearly fictional) deployment in southern Yunnan.
// Everything is written in one synchronous transaction: the demo lands whole or not at all.
import { randomUUID } from 'node:crypto';
import { hashPassword } from 'better-auth/crypto';
import { eq, sql } from 'drizzle-orm';
import type { Db, Tx } from '@/db/client';
import { account, auditLog, evaluations, evaluationValues, indicators, kpiSetIndicators, kpiSetObjectives, kpiSets, kpiSetVersions, objectives, periods, regions, stakeholders, stakeholderTypes, user, userRegionScopes } from '@/db/schema';


import {
  GRADE_BANDS,
  INDICATOR_SEEDS,
  KPI_SET_SEEDS,
  OBJECTIVE_SEEDS,
  STAKEHOLDER_TYPE_SEEDS,
} from './catalogue';
import { PREFECTURES, PROVINCE } from './geography';
import { kpiSetVersionContent } from './method-hash';
import { DEMO_SEED_ACTION, DEMO_SEED_ENTITY, isSeeded } from './marker';
import { methodHash } from '@/core/scoring';
import { loadKpiSetVersion } from '@/server/services/kpi-documents';
import { computeScoreRun, publishScoreRun } from '@/server/services/score-runs';
import { cst, planDemo } from './plan';
import { seedDemoPrograms } from './programs';
import { ADMIN_DISPLAY_NAME, COUNTY_ASSESSORS, DEMO_PASSWORD, DEMO_STAKEHOLDER_NAMES } from './demo-users';
import { type EvaluationStatus, type StakeholderType } from '@/core/domain/enums';

export { DEMO_USERS, DEMO_PASSWORD, DEMO_COUNTY_STAFF, type DemoUser } from './demo-users';
export { kpiSetVersionContent, type KpiSetVersionContent } from './method-hash';

/** Shown by the UI as a banner while the demo data is present. */
export const DEMO_NOTICE = {
  en: 'Demo data — all organisations, people, figures and credit codes are fictional.',
  'zh-CN': '演示数据——所有机构、人员、数值与信用代码均为虚构。',
} as const;

export { DEMO_SEED_ACTION, isSeeded } from './marker';

export interface SeedSummary {
  regions: { province: number; prefecture: number; county: number; township: number };
  stakeholders: { total: number; active: number; byType: Record<StakeholderType, number> };
  users: { total: number; admin: number; assessor: number; stakeholder: number };
  objectives: number;
  indicators: number;
  kpiSetVersions: number;
  periods: number;
  evaluations: { total: number; byStatus: Record<EvaluationStatus, number> };
  values: number;
}

/** Rows per INSERT: stays well below SQLite's limit of 32,766 bound parameters. */
const CHUNK = 500;

function chunks<T>(rows: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += CHUNK) out.push(rows.slice(i, i + CHUNK));
  return out;
}

/** Whether the demo data has been loaded into this database (its audit record is there). */

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

    tx.insert(stakeholderTypes).values([...STAKEHOLDER_TYPE_SEEDS]).run();

    // Regions, parents first: a region's path needs its own id and its parent's path.
    const regionCount = { province: 0, prefecture: 0, county: 0, township: 0 };
    const insertRegion = (
      r: { code: string; nameZh: string; nameEn: string },
      level: keyof typeof regionCount,
      parent: { id: number; path: string } | null,
    ) => {
      const { id } = tx
        .insert(regions)
        .values({ code: r.code, nameZh: r.nameZh, nameEn: r.nameEn, level, parentId: parent?.id ?? null, path: '' })
        .returning({ id: regions.id })
        .get();
      const path = `${parent?.path ?? '/'}${id}/`;
      tx.update(regions).set({ path }).where(eq(regions.id, id)).run();
      regionCount[level]++;
      return { id, path };
    };
    const regionIdByCode = new Map<string, number>();
    const province = insertRegion(PROVINCE, 'province', null);
    regionIdByCode.set(PROVINCE.code, province.id);
    for (const pref of PREFECTURES) {
      const p = insertRegion(pref, 'prefecture', province);
      regionIdByCode.set(pref.code, p.id);
      for (const county of pref.counties) {
        const c = insertRegion(county, 'county', p);
        regionIdByCode.set(county.code, c.id);
        for (const township of county.townships)
          regionIdByCode.set(township.code, insertRegion(township, 'township', c).id);
      }
    }
    const regionId = (code: string) => {
      const id = regionIdByCode.get(code);
      if (id === undefined) throw new Error(`demo: unknown region ${code}`);
      return id;
    };

    // Stakeholders.
    const stakeholderIdByCode = new Map<string, number>();
    for (const rows of chunks(plan.stakeholders)) {
      const inserted = tx
        .insert(stakeholders)
        .values(
          rows.map((s) => ({
            code: s.code,
            name: s.name,
            type: s.type,
            regionId: regionId(s.townshipCode),
            creditCode: s.creditCode,
            contactName: s.contactName,
            contactPhone: s.contactPhone,
            active: s.active,
          })),
        )
        .returning({ id: stakeholders.id, code: stakeholders.code })
        .all();
      for (const r of inserted) stakeholderIdByCode.set(r.code, r.id);
    }
    const stakeholderIdByName = (name: string) => {
      const s = plan.stakeholders.find((x) => x.name === name);
      const id = s && stakeholderIdByCode.get(s.code);
      if (!id) throw new Error(`demo: no stakeholder named ${name}`);
      return id;
    };

    // Users with credential accounts (better-auth: accountId = user id, providerId 'credential').
    const userIdByUsername = new Map<string, string>();
    const userRows: (typeof user.$inferInsert)[] = [];
    const addUser = (username: string, name: string, role: 'admin' | 'assessor' | 'stakeholder', stakeholderId?: number) => {
      const id = randomUUID();
      userIdByUsername.set(username, id);
      userRows.push({
        id,
        name,
        email: `${username}@demo.scorecard.invalid`,
        username,
        displayUsername: username,
        role,
        stakeholderId: stakeholderId ?? null,
      });
    };
    addUser('admin', ADMIN_DISPLAY_NAME, 'admin');
    for (const a of COUNTY_ASSESSORS) addUser(a.username, a.name, 'assessor');
    for (const login of ['town1', 'coop1', 'firm1'] as const) {
      const planned = plan.stakeholders.find((s) => s.name === DEMO_STAKEHOLDER_NAMES[login]);
      addUser(login, planned?.contactName ?? login, 'stakeholder', stakeholderIdByName(DEMO_STAKEHOLDER_NAMES[login]));
    }
    tx.insert(user).values(userRows).run();
    tx.insert(account)
      .values(
        userRows.map((u) => ({ id: randomUUID(), accountId: u.id, providerId: 'credential', userId: u.id, password: passwordHash })),
      )
      .run();
    tx.insert(userRegionScopes)
      .values(COUNTY_ASSESSORS.map((a) => ({ userId: userIdOf(a.username), regionId: regionId(a.countyCode) })))
      .run();
    function userIdOf(username: string): string {
      const id = userIdByUsername.get(username);
      if (!id) throw new Error(`demo: unknown user ${username}`);
      return id;
    }
    const adminId = userIdOf('admin');

    // Objectives and indicators.
    const objectiveIdByCode = new Map<string, number>();
    for (const [position, o] of OBJECTIVE_SEEDS.entries()) {
      const { id } = tx.insert(objectives).values({ ...o, position }).returning({ id: objectives.id }).get();
      objectiveIdByCode.set(o.code, id);
    }
    const indicatorIdByCode = new Map<string, number>();
    const insertedIndicators = tx
      .insert(indicators)
      .values(
        INDICATOR_SEEDS.map((i) => ({
          code: i.code,
          nameZh: i.nameZh,
          nameEn: i.nameEn,
          descriptionZh: i.descriptionZh,
          descriptionEn: i.descriptionEn,
          unit: i.unit,
          direction: i.direction,
          valueType: i.valueType,
          minValue: i.minValue,
          maxValue: i.maxValue,
          evidenceRequired: i.evidenceRequired,
          redFlagAbove: i.redFlagAbove,
        })),
      )
      .returning({ id: indicators.id, code: indicators.code })
      .all();
    for (const r of insertedIndicators) indicatorIdByCode.set(r.code, r.id);
    const objectiveId = (code: string) => objectiveIdByCode.get(code) as number;
    const indicatorId = (code: string) => {
      const id = indicatorIdByCode.get(code);
      if (id === undefined) throw new Error(`demo: unknown indicator ${code}`);
      return id;
    };

    // Periods.
    const periodIdByCode = new Map<string, number>();
    for (const p of plan.periods) {
      // Each quarter is set up by the office shortly before it starts.
      const createdAt = new Date(cst(p.startsOn).getTime() - 7 * 86_400_000);
      const { id } = tx.insert(periods).values({ ...p, kind: 'quarter', createdAt }).returning({ id: periods.id }).get();
      periodIdByCode.set(p.code, id);
    }
    const firstPeriod = plan.periods[0];
    if (!firstPeriod) throw new Error('demo: no periods planned');
    const firstPeriodId = periodIdByCode.get(firstPeriod.code) as number;

    // KPI sets: each version is inserted as a draft, filled, then published (the triggers
    // refuse items in a published version).
    const versionIdByType = new Map<StakeholderType, number>();
    for (const set of KPI_SET_SEEDS) {
      const { id: kpiSetId } = tx
        .insert(kpiSets)
        .values({ code: set.code, stakeholderType: set.type, nameZh: set.nameZh, nameEn: set.nameEn, createdAt: cst('2025-09-10') })
        .returning({ id: kpiSets.id })
        .get();
      const content = kpiSetVersionContent(set, 1);
      const { id: versionId } = tx
        .insert(kpiSetVersions)
        .values({
          kpiSetId,
          version: 1,
          status: 'draft',
          scale: set.scale,
          aggregationIndicators: set.aggregationIndicators,
          aggregationObjectives: set.aggregationObjectives,
          missingPolicy: set.missingPolicy,
          minCompleteness: set.minCompleteness,
          grades: GRADE_BANDS,
          effectiveFromPeriodId: firstPeriodId,
          createdAt: cst('2025-09-10'),
          createdBy: adminId,
        })
        .returning({ id: kpiSetVersions.id })
        .get();
      tx.insert(kpiSetObjectives)
        .values(content.objectives.map((o) => ({ versionId, objectiveId: objectiveId(o.code), weight: o.weight, position: o.position })))
        .run();
      tx.insert(kpiSetIndicators)
        .values(
          content.indicators.map((i) => ({
            versionId,
            indicatorId: indicatorId(i.code),
            objectiveId: objectiveId(i.objective),
            weight: i.weight,
            normalization: i.normalization,
            position: i.position,
          })),
        )
        .run();
      tx.update(kpiSetVersions)
        .set({
          status: 'published',
          // The engine's hash of the kpi-set/v1 document, exactly as score runs record it.
          methodHash: methodHash(loadKpiSetVersion(tx, versionId).document),
          changeNote: 'Initial version',
          publishedAt: cst('2025-09-26', '15:00'),
          publishedBy: adminId,
        })
        .where(eq(kpiSetVersions.id, versionId))
        .run();
      versionIdByType.set(set.type, versionId);
    }

    // Evaluations and their values.
    const typeByStakeholder = new Map(plan.stakeholders.map((s) => [s.code, s.type]));
    const evaluationIdByKey = new Map<string, number>();
    for (const rows of chunks(plan.evaluations)) {
      const inserted = tx
        .insert(evaluations)
        .values(
          rows.map((e) => ({
            stakeholderId: stakeholderIdByCode.get(e.stakeholderCode) as number,
            periodId: periodIdByCode.get(e.periodCode) as number,
            kpiSetVersionId: versionIdByType.get(typeByStakeholder.get(e.stakeholderCode) as StakeholderType) as number,
            status: e.status,
            revision: e.revision,
            returnReason: e.returnReason,
            createdBy: userIdOf(e.createdBy),
            submittedBy: e.submittedBy ? userIdOf(e.submittedBy) : null,
            submittedAt: e.submittedAt,
            approvedBy: e.approvedBy ? userIdOf(e.approvedBy) : null,
            approvedAt: e.approvedAt,
            createdAt: e.createdAt,
            updatedAt: e.updatedAt,
          })),
        )
        .returning({ id: evaluations.id, stakeholderId: evaluations.stakeholderId, periodId: evaluations.periodId })
        .all();
      for (const r of inserted) evaluationIdByKey.set(`${r.stakeholderId}:${r.periodId}`, r.id);
    }
    const valueRows: (typeof evaluationValues.$inferInsert)[] = [];
    for (const e of plan.evaluations) {
      const key = `${stakeholderIdByCode.get(e.stakeholderCode)}:${periodIdByCode.get(e.periodCode)}`;
      const evaluationId = evaluationIdByKey.get(key);
      if (evaluationId === undefined) throw new Error(`demo: evaluation ${key} was not inserted`);
      for (const v of e.values)
        valueRows.push({ evaluationId, indicatorId: indicatorId(v.indicatorCode), value: v.value, note: v.note, evidenceUrl: v.evidenceUrl });
    }
    for (const rows of chunks(valueRows)) tx.insert(evaluationValues).values(rows).run();

    const summary = summarize(plan, regionCount, userRows, valueRows.length);
    tx.insert(auditLog)
      .values({
        actorId: null,
        action: DEMO_SEED_ACTION,
        entity: DEMO_SEED_ENTITY,
        entityId: null,
        before: null,
        after: { notice: DEMO_NOTICE, summary },
        reason: DEMO_NOTICE.en,
      })
      .run();
    return summary;
  });
}

function summarize(
  plan: ReturnType<typeof planDemo>,
  regionCount: SeedSummary['regions'],
  userRows: readonly (typeof user.$inferInsert)[],
  valueCount: number,
): SeedSummary {
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

/** Loads the demo only into an empty database; returns its summary, or null when it did not. */
export async function seedIfEmpty(db: Db, options: SeedOptions = {}): Promise<SeedSummary | null> {
  if (isSeeded(db) || !isEmpty(db)) return null;
  const summary = await seedDemo(db, options);
  scoreDemoPeriods(db);
  seedDemoPrograms(db);
  return summary;
}

/**
 * Scores the demo like a real deployment would have: an official, published run for every
 * published period, and a provisional run (approved evaluations so far) for the open one.
 */
export function scoreDemoPeriods(db: Db): { published: number; provisional: number } {
  const admin = db.select({ id: user.id }).from(user).where(eq(user.role, 'admin')).get();
  const versions = db.select({ id: kpiSetVersions.id }).from(kpiSetVersions).where(eq(kpiSetVersions.status, 'published')).all();
  const counts = { published: 0, provisional: 0 };
  for (const period of db.select().from(periods).orderBy(periods.startsOn).all()) {
    for (const v of versions) {
      if (period.status === 'published') {
        const { run } = computeScoreRun(db, { periodId: period.id, versionId: v.id, kind: 'official', actorId: admin?.id ?? null });
        publishScoreRun(db, run.id, admin?.id ?? null);
        counts.published++;
      } else if (period.status === 'open') {
        computeScoreRun(db, { periodId: period.id, versionId: v.id, kind: 'provisional', actorId: null });
        counts.provisional++;
      }
    }
  }
  return counts;
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
