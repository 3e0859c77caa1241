// Sign-in through better-auth on a fresh database: right and wrong passwords, disabled accounts,
// the lock-out after repeated failures, and sessions ending when an admin acts.
import { beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { getAuth, resetAuth } from '@/server/auth/auth';
import { signIn } from '@/server/auth/sign-in';
import { session, auditLog } from '@/db/schema';
import { env } from '@/server/env';
import { callerFor, freshDb, makeUser, smallWorld } from './helpers';
import type { Db } from '@/db/client';

let db: Db;
const headers = () => new Headers({ 'user-agent': 'vitest' });

beforeEach(async () => {
  db = freshDb();
  resetAuth();
  smallWorld(db);
  const admin = makeUser(db, 'admin', { username: 'root' });
  await callerFor(db, admin).users.create({ username: 'alice', name: 'Alice', password: 'correct-horse', role: 'admin', regionIds: [] });
});

describe('sign-in', () => {
  it('accepts the right password and creates a session', async () => {
    expect(await signIn({ username: 'Alice ', password: 'correct-horse' }, headers())).toEqual({ ok: true });
    expect(db.select().from(session).all()).toHaveLength(1);
  });

  it('refuses a wrong password with "invalid"', async () => {
    expect(await signIn({ username: 'alice', password: 'wrong-password' }, headers())).toEqual({ ok: false, reason: 'invalid' });
    expect(await signIn({ username: 'nobody', password: 'whatever1' }, headers())).toEqual({ ok: false, reason: 'invalid' });
    expect(await signIn({ username: '', password: '' }, headers())).toEqual({ ok: false, reason: 'missing' });
  });

  it('locks a username after repeated failures, even for the right password', async () => {
    for (let i = 0; i < env.SIGN_IN_MAX_FAILURES - 1; i++) {
      expect((await signIn({ username: 'alice', password: `wrong-${i}-xx` }, headers())).ok).toBe(false);
    }
    const last = await signIn({ username: 'alice', password: 'wrong-last-xx' }, headers());
    expect(last).toMatchObject({ ok: false, reason: 'locked' });
    const locked = await signIn({ username: 'alice', password: 'correct-horse' }, headers());
    expect(locked.ok).toBe(false);
    if (!locked.ok) {
      expect(locked.reason).toBe('locked');
      expect(locked.retryAfterSeconds).toBeGreaterThan(0);
      expect(locked.retryAfterSeconds).toBeLessThanOrEqual(env.SIGN_IN_WINDOW_MINUTES * 60);
    }
    // Another username is not affected.
    const admin = makeUser(db, 'admin');
    await callerFor(db, admin).users.create({ username: 'bob', name: 'Bob', password: 'bob-password', role: 'admin', regionIds: [] });
    expect(await signIn({ username: 'bob', password: 'bob-password' }, headers())).toEqual({ ok: true });
  });

  it('a disabled user cannot sign in, and disabling ends their sessions', async () => {
    expect((await signIn({ username: 'alice', password: 'correct-horse' }, headers())).ok).toBe(true);
    const admin = makeUser(db, 'admin');
    const alice = db.query.user.findFirst({ where: (u, { eq: e }) => e(u.username, 'alice') }).sync()!;
    await callerFor(db, admin).users.setDisabled({ id: alice.id, disabled: true });
    expect(db.select().from(session).where(eq(session.userId, alice.id)).all()).toHaveLength(0);
    expect(await signIn({ username: 'alice', password: 'correct-horse' }, headers())).toEqual({ ok: false, reason: 'disabled' });
    await callerFor(db, admin).users.setDisabled({ id: alice.id, disabled: false });
    expect((await signIn({ username: 'alice', password: 'correct-horse' }, headers())).ok).toBe(true);
    const actions = db.select({ action: auditLog.action }).from(auditLog).all().map((r) => r.action);
    expect(actions).toEqual(expect.arrayContaining(['user.create', 'user.disable', 'user.enable']));
  });

  it('a reset password replaces the old one and ends sessions', async () => {
    await signIn({ username: 'alice', password: 'correct-horse' }, headers());
    const admin = makeUser(db, 'admin');
    const alice = db.query.user.findFirst({ where: (u, { eq: e }) => e(u.username, 'alice') }).sync()!;
    await callerFor(db, admin).users.resetPassword({ id: alice.id, password: 'battery-staple' });
    expect(db.select().from(session).where(eq(session.userId, alice.id)).all()).toHaveLength(0);
    expect((await signIn({ username: 'alice', password: 'correct-horse' }, headers())).ok).toBe(false);
    expect((await signIn({ username: 'alice', password: 'battery-staple' }, headers())).ok).toBe(true);
  });

  it('the session cookie resolves to the user through getSession', async () => {
    const res = await getAuth().api.signInUsername({ body: { username: 'alice', password: 'correct-horse' }, headers: headers(), asResponse: true });
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/scorecard\.session_token=/);
    expect(cookie.toLowerCase()).toContain('httponly');
    const token = /scorecard\.session_token=([^;]+)/.exec(cookie)![1]!;
    const s = await getAuth().api.getSession({ headers: new Headers({ cookie: `scorecard.session_token=${token}` }) });
    expect(s?.user.name).toBe('Alice');
  });
});
