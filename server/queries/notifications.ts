// Notifications: written in the transaction of the event they tell about, read and marked read
// only by their recipient (every read and write here is filtered by the user's id).
import 'server-only';
import { and, count, desc, eq, gte, inArray, isNull, lt, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db';
import { evaluations, notifications, periods, regions, stakeholderCounts, stakeholders, user, userRegionScopes } from '@/db/schema';
import { STAKEHOLDER_TYPES } from '@/core/domain/enums';
import type { NotificationKind, NotificationParams } from '@/core/domain/notifications';
import { versionInEffect } from './kpi-versions';
import type { Period } from './periods';

export type NotificationRow = typeof notifications.$inferSelect;
type NewNotification = { kind: NotificationKind; params: NotificationParams; link: string; onceKey?: string | null };

/** Bound parameters per `in (…)` list: well below SQLite's limit. */
const CHUNK = 500;

/** One notification per user; with a `onceKey`, a user who already has it gets no second one. */
export function notifyUsers(db: DbOrTx, userIds: readonly string[], n: NewNotification): number {
  const ids = [...new Set(userIds)];
  let written = 0;
  for (let i = 0; i < ids.length; i += CHUNK) {
    const rows = ids.slice(i, i + CHUNK).map((userId) => ({ userId, kind: n.kind, params: n.params, link: n.link, onceKey: n.onceKey ?? null }));
    written += db.insert(notifications).values(rows).onConflictDoNothing().run().changes;
  }
  return written;
}

/** Users among these ids who can still sign in (a disabled account is told nothing). */
function activeUsers(db: DbOrTx, ids: readonly (string | null)[]): string[] {
  const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
  if (wanted.length === 0) return [];
  return db.select({ id: user.id }).from(user).where(and(inArray(user.id, wanted), eq(user.disabled, false))).all().map((u) => u.id);
}

const REVIEW_KINDS: Record<string, NotificationKind> = {
  'evaluation.return': 'evaluation_returned',
  'evaluation.reopen': 'evaluation_returned',
  'evaluation.approve': 'evaluation_approved',
};

/**
 * Tells the evaluation's author (who submitted it, and who started it) that it was returned or
 * approved; the one who acted is never told about their own act. Other actions write nothing.
 */
export function notifyEvaluationReview(db: DbOrTx, e: { id: number; action: string; actorId: string; reason?: string | null | undefined }): number {
  const kind = REVIEW_KINDS[e.action];
  if (!kind) return 0;
  const row = db
    .select({ createdBy: evaluations.createdBy, submittedBy: evaluations.submittedBy, stakeholder: stakeholders.name, code: stakeholders.code, period: periods.code, by: user.name })
    .from(evaluations)
    .innerJoin(stakeholders, eq(stakeholders.id, evaluations.stakeholderId))
    .innerJoin(periods, eq(periods.id, evaluations.periodId))
    .leftJoin(user, eq(user.id, e.actorId))
    .where(eq(evaluations.id, e.id))
    .get();
  if (!row) return 0;
  const recipients = activeUsers(db, [row.submittedBy, row.createdBy]).filter((id) => id !== e.actorId);
  const params: NotificationParams = { stakeholder: row.stakeholder, code: row.code, period: row.period, by: row.by ?? '' };
  if (kind === 'evaluation_returned' && e.reason) params.reason = e.reason;
  return notifyUsers(db, recipients, { kind, params, link: `/evaluations/${e.id}` });
}

/** Stakeholder types that have a KPI set in effect for the period. */
function typesOfPeriod(db: DbOrTx, period: Period) {
  return STAKEHOLDER_TYPES.filter((t) => versionInEffect(db, t, period) !== null);
}

/** Active stakeholders counted in this region or below it, of one of these types. */
function holdsStakeholders(db: DbOrTx, path: string, types: readonly string[]): boolean {
  // A range on the path (digits and slashes, all below U+007F) reads the path index.
  const row = db
    .select({ one: sql<number>`1` })
    .from(regions)
    .innerJoin(stakeholderCounts, eq(stakeholderCounts.regionId, regions.id))
    .where(and(gte(regions.path, path), lt(regions.path, `${path}\u007f`), eq(stakeholderCounts.active, true), sql`${stakeholderCounts.n} > 0`, inArray(stakeholderCounts.stakeholderType, [...types])))
    .limit(1)
    .get();
  return row !== undefined;
}

/** Scope paths of active assessors (of one, when given). */
function assessorScopes(db: DbOrTx, userId?: string) {
  return db
    .select({ userId: userRegionScopes.userId, path: regions.path })
    .from(userRegionScopes)
    .innerJoin(regions, eq(regions.id, userRegionScopes.regionId))
    .innerJoin(user, eq(user.id, userRegionScopes.userId))
    .where(and(eq(user.role, 'assessor'), eq(user.disabled, false), userId === undefined ? undefined : eq(user.id, userId)))
    .all();
}

/**
 * The assessors (active accounts) whose regions hold active stakeholders of a type that has a
 * KPI set in effect for the period: those who enter its evaluations. Read from the stored counts
 * per region, so it costs the regions, not the stakeholders.
 */
export function assessorsOfPeriod(db: DbOrTx, period: Period): string[] {
  const types = typesOfPeriod(db, period);
  if (types.length === 0) return [];
  const held = db
    .selectDistinct({ path: regions.path })
    .from(stakeholderCounts)
    .innerJoin(regions, eq(regions.id, stakeholderCounts.regionId))
    .where(and(eq(stakeholderCounts.active, true), sql`${stakeholderCounts.n} > 0`, inArray(stakeholderCounts.stakeholderType, types)))
    .all()
    .map((r) => r.path);
  return [...new Set(assessorScopes(db).filter((s) => held.some((p) => p.startsWith(s.path))).map((s) => s.userId))];
}

/** Whether the user is one of the period's assessors (see assessorsOfPeriod), read for that user alone. */
export function isAssessorOfPeriod(db: DbOrTx, userId: string, period: Period): boolean {
  const scopes = assessorScopes(db, userId);
  if (scopes.length === 0) return false;
  const types = typesOfPeriod(db, period);
  return types.length > 0 && scopes.some((s) => holdsStakeholders(db, s.path, types));
}

/** Tells the period's assessors that entry has opened (created, or reopened after closing). */
export function notifyPeriodOpened(db: DbOrTx, period: Period): number {
  return notifyUsers(db, assessorsOfPeriod(db, period), { kind: 'period_opened', params: { period: period.code }, link: `/evaluations?periodId=${period.id}` });
}

/** The key that makes "nearing its due date" once per user and period. */
export const dueSoonKey = (periodId: number) => `due:${periodId}`;

/** Whether the user already has the notification with this once-key. */
export function hasNotification(db: DbOrTx, userId: string, onceKey: string): boolean {
  return db.select({ id: notifications.id }).from(notifications).where(and(eq(notifications.userId, userId), eq(notifications.onceKey, onceKey))).get() !== undefined;
}

/** The user's notifications, newest first, a page at a time. */
export function listNotificationRows(db: DbOrTx, userId: string, page: { offset: number; limit: number }): NotificationRow[] {
  return db
    .select()
    .from(notifications)
    .where(eq(notifications.userId, userId))
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(page.limit)
    .offset(page.offset)
    .all();
}

export function countNotifications(db: DbOrTx, userId: string, opts: { unreadOnly: boolean }): number {
  const where = and(eq(notifications.userId, userId), opts.unreadOnly ? isNull(notifications.readAt) : undefined);
  return db.select({ n: count() }).from(notifications).where(where).get()?.n ?? 0;
}

/** Marks the user's own notifications read (ids of others' are left alone); how many changed. */
export function markNotificationsRead(db: DbOrTx, userId: string, ids: readonly number[] | 'all', at: Date): number {
  const mine = and(eq(notifications.userId, userId), isNull(notifications.readAt));
  if (ids === 'all') return db.update(notifications).set({ readAt: at }).where(mine).run().changes;
  let changed = 0;
  for (let i = 0; i < ids.length; i += CHUNK) {
    changed += db.update(notifications).set({ readAt: at }).where(and(mine, inArray(notifications.id, ids.slice(i, i + CHUNK)))).run().changes;
  }
  return changed;
}

/** The user's notification by id, or null when it does not exist or is someone else's. */
export function notificationOf(db: DbOrTx, userId: string, id: number): NotificationRow | null {
  return db.select().from(notifications).where(and(eq(notifications.id, id), eq(notifications.userId, userId))).get() ?? null;
}

/** Open periods (the ones entry happens in); the caller picks those nearing their due date. */
export function openPeriods(db: DbOrTx): Period[] {
  return db.select().from(periods).where(eq(periods.status, 'open')).all();
}
