// Sign-in and sign-out acts: throttled per client address and per (username, address)
// (./sign-in-throttle.ts), and audited — sign-ins, failures with the username as typed (never the
// password), sign-outs.
import 'server-only';
import net from 'node:net';
import { APIError } from 'better-auth/api';
import { eq } from 'drizzle-orm';
import { getDb } from '@/server/db';
import { user } from '@/db/schema';
import type { Locale } from '@/i18n/config';
import type { SignInRefusal } from '@/core/domain/sign-in';
import { writeAudit } from '@/server/queries/audit';
import { getAuth } from './auth';
import { clientAddress } from './client-address';
import type { SessionUser } from './session';
import { signInThrottle } from './sign-in-throttle';

export type SignInResult =
  | { ok: true; userId: string; locale: Locale | null; mustChangePassword: boolean }
  | { ok: false; reason: SignInRefusal; retryAfterSeconds?: number };

/** Audit rows keep the username as typed, cut to this length. */
const TYPED_MAX = 100;

export function normalizeUsername(raw: string): string {
  return raw.trim().toLowerCase();
}

/** The headers better-auth sees: the session records the address we resolved, not a claimed one. */
function authHeaders(headers: Headers, address: string): Headers {
  const out = new Headers(headers);
  out.delete('x-forwarded-for');
  if (net.isIP(address)) out.set('x-forwarded-for', address);
  return out;
}

export async function signIn(input: { username: string; password: string }, headers: Headers): Promise<SignInResult> {
  const db = getDb();
  const username = normalizeUsername(input.username);
  if (!username || !input.password) return { ok: false, reason: 'missing' };
  const address = clientAddress(headers);
  const throttle = signInThrottle();
  // A throttled attempt is answered without looking at the password, and is not audited: its
  // number is the attacker's to choose.
  const wait = throttle.retryAfterSeconds(username, address);
  if (wait > 0) return { ok: false, reason: 'throttled', retryAfterSeconds: wait };
  throttle.begin(username, address);
  const row = db
    .select({ id: user.id, locale: user.locale, mustChangePassword: user.mustChangePassword })
    .from(user)
    .where(eq(user.username, username))
    .get();
  const failed = (reason: SignInRefusal) => {
    writeAudit(db, {
      actorId: null,
      action: 'session.signInFailed',
      entity: 'user',
      entityId: row?.id ?? null,
      after: { username: input.username.slice(0, TYPED_MAX), address, reason },
    });
    return { ok: false as const, reason };
  };
  try {
    await getAuth().api.signInUsername({ body: { username, password: input.password }, headers: authHeaders(headers, address) });
  } catch (e) {
    if (!(e instanceof APIError)) throw e;
    if (e.message !== 'ACCOUNT_DISABLED') return failed('invalid');
    // The password was right; only the account is off.
    throttle.succeeded(username, address);
    return failed('disabled');
  }
  throttle.succeeded(username, address);
  // better-auth found the user, so the row exists.
  const signedIn = row!;
  writeAudit(db, { actorId: signedIn.id, action: 'session.signIn', entity: 'user', entityId: signedIn.id, after: { address } });
  return { ok: true, userId: signedIn.id, locale: signedIn.locale ?? null, mustChangePassword: signedIn.mustChangePassword };
}

/** Ends the session of these request headers; without one there is nothing to end. */
export async function signOut(headers: Headers, who: SessionUser | null): Promise<void> {
  try {
    await getAuth().api.signOut({ headers });
  } catch (e) {
    if (!(e instanceof APIError)) throw e;
    return;
  }
  if (who) writeAudit(getDb(), { actorId: who.id, action: 'session.signOut', entity: 'user', entityId: who.id });
}
