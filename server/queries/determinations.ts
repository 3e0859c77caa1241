// Determinations: a stakeholder's for one published period, as its scorecard shows them, and a
// run's, a page at a time with totals counted in SQL; overrides proposed, decided and applied.
// An override applies once approved (four eyes); the latest approved one of a determination wins.
import 'server-only';
import { and, asc, count, desc, eq, inArray, ne, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { DbOrTx } from '@/db';
import { determinationOverrides, determinations, eligibilityRuns, incentivePrograms, indicators, objectives, stakeholders, user } from '@/db/schema';
import type { StakeholderType } from '@/core/domain/enums';
import { pageOffset } from '@/core/schemas/list-params';
import type { DeterminationListParams } from '@/core/schemas/lists';
import { containsText } from './search';
import { latestResults } from './robustness';
import { clausesOf, UNSCORED_TRUTH, type RuleExplanation } from '@/core/eligibility';
import { labelOf, type Label } from '@/core/i18n/label';
import { FRAGILE_BELOW } from '@/core/domain/robustness';

/** A determination's title (a commendation's), stored as JSON text in its own column. */
export function titleOf(stored: string | null): Label | null {
  return stored ? (JSON.parse(stored) as Label) : null;
}

/**
 * This stakeholder's incentive determinations for one published period: for each program, the
 * latest eligibility run of that period (a later run supersedes an earlier one; draft programs are
 * trials and are left out), the determination of this stakeholder only, with its explanation per
 * clause, its gap, and the latest override applied and marked. Program names come from the run's
 * snapshot, i.e. as the program was when it decided. Clause labels: names of the objectives and
 * indicators the rules mention.
 */
export function stakeholderDeterminations(db: DbOrTx, stakeholderId: number, periodId: number) {
  const runs = db
    .select({ id: eligibilityRuns.id, programId: eligibilityRuns.programId, snapshot: eligibilityRuns.programSnapshot, createdAt: eligibilityRuns.createdAt })
    .from(eligibilityRuns)
    .innerJoin(incentivePrograms, eq(incentivePrograms.id, eligibilityRuns.programId))
    .where(and(eq(eligibilityRuns.periodId, periodId), ne(incentivePrograms.status, 'draft')))
    .orderBy(desc(eligibilityRuns.id))
    .all()
    .filter((run, i, all) => all.findIndex((other) => other.programId === run.programId) === i);
  const rows = runs.length
    ? db
        .select()
        .from(determinations)
        .where(and(eq(determinations.stakeholderId, stakeholderId), inArray(determinations.runId, runs.map((r) => r.id))))
        .all()
    : [];
  const overrides = rows.length
    ? db
        .select()
        .from(determinationOverrides)
        .where(and(inArray(determinationOverrides.determinationId, rows.map((d) => d.id)), eq(determinationOverrides.status, 'approved')))
        .orderBy(asc(determinationOverrides.id))
        .all()
    : [];
  const latestOverride = new Map(overrides.map((o) => [o.determinationId, o])); // later ids overwrite earlier
  const runOf = new Map(runs.map((r) => [r.id, r]));
  // Each run's latest robustness check, when one was made: whether the decision held under other weightings.
  const robustness = latestResults(db, rows.map((d) => d.id));
  const list = rows
    .map((d) => {
      const run = runOf.get(d.runId)!;
      const snapshot = run.snapshot;
      const e = d.explanation;
      const o = latestOverride.get(d.id);
      return {
        determinationId: d.id,
        runId: run.id,
        decidedAt: run.createdAt,
        program: { id: run.programId, code: snapshot.code, kind: snapshot.kind, nameEn: snapshot.nameEn, nameZh: snapshot.nameZh },
        eligible: o ? o.eligible : d.eligible,
        amount: o ? o.amount : d.amount,
        computed: { eligible: d.eligible, amount: d.amount },
        rate: d.rate,
        title: titleOf(d.title),
        truth: e.truth,
        reason: e.reason,
        demand: e.demand,
        capped: e.capped,
        explanation: e.rule,
        gap: d.gap,
        override: o ? { eligible: o.eligible, amount: o.amount, reason: o.reason, at: o.createdAt } : null,
        robustness: robustnessOf(robustness.get(d.id)),
        rule: snapshot.rule,
      };
    })
    .sort((a, b) => (a.program.code < b.program.code ? -1 : a.program.code > b.program.code ? 1 : 0));

  const objectiveCodes = new Set<string>();
  const indicatorCodes = new Set<string>();
  const collect = (c: ReturnType<typeof clausesOf>[number]) => {
    if (c.kind === 'objective') objectiveCodes.add(c.objective);
    else if (c.kind === 'indicator') indicatorCodes.add(c.indicator);
    else if (c.kind === 'noRedFlag' && c.indicator) indicatorCodes.add(c.indicator);
    else if (c.kind === 'consecutive') collect(c.clause as ReturnType<typeof clausesOf>[number]);
  };
  for (const d of list) clausesOf(d.rule).forEach(collect);
  for (const d of list)
    for (const f of redFlagIndicators(d.explanation)) indicatorCodes.add(f);
  const names = (rowsOf: { code: string; nameEn: string; nameZh: string }[]) => Object.fromEntries(rowsOf.map((r) => [r.code, labelOf(r)]));
  const labels = {
    objectives: objectiveCodes.size
      ? names(db.select({ code: objectives.code, nameEn: objectives.nameEn, nameZh: objectives.nameZh }).from(objectives).where(inArray(objectives.code, [...objectiveCodes])).all())
      : {},
    indicators: indicatorCodes.size
      ? names(db.select({ code: indicators.code, nameEn: indicators.nameEn, nameZh: indicators.nameZh }).from(indicators).where(inArray(indicators.code, [...indicatorCodes])).all())
      : {},
  };
  return { determinations: list.map(({ rule: _rule, ...rest }) => rest), labels };
}

/** What a stakeholder is told of its decision's robustness: the share of draws it held in, of how many. */
function robustnessOf(r: { stability: number; draws: number } | undefined) {
  return r ? { stability: r.stability, draws: r.draws, fragile: r.stability < FRAGILE_BELOW } : null;
}

/** Indicators named in red-flag details of an explanation (flagged ones are listed by name). */
function redFlagIndicators(e: RuleExplanation): string[] {
  if (e.op === 'clause') return (e.explanation.redFlags ?? []).map((f) => f.indicator);
  return (e.op === 'not' ? [e.rule] : e.rules).flatMap(redFlagIndicators);
}


// ---- A run's determinations, a page at a time, and its totals counted in SQL ----

/** The latest approved override of each determination (later ids win), joined beside it. */
const latestOverride = sql`${determinationOverrides.id} = (select max(o2.id) from ${determinationOverrides} o2 where o2.determination_id = ${determinations.id} and o2.status = 'approved')`;
/** The second administrator, who approved the override. */
const approver = alias(user, 'approver');
/** The explanation's facts, from the columns written beside it. */
export const determinationFacts = {
  county: sql<string | null>`${determinations.county}`,
  composite: sql<number | null>`${determinations.composite}`,
  truth: sql<string>`${determinations.truth}`,
  type: sql<StakeholderType>`${determinations.type}`,
  demand: sql<number | null>`${determinations.demand}`,
};
/** Eligibility and amount with the latest override applied. */
const effectiveEligible = sql<number>`coalesce(${determinationOverrides.eligible}, ${determinations.eligible})`;
const effectiveAmount = sql<number | null>`case when ${determinationOverrides.id} is null then ${determinations.amount} else ${determinationOverrides.amount} end`;

const DETERMINATION_SORTS = {
  code: [stakeholders.code],
  name: [stakeholders.name, stakeholders.code],
  composite: [determinationFacts.composite, stakeholders.code],
  amount: [effectiveAmount, stakeholders.code],
} as const;

type DeterminationFilters = Pick<DeterminationListParams, 'runId' | 'search' | 'outcome' | 'countyCode'>;

function determinationConditions(f: DeterminationFilters): SQL | undefined {
  return and(
    eq(determinations.runId, f.runId),
    f.countyCode ? sql`${determinationFacts.county} = ${f.countyCode}` : undefined,
    f.outcome === 'awarded' ? sql`${effectiveEligible} = 1` : f.outcome === 'notAwarded' ? sql`${effectiveEligible} = 0` : f.outcome === 'overridden' ? sql`${determinationOverrides.id} is not null` : f.outcome === 'ruleFailed' ? sql`${determinationFacts.truth} in ('fail', 'unknown')` : f.outcome === 'notScored' ? sql`${determinationFacts.truth} = ${UNSCORED_TRUTH}` : undefined,
    f.search ? or(containsText(stakeholders.code, f.search), containsText(stakeholders.name, f.search)) : undefined,
  );
}

/** One page of a run's determinations with their latest override, and the number of rows all pages hold. */
export function runDeterminationsPage(db: DbOrTx, p: DeterminationListParams) {
  const where = determinationConditions(p);
  const columns = { d: determinations, code: stakeholders.code, name: stakeholders.name, o: determinationOverrides, by: user.name, approvedBy: approver.name };
  // By code or name, walk the stakeholders in that index's order and stop at the page (a CROSS
  // JOIN keeps SQLite from reordering); by composite or amount, start from the run's rows.
  const base =
    p.sort === 'code' || p.sort === 'name'
      ? db.select(columns).from(stakeholders).crossJoin(determinations)
      : db.select(columns).from(determinations).innerJoin(stakeholders, eq(stakeholders.id, determinations.stakeholderId));
  const rows = base
    .leftJoin(determinationOverrides, latestOverride)
    .leftJoin(user, eq(user.id, determinationOverrides.createdBy))
    .leftJoin(approver, eq(approver.id, determinationOverrides.decidedBy))
    .where(and(eq(determinations.stakeholderId, stakeholders.id), where))
    .orderBy(...DETERMINATION_SORTS[p.sort].map((c) => (p.dir === 'desc' ? desc(c) : asc(c))))
    .limit(p.pageSize)
    .offset(pageOffset(p))
    .all();
  // The count joins only what its filters read: without them it is a count over one index range.
  const counted = db.select({ n: count() }).from(determinations).$dynamic();
  if (p.search) counted.innerJoin(stakeholders, eq(stakeholders.id, determinations.stakeholderId));
  if (p.outcome && p.outcome !== 'ruleFailed' && p.outcome !== 'notScored') counted.leftJoin(determinationOverrides, latestOverride);
  const total = counted.where(where).get()?.n ?? 0;
  return { rows, total };
}

/** Every determination of a run that is awarded after overrides, by stakeholder code (the export file). */
export function runBeneficiaries(db: DbOrTx, runId: number) {
  return db
    .select({ d: determinations, code: stakeholders.code, name: stakeholders.name, o: determinationOverrides, by: user.name, approvedBy: approver.name })
    .from(determinations)
    .innerJoin(stakeholders, eq(stakeholders.id, determinations.stakeholderId))
    .leftJoin(determinationOverrides, latestOverride)
    .leftJoin(user, eq(user.id, determinationOverrides.createdBy))
    .leftJoin(approver, eq(approver.id, determinationOverrides.decidedBy))
    .where(and(eq(determinations.runId, runId), sql`${effectiveEligible} = 1`))
    .orderBy(asc(stakeholders.code))
    .all();
}

/** A run's counts and sums per county and stakeholder type, in one grouped scan (overrides applied). */
export function runTotalsByGroup(db: DbOrTx, runId: number) {
  return db
    .select({
      county: determinationFacts.county,
      type: determinationFacts.type,
      candidates: sql<number>`sum(${determinationFacts.truth} <> ${UNSCORED_TRUTH})`,
      notScored: sql<number>`sum(${determinationFacts.truth} = ${UNSCORED_TRUTH})`,
      passed: sql<number>`sum(${determinationFacts.truth} = 'pass')`,
      awarded: sql<number>`sum(${effectiveEligible})`,
      overridden: sql<number>`sum(${determinationOverrides.id} is not null)`,
      demand: sql<number>`coalesce(sum(case when ${determinationFacts.truth} = 'pass' then ${determinationFacts.demand} end), 0)`,
      allocated: sql<number>`coalesce(sum(case when ${effectiveEligible} = 1 then ${effectiveAmount} end), 0)`,
    })
    .from(determinations)
    .leftJoin(determinationOverrides, latestOverride)
    .where(eq(determinations.runId, runId))
    .groupBy(determinationFacts.county, determinationFacts.type)
    .all();
}

/** What "recompute and compare" checks of each stored determination: the computed result only. */
export function storedResults(db: DbOrTx, runId: number) {
  return db
    .select({ stakeholder: stakeholders.code, eligible: determinations.eligible, amount: determinations.amount, rate: determinations.rate, reason: sql<string>`${determinations.reason}` })
    .from(determinations)
    .innerJoin(stakeholders, eq(stakeholders.id, determinations.stakeholderId))
    .where(eq(determinations.runId, runId))
    .all();
}

// ---- Overrides: proposed, then approved or rejected by a second administrator ----

/** A determination of a run with its effective result (latest approved override applied). */
export function effectiveDetermination(db: DbOrTx, determinationId: number) {
  return db
    .select({ d: determinations, o: determinationOverrides, run: eligibilityRuns })
    .from(determinations)
    .innerJoin(eligibilityRuns, eq(eligibilityRuns.id, determinations.runId))
    .leftJoin(determinationOverrides, latestOverride)
    .where(eq(determinations.id, determinationId))
    .get();
}

/** What a run pays out with the approved overrides applied (the figure its budget is held against). */
export function runAllocated(db: DbOrTx, runId: number): number {
  const row = db
    .select({ allocated: sql<number>`coalesce(sum(case when ${effectiveEligible} = 1 then ${effectiveAmount} end), 0)` })
    .from(determinations)
    .leftJoin(determinationOverrides, latestOverride)
    .where(eq(determinations.runId, runId))
    .get();
  return row?.allocated ?? 0;
}

export function getOverride(db: DbOrTx, id: number) {
  return db.select().from(determinationOverrides).where(eq(determinationOverrides.id, id)).get();
}

export function insertOverride(db: DbOrTx, values: { determinationId: number; eligible: boolean; amount: number | null; reason: string; overBudget: boolean; createdBy: string }) {
  return db.insert(determinationOverrides).values(values).returning().get();
}

/** Records the decision on a pending override (the one change the database allows it). */
export function decideOverride(db: DbOrTx, id: number, decision: { status: 'approved' | 'rejected'; decidedBy: string; decisionReason: string | null }) {
  return db
    .update(determinationOverrides)
    .set({ ...decision, decidedAt: new Date() })
    .where(and(eq(determinationOverrides.id, id), eq(determinationOverrides.status, 'pending')))
    .returning()
    .get();
}

/**
 * Pending overrides, oldest first: of a run (for the approvers' list), or of some determinations
 * (the rows a page shows), with the proposer's name and what the determination computed.
 */
export function pendingOverrides(db: DbOrTx, where: { runId: number } | { determinationIds: number[] }) {
  if ('determinationIds' in where && where.determinationIds.length === 0) return [];
  return db
    .select({ o: determinationOverrides, by: user.name, code: stakeholders.code, name: stakeholders.name, computed: { eligible: determinations.eligible, amount: determinations.amount } })
    .from(determinationOverrides)
    .innerJoin(determinations, eq(determinations.id, determinationOverrides.determinationId))
    .innerJoin(stakeholders, eq(stakeholders.id, determinations.stakeholderId))
    .leftJoin(user, eq(user.id, determinationOverrides.createdBy))
    .where(
      and(
        eq(determinationOverrides.status, 'pending'),
        'runId' in where ? eq(determinations.runId, where.runId) : inArray(determinationOverrides.determinationId, where.determinationIds),
      ),
    )
    .orderBy(asc(determinationOverrides.id))
    .all();
}
