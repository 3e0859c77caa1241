// The province generator: into an empty database, the demo's method, users and programs, the real
// region tree of Yunnan, the demo's 300 stakeholders plus N generated ones over the province's
// counties and townships, and four quarters worked through the app's services — three published
// with official score runs (the latest also with a run of every incentive program, as in the
// demo), one open with drafts, submissions, returns and approvals. Deterministic (seeded random streams); progress is reported step by step.
import { hashPassword } from 'better-auth/crypto';
import { isNull, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { regions } from '@/db/schema';
import type { StakeholderType } from '@/core/domain/enums';
import { DEMO_PASSWORD } from '@/core/domain/demo-users';
import { loadSessionUser, type SessionUser } from '@/server/auth/session';
import { writeAudit } from '@/server/queries/audit';
import { DEMO_SEED_ACTION, DEMO_SEED_ENTITY, isSeeded } from '@/server/queries/demo';
import { createProgram } from '@/server/services/incentives';
import { setStakeholderActive } from '@/server/services/stakeholders';
import { DEMO_NOTICE, isEmpty } from './index';
import { insertKpiSets, insertLibrary } from './insert-method';
import { insertStakeholderTypes } from './insert-stakeholders';
import { insertAccounts, staffAccounts, stakeholderLogins } from './insert-users';
import { planDemo } from './plan';
import { evaluationPlanner } from './plan-evaluations';
import { PERIOD_SEEDS, type PlannedPeriod } from './plan-periods';
import { planProfiles } from './plan-profiles';
import { planProvinceStakeholders } from './plan-province';
import type { PlannedStakeholder } from './plan-stakeholders';
import { demoProgramInputs } from './programs';
import { importFiles } from './province-files';
import { loadProvinceRegions, provinceCounties, PROVINCE_CODE } from './province-regions';
import { openQuarter, workQuarter, type Progress } from './province-quarters';
import { registerStakeholders } from './province-stakeholders';
import { idLookup } from './rows';

/** The two province-wide assessors who enter and review the generated stakeholders' evaluations. */
const PROVINCE_ASSESSORS = [
  { username: 'province1', name: '杨丽萍' },
  { username: 'province2', name: '段志刚' },
] as const;

/** Share of each type at risk, and of firms with environmental violations. */
const AT_RISK_SHARE = 0.05;
const POLLUTER_SHARE = 0.01;

/** The loader's SQLite page cache, in KiB. */
const PAGE_CACHE_KB = 512 * 1024;

/** How long the loader waits for a job's write to end before giving up, in ms. */
const JOB_WAIT_MS = 120_000;

export interface ProvinceOptions {
  stakeholders: number;
  passwordHash?: string;
  progress?: Progress;
}

export interface ProvinceSummary {
  regions: Record<string, number>;
  stakeholders: Record<StakeholderType, number>;
  periods: Record<string, number>;
  evaluations: Record<string, number>;
  values: number;
  scoreRuns: number;
  eligibilityRuns: number;
}

/**
 * Generates the province; throws when the database is not empty. Each step is its own service
 * call and transaction (as in the app), so a failure part-way leaves the steps before it: the
 * command says so, and a fresh file is the way to start again.
 */
export async function seedProvince(db: Db, options: ProvinceOptions): Promise<ProvinceSummary> {
  if (!Number.isInteger(options.stakeholders) || options.stakeholders < 0) throw new Error('province: --stakeholders must be a whole number ≥ 0.');
  if (isSeeded(db) || !isEmpty(db)) throw new Error('The database already holds data; a province loads only into an empty database.');
  const restore = loaderPragmas(db);
  try {
    return await loadProvince(db, options);
  } finally {
    restore();
  }
}

/**
 * Sets the loader's connection up for a one-off bulk load; answers how to put it back as it was.
 * The connection is the loader's alone (jobs open their own).
 */
function loaderPragmas(db: Db): () => void {
  const names = ['cache_size', 'busy_timeout', 'synchronous'] as const;
  const before = names.map((name) => [name, db.$client.pragma(name, { simple: true })] as const);
  // A province's quarter writes gigabytes through large indexes: SQLite's default 2 MB page cache
  // would spill and re-read pages all the time.
  db.$client.pragma(`cache_size = -${PAGE_CACHE_KB}`);
  // Approvals queue the provisional scores as jobs on worker threads with their own connections:
  // while one writes a quarter's run, this connection waits for it rather than failing after 5 s.
  db.$client.pragma(`busy_timeout = ${JOB_WAIT_MS}`);
  // Into a new file, where a load cut short is started again from nothing (the command says so):
  // no fsync at each commit and checkpoint. WAL keeps every commit atomic all the same.
  db.$client.pragma('synchronous = OFF');
  return () => {
    for (const [name, value] of before) db.$client.pragma(`${name} = ${Number(value)}`);
  };
}

async function loadProvince(db: Db, options: ProvinceOptions): Promise<ProvinceSummary> {
  const started = Date.now();
  const step: Progress = options.progress ?? (() => {});
  const passwordHash = options.passwordHash ?? (await hashPassword(DEMO_PASSWORD));

  // Regions, types, the indicator library and the staff accounts: the setup an office starts from.
  const regionCount = loadProvinceRegions(db);
  step('regions', regionCount);
  const regionId = regionIdLookup(db);
  const setup = db.transaction((tx) => {
    insertStakeholderTypes(tx);
    const library = insertLibrary(tx);
    const staff = [...staffAccounts(), ...PROVINCE_ASSESSORS.map((a) => ({ ...a, role: 'assessor' as const, regionCode: PROVINCE_CODE }))];
    return { library, users: insertAccounts(tx, staff, { passwordHash, regionId }) };
  });
  const session = (username: string): SessionUser => {
    const user = loadSessionUser(db, setup.users.userId(username));
    if (!user) throw new Error(`province: no account ${username}`);
    return user;
  };
  const admin = session('admin');

  // The first quarter exists before the KPI sets that take effect with it.
  const first = PERIOD_SEEDS[0];
  if (!first) throw new Error('province: no periods planned');
  const firstPeriodId = openQuarter(db, admin, first);
  db.transaction((tx) => insertKpiSets(tx, { ...setup.library, adminId: admin.id, firstPeriodId }));
  const programIds = demoProgramInputs().map((p) => createProgram(db, admin, p).id);
  step('method, users and programs', programIds.length);

  // The stakeholders: the demo's, then the generated ones.
  const demo = planDemo();
  const generated = planProvinceStakeholders(provinceCounties(db), options.stakeholders, {
    after: countByType(demo.stakeholders),
    reserved: { names: demo.stakeholders.map((s) => s.name), creditCodes: demo.stakeholders.flatMap((s) => (s.creditCode ? [s.creditCode] : [])) },
  });
  const stakeholderId = registerStakeholders(db, admin, [...demo.stakeholders, ...generated], step);
  db.transaction((tx) => insertAccounts(tx, stakeholderLogins(demo.stakeholders, stakeholderId), { passwordHash, regionId }));

  // Their evaluations: the demo's as planned, the generated ones from their own profiles.
  const share = (type: StakeholderType) => Math.round(generated.filter((s) => s.type === type).length * AT_RISK_SHARE);
  const profiles = planProfiles(generated, PERIOD_SEEDS.length, {
    atRiskPerType: { county_town: share('county_town'), rural: share('rural'), market: share('market') },
    polluters: Math.round(generated.filter((s) => s.type === 'market').length * POLLUTER_SHARE),
  });
  // One quarter's plan at a time: a province's four quarters would hold millions of values at once.
  const planGenerated = evaluationPlanner(generated, profiles, PERIOD_SEEDS, ['province1', 'province2']);
  const inactive = [...demo.profiles.inactive, ...profiles.inactive];

  const typeOf = idLookup(new Map([...demo.stakeholders, ...generated].map((s) => [s.code, s.type])), 'stakeholder');
  const actors = { admin, entry: session('province1'), review: session('province2') };
  const latestPublished = PERIOD_SEEDS.filter((p) => p.status === 'published').at(-1)?.code;
  // A quarter's evaluations and their import files. The next quarter's are prepared while the
  // approvals' provisional scores are computed on a worker thread (this thread would only wait):
  // two quarters' plans are held for that while.
  const prepare = async (t: number, period: PlannedPeriod, meanwhile: boolean) => {
    const evaluations = [...demo.evaluations.filter((e) => e.periodCode === period.code), ...(meanwhile ? await planGenerated.inSlices(t) : planGenerated(t))];
    return { evaluations, files: await importFiles(evaluations, typeOf, period.code) };
  };
  let prepared: ReturnType<typeof prepare> | undefined;
  for (const [t, period] of PERIOD_SEEDS.entries()) {
    const periodId = t === 0 ? firstPeriodId : openQuarter(db, admin, period);
    const { evaluations, files } = await (prepared ?? prepare(t, period, false));
    prepared = undefined;
    step(`${period.code}: planned evaluations`, evaluations.length);
    // As in the demo, the programs run on the latest published quarter (as an admin would).
    const runs = period.code === latestPublished ? programIds : [];
    const next = PERIOD_SEEDS[t + 1];
    const meanwhile = next ? () => (prepared = prepare(t + 1, next, true)) : undefined;
    await workQuarter(db, actors, { periodId, period, evaluations, files, programIds: runs, meanwhile }, step);
    // Entities that stopped operating after the first quarter are deactivated, with history kept.
    if (t === 0) deactivate(db, admin, inactive.map(stakeholderId));
  }

  const summary = summarize(db);
  writeAudit(db, {
    actorId: null,
    action: DEMO_SEED_ACTION,
    entity: DEMO_SEED_ENTITY,
    entityId: null,
    after: { notice: DEMO_NOTICE, province: PROVINCE_CODE, generated: options.stakeholders, summary },
    reason: DEMO_NOTICE.en,
  });
  step(`done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return summary;
}

function countByType(planned: readonly PlannedStakeholder[]): Record<StakeholderType, number> {
  const out: Record<StakeholderType, number> = { county_town: 0, rural: 0, market: 0 };
  for (const s of planned) out[s.type]++;
  return out;
}

function regionIdLookup(db: Db): (code: string) => number {
  const rows = db.select({ id: regions.id, code: regions.code }).from(regions).where(isNull(regions.retiredAt)).all();
  return idLookup(new Map(rows.map((r) => [r.code, r.id])), 'region');
}

function deactivate(db: Db, admin: SessionUser, ids: readonly number[]): void {
  db.transaction(() => {
    for (const id of ids) setStakeholderActive(db, admin, id, false);
  });
}

/** Counts of what the province holds, by SQL. */
export function summarize(db: Db): ProvinceSummary {
  const grouped = (query: ReturnType<typeof sql>) => Object.fromEntries(db.all<{ k: string; n: number }>(query).map((r) => [r.k, r.n]));
  const one = (query: ReturnType<typeof sql>) => db.get<{ n: number }>(query).n;
  return {
    regions: grouped(sql`select level as k, count(*) as n from regions group by level`),
    stakeholders: { county_town: 0, rural: 0, market: 0, ...grouped(sql`select type as k, count(*) as n from stakeholders group by type`) },
    periods: grouped(sql`select status as k, count(*) as n from periods group by status`),
    evaluations: grouped(sql`select status as k, count(*) as n from evaluations group by status`),
    values: one(sql`select count(*) as n from evaluation_values`),
    scoreRuns: one(sql`select count(*) as n from score_runs where kind = 'official' and status = 'published'`),
    eligibilityRuns: one(sql`select count(*) as n from eligibility_runs`),
  };
}

/** One line for people. */
export function describeProvince(s: ProvinceSummary): string {
  const total = s.stakeholders.county_town + s.stakeholders.rural + s.stakeholders.market;
  const list = (r: Record<string, number>) => Object.entries(r).map(([k, n]) => `${n} ${k}`).join(', ');
  return (
    `Loaded a province: ${total} stakeholders (${list(s.stakeholders)}), regions (${list(s.regions)}), ` +
    `periods (${list(s.periods)}), evaluations (${list(s.evaluations)}), ${s.values} values, ` +
    `${s.scoreRuns} published official score runs, ${s.eligibilityRuns} eligibility runs.`
  );
}
