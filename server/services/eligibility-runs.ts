// Eligibility runs: a program evaluated against a published period's official scores. The inputs
// are built from the published score runs (and earlier published periods for "consecutive"
// clauses), the engine (core/eligibility) decides, and the determinations are stored in one
// transaction, immutable (a trigger refuses UPDATE); overrides sit beside them with a reason.
import 'server-only';
import { and, asc, desc, eq, inArray, lt } from 'drizzle-orm';
import type { Db, DbOrTx } from '@/db';
import { determinationOverrides, determinations, eligibilityRuns, incentivePrograms, indicators, kpiSetIndicators, kpiSets, kpiSetVersions, periods, regions, scoreRuns, scores, stakeholders, user } from '@/db/schema';
import type { SessionUser } from '@/server/auth/session';
import { NotFoundError, StateError, ValidationError } from '@/server/errors';
import { vmsg } from '@/core/domain/messages';
import { MAX_CONSECUTIVE_PERIODS, runEligibility, type Determination, type DeterminationReason, type EligibilityInput, type Gap, type HistoryEntry, type PeriodScore, type ProgramCore, type RuleExplanation, type Truth } from '@/core/eligibility';
import { coreOf, getProgram } from './incentives';
import { writeAudit } from './audit';
import { type StakeholderType } from '@/core/domain/enums';

type ScoreRow = typeof scores.$inferSelect;

function periodScoreOf(row: Pick<ScoreRow, 'composite' | 'grade' | 'objectives' | 'indicators' | 'percentile' | 'countyPercentile' | 'couplingClass'>): PeriodScore {
  const ind = row.indicators as Record<string, { raw: number | null; normalized: number | null }>;
  return {
    composite: row.composite,
    grade: row.grade,
    objectives: row.objectives as Record<string, number | null>,
    indicators: Object.fromEntries(Object.entries(ind).map(([code, v]) => [code, { raw: v.raw, normalized: v.normalized }])),
    percentile: row.percentile,
    countyPercentile: row.countyPercentile,
    couplingClass: row.couplingClass,
  };
}

/** The county of a region path "/province/prefecture/county/…": its third id. */
function countyIdOf(path: string): number | null {
  const id = Number(path.split('/').filter(Boolean)[2]);
  return Number.isInteger(id) ? id : null;
}

export type PeriodInputs = {
  period: typeof periods.$inferSelect;
  inputs: EligibilityInput[];
  scoreRunIds: number[];
  stakeholderIds: Map<string, number>;
};

function publishedPeriod(db: DbOrTx, periodId: number) {
  const period = db.select().from(periods).where(eq(periods.id, periodId)).get();
  if (!period) throw new NotFoundError('Period', periodId);
  if (period.status !== 'published') {
    throw new StateError(
      `Eligibility can only be run on a published period: ${period.code} is ${period.status}. Publish its scores first, then run the program.`,
      'period_not_published',
    );
  }
  return period;
}

/** The engine's inputs for one published period: official published scores of the eligible types. */
export function buildPeriodInputs(db: DbOrTx, periodId: number, eligibleTypes: readonly StakeholderType[]): PeriodInputs {
  const period = publishedPeriod(db, periodId);
  const runs = db
    .select({ id: scoreRuns.id, versionId: scoreRuns.kpiSetVersionId, type: kpiSets.stakeholderType, grades: kpiSetVersions.grades })
    .from(scoreRuns)
    .innerJoin(kpiSetVersions, eq(kpiSetVersions.id, scoreRuns.kpiSetVersionId))
    .innerJoin(kpiSets, eq(kpiSets.id, kpiSetVersions.kpiSetId))
    .where(and(eq(scoreRuns.periodId, periodId), eq(scoreRuns.status, 'published'), eq(scoreRuns.kind, 'official')))
    .orderBy(asc(scoreRuns.id))
    .all()
    .filter((r) => eligibleTypes.includes(r.type));
  const stakeholderIds = new Map<string, number>();
  if (runs.length === 0) return { period, inputs: [], scoreRunIds: [], stakeholderIds };

  const gradesOf = new Map(runs.map((r) => [r.id, [...(r.grades as { code: string; min: number }[])].sort((a, b) => b.min - a.min).map((g) => g.code)]));
  const limitsOf = new Map<number, Record<string, number>>();
  for (const r of runs) {
    const rows = db
      .select({ code: indicators.code, limit: indicators.redFlagAbove })
      .from(kpiSetIndicators)
      .innerJoin(indicators, eq(indicators.id, kpiSetIndicators.indicatorId))
      .where(eq(kpiSetIndicators.versionId, r.versionId))
      .all();
    limitsOf.set(r.id, Object.fromEntries(rows.filter((x) => x.limit !== null).map((x) => [x.code, x.limit!])));
  }

  const rows = db
    .select({ score: scores, code: stakeholders.code, name: stakeholders.name, type: stakeholders.type, path: regions.path })
    .from(scores)
    .innerJoin(stakeholders, eq(stakeholders.id, scores.stakeholderId))
    .innerJoin(regions, eq(regions.id, stakeholders.regionId))
    .where(inArray(scores.runId, runs.map((r) => r.id)))
    .orderBy(asc(stakeholders.code))
    .all();
  const countyIds = [...new Set(rows.map((r) => countyIdOf(r.path)).filter((x): x is number => x !== null))];
  const countyCode = new Map(
    countyIds.length ? db.select({ id: regions.id, code: regions.code }).from(regions).where(inArray(regions.id, countyIds)).all().map((r) => [r.id, r.code]) : [],
  );

  // Earlier published periods, most recent first: enough for the longest "consecutive" clause.
  const earlier = db
    .select()
    .from(periods)
    .where(and(eq(periods.status, 'published'), lt(periods.startsOn, period.startsOn)))
    .orderBy(desc(periods.startsOn))
    .limit(MAX_CONSECUTIVE_PERIODS - 1)
    .all();
  const past = new Map<string, PeriodScore>(); // `${periodId}:${stakeholderId}` → score
  if (earlier.length) {
    const pastRows = db
      .select({ score: scores, periodId: scoreRuns.periodId })
      .from(scores)
      .innerJoin(scoreRuns, eq(scoreRuns.id, scores.runId))
      .where(and(inArray(scoreRuns.periodId, earlier.map((p) => p.id)), eq(scoreRuns.status, 'published'), eq(scoreRuns.kind, 'official')))
      .all();
    for (const r of pastRows) past.set(`${r.periodId}:${r.score.stakeholderId}`, periodScoreOf(r.score));
  }

  const inputs: EligibilityInput[] = rows.map((r) => {
    stakeholderIds.set(r.code, r.score.stakeholderId);
    const history: HistoryEntry[] = earlier.map((p) => ({ period: p.code, score: past.get(`${p.id}:${r.score.stakeholderId}`) ?? null }));
    const county = countyIdOf(r.path);
    return {
      stakeholder: r.code,
      name: r.name,
      type: r.type,
      county: county === null ? undefined : (countyCode.get(county) ?? undefined),
      grades: gradesOf.get(r.score.runId) ?? [],
      redFlagLimits: limitsOf.get(r.score.runId) ?? {},
      history,
      ...periodScoreOf(r.score),
    };
  });
  return { period, inputs, scoreRunIds: runs.map((r) => r.id), stakeholderIds };
}

type StoredExplanation = {
  truth: Truth;
  reason: DeterminationReason;
  type: StakeholderType;
  county: string | null;
  composite: number | null;
  demand: number | null;
  capped: boolean;
  budgetCut: Determination['budgetCut'];
  rule: RuleExplanation;
};

type Snapshot = ProgramCore & { code: string; nameEn: string; nameZh: string; scoreRunIds: number[] };

/** Runs a program on a published period and stores the run and its determinations. */
export function runProgram(db: Db, actor: Pick<SessionUser, 'id'>, opts: { programId: number; periodId: number }) {
  const program = getProgram(db, opts.programId);
  if (program.status === 'archived') throw new StateError(`Program ${program.code} is archived; reactivate it before running it.`, 'program_archived');
  const core = coreOf(program);
  const built = buildPeriodInputs(db, opts.periodId, core.eligibleTypes);
  const result = runEligibility(core, built.inputs);
  const snapshot: Snapshot = { ...core, code: program.code, nameEn: program.nameEn, nameZh: program.nameZh, scoreRunIds: built.scoreRunIds };
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
      explanation: {
        truth: d.truth,
        reason: d.reason,
        type: d.type,
        county: d.county,
        composite: d.composite,
        demand: d.demand,
        capped: d.capped,
        budgetCut: d.budgetCut,
        rule: d.explanation,
      } satisfies StoredExplanation,
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

/** Periods a run may use: the published ones, newest first. */
export function publishedPeriods(db: DbOrTx) {
  return db.select({ id: periods.id, code: periods.code }).from(periods).where(eq(periods.status, 'published')).orderBy(desc(periods.startsOn)).all();
}

export type DeterminationView = {
  id: number;
  stakeholderId: number;
  stakeholder: string;
  name: string;
  type: StakeholderType;
  countyCode: string | null;
  countyEn: string | null;
  countyZh: string | null;
  composite: number | null;
  truth: Truth;
  reason: DeterminationReason;
  computed: { eligible: boolean; amount: number | null };
  eligible: boolean;
  amount: number | null;
  demand: number | null;
  capped: boolean;
  budgetCut: Determination['budgetCut'];
  rate: number | null;
  title: { en: string; 'zh-CN': string } | null;
  explanation: RuleExplanation;
  gap: Gap | null;
  override: { eligible: boolean; amount: number | null; reason: string; by: string | null; at: Date } | null;
};

function loadDeterminations(db: DbOrTx, runId: number): DeterminationView[] {
  const rows = db
    .select({ d: determinations, code: stakeholders.code, name: stakeholders.name })
    .from(determinations)
    .innerJoin(stakeholders, eq(stakeholders.id, determinations.stakeholderId))
    .where(eq(determinations.runId, runId))
    .orderBy(asc(stakeholders.code))
    .all();
  const overrides = rows.length
    ? db
        .select({ o: determinationOverrides, by: user.name })
        .from(determinationOverrides)
        .leftJoin(user, eq(user.id, determinationOverrides.createdBy))
        .where(inArray(determinationOverrides.determinationId, rows.map((r) => r.d.id)))
        .orderBy(asc(determinationOverrides.id))
        .all()
    : [];
  const latest = new Map(overrides.map((o) => [o.o.determinationId, o])); // later ids overwrite earlier
  const counties = db.select({ code: regions.code, nameEn: regions.nameEn, nameZh: regions.nameZh }).from(regions).where(eq(regions.level, 'county')).all();
  const countyByCode = new Map(counties.map((c) => [c.code, c]));
  return rows.map(({ d, code, name }) => {
    const e = d.explanation as StoredExplanation;
    const o = latest.get(d.id);
    const county = e.county ? countyByCode.get(e.county) : undefined;
    return {
      id: d.id,
      stakeholderId: d.stakeholderId,
      stakeholder: code,
      name,
      type: e.type,
      countyCode: e.county,
      countyEn: county?.nameEn ?? null,
      countyZh: county?.nameZh ?? null,
      composite: e.composite,
      truth: e.truth,
      reason: e.reason,
      computed: { eligible: d.eligible, amount: d.amount },
      eligible: o ? o.o.eligible : d.eligible,
      amount: o ? o.o.amount : d.amount,
      demand: e.demand,
      capped: e.capped,
      budgetCut: e.budgetCut,
      rate: d.rate,
      title: d.title ? (JSON.parse(d.title) as { en: string; 'zh-CN': string }) : null,
      explanation: e.rule,
      gap: d.gap as Gap | null,
      override: o ? { eligible: o.o.eligible, amount: o.o.amount, reason: o.o.reason, by: o.by, at: o.o.createdAt } : null,
    };
  });
}

type Total = { key: string; nameEn: string | null; nameZh: string | null; candidates: number; passed: number; awarded: number; amount: number };

function totalsOf(list: DeterminationView[], keyOf: (d: DeterminationView) => { key: string; nameEn: string | null; nameZh: string | null }): Total[] {
  const map = new Map<string, Total>();
  for (const d of list) {
    const k = keyOf(d);
    const t = map.get(k.key) ?? map.set(k.key, { ...k, candidates: 0, passed: 0, awarded: 0, amount: 0 }).get(k.key)!;
    t.candidates++;
    if (d.truth === 'pass') t.passed++;
    if (d.eligible) t.awarded++;
    t.amount = Math.round((t.amount + (d.eligible ? (d.amount ?? 0) : 0)) * 100) / 100;
  }
  return [...map.values()].sort((a, b) => a.key.localeCompare(b.key));
}

/** A run with its determinations (overrides applied and shown) and totals. */
export function getRun(db: DbOrTx, runId: number) {
  const run = db
    .select({ run: eligibilityRuns, periodCode: periods.code, createdBy: user.name })
    .from(eligibilityRuns)
    .innerJoin(periods, eq(periods.id, eligibilityRuns.periodId))
    .leftJoin(user, eq(user.id, eligibilityRuns.createdBy))
    .where(eq(eligibilityRuns.id, runId))
    .get();
  if (!run) throw new NotFoundError('Eligibility run', runId);
  const program = db.select({ id: incentivePrograms.id, code: incentivePrograms.code }).from(incentivePrograms).where(eq(incentivePrograms.id, run.run.programId)).get()!;
  const list = loadDeterminations(db, runId);
  const snapshot = run.run.programSnapshot as Snapshot;
  const allocated = Math.round(list.reduce((a, d) => a + (d.eligible ? (d.amount ?? 0) : 0), 0) * 100) / 100;
  return {
    id: run.run.id,
    programId: program.id,
    programCode: program.code,
    periodId: run.run.periodId,
    periodCode: run.periodCode,
    inputHash: run.run.inputHash,
    createdAt: run.run.createdAt,
    createdBy: run.createdBy,
    snapshot,
    determinations: list,
    totals: {
      candidates: list.length,
      passed: list.filter((d) => d.truth === 'pass').length,
      awarded: list.filter((d) => d.eligible).length,
      overridden: list.filter((d) => d.override).length,
      demand: Math.round(list.reduce((a, d) => a + (d.truth === 'pass' ? (d.demand ?? 0) : 0), 0) * 100) / 100,
      allocated,
      budget: snapshot.budget,
      byCounty: totalsOf(list, (d) => ({ key: d.countyCode ?? '', nameEn: d.countyEn, nameZh: d.countyZh })),
      byType: totalsOf(list, (d) => ({ key: d.type, nameEn: null, nameZh: null })),
    },
  };
}

/**
 * Rebuilds the inputs from the database and runs the program snapshot again; reports whether the
 * input hash and every computed determination are the same as stored.
 */
export function recomputeRun(db: DbOrTx, runId: number) {
  const run = db.select().from(eligibilityRuns).where(eq(eligibilityRuns.id, runId)).get();
  if (!run) throw new NotFoundError('Eligibility run', runId);
  const snapshot = run.programSnapshot as Snapshot;
  const core: ProgramCore = { kind: snapshot.kind, eligibleTypes: snapshot.eligibleTypes, rule: snapshot.rule, benefit: snapshot.benefit, budget: snapshot.budget, allocation: snapshot.allocation };
  const built = buildPeriodInputs(db, run.periodId, core.eligibleTypes);
  const result = runEligibility(core, built.inputs);
  const stored = new Map(loadDeterminations(db, runId).map((d) => [d.stakeholder, d]));
  const differences: { stakeholder: string; field: string; stored: unknown; recomputed: unknown }[] = [];
  for (const d of result.determinations) {
    const s = stored.get(d.stakeholder);
    stored.delete(d.stakeholder);
    if (!s) {
      differences.push({ stakeholder: d.stakeholder, field: 'presence', stored: null, recomputed: d.reason });
      continue;
    }
    const pairs: [string, unknown, unknown][] = [
      ['eligible', s.computed.eligible, d.eligible],
      ['amount', s.computed.amount, d.amount],
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

/** The beneficiaries of a run (overrides applied), for the CSV / XLSX export. */
export function beneficiaries(db: DbOrTx, runId: number) {
  const run = getRun(db, runId);
  return { run: { id: run.id, programCode: run.programCode, periodCode: run.periodCode, inputHash: run.inputHash, snapshot: run.snapshot }, rows: run.determinations.filter((d) => d.eligible) };
}
