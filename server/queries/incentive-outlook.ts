// The scorecard's incentives looking forward: for each determination, the benefit at stake, the
// stakeholder's place where a budget or a county limit ranks (and how far down it reached), and
// what must hold in which later period to qualify. Places are counted in SQL from the run's stored
// determinations in the engine's rank order (composite descending, then code; no composite last:
// core/eligibility/budget.ts) — money demands from determinations_run_rank_idx alone — so a
// scorecard costs the same in a run of any size.
import 'server-only';
import { and, asc, eq, gt, inArray, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '@/db';
import { determinations, eligibilityRuns, periods, scores, stakeholders } from '@/db/schema';
import type { SessionUser } from '@/server/auth/session';
import type { StakeholderType } from '@/core/domain/enums';
import { benefitAtStake, MAX_CONSECUTIVE_PERIODS, nextPeriodCondition, type Benefit, type EligibilityInput, type Gap, type ProgramSnapshot } from '@/core/eligibility';
import { stakeholderDeterminations } from './determinations';

type Place = { composite: number | null; code: string };

/**
 * Rows of a run ranked ahead of a place: strictly better composites, then ties by code. Within a
 * county, `+d.composite` keeps SQLite on the county's rows (the facts index) rather than walking
 * the whole run in composite order.
 */
function countAhead(db: DbOrTx, where: SQL, place: Place, inCounty = false): number {
  const composite = inCounty ? sql`+d.composite` : sql`d.composite`;
  const better = place.composite === null ? sql`${composite} is not null` : sql`${composite} > ${place.composite}`;
  const strictly = db.get<{ n: number }>(sql`select count(*) as n from ${determinations} d where ${where} and ${better}`)!.n;
  const same = place.composite === null ? sql`d.composite is null` : sql`d.composite = ${place.composite}`;
  const ties = db.get<{ n: number }>(sql`select count(*) as n from ${determinations} d join ${stakeholders} s on s.id = d.stakeholder_id where ${where} and ${same} and s.code < ${place.code}`)!.n;
  return strictly + ties;
}

/** The money demands of a run (the literal `demand is not null` lets SQLite use the partial index). */
const demandsOf = (runId: number) => sql`d.run_id = ${runId} and d.demand is not null`;

/** The last place paid in a rank allocation, when the budget did not pay every demand. */
function lastPaid(db: DbOrTx, runId: number): Place | null {
  const where = demandsOf(runId);
  // Someone asked money and got none: the budget ran out (a demand under a cent is never paid).
  const unpaid = db.get<{ one: number }>(sql`select 1 as one from ${determinations} d where ${where} and d.amount = 0 and d.demand >= 0.01 limit 1`);
  if (!unpaid) return null;
  const pick = (same: SQL) => db.get<{ code: string }>(sql`select max(s.code) as code from ${determinations} d join ${stakeholders} s on s.id = d.stakeholder_id where ${where} and d.amount > 0 and ${same}`)?.code ?? null;
  const nullCode = pick(sql`d.composite is null`);
  if (nullCode !== null) return { composite: null, code: nullCode };
  const low = db.get<{ composite: number }>(sql`select d.composite as composite from ${determinations} d where ${where} and d.amount > 0 and d.composite is not null order by d.composite limit 1`);
  if (!low) return null;
  const code = pick(sql`d.composite = ${low.composite}`);
  return code === null ? null : { composite: low.composite, code };
}

export type Standing =
  | { kind: 'rank'; rank: number | null; of: number; budget: number; lastPaid: { rank: number; composite: number | null } | null }
  | { kind: 'pro_rata'; budget: number; demand: number; share: number }
  | { kind: 'county'; rank: number | null; of: number; limit: number; lastComposite: number | null };

type Row = { runId: number; snapshot: ProgramSnapshot; composite: number | null; county: string | null; type: StakeholderType; truth: string; demand: number | null };

function standingOf(db: DbOrTx, row: Row, code: string): Standing | null {
  const s = row.snapshot;
  const benefit = s.benefit;
  if (benefit.kind === 'title') {
    if (benefit.maxPerCounty === null) return null;
    const where = sql`d.run_id = ${row.runId} and ${row.county === null ? sql`d.county is null` : sql`d.county = ${row.county}`} and d.truth = 'pass'`;
    const of = db.get<{ n: number }>(sql`select count(*) as n from ${determinations} d where ${where}`)!.n;
    const last = db.get<{ composite: number | null }>(
      sql`select d.composite as composite from ${determinations} d join ${stakeholders} s on s.id = d.stakeholder_id where ${where} order by +d.composite desc, s.code asc limit 1 offset ${benefit.maxPerCounty - 1}`,
    );
    const rank = row.truth === 'pass' ? countAhead(db, where, { composite: row.composite, code }, true) + 1 : null;
    return { kind: 'county', rank, of, limit: benefit.maxPerCounty, lastComposite: of > benefit.maxPerCounty ? (last?.composite ?? null) : null };
  }
  if (s.budget === null) return null;
  const where = demandsOf(row.runId);
  if (s.allocation === 'pro_rata') {
    const demand = db.get<{ total: number | null }>(sql`select sum(d.demand) as total from ${determinations} d where ${where}`)?.total ?? 0;
    return demand > s.budget ? { kind: 'pro_rata', budget: s.budget, demand, share: s.budget / demand } : null;
  }
  const of = db.get<{ n: number }>(sql`select count(*) as n from ${determinations} d where ${where}`)!.n;
  const rank = row.demand === null ? null : countAhead(db, where, { composite: row.composite, code }) + 1;
  const last = lastPaid(db, row.runId);
  return { kind: 'rank', rank, of, budget: s.budget, lastPaid: last && { rank: countAhead(db, where, last) + 1, composite: last.composite } };
}

/** The indicators whose raw value a benefit reads (a per-unit amount, a tax base). */
function benefitIndicator(b: Benefit): string | null {
  if (b.kind === 'per_unit') return b.indicator;
  if ((b.kind === 'rate' || b.kind === 'tiered_rate') && b.base) return b.base.indicator;
  return null;
}

/** The raw value of one indicator in the stakeholder's score the run read. */
function rawValue(db: DbOrTx, stakeholderId: number, scoreRunIds: number[], indicator: string): number | null {
  if (scoreRunIds.length === 0) return null;
  const row = db
    .select({ raw: sql<number | null>`json_extract(${scores.indicators}, ${`$."${indicator}".raw`})` })
    .from(scores)
    .where(and(eq(scores.stakeholderId, stakeholderId), inArray(scores.runId, scoreRunIds)))
    .get();
  return row?.raw ?? null;
}

function atStakeOf(db: DbOrTx, row: Row & { gap: Gap | null }, stakeholderId: number, code: string) {
  const benefit = row.snapshot.benefit;
  const indicator = benefitIndicator(benefit);
  const input: EligibilityInput = {
    stakeholder: code,
    type: row.type,
    composite: row.composite,
    grade: null,
    grades: [],
    objectives: {},
    indicators: indicator ? { [indicator]: { raw: rawValue(db, stakeholderId, row.snapshot.scoreRunIds, indicator), normalized: null } } : {},
    percentile: null,
    couplingClass: null,
  };
  const r = benefitAtStake(benefit, input, row.truth === 'pass' ? null : row.gap);
  return { amount: r.amount, rate: r.rate, title: r.title, capped: r.uncapped !== null, atComposite: r.atComposite, assumed: r.assumed };
}

/** The periods after a period, in order (the nearest first), as far as a rule can look ahead. */
function laterPeriods(db: DbOrTx, periodId: number): string[] {
  const starts = db.select({ startsOn: periods.startsOn }).from(periods).where(eq(periods.id, periodId)).get()?.startsOn;
  if (starts === undefined) return [];
  return db.select({ code: periods.code }).from(periods).where(gt(periods.startsOn, starts)).orderBy(asc(periods.startsOn)).limit(MAX_CONSECUTIVE_PERIODS).all().map((p) => p.code);
}

/**
 * The stakeholder's determinations for a published period (stakeholderDeterminations), each with
 * its outlook, the later periods by name, and whom the sentences address: the stakeholder itself
 * ("you") or a reader of its scorecard ("this stakeholder").
 */
export function stakeholderIncentives(db: DbOrTx, user: Pick<SessionUser, 'role' | 'stakeholderId'>, stakeholderId: number, periodId: number) {
  const base = stakeholderDeterminations(db, stakeholderId, periodId);
  const ids = base.determinations.map((d) => d.determinationId);
  const rows = ids.length
    ? db
        .select({ id: determinations.id, runId: determinations.runId, snapshot: eligibilityRuns.programSnapshot, composite: determinations.composite, county: determinations.county, type: determinations.type, truth: determinations.truth, demand: determinations.demand })
        .from(determinations)
        .innerJoin(eligibilityRuns, eq(eligibilityRuns.id, determinations.runId))
        .where(inArray(determinations.id, ids))
        .all()
    : [];
  const byId = new Map(rows.map((r) => [r.id, r]));
  const code = ids.length ? (db.select({ code: stakeholders.code }).from(stakeholders).where(eq(stakeholders.id, stakeholderId)).get()?.code ?? '') : '';
  const outlookOf = (d: (typeof base.determinations)[number]) => {
    const r = byId.get(d.determinationId);
    if (!r) return null;
    const row: Row & { gap: Gap | null } = { runId: r.runId, snapshot: r.snapshot, composite: r.composite, county: r.county, type: (r.type ?? r.snapshot.eligibleTypes[0]!) as StakeholderType, truth: r.truth ?? d.truth, demand: r.demand, gap: d.gap };
    return { atStake: atStakeOf(db, row, stakeholderId, code), standing: standingOf(db, row, code), next: nextPeriodCondition(r.snapshot.rule, d.explanation) };
  };
  const list = base.determinations.map((d) => ({ ...d, outlook: outlookOf(d) }));
  return { ...base, determinations: list, laterPeriods: laterPeriods(db, periodId), person: user.role === 'stakeholder' && user.stakeholderId === stakeholderId ? ('you' as const) : ('they' as const) };
}
