// Periods: create (quarter or year, never overlapping one of its own kind), close, reopen,
// publish. Publishing freezes the official scores of every published KPI-set version the period's
// evaluations use; it is refused while evaluations are unapproved, unless the admin excludes them
// with a reason.
import 'server-only';
import { and, asc, eq, isNull, ne } from 'drizzle-orm';
import type { Db } from '@/db';
import { evaluations, periods, stakeholders } from '@/db/schema';
import type { SessionUser } from '@/server/auth/session';
import { vmsg } from '@/core/domain/messages';
import { periodOverlaps, periodSpan } from '@/core/domain/period-overlap';
import { noProgress, type ReportProgress } from '@/core/domain/jobs';
import { ConflictError, StateError, ValidationError } from '@/server/errors';
import { writeAudit } from '@/server/queries/audit';
import { publishedVersionsInPeriod } from '@/server/queries/kpi-versions';
import { getPeriod, listPeriods } from '@/server/queries/periods';
import { notifyPeriodOpened } from '@/server/queries/notifications';
import { evaluationCountsByPeriod } from '@/server/queries/stored-counts';
import { computeScoreRun, publishScoreRun } from '@/server/queries/score-runs';
import { withCheckpointLater, withWriteCache } from '@/server/queries/write-cache';
import type { PeriodCreateInput } from '@/core/schemas/method';
import type { PeriodDueDateInput } from '@/core/schemas/work-queue';
import type { PeriodAppealDaysInput } from '@/core/schemas/appeals';

/** Code and dates of a period: `2026Q3` 2026-07-01…2026-09-30, or `2026` 2026-01-01…2026-12-31. */
export function periodBounds(input: PeriodCreateInput): { code: string; startsOn: string; endsOn: string } {
  const { code, startsOn, endsOn } = periodSpan(input);
  return { code, startsOn, endsOn };
}

/** Every period, newest first, with its evaluations counted by state (from the stored counts). */
export function listPeriodsWithCounts(db: Db) {
  const rows = listPeriods(db);
  const counts = evaluationCountsByPeriod(db);
  return rows.map((p) => {
    const mine = counts.filter((c) => c.periodId === p.id);
    const sum = (pred: (c: (typeof mine)[number]) => boolean) => mine.filter(pred).reduce((s, c) => s + c.n, 0);
    return {
      ...p,
      evaluations: sum(() => true),
      approved: sum((c) => c.status === 'approved' && !c.excluded),
      unapproved: sum((c) => c.status !== 'approved' && !c.excluded),
      excluded: sum((c) => c.excluded),
    };
  });
}

/**
 * Opens a quarter or a year. A period that would share a day with one of its own kind is refused
 * (its values would count twice); one over periods of the other kind is created, and the answer
 * names them (`overlaps`) so the form can say so.
 */
export function createPeriod(db: Db, actor: SessionUser, input: PeriodCreateInput) {
  const span = periodSpan(input);
  return db.transaction((tx) => {
    const existing = listPeriods(tx);
    const { sameKind, otherKind } = periodOverlaps(span, existing);
    const clash = sameKind[0] ?? existing.find((p) => p.code === span.code);
    if (clash) {
      const params = { code: span.code, start: span.startsOn, end: span.endsOn, kind: span.kind, other: clash.code, otherStart: clash.startsOn, otherEnd: clash.endsOn };
      if (clash.code === span.code) throw new ConflictError(`Period ${span.code} already exists.`, 'period_exists').with(params);
      throw new ConflictError(`Period ${span.code} (${span.startsOn}…${span.endsOn}) overlaps ${clash.code} (${clash.startsOn}…${clash.endsOn}).`, 'period_overlaps').with(params);
    }
    const row = tx.insert(periods).values({ code: span.code, startsOn: span.startsOn, endsOn: span.endsOn, kind: input.kind, status: 'open' }).returning().get();
    writeAudit(tx, { actorId: actor.id, action: 'period.create', entity: 'period', entityId: row.id, after: row });
    notifyPeriodOpened(tx, row);
    return { ...row, overlaps: otherKind.map((p) => p.code) };
  });
}

/** open → closed: no more entry; scores can now be computed and published. */
export function closePeriod(db: Db, actor: SessionUser, periodId: number) {
  const p = getPeriod(db, periodId);
  if (p.status !== 'open') throw new StateError(`Period ${p.code} is ${p.status}; only an open period can be closed.`, 'period_not_open');
  return db.transaction((tx) => {
    const after = tx.update(periods).set({ status: 'closed', closedAt: new Date() }).where(eq(periods.id, periodId)).returning().get();
    writeAudit(tx, { actorId: actor.id, action: 'period.close', entity: 'period', entityId: periodId, before: { status: p.status }, after: { status: after.status, closedAt: after.closedAt } });
    return after;
  });
}

/** closed → open again (entry resumes), with a reason. A published period never reopens. */
export function reopenPeriod(db: Db, actor: SessionUser, periodId: number, reason: string) {
  const p = getPeriod(db, periodId);
  if (p.status !== 'closed') throw new StateError(`Period ${p.code} is ${p.status}; only a closed period can be reopened.`, 'period_not_closed');
  return db.transaction((tx) => {
    const after = tx.update(periods).set({ status: 'open', closedAt: null }).where(eq(periods.id, periodId)).returning().get();
    writeAudit(tx, { actorId: actor.id, action: 'period.reopen', entity: 'period', entityId: periodId, before: { status: p.status, closedAt: p.closedAt }, after: { status: 'open' }, reason });
    notifyPeriodOpened(tx, after);
    return after;
  });
}

/** Sets (or clears) the date entry is due by: on or after the period's start; a published period is final. */
export function setPeriodDueDate(db: Db, actor: SessionUser, input: PeriodDueDateInput) {
  const p = getPeriod(db, input.id);
  if (p.status === 'published') throw new StateError(`Period ${p.code} is published; its due date no longer matters.`, 'period_published');
  if (input.dueOn !== null && input.dueOn < p.startsOn)
    throw new ValidationError(`The due date must be on or after the start of ${p.code} (${p.startsOn}).`, { dueOn: [vmsg('validation.dueBeforeStart', { start: p.startsOn })] }, 'validation');
  return db.transaction((tx) => {
    const after = tx.update(periods).set({ dueOn: input.dueOn }).where(eq(periods.id, p.id)).returning().get();
    writeAudit(tx, { actorId: actor.id, action: 'period.setDueDate', entity: 'period', entityId: p.id, before: { dueOn: p.dueOn }, after: { dueOn: after.dueOn } });
    return after;
  });
}

/**
 * The days after publication during which the period's values may be contested, and within which
 * a decision is due (bounds in the input schema). A change applies to appeals filed afterwards:
 * those filed keep the due date they were given.
 */
export function setPeriodAppealDays(db: Db, actor: SessionUser, input: PeriodAppealDaysInput) {
  const p = getPeriod(db, input.id);
  return db.transaction((tx) => {
    const after = tx.update(periods).set({ appealWindowDays: input.appealWindowDays, appealDecisionDays: input.appealDecisionDays }).where(eq(periods.id, p.id)).returning().get();
    writeAudit(tx, {
      actorId: actor.id,
      action: 'period.setAppealDays',
      entity: 'period',
      entityId: p.id,
      before: { appealWindowDays: p.appealWindowDays, appealDecisionDays: p.appealDecisionDays },
      after: { appealWindowDays: after.appealWindowDays, appealDecisionDays: after.appealDecisionDays },
    });
    return after;
  });
}

/** The evaluations that stand in the way of publishing: not approved and not excluded. */
export function unapprovedEvaluations(db: Db, periodId: number) {
  getPeriod(db, periodId);
  return db
    .select({ id: evaluations.id, status: evaluations.status, stakeholderId: stakeholders.id, stakeholderCode: stakeholders.code, stakeholderName: stakeholders.name, type: stakeholders.type })
    .from(evaluations)
    .innerJoin(stakeholders, eq(stakeholders.id, evaluations.stakeholderId))
    .where(and(eq(evaluations.periodId, periodId), ne(evaluations.status, 'approved'), isNull(evaluations.excludedReason)))
    .orderBy(asc(stakeholders.code))
    .all();
}

type PublishInput = { id: number; exclude?: { evaluationIds: number[]; reason: string } | null | undefined };

/** Refuses a publish that cannot succeed (state, unapproved evaluations, stray exclusions), before it is queued. */
export function checkPublish(db: Db, input: PublishInput) {
  const p = getPeriod(db, input.id);
  if (p.status !== 'closed') throw new StateError(`Period ${p.code} is ${p.status}; close it before publishing.`, 'period_not_closed');
  const blocking = unapprovedEvaluations(db, p.id);
  const excludeIds = new Set(input.exclude?.evaluationIds ?? []);
  const stillBlocking = blocking.filter((e) => !excludeIds.has(e.id));
  if (stillBlocking.length > 0) {
    throw new ValidationError(
      `${stillBlocking.length} evaluation(s) of ${p.code} are not approved (e.g. ${stillBlocking.slice(0, 3).map((e) => e.stakeholderName).join(', ')}). Approve them, or exclude them with a reason.`,
      { exclude: [vmsg('validation.method.unapproved', { count: stillBlocking.length })] },
      'unapproved_evaluations',
    ).with({ count: stillBlocking.length });
  }
  const blockingIds = new Set(blocking.map((e) => e.id));
  const stray = [...excludeIds].filter((eid) => !blockingIds.has(eid));
  if (stray.length > 0)
    throw new ValidationError(`Only unapproved evaluations of ${p.code} can be excluded; ${stray.join(', ')} are not among them.`, { exclude: [vmsg('validation.method.excludeStray')] }, 'exclude_not_unapproved');
  return { period: p, blocking };
}

/**
 * closed → published. Unapproved evaluations must all be named in `exclude` (they get its reason
 * and stay out of the scores); then an official run per published version is computed and
 * frozen, all in one transaction: the period is published whole or not at all.
 */
export function publishPeriod(db: Db, actor: SessionUser, input: PublishInput, progress: ReportProgress = noProgress) {
  const { period: p, blocking } = checkPublish(db, input);
  progress(0.05, 'checking');
  return withCheckpointLater(db, () => withWriteCache(db, () => db.transaction(() => {
    for (const e of blocking) {
      db.update(evaluations).set({ excludedReason: input.exclude!.reason, updatedAt: new Date() }).where(eq(evaluations.id, e.id)).run();
      writeAudit(db, { actorId: actor.id, action: 'evaluation.exclude', entity: 'evaluation', entityId: e.id, before: { excludedReason: null, status: e.status }, after: { excludedReason: input.exclude!.reason }, reason: input.exclude!.reason });
    }
    // Every published version the period's evaluations are under (drafts never hold evaluations).
    const versionIds = publishedVersionsInPeriod(db, p.id);
    const runs = versionIds.map((versionId, i) => {
      progress(0.1 + (0.85 * i) / versionIds.length, 'scoring');
      const { run, count: scored } = computeScoreRun(db, { periodId: p.id, versionId, kind: 'official', actorId: actor.id });
      publishScoreRun(db, run.id, actor.id);
      return { runId: run.id, versionId, scored };
    });
    progress(0.95, 'saving');
    const after = db.update(periods).set({ status: 'published', publishedAt: new Date() }).where(eq(periods.id, p.id)).returning().get();
    writeAudit(db, {
      actorId: actor.id,
      action: 'period.publish',
      entity: 'period',
      entityId: p.id,
      before: { status: p.status },
      after: { status: 'published', publishedAt: after.publishedAt, runs, excluded: blocking.map((e) => e.id) },
      reason: input.exclude?.reason ?? null,
    });
    return { period: after, runs, excluded: blocking.length };
  })));
}
