// In-app notifications, one row per recipient, written in the transaction of the event itself
// (a return, an approval, a period opened) or once per user and period when it nears its due date.
import { sql } from 'drizzle-orm';
import { check, index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { user } from './auth';
import { now } from './columns';
import { NOTIFICATION_KINDS, type NotificationParams } from '../../core/domain/notifications';

export const notifications = sqliteTable(
  'notifications',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    userId: text('user_id')
      .notNull()
      .references(() => user.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: NOTIFICATION_KINDS }).notNull(),
    params: text('params', { mode: 'json' }).$type<NotificationParams>().notNull(),
    /** A path of this site: the evaluation or the period's work list. */
    link: text('link').notNull(),
    /** Set for notifications that may exist once per user (e.g. `due:<periodId>`). */
    onceKey: text('once_key'),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull().default(now),
    readAt: integer('read_at', { mode: 'timestamp_ms' }),
  },
  (t) => [
    check('notifications_kind_check', sql`${t.kind} in ('evaluation_returned','evaluation_approved','period_opened','period_due_soon','appeal_submitted','appeal_proposed','appeal_decided','period_revised')`),
    check('notifications_link_check', sql`${t.link} like '/%' and ${t.link} not like '//%'`),
    index('notifications_user_read_idx').on(t.userId, t.readAt),
    index('notifications_user_created_idx').on(t.userId, t.createdAt),
    uniqueIndex('notifications_once_idx').on(t.userId, t.onceKey),
  ],
);
