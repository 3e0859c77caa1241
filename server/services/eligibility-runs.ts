// Eligibility runs: a program evaluated against a published period's official scores. The inputs
// are built from the published score runs (and earlier published periods for "consecutive"
// clauses), the engine (core/eligibility) decides, and the determinations are stored in one
// transaction, immutable (triggers refuse UPDATE and DELETE); overrides sit beside them with a
// reason and apply once a second administrator approves them (determination-overrides.ts).
import 'server-only';
import { desc, eq } from 'drizzle-orm';
import type { Db, DbOrTx } from '@/db';
import { eligibilityRuns, incentivePrograms, periods, user } from '@/db/schema';
import type { SessionUser } from '@/server/auth/session';
import { NotFoundError, StateError } from '@/server/errors';
import { noProgress, type ReportProgress } from '@/core/domain/jobs';
import { labelOf, type Label } from '@/core/i18n/label';
import { MAX_CONSECUTIVE_PERIODS, programCore, runEligibility, type DeterminationExplanation, type Gap, type RuleExplanation } from '@/core/eligibility';
import { pendingOverrides, runBeneficiaries, runDeterminationsPage, runTotalsByGroup, storedResults, titleOf } from '@/server/queries/determinations';
import { pagedResult } from '@/core/schemas/list-params';
import type { DeterminationListParams } from '@/core/schemas/lists';
import { buildPeriodInputs, publishedPeriod, unscoredStakeholders } from '@/server/queries/eligibility-inputs';
import { nativeSha256Hex } from '@/server/queries/native-hash';
import { storeEligibilityRun } from '@/server/queries/eligibility-store';
import { runRevisionLinks } from '@/server/queries/revisions';
import { getProgram, programProblems } from '@/server/queries/programs';
import { listCounties } from '@/server/queries/regions';

/** Periods a program may run on: the published ones, newest first. */
export { publishedPeriods } from '@/server/queries/periods';

/** Refuses a run that cannot succeed (unknown or archived program, a period not published), before it is queued. */
export function checkRun(db: Db, opts: { programId: number; periodId: number }) {
  const program = getProgram(db, opts.programId);
  if (program.status === 'archived') throw new StateError(`Program ${program.code} is archived; reactivate it before running it.`, 'program_archived');
  // A program saved before its bounds were checked may promise absurd amounts: fix it first.
  if (Object.keys(programProblems(db, program)).length > 0) throw new StateError(`Program ${program.code} has values outside its bounds; edit and save it before running it.`, 'program_invalid');
  publishedPeriod(db, opts.periodId);
  return program;
}

/** Runs a program on a published period and stores the run and its determinations. */
export function runProgram(db: Db, actor: Pick<SessionUser, 'id'>, opts: { programId: number; periodId: number }, progress: ReportProgress = noProgress) {
  const program = checkRun(db, opts);
  progress(0.05, 'checking');
  return storeEligibilityRun(db, actor.id, { programId: program.id, periodId: opts.periodId, program: { ...programCore(program), code: program.code, nameEn: program.nameEn, nameZh: program.nameZh } }, progress);
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
export type DeterminationView = Omit<DeterminationExplanation, 'county' | 'rule' | 'notScored'> & {
  /** Why a stakeholder listed without a score has none. */
  notScored: NonNullable<DeterminationExplanation['notScored']> | null;
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
  /** The override in effect: proposed by one administrator, approved by another. */
  override: { eligible: boolean; amount: number | null; reason: string; by: string | null; at: Date; approvedBy: string | null; approvedAt: Date | null } | null;
  /** An override waiting for a second administrator (not applied yet). */
  pending: { id: number; eligible: boolean; amount: number | null; reason: string; by: string | null; at: Date; overBudget: boolean } | null;
};

type StoredRow = ReturnType<typeof runBeneficiaries>[number];

/** A stored determination with its latest override, as the run page shows it. */
function determinationView({ d, code, name, o, by, approvedBy }: StoredRow, countyByCode: Map<string, { nameEn: string; nameZh: string }>, pending: DeterminationView['pending'] = null): DeterminationView {
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
    notScored: e.notScored ?? null,
    gap: d.gap,
    override: o ? { eligible: o.eligible, amount: o.amount, reason: o.reason, by, at: o.createdAt, approvedBy, approvedAt: o.decidedAt } : null,
    pending,
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
    // A revision of the period re-runs the program: the run it replaces, or the one that replaced it.
    revision: runRevisionLinks(db, runId),
    counties: [...new Set(groups.map((g) => g.county).filter((c) => c !== null))].sort().map((code) => {
      const c = counties.get(code);
      return { code, name: c ? labelOf(c) : null };
    }),
    totals: {
      candidates: sum((g) => g.candidates),
      notScored: sum((g) => g.notScored),
      passed: sum((g) => g.passed),
      awarded: sum((g) => g.awarded),
      overridden: sum((g) => g.overridden),
      demand: cents(sum((g) => g.demand)),
      allocated: cents(sum((g) => g.allocated)),
      budget: snapshot.budget,
      /** Approved overrides took the run past its budget (each was confirmed as such). */
      overBudget: snapshot.budget !== null && cents(sum((g) => g.allocated)) > snapshot.budget,
      pendingOverrides: pendingOverrides(db, { runId }).length,
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
  const pending = new Map(
    pendingOverrides(db, { determinationIds: rows.map((r) => r.d.id) }).map(({ o, by }) => [
      o.determinationId,
      { id: o.id, eligible: o.eligible, amount: o.amount, reason: o.reason, by, at: o.createdAt, overBudget: o.overBudget },
    ]),
  );
  return pagedResult(rows.map((r) => determinationView(r, counties, pending.get(r.d.id) ?? null)), total, params);
}

/**
 * Rebuilds the inputs from the database and runs the program snapshot again; reports whether the
 * input hash and every computed determination are the same as stored.
 */
export function recomputeRun(db: Db, runId: number) {
  const run = db.select().from(eligibilityRuns).where(eq(eligibilityRuns.id, runId)).get();
  if (!run) throw new NotFoundError('Eligibility run', runId);
  const core = programCore(run.programSnapshot);
  // A run recorded before the snapshot named what it read of the past read all of it.
  const snap = run.programSnapshot;
  const built = buildPeriodInputs(db, run.periodId, core.eligibleTypes, snap.historyPeriods ?? MAX_CONSECUTIVE_PERIODS - 1, snap.historyFields ?? null);
  const result = runEligibility(core, built.inputs, { hashHex: nativeSha256Hex });
  const stored = new Map(storedResults(db, runId).map((d) => [d.stakeholder, d]));
  const differences: { stakeholder: string; field: string; stored: unknown; recomputed: unknown }[] = [];
  // Those listed without a score are still without one (a stakeholder scored since is a difference).
  const notScored = snap.listsNotScored ? unscoredStakeholders(db, run.periodId, core.eligibleTypes, built.scoreRunIds) : [];
  for (const n of notScored) {
    const s = stored.get(n.stakeholder);
    stored.delete(n.stakeholder);
    if (s?.reason !== 'not_scored') differences.push({ stakeholder: n.stakeholder, field: s ? 'reason' : 'presence', stored: s?.reason ?? null, recomputed: 'not_scored' });
  }
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

/** The beneficiaries of a run (overrides applied), every one, for the CSV / XLSX export. */
export function beneficiaries(db: DbOrTx, runId: number) {
  const run = runHeader(db, runId);
  const counties = countiesByCode(db);
  return {
    run: { id: run.run.id, programCode: run.programCode, periodCode: run.periodCode, inputHash: run.run.inputHash, snapshot: run.run.programSnapshot },
    rows: runBeneficiaries(db, runId).map((r) => determinationView(r, counties)),
  };
}
