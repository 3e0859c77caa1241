// Sign-in and sign-out acts, with a per-username lock-out after repeated failures.
import 'server-only';
import { APIError } from 'better-auth/api';
import { and, count, eq, gte, lt } from 'drizzle-orm';
import { getDb } from '@/server/db';
import { type Db } from '@/db';
import { signInFailures, user } from '@/db/schema';
import type { Locale } from '@/i18n/config';
import type { SignInRefusal } from '@/core/domain/sign-in';
import { env } from '@/server/env';
import { getAuth } from './auth';

export type SignInResult = { ok: true } | { ok: false; reason: SignInRefusal; retryAfterSeconds?: number };

const windowMs = () => env.SIGN_IN_WINDOW_MINUTES * 60_000;

export function normalizeUsername(raw: string): string {
  return raw.trim().toLowerCase();
}

/** Seconds until the username may try again, or 0 when it is not locked. */
export function lockedForSeconds(db: Db, username: string, now = Date.now()): number {
  const since = new Date(now - windowMs());
  const rows = db
    .select({ at: signInFailures.at })
    .from(signInFailures)
    .where(and(eq(signInFailures.username, username), gte(signInFailures.at, since)))
    .orderBy(signInFailures.at)
    .all();
  if (rows.length < env.SIGN_IN_MAX_FAILURES) return 0;
  // Locked until the oldest failure that still counts leaves the window.
  const oldest = rows[rows.length - env.SIGN_IN_MAX_FAILURES]!.at.getTime();
  return Math.max(1, Math.ceil((oldest + windowMs() - now) / 1000));
}

export function recordFailure(db: Db, username: string, now = Date.now()): void {
  db.transaction((tx) => {
    tx.insert(signInFailures).values({ username, at: new Date(now) }).run();
    // Keep the table small: failures older than the window no longer matter.
    tx.delete(signInFailures).where(lt(signInFailures.at, new Date(now - windowMs()))).run();
  });
}

export function failureCount(db: Db, username: string): number {
  return db.select({ n: count() }).from(signInFailures).where(eq(signInFailures.username, username)).get()?.n ?? 0;
}

export async function signIn(input: { username: string; password: string }, headers: Headers): Promise<SignInResult> {
  const db = getDb();
  const username = normalizeUsername(input.username);
  if (!username || !input.password) return { ok: false, reason: 'missing' };
  const wait = lockedForSeconds(db, username);
  if (wait > 0) return { ok: false, reason: 'locked', retryAfterSeconds: wait };
  try {
    await getAuth().api.signInUsername({ body: { username, password: input.password }, headers });
  } catch (e) {
    if (e instanceof APIError) {
      if (e.message === 'ACCOUNT_DISABLED') return { ok: false, reason: 'disabled' };
      recordFailure(db, username);
      const after = lockedForSeconds(db, username);
      return after > 0 ? { ok: false, reason: 'locked', retryAfterSeconds: after } : { ok: false, reason: 'invalid' };
    }
    throw e;
  }
  db.delete(signInFailures).where(eq(signInFailures.username, username)).run();
  return { ok: true };
}

/** The language saved in a user's profile, if any. */
export function profileLocale(username: string): Locale | null {
  const row = getDb().select({ locale: user.locale }).from(user).where(eq(user.username, normalizeUsername(username))).get();
  return row?.locale ?? null;
}

/** Ends the session of these request headers; without one there is nothing to end. */
export async function signOut(headers: Headers): Promise<void> {
  try {
    await getAuth().api.signOut({ headers });
  } catch (e) {
    if (!(e instanceof APIError)) throw e;
  }
}
