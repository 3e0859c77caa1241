// User management (admins): create, edit role and scope, reset password, disable.
import 'server-only';
import crypto from 'node:crypto';
import { hashPassword, verifyPassword } from 'better-auth/crypto';
import { and, asc, count, desc, eq, inArray, ne, or, type SQL } from 'drizzle-orm';
import type { Db, Tx } from '@/db';
import { account, regions, session, stakeholders, user, userRegionScopes } from '@/db/schema';
import { assertAcceptablePassword } from '@/server/auth/password-policy';
import type { SessionUser } from '@/server/auth/session';
import type { PasswordChangeInput, UserCreateInput, UserUpdateInput } from '@/core/schemas/org';
import { vmsg } from '@/core/domain/messages';
import { ConflictError, NotFoundError, StateError, ValidationError } from '@/server/errors';
import { writeAudit } from '@/server/queries/audit';
import { containsText } from '@/server/queries/search';
import { pageOffset, pagedResult } from '@/core/schemas/list-params';
import type { UserListParams } from '@/core/schemas/lists';

const USER_SORTS = {
  role: [user.role, user.username],
  username: [user.username],
  name: [user.name, user.username],
  createdAt: [user.createdAt, user.username],
} as const;

/** One page of the accounts, with filters and sort; the total counted in SQL. */
export function listUsers(db: Db, input: UserListParams) {
  const conds: (SQL | undefined)[] = [];
  if (input.role) conds.push(eq(user.role, input.role));
  if (input.search) {
    conds.push(or(containsText(user.username, input.search), containsText(user.name, input.search)));
  }
  const where = and(...conds);
  const total = db.select({ n: count() }).from(user).where(where).get()?.n ?? 0;
  const rows = db
    .select({
      id: user.id,
      username: user.username,
      name: user.name,
      role: user.role,
      disabled: user.disabled,
      stakeholderId: user.stakeholderId,
      stakeholderName: stakeholders.name,
      createdAt: user.createdAt,
    })
    .from(user)
    .leftJoin(stakeholders, eq(stakeholders.id, user.stakeholderId))
    .where(where)
    .orderBy(...USER_SORTS[input.sort].map((c) => (input.dir === 'desc' ? desc(c) : asc(c))))
    .limit(input.pageSize)
    .offset(pageOffset(input))
    .all();
  const ids = rows.map((r) => r.id);
  const scopes = ids.length
    ? db
        .select({ userId: userRegionScopes.userId, regionId: regions.id, name: { en: regions.nameEn, 'zh-CN': regions.nameZh } })
        .from(userRegionScopes)
        .innerJoin(regions, eq(regions.id, userRegionScopes.regionId))
        .where(inArray(userRegionScopes.userId, ids))
        .all()
    : [];
  const items = rows.map((r) => ({ ...r, regions: scopes.filter((s) => s.userId === r.id) }));
  return pagedResult(items, total, input);
}

function checkScopeTargets(db: Db | Tx, input: { regionIds: number[]; stakeholderId: number | null; role: string }) {
  if (input.role === 'assessor') {
    const found = db.select({ id: regions.id }).from(regions).where(inArray(regions.id, input.regionIds)).all();
    if (found.length !== new Set(input.regionIds).size)
      throw new ValidationError('Some of the chosen regions do not exist.', { regionIds: [vmsg('validation.scope.regions')] });
  }
  if (input.role === 'stakeholder' && input.stakeholderId !== null) {
    const s = db.select({ id: stakeholders.id }).from(stakeholders).where(eq(stakeholders.id, input.stakeholderId)).get();
    if (!s) throw new ValidationError('That stakeholder does not exist.', { stakeholderId: [vmsg('validation.scope.stakeholder')] });
  }
}

function writeScopes(tx: Tx, userId: string, role: string, regionIds: number[]) {
  tx.delete(userRegionScopes).where(eq(userRegionScopes.userId, userId)).run();
  if (role === 'assessor' && regionIds.length) {
    tx.insert(userRegionScopes)
      .values([...new Set(regionIds)].map((regionId) => ({ userId, regionId })))
      .run();
  }
}

export async function createUser(db: Db, actor: SessionUser, input: UserCreateInput) {
  if (db.select({ id: user.id }).from(user).where(eq(user.username, input.username)).get()) {
    throw new ValidationError(`The username "${input.username}" is taken.`, { username: [vmsg('validation.usernameTaken')] });
  }
  checkScopeTargets(db, input);
  assertAcceptablePassword(input.password);
  // Hash before the (synchronous) transaction.
  const hash = await hashPassword(input.password);
  return db.transaction((tx) => {
    const id = crypto.randomUUID();
    const row = tx
      .insert(user)
      .values({
        id,
        username: input.username,
        displayUsername: input.username,
        name: input.name,
        email: `${input.username}@users.scorecard.invalid`,
        role: input.role,
        stakeholderId: input.role === 'stakeholder' ? input.stakeholderId : null,
        // The administrator knows this password: the user replaces it at first sign-in.
        mustChangePassword: true,
      })
      .returning()
      .get();
    tx.insert(account).values({ id: crypto.randomUUID(), accountId: id, providerId: 'credential', userId: id, password: hash }).run();
    writeScopes(tx, id, input.role, input.regionIds);
    writeAudit(tx, {
      actorId: actor.id,
      action: 'user.create',
      entity: 'user',
      entityId: id,
      after: { username: row.username, name: row.name, role: row.role, stakeholderId: row.stakeholderId, regionIds: input.regionIds },
    });
    return { id, username: row.username };
  });
}

function getUserRow(db: Db | Tx, id: string) {
  const row = db.select().from(user).where(eq(user.id, id)).get();
  if (!row) throw new NotFoundError('User', id);
  return row;
}

export function updateUser(db: Db, actor: SessionUser, input: UserUpdateInput) {
  const before = getUserRow(db, input.id);
  if (before.id === actor.id && input.role !== 'admin') {
    throw new StateError('You cannot remove your own administrator role.', 'self_demote');
  }
  checkScopeTargets(db, input);
  const beforeScopes = db.select({ regionId: userRegionScopes.regionId }).from(userRegionScopes).where(eq(userRegionScopes.userId, input.id)).all();
  return db.transaction((tx) => {
    const row = tx
      .update(user)
      .set({
        name: input.name,
        role: input.role,
        stakeholderId: input.role === 'stakeholder' ? input.stakeholderId : null,
        updatedAt: new Date(),
      })
      .where(eq(user.id, input.id))
      .returning()
      .get();
    writeScopes(tx, input.id, input.role, input.regionIds);
    // A role or scope change takes effect at once: end the user's sessions.
    if (before.role !== input.role) tx.delete(session).where(eq(session.userId, input.id)).run();
    writeAudit(tx, {
      actorId: actor.id,
      action: 'user.update',
      entity: 'user',
      entityId: input.id,
      before: { name: before.name, role: before.role, stakeholderId: before.stakeholderId, regionIds: beforeScopes.map((s) => s.regionId) },
      after: { name: row.name, role: row.role, stakeholderId: row.stakeholderId, regionIds: input.regionIds },
    });
    return { id: row.id };
  });
}

export async function resetPassword(db: Db, actor: SessionUser, id: string, password: string) {
  getUserRow(db, id);
  assertAcceptablePassword(password);
  const hash = await hashPassword(password);
  db.transaction((tx) => {
    const updated = tx
      .update(account)
      .set({ password: hash, updatedAt: new Date() })
      .where(and(eq(account.userId, id), eq(account.providerId, 'credential')))
      .returning({ id: account.id })
      .all();
    if (updated.length === 0) {
      tx.insert(account).values({ id: crypto.randomUUID(), accountId: id, providerId: 'credential', userId: id, password: hash }).run();
    }
    // The administrator knows this password: the user replaces it at the next sign-in.
    tx.update(user).set({ mustChangePassword: true, updatedAt: new Date() }).where(eq(user.id, id)).run();
    tx.delete(session).where(eq(session.userId, id)).run();
    writeAudit(tx, { actorId: actor.id, action: 'user.resetPassword', entity: 'user', entityId: id });
  });
  return { id };
}

export function setUserDisabled(db: Db, actor: SessionUser, id: string, disabled: boolean) {
  if (id === actor.id && disabled) throw new StateError('You cannot disable your own account.', 'self_disable');
  const before = getUserRow(db, id);
  if (before.disabled === disabled) throw new ConflictError(disabled ? 'The account is already disabled.' : 'The account is already enabled.', 'already_set');
  db.transaction((tx) => {
    tx.update(user).set({ disabled, updatedAt: new Date() }).where(eq(user.id, id)).run();
    if (disabled) tx.delete(session).where(eq(session.userId, id)).run();
    writeAudit(tx, {
      actorId: actor.id,
      action: disabled ? 'user.disable' : 'user.enable',
      entity: 'user',
      entityId: id,
      before: { disabled: before.disabled },
      after: { disabled },
    });
  });
  return { id, disabled };
}

export function setOwnLocale(db: Db, actor: SessionUser, locale: 'en' | 'zh-CN') {
  db.transaction((tx) => {
    const before = tx.select({ locale: user.locale }).from(user).where(eq(user.id, actor.id)).get();
    tx.update(user).set({ locale }).where(eq(user.id, actor.id)).run();
    writeAudit(tx, { actorId: actor.id, action: 'user.setLocale', entity: 'user', entityId: actor.id, before: { locale: before?.locale ?? null }, after: { locale } });
  });
  return { locale };
}

/**
 * A user replaces their own password (required after an administrator set it): the current one
 * must be right and the new one acceptable. Other sessions end; this one goes on.
 */
export async function changeOwnPassword(db: Db, actor: SessionUser, input: PasswordChangeInput) {
  const row = db
    .select({ id: account.id, hash: account.password })
    .from(account)
    .where(and(eq(account.userId, actor.id), eq(account.providerId, 'credential')))
    .get();
  if (!row?.hash || !(await verifyPassword({ hash: row.hash, password: input.currentPassword }))) {
    throw new ValidationError('The current password is not right.', { currentPassword: [vmsg('validation.password.current')] });
  }
  assertAcceptablePassword(input.newPassword, 'newPassword');
  const hash = await hashPassword(input.newPassword);
  db.transaction((tx) => {
    tx.update(account).set({ password: hash, updatedAt: new Date() }).where(eq(account.id, row.id)).run();
    tx.update(user).set({ mustChangePassword: false, updatedAt: new Date() }).where(eq(user.id, actor.id)).run();
    const others = actor.sessionId ? and(eq(session.userId, actor.id), ne(session.id, actor.sessionId)) : eq(session.userId, actor.id);
    tx.delete(session).where(others).run();
    writeAudit(tx, { actorId: actor.id, action: 'user.changePassword', entity: 'user', entityId: actor.id });
  });
  return { id: actor.id };
}
