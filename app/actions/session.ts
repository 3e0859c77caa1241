'use server';
// Server actions for the session: sign in, sign out, and the language choice.
import { eq } from 'drizzle-orm';
import { cookies, headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { getDb } from '@/server/db';
import { user } from '@/db/schema';
import { signIn, signOut, normalizeUsername } from '@/server/auth/sign-in';
import { getContext } from '@/lib/trpc/server';
import { setOwnLocale } from '@/server/services/users';
import { isLocale, LOCALE_COOKIE, type Locale } from '@/i18n/config';

export type SignInState = { error: 'invalid' | 'disabled' | 'locked' | 'missing' | null; retryAfterSeconds?: number; username?: string };

const ONE_YEAR = 60 * 60 * 24 * 365;

/** Only same-site paths may be the destination after sign-in. */
function safeNext(raw: FormDataEntryValue | null): string {
  const next = typeof raw === 'string' ? raw : '';
  return next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : '/';
}

export async function signInAction(_prev: SignInState, form: FormData): Promise<SignInState> {
  const username = String(form.get('username') ?? '');
  const password = String(form.get('password') ?? '');
  const result = await signIn({ username, password }, await headers());
  if (!result.ok) return { error: result.reason, retryAfterSeconds: result.retryAfterSeconds, username };
  // The profile's language wins over the browser's from now on.
  const row = getDb().select({ locale: user.locale }).from(user).where(eq(user.username, normalizeUsername(username))).get();
  if (row?.locale) (await cookies()).set(LOCALE_COOKIE, row.locale, { path: '/', maxAge: ONE_YEAR, sameSite: 'lax' });
  redirect(safeNext(form.get('next')));
}

export async function signOutAction(): Promise<void> {
  await signOut(await headers());
  redirect('/sign-in');
}

export async function setLocaleAction(locale: Locale): Promise<void> {
  if (!isLocale(locale)) return;
  (await cookies()).set(LOCALE_COOKIE, locale, { path: '/', maxAge: ONE_YEAR, sameSite: 'lax' });
  const ctx = await getContext();
  if (ctx.user) setOwnLocale(ctx.db, ctx.user, locale);
}
