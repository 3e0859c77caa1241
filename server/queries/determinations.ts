// A stakeholder's incentive determinations for one published period, as its scorecard shows them.
import 'server-only';
import { and, asc, desc, eq, inArray, ne } from 'drizzle-orm';
import type { DbOrTx } from '@/db';
import { determinationOverrides, determinations, eligibilityRuns, incentivePrograms, indicators, objectives } from '@/db/schema';
import { clausesOf, type RuleExplanation } from '@/core/eligibility';
import { labelOf, type Label } from '@/core/i18n/label';

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
    ? db.select().from(determinationOverrides).where(inArray(determinationOverrides.determinationId, rows.map((d) => d.id))).orderBy(asc(determinationOverrides.id)).all()
    : [];
  const latestOverride = new Map(overrides.map((o) => [o.determinationId, o])); // later ids overwrite earlier
  const runOf = new Map(runs.map((r) => [r.id, r]));
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

/** Indicators named in red-flag details of an explanation (flagged ones are listed by name). */
function redFlagIndicators(e: RuleExplanation): string[] {
  if (e.op === 'clause') return (e.explanation.redFlags ?? []).map((f) => f.indicator);
  return (e.op === 'not' ? [e.rule] : e.rules).flatMap(redFlagIndicators);
}

