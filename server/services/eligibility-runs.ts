// Eligibility runs: a program evaluated against a published period's official scores. The inputs
// are built from the published score runs (and earlier published periods for "consecutive"
// clauses), the engine (core/eligibility) decides, and the determinations are stored in one
// transaction, immutable (a trigger refuses UPDATE); overrides sit beside them with a reason.
import 'server-only';
import { desc, eq } from 'drizzle-orm';
import type { Db, DbOrTx } from '@/db';
import { determinationOverrides, determinations, eligibilityRuns, incentivePrograms, periods, user } from '@/db/schema';
import type { SessionUser } from '@/server/auth/session';
import { NotFoundError, StateError, ValidationError } from '@/server/errors';
import { vmsg } from '@/core/domain/messages';
import { noProgress, type ReportProgress } from '@/core/domain/jobs';
import { labelOf, type Label } from '@/core/i18n/label';
import { determinationExplanation, programCore, runEligibility, type DeterminationExplanation, type Gap, type ProgramSnapshot, type RuleExplanation } from '@/core/eligibility';
import { writeAudit } from '@/server/queries/audit';
import { runBeneficiaries, runDeterminationsPage, runTotalsByGroup, storedResults, titleOf } from '@/server/queries/determinations';
import { pagedResult } from '@/core/schemas/list-params';
import type { DeterminationListParams } from '@/core/schemas/lists';
import { buildPeriodInputs, publishedPeriod } from '@/server/queries/eligibility-inputs';
import { getProgram } from '@/server/queries/programs';
import { listCounties } from '@/server/queries/regions';

/** Periods a program may run on: the published ones, newest first. */
export { publishedPeriods } from '@/server/queries/periods';

/** Refuses a run that cannot succeed (unknown or archived program, a period not published), before it is queued. */
export function checkRun(db: Db, opts: { programId: number; periodId: number }) {
  const program = getProgram(db, opts.programId);
  if (program.status === 'archived') throw new StateError(`Program ${program.code} is archived; reactivate it before running it.`, 'program_archived');
  publishedPeriod(db, opts.periodId);
  return program;
}

/** Runs a program on a published period and stores the run and its determinations. */
export function runProgram(db: Db, actor: Pick<SessionUser, 'id'>, opts: { programId: number; periodId: number }, progress: ReportProgress = noProgress) {
  const program = checkRun(db, opts);
  progress(0.05, 'checking');
  const core = programCore(program);
  const built = buildPeriodInputs(db, opts.periodId, core.eligibleTypes);
  progress(0.3, 'evaluating');
  const result = runEligibility(core, built.inputs);
  const snapshot: ProgramSnapshot = { ...core, code: program.code, nameEn: program.nameEn, nameZh: program.nameZh, scoreRunIds: built.scoreRunIds };
  progress(0.6, 'saving');
  return db.transaction((tx) => {
    const run = tx
      .insert(eligibilityRuns)
      .values({
        programId: program.id,
        periodId: opts.periodId,
        scoreRunId: built.scoreRunIds[0] ?? null,
        programSnapshot: snapshot,
        inputHash: result.inputHash,
        createdBy: actor.id,
      })
      .returning()
      .get();
    const rows = result.determinations.map((d) => ({
      runId: run.id,
      stakeholderId: built.stakeholderIds.get(d.stakeholder)!,
      eligible: d.eligible,
      amount: d.amount,
      rate: d.rate,
      title: d.title ? JSON.stringify(d.title) : null,
      explanation: determinationExplanation(d),
      gap: d.gap,
    }));
    for (let i = 0; i < rows.length; i += 200) tx.insert(determinations).values(rows.slice(i, i + 200)).run();
    writeAudit(tx, {
      actorId: actor.id,
      action: 'eligibility.run',
      entity: 'eligibility_run',
      entityId: run.id,
      after: { programId: program.id, periodId: opts.periodId, inputHash: result.inputHash, totals: { ...result.totals, byCounty: undefined, byType: undefined } },
    });
    return { runId: run.id, inputHash: result.inputHash, totals: result.totals };
  });
}

export function listRuns(db: DbOrTx, programId: number) {
  return db
    .select({ id: eligibilityRuns.id, periodCode: periods.code, inputHash: eligibilityRuns.inputHash, createdAt: eligibilityRuns.createdAt, createdBy: user.name })
    .from(eligibilityRuns)
    .innerJoin(periods, eq(periods.id, eligibilityRuns.periodId))
    .leftJoin(user, eq(user.id, eligibilityRuns.createdBy))
    .where(eq(eligibilityRuns.programId, programId))
    .orderBy(desc(eligibilityRuns.id))
    .all();
}

/** A stored determination as the run page shows it: its explanation's facts, names, and the latest override. */
export type DeterminationView = Omit<DeterminationExplanation, 'county' | 'rule'> & {
  id: number;
  stakeholderId: number;
  stakeholder: string;
  name: string;
  countyCode: string | null;
  countyName: Label | null;
  computed: { eligible: boolean; amount: number | null };
  eligible: boolean;
  amount: number | null;
  rate: number | null;
  title: { en: string; 'zh-CN': string } | null;
  explanation: RuleExplanation;
  gap: Gap | null;
  override: { eligible: boolean; amount: number | null; reason: string; by: string | null; at: Date } | null;
};

type StoredRow = ReturnType<typeof runBeneficiaries>[number];

/** A stored determination with its latest override, as the run page shows it. */
function determinationView({ d, code, name, o, by }: StoredRow, countyByCode: Map<string, { nameEn: string; nameZh: string }>): DeterminationView {
  const e = d.explanation;
  const county = e.county ? countyByCode.get(e.county) : undefined;
  return {
    id: d.id,
    stakeholderId: d.stakeholderId,
    stakeholder: code,
    name,
    type: e.type,
    countyCode: e.county,
    countyName: county ? labelOf(county) : null,
    composite: e.composite,
    truth: e.truth,
    reason: e.reason,
    computed: { eligible: d.eligible, amount: d.amount },
    eligible: o ? o.eligible : d.eligible,
    amount: o ? o.amount : d.amount,
    demand: e.demand,
    capped: e.capped,
    budgetCut: e.budgetCut,
    rate: d.rate,
    title: titleOf(d.title),
    explanation: e.rule,
    gap: d.gap,
    override: o ? { eligible: o.eligible, amount: o.amount, reason: o.reason, by, at: o.createdAt } : null,
  };
}

const countiesByCode = (db: DbOrTx) => new Map(listCounties(db).map((c) => [c.code, c]));
const cents = (n: number) => Math.round(n * 100) / 100;

type Total = { key: string; name: Label | null; candidates: number; passed: number; awarded: number; amount: number };

/** Sums grouped rows under a key (county or type), by key. */
function totalsOf(groups: ReturnType<typeof runTotalsByGroup>, keyOf: (g: (typeof groups)[number]) => { key: string; name: Label | null }): Total[] {
  const map = new Map<string, Total>();
  for (const g of groups) {
    const k = keyOf(g);
    const t = map.get(k.key) ?? map.set(k.key, { ...k, candidates: 0, passed: 0, awarded: 0, amount: 0 }).get(k.key)!;
    t.candidates += g.candidates;
    t.passed += g.passed;
    t.awarded += g.awarded;
    t.amount = cents(t.amount + g.allocated);
  }
  return [...map.values()].sort((a, b) => a.key.localeCompare(b.key));
}

function runHeader(db: DbOrTx, runId: number) {
  const run = db
    .select({ run: eligibilityRuns, periodCode: periods.code, createdBy: user.name, programCode: incentivePrograms.code })
    .from(eligibilityRuns)
    .innerJoin(periods, eq(periods.id, eligibilityRuns.periodId))
    .innerJoin(incentivePrograms, eq(incentivePrograms.id, eligibilityRuns.programId))
    .leftJoin(user, eq(user.id, eligibilityRuns.createdBy))
    .where(eq(eligibilityRuns.id, runId))
    .get();
  if (!run) throw new NotFoundError('Eligibility run', runId);
  return run;
}

/** A run with its totals (overrides applied, counted in SQL); its determinations come a page at a time from `listDeterminations`. */
export function getRun(db: DbOrTx, runId: number) {
  const run = runHeader(db, runId);
  const groups = runTotalsByGroup(db, runId);
  const counties = countiesByCode(db);
  const sum = (f: (g: (typeof groups)[number]) => number) => groups.reduce((a, g) => a + f(g), 0);
  const snapshot = run.run.programSnapshot;
  return {
    id: run.run.id,
    programId: run.run.programId,
    programCode: run.programCode,
    periodId: run.run.periodId,
    periodCode: run.periodCode,
    inputHash: run.run.inputHash,
    createdAt: run.run.createdAt,
    createdBy: run.createdBy,
    snapshot,
    counties: [...new Set(groups.map((g) => g.county).filter((c) => c !== null))].sort().map((code) => {
      const c = counties.get(code);
      return { code, name: c ? labelOf(c) : null };
    }),
    totals: {
      candidates: sum((g) => g.candidates),
      passed: sum((g) => g.passed),
      awarded: sum((g) => g.awarded),
      overridden: sum((g) => g.overridden),
      demand: cents(sum((g) => g.demand)),
      allocated: cents(sum((g) => g.allocated)),
      budget: snapshot.budget,
      byCounty: totalsOf(groups, (g) => {
        const c = g.county ? counties.get(g.county) : undefined;
        return { key: g.county ?? '', name: c ? labelOf(c) : null };
      }),
      byType: totalsOf(groups, (g) => ({ key: g.type, name: null })),
    },
  };
}

/** One page of a run's determinations (overrides applied and shown), with filters and sort. */
export function listDeterminations(db: DbOrTx, params: DeterminationListParams) {
  runHeader(db, params.runId); // NOT_FOUND for a missing run
  const { rows, total } = runDeterminationsPage(db, params);
  const counties = countiesByCode(db);
  return pagedResult(rows.map((r) => determinationView(r, counties)), total, params);
}

/**
 * Rebuilds the inputs from the database and runs the program snapshot again; reports whether the
 * input hash and every computed determination are the same as stored.
 */
export function recomputeRun(db: DbOrTx, runId: number) {
  const run = db.select().from(eligibilityRuns).where(eq(eligibilityRuns.id, runId)).get();
  if (!run) throw new NotFoundError('Eligibility run', runId);
  const core = programCore(run.programSnapshot);
  const built = buildPeriodInputs(db, run.periodId, core.eligibleTypes);
  const result = runEligibility(core, built.inputs);
  const stored = new Map(storedResults(db, runId).map((d) => [d.stakeholder, d]));
  const differences: { stakeholder: string; field: string; stored: unknown; recomputed: unknown }[] = [];
  for (const d of result.determinations) {
    const s = stored.get(d.stakeholder);
    stored.delete(d.stakeholder);
    if (!s) {
      differences.push({ stakeholder: d.stakeholder, field: 'presence', stored: null, recomputed: d.reason });
      continue;
    }
    const pairs: [string, unknown, unknown][] = [
      ['eligible', s.eligible, d.eligible],
      ['amount', s.amount, d.amount],
      ['rate', s.rate, d.eligible ? d.rate : null],
      ['reason', s.reason, d.reason],
    ];
    for (const [field, a, b] of pairs) if (a !== b) differences.push({ stakeholder: d.stakeholder, field, stored: a, recomputed: b });
  }
  for (const code of stored.keys()) differences.push({ stakeholder: code, field: 'presence', stored: 'present', recomputed: null });
  return {
    storedHash: run.inputHash,
    recomputedHash: result.inputHash,
    sameHash: run.inputHash === result.inputHash,
    compared: result.determinations.length,
    differences: differences.slice(0, 100),
    differenceCount: differences.length,
  };
}

export function overrideDetermination(
  db: Db,
  actor: Pick<SessionUser, 'id'>,
  input: { determinationId: number; eligible: boolean; amount: number | null; reason: string },
) {
  return db.transaction((tx) => {
    const d = tx.select().from(determinations).where(eq(determinations.id, input.determinationId)).get();
    if (!d) throw new NotFoundError('Determination', input.determinationId);
    if (!input.eligible && input.amount !== null && input.amount > 0) {
      throw new ValidationError('A stakeholder overridden to not eligible gets no amount.', { amount: [vmsg('validation.incentives.override.amountWhenIneligible')] });
    }
    const previous = tx.select().from(determinationOverrides).where(eq(determinationOverrides.determinationId, d.id)).orderBy(desc(determinationOverrides.id)).get();
    const row = tx
      .insert(determinationOverrides)
      .values({ determinationId: d.id, eligible: input.eligible, amount: input.amount, reason: input.reason, createdBy: actor.id })
      .returning()
      .get();
    writeAudit(tx, {
      actorId: actor.id,
      action: 'determination.override',
      entity: 'determination',
      entityId: d.id,
      before: previous ? { eligible: previous.eligible, amount: previous.amount } : { eligible: d.eligible, amount: d.amount },
      after: { eligible: input.eligible, amount: input.amount },
      reason: input.reason,
    });
    return row;
  });
}

/** The beneficiaries of a run (overrides applied), every one, for the CSV / XLSX export. */
export function beneficiaries(db: DbOrTx, runId: number) {
  const run = runHeader(db, runId);
  const counties = countiesByCode(db);
  return {
    run: { id: run.run.id, programCode: run.programCode, periodCode: run.periodCode, inputHash: run.run.inputHash, snapshot: run.run.programSnapshot },
    rows: runBeneficiaries(db, runId).map((r) => determinationView(r, counties)),
  };
}
