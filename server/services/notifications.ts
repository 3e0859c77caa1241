// One's own notifications: the unread count (the bell), a page of them, marking read. Everything
// here is the caller's own: another user's notification reads as one that does not exist.
// "Nearing its due date" has no event of its own, so it is created when its recipient reads:
// once per user and period, while an open period is within DUE_SOON_DAYS of its due date.
import 'server-only';
import type { Db } from '@/db';
import type { SessionUser } from '@/server/auth/session';
import { DUE_SOON_DAYS, isDueSoon, NOTIFICATION_PAGE_SIZE } from '@/core/domain/notifications';
import { NotFoundError } from '@/server/errors';
import {
  countNotifications,
  dueSoonKey,
  hasNotification,
  isAssessorOfPeriod,
  listNotificationRows,
  markNotificationsRead,
  notificationOf,
  notifyUsers,
  openPeriods,
} from '@/server/queries/notifications';

/** Today's date in the deployment's time zone (China Standard Time, as the pages show dates). */
function todayIso(now: Date): string {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

/**
 * Creates the caller's missing "nearing its due date" notifications. Reads first and writes only
 * when one is missing, so an ordinary page view never takes the write lock.
 */
export function ensureDueSoon(db: Db, me: SessionUser, now: Date = new Date()): number {
  if (me.role !== 'assessor') return 0;
  const today = todayIso(now);
  const due = openPeriods(db).filter((p) => p.dueOn !== null && isDueSoon(p.dueOn, today));
  let written = 0;
  for (const p of due) {
    const key = dueSoonKey(p.id);
    if (hasNotification(db, me.id, key) || !isAssessorOfPeriod(db, me.id, p)) continue;
    written += db.transaction((tx) =>
      notifyUsers(tx, [me.id], { kind: 'period_due_soon', params: { period: p.code, dueDate: p.dueOn! }, link: `/evaluations?periodId=${p.id}`, onceKey: key }),
    );
  }
  return written;
}

/** The bell's number: the caller's unread notifications. */
export function unreadNotificationCount(db: Db, me: SessionUser, now: Date = new Date()): number {
  ensureDueSoon(db, me, now);
  return countNotifications(db, me.id, { unreadOnly: true });
}

/** A page of the caller's notifications, newest first, with the totals. */
export function listMyNotifications(db: Db, me: SessionUser, input: { page: number }, now: Date = new Date()) {
  ensureDueSoon(db, me, now);
  const pageSize = NOTIFICATION_PAGE_SIZE;
  const total = countNotifications(db, me.id, { unreadOnly: false });
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  const page = Math.min(input.page, pageCount);
  const items = listNotificationRows(db, me.id, { offset: (page - 1) * pageSize, limit: pageSize }).map((n) => ({
    id: n.id,
    kind: n.kind,
    params: n.params,
    link: n.link,
    createdAt: n.createdAt,
    readAt: n.readAt,
  }));
  return { items, total, unread: countNotifications(db, me.id, { unreadOnly: true }), page, pageSize, pageCount, dueSoonDays: DUE_SOON_DAYS };
}

/** Marks one of the caller's notifications read; answers its link (opening it goes there). */
export function markNotificationRead(db: Db, me: SessionUser, id: number) {
  return db.transaction((tx) => {
    const n = notificationOf(tx, me.id, id);
    if (!n) throw new NotFoundError('Notification', id);
    markNotificationsRead(tx, me.id, [id], new Date());
    return { id, link: n.link };
  });
}

/** Marks every unread notification of the caller read; how many were unread. */
export function markAllNotificationsRead(db: Db, me: SessionUser) {
  return { marked: db.transaction((tx) => markNotificationsRead(tx, me.id, 'all', new Date())) };
}
