// Revisions of a period's official runs: the accepted corrections they put into effect, the
// revisions published so far, and the differences between a run and the run that replaced it.
// A revision only inserts rows; the earlier runs and determinations stay as they were (triggers).
import 'server-only';
import { and, asc, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '@/db';
import { appealItems, appeals, eligibilityRuns, indicators, kpiSets, kpiSetVersions, periodRevisions, scoreRuns, scores, stakeholders, user } from '@/db/schema';
import type { Corrections } from './score-runs';
import { nativeSha256Hex } from './native-hash';

export type Correction = {
  appealId: number;
  itemId: number;
  stakeholderId: number;
  stakeholderCode: string;
  stakeholderName: string;
  indicatorId: number;
  indicatorCode: string;
  indicatorName: { en: string; 'zh-CN': string };
  publishedValue: number | null;
  correctedValue: number | null;
  /** The KPI-set version of the run the appeal contested. */
  versionId: number;
  decidedAt: Date | null;
  revisionId: number | null;
};

/**
 * The accepted corrections of a period, in the order they were decided (a later one of the same
 * value wins): all of them, or only those no revision has published yet (`pending`).
 */
export function acceptedCorrections(db: DbOrTx, periodId: number, opts: { pending?: boolean; revisionId?: number } = {}): Correction[] {
  return db
    .select({
      appealId: appeals.id,
      itemId: appealItems.id,
      stakeholderId: appeals.stakeholderId,
      stakeholderCode: stakeholders.code,
      stakeholderName: stakeholders.name,
      indicatorId: appealItems.indicatorId,
      indicatorCode: indicators.code,
      nameEn: indicators.nameEn,
      nameZh: indicators.nameZh,
      publishedValue: appealItems.publishedValue,
      correctedValue: appealItems.correctedValue,
      versionId: scoreRuns.kpiSetVersionId,
      decidedAt: appeals.decidedAt,
      revisionId: appeals.revisionId,
    })
    .from(appealItems)
    .innerJoin(appeals, eq(appeals.id, appealItems.appealId))
    .innerJoin(stakeholders, eq(stakeholders.id, appeals.stakeholderId))
    .innerJoin(indicators, eq(indicators.id, appealItems.indicatorId))
    .innerJoin(scoreRuns, eq(scoreRuns.id, appeals.scoreRunId))
    .where(
      and(
        eq(appeals.periodId, periodId),
        eq(appeals.status, 'accepted'),
        eq(appealItems.corrected, true),
        opts.pending ? isNull(appeals.revisionId) : undefined,
        opts.revisionId !== undefined ? eq(appeals.revisionId, opts.revisionId) : undefined,
      ),
    )
    .orderBy(asc(appeals.decidedAt), asc(appeals.id), asc(appealItems.id))
    .all()
    .map(({ nameEn, nameZh, ...c }) => ({ ...c, indicatorName: { en: nameEn, 'zh-CN': nameZh } }));
}

/** Corrections per KPI-set version, per stakeholder: indicator code → corrected value. */
export function correctionsByVersion(list: readonly Correction[]): Map<number, Corrections> {
  const out = new Map<number, Map<number, Record<string, number | null>>>();
  for (const c of list) {
    const byStakeholder = out.get(c.versionId) ?? out.set(c.versionId, new Map()).get(c.versionId)!;
    const values = byStakeholder.get(c.stakeholderId) ?? byStakeholder.set(c.stakeholderId, {}).get(c.stakeholderId)!;
    values[c.indicatorCode] = c.correctedValue;
  }
  return out;
}

/**
 * What a preview was computed from: the pending corrections and their values, the revisions and
 * the latest runs of the period. A publish whose preview has another mark is refused as stale.
 */
export function revisionMark(db: DbOrTx, periodId: number): string {
  const pending = acceptedCorrections(db, periodId, { pending: true }).map((c) => `${c.itemId}=${c.correctedValue}`);
  const runs = db.select({ id: scoreRuns.id }).from(scoreRuns).where(and(eq(scoreRuns.periodId, periodId), eq(scoreRuns.status, 'published'))).all().map((r) => r.id);
  const eligibility = db.select({ id: eligibilityRuns.id }).from(eligibilityRuns).where(eq(eligibilityRuns.periodId, periodId)).all().map((r) => r.id);
  return nativeSha256Hex([JSON.stringify({ pending, runs, eligibility })]).slice(0, 32);
}

/** The revisions of a period, newest first, with who published them. */
export function revisionsOf(db: DbOrTx, periodId: number) {
  return db
    .select({ id: periodRevisions.id, number: periodRevisions.number, note: periodRevisions.note, impact: periodRevisions.impact, publishedAt: periodRevisions.publishedAt, publishedBy: user.name })
    .from(periodRevisions)
    .leftJoin(user, eq(user.id, periodRevisions.publishedBy))
    .where(eq(periodRevisions.periodId, periodId))
    .orderBy(desc(periodRevisions.number))
    .all();
}

/** The number the period's next revision gets: revision 1 is its first publication. */
export function nextRevisionNumber(db: DbOrTx, periodId: number): number {
  const last = db.select({ n: sql<number | null>`max(${periodRevisions.number})` }).from(periodRevisions).where(eq(periodRevisions.periodId, periodId)).get()?.n;
  return (last ?? 1) + 1;
}

export function getRevision(db: DbOrTx, revisionId: number) {
  return db.select().from(periodRevisions).where(eq(periodRevisions.id, revisionId)).get() ?? null;
}

/** The latest eligibility run of each program in the period (what a revision re-runs). */
export function latestEligibilityRuns(db: DbOrTx, periodId: number) {
  const runs = db.select().from(eligibilityRuns).where(eq(eligibilityRuns.periodId, periodId)).orderBy(desc(eligibilityRuns.id)).all();
  return runs.filter((r, i) => runs.findIndex((o) => o.programId === r.programId) === i).sort((a, b) => a.programId - b.programId);
}

/** The published official runs of a period per version, latest last (for the revision's replaced runs). */
export function latestOfficialRunIds(db: DbOrTx, periodId: number, versionIds: readonly number[]): Map<number, number> {
  if (versionIds.length === 0) return new Map();
  const rows = db
    .select({ id: scoreRuns.id, versionId: scoreRuns.kpiSetVersionId })
    .from(scoreRuns)
    .where(and(eq(scoreRuns.periodId, periodId), inArray(scoreRuns.kpiSetVersionId, [...versionIds]), eq(scoreRuns.kind, 'official'), eq(scoreRuns.status, 'published')))
    .orderBy(asc(scoreRuns.id))
    .all();
  return new Map(rows.map((r) => [r.versionId, r.id]));
}

const EPS = 1e-9;
const differs = (a: number | null, b: number | null) => (a === null) !== (b === null) || (a !== null && b !== null && Math.abs(a - b) > EPS);

export type ScoreChange = {
  stakeholderId: number;
  code: string;
  name: string;
  before: { composite: number | null; grade: string | null; rank: number | null; percentile: number | null };
  after: { composite: number | null; grade: string | null; rank: number | null; percentile: number | null };
};

/**
 * Who changed composite, grade, rank or percentile from one run to the other (the largest rank
 * moves first, at most `limit` of them) and how many did. Read a row at a time: a province's runs
 * hold 100,000 scores each.
 */
export function scoreChanges(db: Db, beforeRunId: number, afterRunId: number, limit: number): { count: number; gradeChanges: number; listed: ScoreChange[] } {
  const rows = db.$client
    .prepare(
      `select a.stakeholder_id, st.code, st.name, a.composite, a.grade, a.rank, a.percentile, b.composite, b.grade, b.rank, b.percentile
       from scores a join scores b on b.run_id = ? and b.stakeholder_id = a.stakeholder_id join stakeholders st on st.id = a.stakeholder_id
       where a.run_id = ?`,
    )
    .raw()
    .iterate(afterRunId, beforeRunId) as IterableIterator<[number, string, string, number | null, string | null, number | null, number | null, number | null, string | null, number | null, number | null]>;
  const changed: ScoreChange[] = [];
  let gradeChanges = 0;
  for (const r of rows) {
    if (!differs(r[3], r[7]) && r[4] === r[8] && r[5] === r[9] && !differs(r[6], r[10])) continue;
    if (r[4] !== r[8]) gradeChanges++;
    changed.push({
      stakeholderId: r[0],
      code: r[1],
      name: r[2],
      before: { composite: r[3], grade: r[4], rank: r[5], percentile: r[6] },
      after: { composite: r[7], grade: r[8], rank: r[9], percentile: r[10] },
    });
  }
  const move = (c: ScoreChange) => Math.abs((c.after.rank ?? 0) - (c.before.rank ?? 0));
  const gradeMoved = (c: ScoreChange) => (c.before.grade !== c.after.grade ? 1 : 0);
  changed.sort((x, y) => gradeMoved(y) - gradeMoved(x) || move(y) - move(x) || (x.code < y.code ? -1 : 1));
  return { count: changed.length, gradeChanges, listed: changed.slice(0, limit) };
}

export type EligibilityDifference = {
  change: 'gained' | 'lost' | 'amount';
  stakeholderId: number;
  code: string;
  name: string;
  before: { eligible: boolean; amount: number | null };
  after: { eligible: boolean; amount: number | null };
};

/** Who gained or lost eligibility, or got another amount, from one eligibility run to the one that replaced it (computed values, overrides aside). */
export function eligibilityDifferences(db: DbOrTx, beforeRunId: number, afterRunId: number, limit: number) {
  const rows = db.all<{ id: number; code: string; name: string; e0: number | null; a0: number | null; e1: number; a1: number | null }>(
    sql`select st.id, st.code, st.name, a.eligible as e0, a.amount as a0, b.eligible as e1, b.amount as a1
        from determinations b left join determinations a on a.run_id = ${beforeRunId} and a.stakeholder_id = b.stakeholder_id join stakeholders st on st.id = b.stakeholder_id
        where b.run_id = ${afterRunId} and (coalesce(a.eligible, 0) <> b.eligible or abs(coalesce(a.amount, 0) - coalesce(b.amount, 0)) > 0.005)
        order by st.code`,
  );
  const counts = { gained: 0, lost: 0, amount: 0 };
  const listed: EligibilityDifference[] = [];
  for (const r of rows) {
    const before = { eligible: r.e0 === 1, amount: r.a0 };
    const after = { eligible: r.e1 === 1, amount: r.a1 };
    const change = !before.eligible && after.eligible ? 'gained' : before.eligible && !after.eligible ? 'lost' : 'amount';
    counts[change]++;
    if (listed.length < limit) listed.push({ change, stakeholderId: r.id, code: r.code, name: r.name, before, after });
  }
  // Overrides stay with the determinations they were decided on: a recomputed run starts without
  // them, so the ones standing on the replaced run (approved or awaiting a second administrator)
  // are counted for the office to review and propose again where they still hold.
  const overrides =
    db.get<{ n: number }>(
      sql`select count(distinct o.determination_id) as n from determination_overrides o join determinations d on d.id = o.determination_id
          where d.run_id = ${beforeRunId} and o.status in ('approved', 'pending')`,
    )?.n ?? 0;
  return { counts, listed, overrides };
}

/** Differences listed on an eligibility run's page. */
export const RUN_DIFFERENCES_LISTED = 100;

/**
 * How an eligibility run stands among a period's revisions: the run it replaces (with the
 * differences from it) and the run that replaced it, each with the revision's number.
 */
export function runRevisionLinks(db: DbOrTx, runId: number) {
  const run = db.select({ replacesRunId: eligibilityRuns.replacesRunId, revisionId: eligibilityRuns.revisionId }).from(eligibilityRuns).where(eq(eligibilityRuns.id, runId)).get();
  if (!run) return null;
  const numberOf = (revisionId: number | null) => (revisionId === null ? null : (getRevision(db, revisionId)?.number ?? null));
  const next = db.select({ id: eligibilityRuns.id, revisionId: eligibilityRuns.revisionId }).from(eligibilityRuns).where(eq(eligibilityRuns.replacesRunId, runId)).get();
  return {
    replaces: run.replacesRunId === null ? null : { id: run.replacesRunId, number: numberOf(run.revisionId), differences: eligibilityDifferences(db, run.replacesRunId, runId, RUN_DIFFERENCES_LISTED) },
    replacedBy: next ? { id: next.id, number: numberOf(next.revisionId) } : null,
  };
}

/** KPI-set code and version number of each version. */
export function versionLabels(db: DbOrTx, versionIds: readonly number[]): Map<number, { code: string; version: number }> {
  if (versionIds.length === 0) return new Map();
  const rows = db
    .select({ id: kpiSetVersions.id, code: kpiSets.code, version: kpiSetVersions.version })
    .from(kpiSetVersions)
    .innerJoin(kpiSets, eq(kpiSets.id, kpiSetVersions.kpiSetId))
    .where(inArray(kpiSetVersions.id, [...versionIds]))
    .all();
  return new Map(rows.map((r) => [r.id, { code: r.code, version: r.version }]));
}

/**
 * What a scorecard says of a score from a revision's run: the revision (number, date, note), the
 * stakeholder's corrections it and earlier revisions put into effect, and its score as first
 * published (the frozen original run). Null for a score of a first publication.
 */
export function revisionNoticeOf(db: DbOrTx, runId: number, stakeholderId: number) {
  const run = db.select({ periodId: scoreRuns.periodId, versionId: scoreRuns.kpiSetVersionId, revisionId: scoreRuns.revisionId }).from(scoreRuns).where(eq(scoreRuns.id, runId)).get();
  if (!run || run.revisionId === null) return null;
  const revision = getRevision(db, run.revisionId);
  if (!revision) return null;
  const corrections = db
    .select({ code: indicators.code, nameEn: indicators.nameEn, nameZh: indicators.nameZh, from: appealItems.publishedValue, to: appealItems.correctedValue, number: periodRevisions.number })
    .from(appealItems)
    .innerJoin(appeals, eq(appeals.id, appealItems.appealId))
    .innerJoin(indicators, eq(indicators.id, appealItems.indicatorId))
    .innerJoin(periodRevisions, eq(periodRevisions.id, appeals.revisionId))
    .where(and(eq(appeals.stakeholderId, stakeholderId), eq(appeals.periodId, run.periodId), eq(appealItems.corrected, true), sql`${periodRevisions.number} <= ${revision.number}`))
    .orderBy(asc(periodRevisions.number), asc(appealItems.id))
    .all()
    .map((c) => ({ code: c.code, name: { en: c.nameEn, 'zh-CN': c.nameZh }, from: c.from, to: c.to, revision: c.number }));
  const original = db
    .select({ composite: scores.composite, grade: scores.grade, runId: scoreRuns.id })
    .from(scores)
    .innerJoin(scoreRuns, eq(scoreRuns.id, scores.runId))
    .where(and(eq(scores.stakeholderId, stakeholderId), eq(scoreRuns.periodId, run.periodId), eq(scoreRuns.kpiSetVersionId, run.versionId), eq(scoreRuns.kind, 'official'), eq(scoreRuns.status, 'published'), isNull(scoreRuns.revisionId)))
    .orderBy(desc(scoreRuns.id))
    .get();
  return { number: revision.number, publishedAt: revision.publishedAt, note: revision.note, corrections, original: original ?? null };
}
