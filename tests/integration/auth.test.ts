// Sign-in through better-auth on a fresh database: right and wrong passwords, disabled accounts,
// sessions ending when an admin acts, the sign-in and sign-out routes, the language choice, the
// password rules and the change an administrator-set password calls for, and the audit rows of
// each (throttling: sign-in-throttle.test.ts).
import { beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { getAuth, resetAuth } from '@/server/auth/auth';
import { CLIENT_ADDRESS_HEADER } from '@/server/auth/client-address';
import { loadSessionUser } from '@/server/auth/session';
import { signIn } from '@/server/auth/sign-in';
import { localeRoute, signInRoute, signOutRoute } from '@/server/http';
import { session, auditLog, user } from '@/db/schema';
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
  // As if Alice had already chosen her own password (the forced change has its own tests below).
  db.update(user).set({ mustChangePassword: false }).where(eq(user.username, 'alice')).run();
});

describe('sign-in', () => {
  it('accepts the right password and creates a session', async () => {
    expect(await signIn({ username: 'Alice ', password: 'correct-horse' }, headers())).toMatchObject({ ok: true });
    expect(db.select().from(session).all()).toHaveLength(1);
  });

  it('refuses a wrong password with "invalid"', async () => {
    expect(await signIn({ username: 'alice', password: 'wrong-password' }, headers())).toEqual({ ok: false, reason: 'invalid' });
    expect(await signIn({ username: 'nobody', password: 'whatever1' }, headers())).toEqual({ ok: false, reason: 'invalid' });
    expect(await signIn({ username: '', password: '' }, headers())).toEqual({ ok: false, reason: 'missing' });
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

  it('never redirects to another site, and never fails on what next holds', async () => {
    const payloads = ['//evil.example', '/\\evil.example', '\\/evil.example', 'https://evil.example/', '/.//evil.example'];
    // The reported ones, as the form field arrives (decoded once): tab, newline.
    payloads.push(decodeURIComponent('%2F%09%2Fevil.example%2F'), decodeURIComponent('%2F%0A%2Fevil.example%2F'), '/admin\n');
    for (const next of payloads) {
      const res = await post({ username: 'alice', password: 'correct-horse', next });
      expect(res.status, JSON.stringify(next)).toBe(303);
      expect(new URL(res.headers.get('location')!, 'http://localhost').origin, JSON.stringify(next)).toBe('http://localhost');
    }
    const refused = await post({ username: 'alice', password: 'wrong-password', next: '/\n/evil.example' });
    expect(refused.headers.get('location')).toBe('/sign-in?error=invalid&username=alice');
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

describe('password rules', () => {
  const alice = () => db.query.user.findFirst({ where: (u, { eq: e }) => e(u.username, 'alice') }).sync()!;

  it('refuses a short or common password wherever one is set, with the message at the field', async () => {
    const admin = callerFor(db, makeUser(db, 'admin'));
    const create = (password: string) => admin.users.create({ username: 'carol', name: 'Carol', password, role: 'admin', regionIds: [] });
    await expect(create('short-pw')).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('validation.password.min') });
    for (const common of ['1234567890', 'qwertyuiop', 'Password123', 'BASKETBALL']) {
      const error = await create(common).catch((e: unknown) => e);
      expect(error, common).toMatchObject({ code: 'BAD_REQUEST', cause: { fields: { password: ['validation.password.common'] } } });
    }
    await expect(admin.users.resetPassword({ id: alice().id, password: 'manchester' })).rejects.toMatchObject({
      cause: { fields: { password: ['validation.password.common'] } },
    });
    const me = callerFor(db, loadSessionUser(db, alice().id));
    await expect(
      me.me.changePassword({ currentPassword: 'correct-horse', newPassword: '1q2w3e4r5t', confirmPassword: '1q2w3e4r5t' }),
    ).rejects.toMatchObject({ cause: { fields: { newPassword: ['validation.password.common'] } } });
    // Nothing was written by the refusals.
    expect((await signIn({ username: 'alice', password: 'correct-horse' }, headers())).ok).toBe(true);
    expect(db.select().from(user).where(eq(user.username, 'carol')).all()).toHaveLength(0);
  });

  it('the demo password meets the rules', async () => {
    const { DEMO_PASSWORD } = await import('@/core/domain/demo-users');
    const { passwordSchema } = await import('@/core/schemas/org');
    const { isCommonPassword } = await import('@/server/auth/password-policy');
    expect(passwordSchema.safeParse(DEMO_PASSWORD).success).toBe(true);
    expect(isCommonPassword(DEMO_PASSWORD)).toBe(false);
  });
});

describe('a password set by an administrator is changed at first sign-in', () => {
  const post = (fields: Record<string, string>) => {
    const body = new FormData();
    for (const [k, v] of Object.entries(fields)) body.set(k, v);
    return signInRoute.run({ db, user: null }, new Request('http://localhost/api/session/sign-in', { method: 'POST', body }));
  };

  it('a new account goes to the change-password page, and nothing else works until it is done', async () => {
    const admin = makeUser(db, 'admin');
    await callerFor(db, admin).users.create({ username: 'dave', name: 'Dave', password: 'temporary-pass', role: 'admin', regionIds: [] });
    const res = await post({ username: 'dave', password: 'temporary-pass', next: '/admin/users' });
    expect(res.headers.get('location')).toBe('/change-password?next=%2Fadmin%2Fusers');
    const daveId = db.select({ id: user.id }).from(user).where(eq(user.username, 'dave')).get()!.id;
    const sessionId = db.select({ id: session.id }).from(session).where(eq(session.userId, daveId)).get()!.id;
    const dave = loadSessionUser(db, daveId, sessionId)!;
    expect(dave.mustChangePassword).toBe(true);
    const me = callerFor(db, dave);
    await expect(me.users.list({ page: 1, pageSize: 10 })).rejects.toMatchObject({ code: 'FORBIDDEN', cause: { reason: 'password_change_required' } });
    await expect(me.me.get()).resolves.toMatchObject({ mustChangePassword: true });

    await expect(me.me.changePassword({ currentPassword: 'wrong-current', newPassword: 'daves-own-secret', confirmPassword: 'daves-own-secret' })).rejects.toMatchObject({
      cause: { fields: { currentPassword: ['validation.password.current'] } },
    });
    await expect(me.me.changePassword({ currentPassword: 'temporary-pass', newPassword: 'daves-own-secret', confirmPassword: 'daves-other' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
    // Another session (say, the administrator trying the password) ends; this one goes on.
    await signIn({ username: 'dave', password: 'temporary-pass' }, headers());
    expect(db.select().from(session).where(eq(session.userId, daveId)).all()).toHaveLength(2);
    await me.me.changePassword({ currentPassword: 'temporary-pass', newPassword: 'daves-own-secret', confirmPassword: 'daves-own-secret' });
    expect(db.select({ id: session.id }).from(session).where(eq(session.userId, daveId)).all()).toEqual([{ id: sessionId }]);

    const after = callerFor(db, loadSessionUser(db, daveId, sessionId));
    await expect(after.users.list({ page: 1, pageSize: 10 })).resolves.toMatchObject({ total: expect.any(Number) });
    expect((await signIn({ username: 'dave', password: 'temporary-pass' }, headers())).ok).toBe(false);
    expect(await signIn({ username: 'dave', password: 'daves-own-secret' }, headers())).toMatchObject({ ok: true, mustChangePassword: false });
  });

  it('a reset by an administrator asks for a change again; seeded demo users are not asked', async () => {
    const admin = makeUser(db, 'admin');
    const alice = db.select({ id: user.id }).from(user).where(eq(user.username, 'alice')).get()!;
    expect(await signIn({ username: 'alice', password: 'correct-horse' }, headers())).toMatchObject({ mustChangePassword: false });
    await callerFor(db, admin).users.resetPassword({ id: alice.id, password: 'reset-by-admin' });
    expect(await signIn({ username: 'alice', password: 'reset-by-admin' }, headers())).toMatchObject({ ok: true, mustChangePassword: true });
    // makeUser inserts rows as the seeders do: no change asked.
    expect(makeUser(db, 'assessor').mustChangePassword).toBe(false);
  });
});

describe('audit of sign-in, failures, sign-out and language', () => {
  const rows = (action: string) => db.select().from(auditLog).where(eq(auditLog.action, action)).all();

  it('records a sign-in and a failure with the username as typed, never the password', async () => {
    const address = { [CLIENT_ADDRESS_HEADER]: '198.51.100.23' };
    await signIn({ username: ' ALICE', password: 'not-her-password' }, new Headers(address));
    await signIn({ username: 'ghost', password: 'whatever-pass' }, new Headers(address));
    await signIn({ username: 'alice', password: 'correct-horse' }, new Headers(address));
    const alice = db.select({ id: user.id }).from(user).where(eq(user.username, 'alice')).get()!;
    const failures = rows('session.signInFailed');
    expect(failures.map((r) => [r.actorId, r.entityId, r.after])).toEqual([
      [null, alice.id, { username: ' ALICE', address: '198.51.100.23', reason: 'invalid' }],
      [null, null, { username: 'ghost', address: '198.51.100.23', reason: 'invalid' }],
    ]);
    expect(JSON.stringify(db.select().from(auditLog).all())).not.toContain('not-her-password');
    expect(rows('session.signIn').map((r) => [r.actorId, r.entityId, r.after])).toEqual([[alice.id, alice.id, { address: '198.51.100.23' }]]);
  });

  it('records a sign-out with a session, and a language change of a signed-in user', async () => {
    const res = await getAuth().api.signInUsername({ body: { username: 'alice', password: 'correct-horse' }, headers: headers(), asResponse: true });
    const token = /scorecard\.session_token=([^;]+)/.exec(res.headers.get('set-cookie') ?? '')![1]!;
    const cookie = new Headers({ cookie: `scorecard.session_token=${token}` });
    const alice = db.query.user.findFirst({ where: (u, { eq: e }) => e(u.username, 'alice') }).sync()!;
    await localeRoute.run({ db, user: loadSessionUser(db, alice.id) }, new Request('http://localhost/api/session/locale', { method: 'POST', body: new URLSearchParams({ locale: 'en' }) }));
    expect(rows('user.setLocale').map((r) => [r.actorId, r.before, r.after])).toEqual([[alice.id, { locale: null }, { locale: 'en' }]]);

    await signOutRoute.run({ db, user: loadSessionUser(db, alice.id) }, new Request('http://localhost/api/session/sign-out', { method: 'POST', headers: cookie }));
    expect(db.select().from(session).where(eq(session.userId, alice.id)).all()).toHaveLength(0);
    expect(rows('session.signOut').map((r) => r.actorId)).toEqual([alice.id]);
    // Without a session there is nothing to record.
    await signOutRoute.run({ db, user: null }, new Request('http://localhost/api/session/sign-out', { method: 'POST' }));
    expect(rows('session.signOut')).toHaveLength(1);
  });
});
