// Sign-in through better-auth on a fresh database: right and wrong passwords, disabled accounts,
// the lock-out after repeated failures, sessions ending when an admin acts, the sign-in and
// sign-out routes, and the language choice.
import { beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { getAuth, resetAuth } from '@/server/auth/auth';
import { loadSessionUser } from '@/server/auth/session';
import { signIn } from '@/server/auth/sign-in';
import { signInRoute, signOutRoute } from '@/server/http';
import { createCaller } from '@/server/trpc/root';
import { session, auditLog, user } from '@/db/schema';
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

describe('the sign-in and sign-out routes', () => {
  const post = (fields: Record<string, string>) => {
    const body = new FormData();
    for (const [k, v] of Object.entries(fields)) body.set(k, v);
    return signInRoute.run({ db, user: null }, new Request('http://localhost/api/session/sign-in', { method: 'POST', body }));
  };

  it('signs in and redirects (303) to the requested page of this site', async () => {
    const res = await post({ username: 'alice', password: 'correct-horse', next: '/admin/users' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/admin/users');
    expect(db.select().from(session).all()).toHaveLength(1);
  });

  it('never redirects to another site', async () => {
    for (const next of ['//evil.example', '/\\evil.example', 'https://evil.example/']) {
      const res = await post({ username: 'alice', password: 'correct-horse', next });
      expect(res.headers.get('location'), next).toBe('/');
    }
  });

  it('sends a refusal back to the form with the reason and the username', async () => {
    const res = await post({ username: 'alice', password: 'wrong-password', next: '/admin' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/sign-in?error=invalid&username=alice&next=%2Fadmin');
  });

  it("sets the profile's language as the language cookie", async () => {
    db.update(user).set({ locale: 'en' }).where(eq(user.username, 'alice')).run();
    const res = await post({ username: 'alice', password: 'correct-horse' });
    expect(res.headers.get('set-cookie')).toBe('NEXT_LOCALE=en; Path=/; Max-Age=31536000; SameSite=Lax');
  });

  it('signing out without a session still goes to the sign-in page', async () => {
    const res = await signOutRoute.run({ db, user: null }, new Request('http://localhost/api/session/sign-out', { method: 'POST' }));
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/sign-in');
  });
});

describe('me.setLocale', () => {
  it('sets the language cookie without a session, and saves it in the profile with one', async () => {
    const anonymous = new Headers();
    await createCaller({ db, user: null, resHeaders: anonymous }).me.setLocale({ locale: 'en' });
    expect(anonymous.get('set-cookie')).toBe('NEXT_LOCALE=en; Path=/; Max-Age=31536000; SameSite=Lax');

    const alice = db.query.user.findFirst({ where: (u, { eq: e }) => e(u.username, 'alice') }).sync()!;
    const resHeaders = new Headers();
    const me = createCaller({ db, user: loadSessionUser(db, alice.id), resHeaders });
    expect(await me.me.setLocale({ locale: 'zh-CN' })).toEqual({ locale: 'zh-CN' });
    expect(resHeaders.get('set-cookie')).toBe('NEXT_LOCALE=zh-CN; Path=/; Max-Age=31536000; SameSite=Lax');
    expect(loadSessionUser(db, alice.id)?.locale).toBe('zh-CN');
  });
});
