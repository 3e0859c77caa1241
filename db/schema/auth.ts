// Tables better-auth reads and writes (names and columns follow its drizzle adapter), plus the
// role, scope and account state the product adds to a user.
import { sql } from 'drizzle-orm';
import { check, index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { regions, stakeholders } from './org';
import { now } from './columns';
import { ROLES } from '../../core/domain/enums';

export const user = sqliteTable(
  'user',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    email: text('email').notNull().unique(),
    emailVerified: integer('email_verified', { mode: 'boolean' }).notNull().default(false),
    image: text('image'),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull().default(now),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull().default(now),
    username: text('username').unique(),
    displayUsername: text('display_username'),
    role: text('role', { enum: ROLES }).notNull().default('stakeholder'),
    disabled: integer('disabled', { mode: 'boolean' }).notNull().default(false),
    locale: text('locale', { enum: ['en', 'zh-CN'] }),
    // Set when an administrator chose the password (new account, reset): the user must pick their
    // own at the next sign-in before any page opens.
    mustChangePassword: integer('must_change_password', { mode: 'boolean' }).notNull().default(false),
    // A stakeholder user's scope: the one stakeholder it speaks for.
    stakeholderId: integer('stakeholder_id').references(() => stakeholders.id),
  },
  (t) => [
    check('user_role_check', sql`${t.role} in ('admin','assessor','stakeholder')`),
    check('user_locale_check', sql`${t.locale} is null or ${t.locale} in ('en','zh-CN')`),
    check(
      'user_stakeholder_scope_check',
      sql`(${t.role} = 'stakeholder') = (${t.stakeholderId} is not null)`,
    ),
  ],
);

export const session = sqliteTable(
  'session',
  {
    id: text('id').primaryKey(),
    expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
    token: text('token').notNull().unique(),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull().default(now),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull().default(now),
    ipAddress: text('ip_address'),
    userAgent: text('user_agent'),
    userId: text('user_id')
      .notNull()
      .references(() => user.id, { onDelete: 'cascade' }),
  },
  (t) => [index('session_user_idx').on(t.userId)],
);

export const account = sqliteTable(
  'account',
  {
    id: text('id').primaryKey(),
    accountId: text('account_id').notNull(),
    providerId: text('provider_id').notNull(),
    userId: text('user_id')
      .notNull()
      .references(() => user.id, { onDelete: 'cascade' }),
    accessToken: text('access_token'),
    refreshToken: text('refresh_token'),
    idToken: text('id_token'),
    accessTokenExpiresAt: integer('access_token_expires_at', { mode: 'timestamp_ms' }),
    refreshTokenExpiresAt: integer('refresh_token_expires_at', { mode: 'timestamp_ms' }),
    scope: text('scope'),
    password: text('password'),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull().default(now),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull().default(now),
  },
  (t) => [index('account_user_idx').on(t.userId)],
);

export const verification = sqliteTable('verification', {
  id: text('id').primaryKey(),
  identifier: text('identifier').notNull(),
  value: text('value').notNull(),
  expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
  createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull().default(now),
  updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull().default(now),
});

/** An assessor's scope: the regions (and everything below them) they may see and write. */
export const userRegionScopes = sqliteTable(
  'user_region_scopes',
  {
    userId: text('user_id')
      .notNull()
      .references(() => user.id, { onDelete: 'cascade' }),
    regionId: integer('region_id')
      .notNull()
      .references(() => regions.id),
  },
  (t) => [primaryKey({ columns: [t.userId, t.regionId] })],
);
