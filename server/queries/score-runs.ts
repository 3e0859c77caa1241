// Score runs (computed and stored here because publishing a period and approving an evaluation
// both store one): a snapshot of one period's scores under one KPI-set version and method hash.
// Values come from the database, the math from the engine; ranks within the county are added
// here because the engine knows nothing of regions. Each run keeps its figures beside its scores
// (core/scoring/run-figures.ts), written in the same transaction.
import 'server-only';
import { and, desc, eq, gte, inArray, isNull, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '@/db';
import { evaluations, evaluationValues, indicators, regions, scoreRunFigures, scoreRunPeerValues, scoreRuns, scores, stakeholders } from '@/db/schema';
import { canonicalJson, methodHash, scoreKpiSet, type KpiSetV1, type ScoresV1, type ValuesRow } from '@/core/scoring';
import { rankWithinGroups, restrictToDocument } from '@/core/scoring/period-scoring';
import { columnToBytes, peerColumns, regionFigures, type FigureSource } from '@/core/scoring/run-figures';
import { NotFoundError, StateError } from '@/server/errors';
import { loadKpiSetVersion } from './kpi-documents';
import { writeAudit } from './audit';
import { nativeSha256Hex } from './native-hash';
import { withWriteCache } from './write-cache';
import { getPeriod } from './periods';
import { countyKeyOf } from './regions';
import { type EvaluationStatus, type ScoreRunKind } from '@/core/domain/enums';

export type ScoringInput = {
  rows: ValuesRow[];
  /** stakeholder code → {id, evaluationId, countyKey, regionId} */
  meta: Map<string, { stakeholderId: number; evaluationId: number; countyKey: string; regionId: number }>;
};

/** Values of one period's evaluations under one version, in the engine's row form. */
export function gatherValues(db: DbOrTx, periodId: number, versionId: number, statuses: readonly EvaluationStatus[]): ScoringInput {
  // The evaluations that count: this period and version, in the given statuses, not excluded.
  const chosen = and(
    eq(evaluations.periodId, periodId),
    eq(evaluations.kpiSetVersionId, versionId),
    inArray(evaluations.status, [...statuses]),
    isNull(evaluations.excludedReason),
  );
  const evals = db
    .select({ id: evaluations.id, stakeholderId: evaluations.stakeholderId, code: stakeholders.code, path: regions.path, regionId: regions.id })
    .from(evaluations)
    .innerJoin(stakeholders, eq(stakeholders.id, evaluations.stakeholderId))
    .innerJoin(regions, eq(regions.id, stakeholders.regionId))
    .where(chosen)
    .orderBy(stakeholders.code)
    .all();
  const meta = new Map(evals.map((e) => [e.code, { stakeholderId: e.stakeholderId, evaluationId: e.id, countyKey: countyKeyOf(e.path), regionId: e.regionId }]));
  const byEval = new Map<number, Record<string, number | null>>(evals.map((e) => [e.id, {}]));
  if (evals.length) {
    const values = db
      .select({ evaluationId: evaluationValues.evaluationId, code: indicators.code, value: evaluationValues.value })
      .from(evaluationValues)
      .innerJoin(indicators, eq(indicators.id, evaluationValues.indicatorId))
      .innerJoin(evaluations, eq(evaluations.id, evaluationValues.evaluationId))
      .where(chosen)
      .all();
    for (const v of values) {
      const row = byEval.get(v.evaluationId);
      if (row) row[v.code] = v.value;
    }
  }
  return { rows: evals.map((e) => ({ stakeholder: e.code, values: byEval.get(e.id)! })), meta };
}

type ScoredRun = {
  document: KpiSetV1;
  scores: ScoresV1;
  countyRanks: Map<string, { rank: number | null; percentile: number | null }>;
  inputHash: string;
  input: ScoringInput;
};

/** canonicalJson({ methodHash, rows }) a row at a time: a province's never held as one string. */
function* inputHashParts(methodHash: string, rows: readonly ValuesRow[]): Generator<string> {
  yield `{"methodHash":${canonicalJson(methodHash)},"rows":[`;
  for (let i = 0; i < rows.length; i++) yield (i ? ',' : '') + canonicalJson(rows[i]);
  yield ']}';
}

/** Scores a period under a KPI-set document (the stored version's, or a draft being tuned). */
function scorePeriod(document: KpiSetV1, input: ScoringInput): ScoredRun {
  const rows = restrictToDocument(document, input.rows);
  const result = scoreKpiSet(document, rows);
  const ranked = rankWithinGroups(
    result.results.map((r) => r.composite),
    result.results.map((r) => input.meta.get(r.stakeholder)?.countyKey ?? ''),
  );
  const countyRanks = new Map(result.results.map((r, i) => [r.stakeholder, ranked[i]!]));
  const inputHash = `sha256:${nativeSha256Hex(inputHashParts(result.methodHash, rows))}`;
  return { document, scores: result, countyRanks, inputHash, input };
}

/** Raw values corrected after an appeal, per stakeholder id: indicator code → the corrected value. */
export type Corrections = ReadonlyMap<number, Readonly<Record<string, number | null>>>;

/** The input with the corrected values laid over the approved ones (the evaluations stay as they were). */
export function withCorrections(input: ScoringInput, corrections: Corrections): ScoringInput {
  if (corrections.size === 0) return input;
  const idOf = new Map([...input.meta].map(([code, m]) => [code, m.stakeholderId]));
  const rows = input.rows.map((row) => {
    const fix = corrections.get(idOf.get(row.stakeholder) ?? -1);
    return fix ? { ...row, values: { ...row.values, ...fix } } : row;
  });
  return { rows, meta: input.meta };
}

/**
 * Computes and stores a run in one transaction. A provisional run replaces the previous
 * provisional run of the same period and version (it is recomputed on every approval). A
 * revision's run (`revisionId`) scores the approved values with the period's accepted corrections.
 */
export function computeScoreRun(
  db: Db,
  opts: {
    periodId: number;
    versionId: number;
    kind: ScoreRunKind;
    actorId: string | null;
    statuses?: readonly EvaluationStatus[];
    revision?: { revisionId: number; corrections: Corrections };
  },
) {
  getPeriod(db, opts.periodId);
  const loaded = loadKpiSetVersion(db, opts.versionId);
  const approved = gatherValues(db, opts.periodId, opts.versionId, opts.statuses ?? ['approved']);
  const input = opts.revision ? withCorrections(approved, opts.revision.corrections) : approved;
  if (opts.kind === 'official' && !opts.statuses && !opts.revision) {
    const taken = provisionalRunAsOfficial(db, opts, loaded.document, input);
    if (taken) return taken;
  }
  const scored = scorePeriod(loaded.document, input);
  return withWriteCache(db, () => db.transaction((tx) => {
    if (opts.kind === 'provisional') {
      tx.delete(scoreRuns)
        .where(
          and(
            eq(scoreRuns.periodId, opts.periodId),
            eq(scoreRuns.kpiSetVersionId, opts.versionId),
            eq(scoreRuns.kind, 'provisional'),
            eq(scoreRuns.status, 'draft'),
          ),
        )
        .run();
    }
    const run = tx
      .insert(scoreRuns)
      .values({
        periodId: opts.periodId,
        kpiSetVersionId: opts.versionId,
        methodHash: scored.scores.methodHash,
        inputHash: scored.inputHash,
        kind: opts.kind,
        createdBy: opts.actorId,
        revisionId: opts.revision?.revisionId ?? null,
      })
      .returning()
      .get();
    const rows = scored.scores.results.map((r) => {
      const m = input.meta.get(r.stakeholder)!;
      const county = scored.countyRanks.get(r.stakeholder);
      return {
        runId: run.id,
        evaluationId: m.evaluationId,
        stakeholderId: m.stakeholderId,
        composite: r.composite,
        grade: r.grade,
        rank: r.rank,
        percentile: r.percentile,
        countyRank: county?.rank ?? null,
        countyPercentile: county?.percentile ?? null,
        completeness: r.completeness,
        couplingC: r.coupling?.C ?? null,
        couplingT: r.coupling?.T ?? null,
        couplingD: r.coupling?.D ?? null,
        couplingClass: r.coupling?.class ?? null,
        objectives: r.objectives,
        indicators: r.indicators,
        warnings: r.warnings,
      };
    });
    insertScores(db, rows);
    storeRunFigures(
      tx,
      run.id,
      loaded.document,
      rows.map((r, i) => ({ ...r, regionId: input.meta.get(scored.scores.results[i]!.stakeholder)!.regionId })),
    );
    if (opts.kind === 'official') {
      writeAudit(tx, {
        actorId: opts.actorId,
        action: 'scoreRun.compute',
        entity: 'score_run',
        entityId: run.id,
        after: { periodId: opts.periodId, versionId: opts.versionId, methodHash: run.methodHash, inputHash: run.inputHash, count: rows.length, revisionId: run.revisionId },
      });
    }
    return { run, count: rows.length };
  }));
}

/**
 * The official run of a period whose provisional run was computed from the very same input (same
 * method, values and evaluations, no stakeholder changed since: ranks and figures follow their
 * regions) would hold the same scores and figures: that run becomes the official one instead of
 * a period scored and written again (a province's publish follows its last approvals' recompute).
 * Null otherwise.
 */
function provisionalRunAsOfficial(db: Db, opts: { periodId: number; versionId: number; actorId: string | null }, document: KpiSetV1, input: ScoringInput) {
  const provisional = db
    .select()
    .from(scoreRuns)
    .where(and(eq(scoreRuns.periodId, opts.periodId), eq(scoreRuns.kpiSetVersionId, opts.versionId), eq(scoreRuns.kind, 'provisional'), eq(scoreRuns.status, 'draft')))
    .orderBy(desc(scoreRuns.id))
    .get();
  if (!provisional || provisional.methodHash !== methodHash(document)) return null;
  const inputHash = `sha256:${nativeSha256Hex(inputHashParts(provisional.methodHash, restrictToDocument(document, input.rows)))}`;
  if (provisional.inputHash !== inputHash) return null;
  if (db.select({ one: sql`1` }).from(stakeholders).where(gte(stakeholders.updatedAt, provisional.createdAt)).limit(1).get()) return null;
  const now = new Map([...input.meta.values()].map((m) => [m.stakeholderId, m]));
  const stored = db.select({ stakeholderId: scores.stakeholderId, evaluationId: scores.evaluationId }).from(scores).where(eq(scores.runId, provisional.id)).all();
  if (stored.some((r) => now.get(r.stakeholderId)?.evaluationId !== r.evaluationId)) return null;
  // And each region still holds as many of them (a move while that run was computed).
  const perRegion = new Map<number, number>();
  for (const r of stored) perRegion.set(now.get(r.stakeholderId)!.regionId, (perRegion.get(now.get(r.stakeholderId)!.regionId) ?? 0) + 1);
  const figures = db.select({ regionId: scoreRunFigures.regionId, n: scoreRunFigures.n }).from(scoreRunFigures).where(eq(scoreRunFigures.runId, provisional.id)).all();
  if (figures.length !== perRegion.size || figures.some((f) => perRegion.get(f.regionId) !== f.n)) return null;
  return db.transaction((tx) => {
    const run = tx.update(scoreRuns).set({ kind: 'official', createdBy: opts.actorId, createdAt: new Date() }).where(eq(scoreRuns.id, provisional.id)).returning().get();
    writeAudit(tx, {
      actorId: opts.actorId,
      action: 'scoreRun.compute',
      entity: 'score_run',
      entityId: run.id,
      after: { periodId: opts.periodId, versionId: opts.versionId, methodHash: run.methodHash, inputHash: run.inputHash, count: stored.length, fromProvisional: true },
    });
    return { run, count: stored.length };
  });
}

/** Freezes a run: from now on stakeholders see it and it never changes (triggers enforce it). */
export function publishScoreRun(db: Db, runId: number, actorId: string | null) {
  const run = db.select().from(scoreRuns).where(eq(scoreRuns.id, runId)).get();
  if (!run) throw new NotFoundError('Score run', runId);
  if (run.status === 'published') throw new StateError('This score run is already published.', 'already_published');
  if (run.kind !== 'official') throw new StateError('Only an official run can be published.', 'not_official');
  return db.transaction((tx) => {
    const after = tx.update(scoreRuns).set({ status: 'published', publishedAt: new Date() }).where(eq(scoreRuns.id, runId)).returning().get();
    writeAudit(tx, { actorId, action: 'scoreRun.publish', entity: 'score_run', entityId: runId, before: { status: run.status }, after: { status: 'published' } });
    return after;
  });
}

/** Stores a run's figures: per region of its stakeholders, and the peer values of its peer-relative indicators. */
function storeRunFigures(tx: DbOrTx, runId: number, doc: KpiSetV1, rows: readonly (FigureSource & Pick<ScoreRow, 'indicators'>)[]) {
  const figures = regionFigures(rows, doc.scale).map((f) => ({ runId, ...f }));
  for (let i = 0; i < figures.length; i += 100) tx.insert(scoreRunFigures).values(figures.slice(i, i + 100)).run();
  for (const [indicator, column] of peerColumns(doc, rows)) {
    tx.insert(scoreRunPeerValues).values({ runId, indicator, values: Buffer.from(columnToBytes(column)) }).run();
  }
}

type ScoreRow = typeof scores.$inferSelect;

/**
 * A run's scores through one prepared statement on the transaction's connection: at a province's
 * size drizzle's building of multi-row inserts cost more than SQLite's writing them.
 */
function insertScores(db: Db, rows: readonly Omit<ScoreRow, 'id'>[]) {
  const insert = db.$client.prepare(
    `insert into scores (run_id, evaluation_id, stakeholder_id, composite, grade, rank, percentile, county_rank, county_percentile, completeness,
       coupling_c, coupling_t, coupling_d, coupling_class, objectives, indicators, warnings) values (${new Array(17).fill('?').join(', ')})`,
  );
  for (const r of rows) {
    insert.run(
      r.runId, r.evaluationId, r.stakeholderId, r.composite, r.grade, r.rank, r.percentile, r.countyRank, r.countyPercentile, r.completeness,
      r.couplingC, r.couplingT, r.couplingD, r.couplingClass, JSON.stringify(r.objectives), JSON.stringify(r.indicators), JSON.stringify(r.warnings),
    );
  }
}

/**
 * Stores the figures of runs computed before runs kept them (a database from an older release),
 * from their stored scores, once: afterwards every reader finds them.
 */
export function backfillRunFigures(db: Db, runIds: readonly number[]) {
  if (runIds.length === 0) return;
  // Every read passes here, so the check must cost nothing. The runs with scores are asked one by
  // one: within one query SQLite turns that `exists` into a walk over all of a run's scores.
  const missing = db
    .select({ id: scoreRuns.id, versionId: scoreRuns.kpiSetVersionId })
    .from(scoreRuns)
    .where(and(inArray(scoreRuns.id, [...runIds]), sql`not exists (select 1 from ${scoreRunFigures} f where f.run_id = ${scoreRuns.id})`))
    .all()
    .filter((run) => db.select({ one: sql`1` }).from(scores).where(eq(scores.runId, run.id)).limit(1).get() !== undefined);
  for (const run of missing) {
    const doc = loadKpiSetVersion(db, run.versionId).document;
    const rows = db
      .select({ regionId: stakeholders.regionId, composite: scores.composite, grade: scores.grade, couplingD: scores.couplingD, objectives: scores.objectives, indicators: scores.indicators })
      .from(scores)
      .innerJoin(stakeholders, eq(stakeholders.id, scores.stakeholderId))
      .where(eq(scores.runId, run.id))
      .all();
    db.transaction((tx) => storeRunFigures(tx, run.id, doc, rows));
  }
}
